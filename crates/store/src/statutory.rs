//! The days a royal decree equates with a holiday (Algemene termijnenwet art. 3 lid 3):
//! data the operator keeps, each change journaled with its Staatscourant reference, and
//! loaded into the domain's statutory calendar for every legal term.

use eenplan_domain::calendar::{StatutoryCalendar, check_equated_day};
use eenplan_domain::journal::{Actor, Event};
use jiff::civil::Date;

use crate::db::stored_date;
use crate::{StoreError, Tx, params};

/// One equated day as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatutoryDay {
    pub day: Date,
    pub reference: String,
    pub added_by: String,
}

impl Tx {
    /// Every equated day, oldest first.
    pub async fn statutory_days(&mut self) -> Result<Vec<StatutoryDay>, StoreError> {
        self.fetch_all(
            "SELECT day, reference, added_by FROM statutory_days ORDER BY day",
            vec![],
        )
        .await?
        .iter()
        .map(|r| {
            Ok(StatutoryDay {
                day: stored_date(&r.text("day")?)?,
                reference: r.text("reference")?,
                added_by: r.text("added_by")?,
            })
        })
        .collect()
    }

    /// The calendar every legal term is counted on, with the equated days as stored.
    pub async fn statutory_calendar(&mut self) -> Result<StatutoryCalendar, StoreError> {
        Ok(StatutoryCalendar::new(
            self.statutory_days().await?.into_iter().map(|d| d.day),
        ))
    }

    /// Equates `day` with a holiday on the decree `reference` names.
    pub async fn add_statutory_day(
        &mut self,
        actor: &Actor,
        day: Date,
        reference: &str,
    ) -> Result<(), StoreError> {
        check_equated_day(day, reference).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let reference = reference.trim();
        let (added_by, _) = actor.stored();
        self.execute(
            "INSERT INTO statutory_days (day, reference, added_by) VALUES ($1, $2, $3)",
            params![day.to_string(), reference, added_by],
        )
        .await
        .map_err(|e| e.duplicate_as(|| format!("equated day {day}")))?;
        self.append(
            actor,
            Event::StatutoryDayAdded {
                day: day.to_string(),
                reference: reference.to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// Takes `day` off the list; `reference` says why (the decree that no longer
    /// equates it, or the correction).
    pub async fn remove_statutory_day(
        &mut self,
        actor: &Actor,
        day: Date,
        reference: &str,
    ) -> Result<(), StoreError> {
        let reference = reference.trim();
        if reference.is_empty() {
            return Err(StoreError::Invalid(
                "name the Staatscourant reference (or the correction) that takes this day off"
                    .into(),
            ));
        }
        let removed = self
            .execute(
                "DELETE FROM statutory_days WHERE day = $1",
                params![day.to_string()],
            )
            .await?;
        if removed == 0 {
            return Err(StoreError::NotFound(format!("equated day {day}")));
        }
        self.append(
            actor,
            Event::StatutoryDayRemoved {
                day: day.to_string(),
                reference: reference.to_owned(),
            },
        )
        .await?;
        Ok(())
    }
}
