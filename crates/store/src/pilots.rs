//! The pilots as data (issue 16 §1): which way of working started in which area, and
//! when, as precisely as it is known. The evaluation compares every figure between the
//! pilots' areas and the rest, and before and after a start.
//!
//! How the rows come about: an area created with a name the seed texts' pilots name
//! (`evaluation::pilot::known_pilots_for`) gets those pilots in the same transaction, so
//! a region's set-up (`eenplan area add`, the demo, the chain administrator's form) needs
//! no second step; the migration that adds the table does the same for the areas that
//! already exist. A start is then corrected or completed (Spoorzoom) by a chain
//! administrator. Every row written is journaled as `pilot_start_set`.

use eenplan_domain::UtcTime;
use eenplan_domain::evaluation::pilot::{
    AreaPilot, PilotKind, PilotStart, StartPrecision, known_pilots_for,
};
use eenplan_domain::journal::{Actor, Event};

use crate::db::stored_opt_date;
use crate::{Row, StoreError, Tx, params};

fn pilot_from_row(r: &Row) -> Result<AreaPilot, StoreError> {
    let precision: StartPrecision = r.code("start_precision")?;
    let start = PilotStart::from_stored(precision, stored_opt_date(r.opt_text("start_on")?)?)
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(AreaPilot {
        kind: r.code("kind")?,
        area_id: r.text("area_id")?,
        area_name: r.text("area_name")?,
        start,
    })
}

impl Tx {
    /// Every pilot in every area, by way of working and then area name.
    pub async fn pilots(&mut self) -> Result<Vec<AreaPilot>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT p.kind, p.area_id, a.name AS area_name, p.start_precision, p.start_on \
                 FROM pilots p JOIN areas a ON a.id = p.area_id ORDER BY p.kind, a.name, p.area_id",
                vec![],
            )
            .await?;
        let mut pilots = rows
            .iter()
            .map(pilot_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        // The order of the ways of working is the domain's, not their codes' alphabet.
        pilots.sort_by_key(|p| PilotKind::ALL.iter().position(|k| *k == p.kind));
        Ok(pilots)
    }

    /// Sets when `kind` started in `area_id` (a new pilot, or a start corrected or
    /// completed): the chain administrator's work. An unknown area is `NotFound`.
    pub async fn set_pilot_start(
        &mut self,
        actor: &Actor,
        kind: PilotKind,
        area_id: &str,
        start: PilotStart,
    ) -> Result<AreaPilot, StoreError> {
        let area = self.area(area_id).await?;
        let (precision, first) = start.stored();
        self.execute(
            "INSERT INTO pilots (kind, area_id, start_precision, start_on, changed_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (kind, area_id) DO UPDATE SET start_precision = excluded.start_precision, \
             start_on = excluded.start_on, changed_at = excluded.changed_at",
            params![
                kind.code(),
                area_id,
                precision.code(),
                first.map(|d| d.to_string()),
                UtcTime::now().to_rfc3339()
            ],
        )
        .await?;
        self.journal_pilot(actor, kind, area_id, start).await?;
        Ok(AreaPilot {
            kind,
            area_id: area.id,
            area_name: area.name,
            start,
        })
    }

    /// Gives the area named `name` the pilots the seed texts name for it, leaving any
    /// it already has as they are.
    pub(crate) async fn seed_known_pilots(
        &mut self,
        actor: &Actor,
        area_id: &str,
        name: &str,
    ) -> Result<(), StoreError> {
        for (kind, start) in known_pilots_for(name) {
            let (precision, first) = start.stored();
            let written = self
                .execute(
                    "INSERT INTO pilots (kind, area_id, start_precision, start_on, changed_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, area_id) DO NOTHING",
                    params![
                        kind.code(),
                        area_id,
                        precision.code(),
                        first.map(|d| d.to_string()),
                        UtcTime::now().to_rfc3339()
                    ],
                )
                .await?;
            if written > 0 {
                self.journal_pilot(actor, kind, area_id, start).await?;
            }
        }
        Ok(())
    }

    /// The same for every area there is: run once, by the migration that adds the table.
    pub(crate) async fn seed_known_pilots_everywhere(&mut self) -> Result<(), StoreError> {
        let actor = Actor::System {
            component: "migrate",
        };
        for area in self.areas().await? {
            self.seed_known_pilots(&actor, &area.id, &area.name).await?;
        }
        Ok(())
    }

    async fn journal_pilot(
        &mut self,
        actor: &Actor,
        kind: PilotKind,
        area_id: &str,
        start: PilotStart,
    ) -> Result<(), StoreError> {
        let (precision, first) = start.stored();
        self.append(
            actor,
            Event::PilotStartSet {
                pilot: kind,
                area_id: area_id.to_owned(),
                precision,
                start_on: first.map(|d| d.to_string()),
            },
        )
        .await
    }
}
