//! Cutting old access-log lines without breaking the chain (issue 18 §4): a cut first
//! writes a checkpoint (the seq and hash of the last line cut) and its journal entry,
//! then removes the lines up to it, in one transaction. `verify` starts the chain from
//! the latest checkpoint the journal witnesses; lines gone without one stay tampering.
//! On PostgreSQL the months the checkpoint wholly covers are dropped as partitions
//! (`access_log_partitions`) rather than deleted line by line.

use eenplan_domain::UtcTime;
use eenplan_domain::access_log::retention::{FileState, Retention, may_cut};
use eenplan_domain::journal::{Actor, Event, Head, Verifier};
use eenplan_domain::time::{amsterdam_date, amsterdam_day_start};
use jiff::civil::Date;

use crate::access_log::{SEALED_COLUMNS, VERIFY_PAGE, line_entry};
use crate::db::{stored_date, stored_opt_date};
use crate::{Backend, Row, Store, StoreError, Tx, params};

/// A cut that was made: the checkpoint it left and how many lines went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLogCut {
    pub checkpoint: Head,
    pub lines: i64,
    /// The month partitions dropped whole (PostgreSQL): their lines are among `lines`.
    pub dropped_months: Vec<String>,
}

/// Where the access log's chain starts now: the latest cut the journal records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLogCheckpoint {
    pub head: Head,
    /// Every line written before this Dutch day was cut.
    pub before: Date,
    /// The journal entry that records the cut.
    pub journal_seq: i64,
}

impl Store {
    /// Cuts every access-log line written before the Dutch day `before`, when the rule
    /// lets each of them go on `today`; refuses the whole cut otherwise (one line says
    /// which line is kept and why), and when the lines to cut are not intact (a cut
    /// must not wash away the evidence of tampering). `None`: nothing to cut.
    pub async fn cut_access_log(
        &self,
        actor: &Actor,
        before: Date,
        retention: Retention,
        today: Date,
    ) -> Result<Option<AccessLogCut>, StoreError> {
        let mut tx = self.write().await?;
        if tx.backend() == Backend::Postgres {
            // One cut at a time; lines keep being written at the head meanwhile.
            tx.execute(
                "LOCK TABLE access_log_checkpoints IN SHARE ROW EXCLUSIVE MODE",
                vec![],
            )
            .await?;
        }
        let previous = tx.access_log_checkpoint().await?;
        let from = previous.as_ref().map(|c| c.head.clone());
        let until = amsterdam_day_start(before).timestamp();
        let columns = SEALED_COLUMNS
            .split(',')
            .map(|c| format!("a.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let mut verifier = match &from {
            Some(head) => Verifier::resume_after(head.clone(), None),
            None => Verifier::new(None),
        };
        let mut last: Option<Head> = None;
        let mut lines = 0_i64;
        let mut after = from.as_ref().map_or(0, |h| h.seq);
        'pages: loop {
            let page = tx
                .fetch_all(
                    &format!(
                        "SELECT {columns}, f.id AS file_id, f.closed_on FROM access_log a \
                         LEFT JOIN families f ON f.id = a.family_id \
                         WHERE a.seq > $1 ORDER BY a.seq LIMIT $2"
                    ),
                    params![after, VERIFY_PAGE],
                )
                .await?;
            let Some(end) = page.last() else { break };
            after = end.int("seq")?;
            for row in &page {
                let at = stored_time(row)?;
                if at.timestamp() >= until {
                    break 'pages;
                }
                let seq = row.int("seq")?;
                let written_on = amsterdam_date(at);
                if let Err(kept) = may_cut(retention, written_on, file_state(row)?, today) {
                    return Err(StoreError::Invalid(format!(
                        "refused: access-log line #{seq} (written {written_on}) cannot be cut yet: {kept}; nothing was cut"
                    )));
                }
                let entry = line_entry(row)?;
                verifier.push(&entry);
                last = Some(entry.head());
                lines += 1;
            }
        }
        let Some(last) = last else {
            return Ok(None);
        };
        let report = verifier.finish(Some(last.clone()));
        if let Some(finding) = report.findings.first() {
            return Err(StoreError::Invalid(format!(
                "refused: the access-log lines to cut are not intact ({finding}); run `eenplan verify`; nothing was cut"
            )));
        }
        tx.execute(
            "INSERT INTO access_log_checkpoints (seq, hash, cut_before, cut_at) VALUES ($1, $2, $3, $4)",
            params![last.seq, &last.hash, before.to_string(), UtcTime::now().to_rfc3339()],
        )
        .await?;
        tx.append(
            actor,
            Event::AccessLogCut {
                last_seq: last.seq,
                last_hash: last.hash.clone(),
                before: before.to_string(),
                lines,
            },
        )
        .await?;
        // On PostgreSQL the months wholly before the day whose every line the
        // checkpoint covers go as tables (the checkpoint and its journal entry are
        // written first, as for lines); the rest of the cut goes line by line.
        let dropped_months = tx
            .detach_months_cut(&amsterdam_day_start(before).to_rfc3339(), last.seq)
            .await?;
        tx.execute(
            "DELETE FROM access_log WHERE seq > $1 AND seq <= $2",
            params![from.as_ref().map_or(0, |h| h.seq), last.seq],
        )
        .await?;
        for month in &dropped_months {
            tx.execute(&format!("DROP TABLE {month}"), vec![]).await?;
        }
        tx.commit().await?;
        Ok(Some(AccessLogCut {
            checkpoint: last,
            lines,
            dropped_months,
        }))
    }
}

impl Tx {
    /// The latest cut the journal records (the witness: the checkpoint table alone
    /// proves nothing).
    pub async fn access_log_checkpoint(
        &mut self,
    ) -> Result<Option<AccessLogCheckpoint>, StoreError> {
        Ok(self.access_log_cuts().await?.pop())
    }

    /// Every cut the journal records, oldest first.
    pub(crate) async fn access_log_cuts(&mut self) -> Result<Vec<AccessLogCheckpoint>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT seq, payload FROM journal WHERE subject_type = 'access_log' AND kind = 'access_log_cut' ORDER BY seq",
                vec![],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let payload: serde_json::Value = serde_json::from_str(&r.text("payload")?)
                    .map_err(|e| StoreError::Invalid(format!("access_log_cut payload: {e}")))?;
                let field = |name: &str| {
                    payload
                        .get(name)
                        .ok_or_else(|| StoreError::Invalid(format!("access_log_cut lacks {name}")))
                };
                let text = |name: &str| {
                    field(name)?
                        .as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| StoreError::Invalid(format!("access_log_cut {name}")))
                };
                Ok(AccessLogCheckpoint {
                    head: Head {
                        seq: field("last_seq")?
                            .as_i64()
                            .ok_or_else(|| StoreError::Invalid("access_log_cut last_seq".into()))?,
                        hash: text("last_hash")?,
                    },
                    before: stored_date(&text("before")?)?,
                    journal_seq: r.int("seq")?,
                })
            })
            .collect()
    }

    /// The checkpoints in the access log's own table, as (seq, hash).
    pub(crate) async fn access_log_checkpoint_rows(&mut self) -> Result<Vec<Head>, StoreError> {
        self.fetch_all(
            "SELECT seq, hash FROM access_log_checkpoints ORDER BY seq",
            vec![],
        )
        .await?
        .iter()
        .map(|r| {
            Ok(Head {
                seq: r.int("seq")?,
                hash: r.text("hash")?,
            })
        })
        .collect()
    }
}

fn stored_time(row: &Row) -> Result<UtcTime, StoreError> {
    let at = row.text("at")?;
    UtcTime::parse(&at).map_err(|e| StoreError::Invalid(format!("access-log time '{at}': {e}")))
}

/// What became of the file a line concerns: a line naming a file that is no longer
/// there concerns a destroyed file.
fn file_state(row: &Row) -> Result<FileState, StoreError> {
    if row.opt_text("family_id")?.is_none() {
        return Ok(FileState::NoFile);
    }
    if row.opt_text("file_id")?.is_none() {
        return Ok(FileState::Destroyed);
    }
    Ok(match stored_opt_date(row.opt_text("closed_on")?)? {
        Some(closed_on) => FileState::Closed { closed_on },
        None => FileState::Open,
    })
}
