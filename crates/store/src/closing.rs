//! Closing and reopening a family file: the `closed_on` state and its journal entry in
//! one transaction. The rule (who, when it is refused, the retention term) is the
//! domain's `family::closing`; the store gathers what it needs and keeps the row and the
//! journal together.

use eenplan_domain::FamilyId;
use eenplan_domain::family::{
    ClosingFacts, ClosingReason, Framework, check_close, check_reopen, retention_ends_on,
};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::time::amsterdam_date;
use jiff::civil::Date;

use crate::db::stored_opt_date;
use crate::{Row, StoreError, Tx, params};

/// A closed file: when, why, and the note the lead added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    pub on: Date,
    pub reason: ClosingReason,
    pub note: Option<String>,
}

impl Closed {
    /// The first day the file may be destroyed (the domain's retention term).
    pub fn retention_ends_on(&self) -> Date {
        retention_ends_on(self.on)
    }
}

/// The closing a `families` row holds (`closed_on`, `closing_reason`, `closing_note`).
pub(crate) fn closed(row: &Row) -> Result<Option<Closed>, StoreError> {
    let Some(on) = stored_opt_date(row.opt_text("closed_on")?)? else {
        return Ok(None);
    };
    Ok(Some(Closed {
        on,
        reason: row.code("closing_reason")?,
        note: row.opt_text("closing_note")?,
    }))
}

impl Tx {
    /// The file's framework and closing, locked for this transaction on PostgreSQL (on
    /// SQLite `BEGIN IMMEDIATE` already holds the write lock), so two leads closing at
    /// once cannot both pass the rule.
    async fn closing_state(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<(Framework, Option<Date>), StoreError> {
        let lock = if self.backend() == crate::Backend::Postgres {
            " FOR UPDATE"
        } else {
            ""
        };
        let row = self
            .fetch_optional(
                &format!("SELECT framework, closed_on FROM families WHERE id = $1{lock}"),
                params![family_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        Ok((
            row.code("framework")?,
            stored_opt_date(row.opt_text("closed_on")?)?,
        ))
    }

    /// Closes the file today (the Dutch day of this transaction's moment) when the
    /// domain allows it: sets `closed_on` and journals `file_closed` together.
    pub async fn close_file(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        reason: Option<ClosingReason>,
        note: &str,
    ) -> Result<Date, StoreError> {
        let (framework, closed_on) = self.closing_state(family_id).await?;
        let facts = ClosingFacts {
            closed_on,
            framework,
            guidance_running: self
                .save_guidances(family_id)
                .await?
                .iter()
                .any(crate::Guidance::running),
            evu_open: self
                .evu_referrals_of(family_id)
                .await?
                .iter()
                .any(|r| r.state.is_open()),
            raad_request_open: self
                .protection_order_requests(family_id)
                .await?
                .iter()
                .any(|r| r.state.open()),
        };
        let reason = check_close(facts, reason, note)?;
        let today = amsterdam_date(self.now());
        let note = Some(note.trim()).filter(|n| !n.is_empty());
        self.execute(
            "UPDATE families SET closed_on = $2, closing_reason = $3, closing_note = $4 WHERE id = $1",
            params![family_id, today.to_string(), reason.code(), note],
        )
        .await?;
        self.append(
            actor,
            Event::FileClosed {
                family_id: family_id.to_string(),
                reason: reason.code().to_owned(),
                note: note.map(str::to_owned),
                closed_on: today.to_string(),
            },
        )
        .await?;
        Ok(today)
    }

    /// Reopens a closed file: clears its closing and journals `file_reopened` with why.
    pub async fn reopen_file(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        reason: &str,
    ) -> Result<(), StoreError> {
        let (_, closed_on) = self.closing_state(family_id).await?;
        check_reopen(closed_on, reason)?;
        self.execute(
            "UPDATE families SET closed_on = NULL, closing_reason = NULL, closing_note = NULL WHERE id = $1",
            params![family_id],
        )
        .await?;
        self.append(
            actor,
            Event::FileReopened {
                family_id: family_id.to_string(),
                reason: reason.trim().to_owned(),
            },
        )
        .await
    }
}
