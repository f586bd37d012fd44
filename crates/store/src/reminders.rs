//! The daily reminders (issue 15 §1): the domain says what a Dutch day tells
//! (`notification::reminders`); this reads what is due, resolves the owners to people,
//! applies the gate and writes each reminder once per person by its `once_key`. Any
//! number of runs, on any number of instances at once, write each reminder once: the
//! unique `once_key` decides (`ON CONFLICT DO NOTHING`; on PostgreSQL a second
//! instance inserting the same key waits for the first and then writes nothing).

use std::collections::HashMap;

use eenplan_domain::notification::{FileDue, MeetingDue, Reminder, reminders};
use eenplan_domain::{FamilyId, UtcTime};
use jiff::civil::Date;

use crate::consent::AccessFacts;
use crate::db::stored_date;
use crate::notifications::NewNotification;
use crate::{Store, StoreError, Tx, params};

/// Files per transaction: short transactions, so a run never holds writers up long.
const BATCH: i64 = 100;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RemindReport {
    /// Reminders written now (those written before, by an earlier run or another
    /// instance, do not count).
    pub written: usize,
}

impl Store {
    /// Writes the reminders due on `today` (the Dutch date): what is due soon or
    /// overdue in every open file, and the joint assessment views still missing.
    pub async fn remind(&self, today: Date, now: UtcTime) -> Result<RemindReport, StoreError> {
        let mut report = RemindReport::default();
        let calendar = {
            let mut tx = self.read().await?;
            let c = tx.statutory_calendar().await?;
            tx.commit().await?;
            c
        };
        if !calendar.is_working_day(today) {
            // The domain tells nothing on a day off: no need to read a single file.
            return Ok(report);
        }
        let horizon = eenplan_domain::notification::reminders::looks_ahead_to(today, &calendar);
        let mut after = String::new();
        loop {
            let mut tx = self.write().await?;
            let ids: Vec<FamilyId> = tx
                .fetch_all(
                    "SELECT id FROM families WHERE closed_on IS NULL AND next_due_on IS NOT NULL \
                     AND next_due_on <= $1 AND id > $2 ORDER BY id LIMIT $3",
                    params![horizon.to_string(), after.clone(), BATCH],
                )
                .await?
                .iter()
                .map(|r| r.id("id"))
                .collect::<Result<_, _>>()?;
            let Some(last) = ids.last() else {
                tx.commit().await?;
                break;
            };
            after = last.to_string();
            let mut files = Vec::with_capacity(ids.len());
            for id in &ids {
                files.push(FileDue {
                    family_id: id.to_string(),
                    items: tx.file_due_items(id).await?,
                });
            }
            let told = reminders(today, &calendar, &files, &[]);
            report.written += tx.write_reminders(&told, now).await?;
            tx.commit().await?;
        }
        let mut tx = self.write().await?;
        let meetings = tx
            .meetings_missing_views(
                today,
                eenplan_domain::notification::reminders::meetings_up_to(today, &calendar),
            )
            .await?;
        let told = reminders(today, &calendar, &[], &meetings);
        report.written += tx.write_reminders(&told, now).await?;
        tx.commit().await?;
        Ok(report)
    }
}

impl Tx {
    /// Scheduled meetings after `today` up to `until`, each with the invited
    /// organisations that have not recorded a view.
    async fn meetings_missing_views(
        &mut self,
        today: Date,
        until: Date,
    ) -> Result<Vec<MeetingDue>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT j.id, j.family_id, j.meets_on, i.organisation_id \
                 FROM joint_assessments j JOIN joint_assessment_invitees i ON i.meeting_id = j.id \
                 WHERE j.state = 'scheduled' AND j.meets_on > $1 AND j.meets_on <= $2 \
                 AND NOT EXISTS (SELECT 1 FROM joint_assessment_views v \
                   WHERE v.meeting_id = i.meeting_id AND v.organisation_id = i.organisation_id) \
                 ORDER BY j.id, i.organisation_id",
                params![today.to_string(), until.to_string()],
            )
            .await?;
        let mut out: Vec<MeetingDue> = Vec::new();
        for r in &rows {
            let id = r.text("id")?;
            let organisation = r.text("organisation_id")?;
            match out.last_mut() {
                Some(m) if m.meeting_id == id => m.missing_views.push(organisation),
                _ => out.push(MeetingDue {
                    family_id: r.text("family_id")?,
                    meeting_id: id,
                    meets_on: stored_date(&r.text("meets_on")?)?,
                    missing_views: vec![organisation],
                }),
            }
        }
        Ok(out)
    }

    /// Writes each reminder to the people its roles name now, past its gate, once per
    /// person (its `once` key and the person's id); how many were new.
    async fn write_reminders(
        &mut self,
        told: &[Reminder],
        now: UtcTime,
    ) -> Result<usize, StoreError> {
        let mut facts: HashMap<String, Option<AccessFacts>> = HashMap::new();
        let mut written = 0;
        for r in told {
            let family = r.family_id.as_deref();
            for user_id in self.recipients(family, &r.to).await? {
                if !self
                    .passes_gate(r.gate, family, &user_id, &mut facts, now)
                    .await?
                {
                    continue;
                }
                let once_key = format!("{}:{user_id}", r.once);
                let due_on = r.due_on.to_string();
                if self
                    .notify(
                        &NewNotification {
                            user_id: &user_id,
                            kind: r.kind,
                            family_id: family,
                            lost_label: None,
                            subject_id: Some(&r.subject_id),
                            due_on: Some(&due_on),
                            once_key: Some(&once_key),
                        },
                        now,
                    )
                    .await?
                {
                    written += 1;
                }
            }
        }
        Ok(written)
    }
}
