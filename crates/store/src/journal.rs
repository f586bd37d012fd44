//! Appending to and reading the hash-chained journal.

use eenplan_domain::UtcTime;
use eenplan_domain::journal::{self, Actor, Anchor, Draft, Entry, Event, Head, Report, Verifier};

use crate::{Backend, Row, Store, StoreError, Tx, ids, params};

const ENTRY_COLUMNS: &str = "seq, id, recorded_at, actor, actor_organisation, kind, subject_type, subject_id, \
    payload, payload_sha256, prev_hash, hash";

/// Entries read per round trip while verifying.
const VERIFY_PAGE: i64 = 2_000;

/// An event appended in an open transaction, waiting for commit.
#[derive(Debug)]
pub(crate) struct Pending {
    actor: Actor,
    event: Event,
    /// Records the event names no id of (a session's token hash), sealed with it.
    also: Vec<crate::deep::Rec>,
    /// The simulated moment the event happened, when a generator set the clock
    /// ([`Tx::set_clock`]); `None`: dated at commit by the real clock, as always.
    at: Option<UtcTime>,
}

impl Tx {
    /// Appends an event in this transaction: it commits or rolls back together with
    /// the state change it describes. The entry is written at commit, sealing the
    /// records the event changed as they are then, whatever order the transaction
    /// wrote its rows and its events in.
    pub async fn append(&mut self, actor: &Actor, event: Event) -> Result<(), StoreError> {
        self.pending.push(Pending {
            actor: actor.clone(),
            event,
            also: Vec::new(),
            at: self.clock(),
        });
        Ok(())
    }

    /// Seals `record` with the event appended last (which must exist).
    pub(crate) fn also_seal(&mut self, record: crate::deep::Rec) {
        if let Some(last) = self.pending.last_mut() {
            last.also.push(record);
        }
    }

    pub(crate) async fn seal_pending(&mut self) -> Result<(), StoreError> {
        let pending = std::mem::take(&mut self.pending);
        let events: Vec<&Event> = pending.iter().map(|p| &p.event).collect();
        let unsaid: Vec<bool> = events
            .iter()
            .map(|e| !eenplan_domain::notification::said_by_another(e, &events))
            .collect();
        let mut written = Vec::with_capacity(pending.len());
        for (pending, unsaid) in pending.into_iter().zip(unsaid) {
            let at = pending.at.unwrap_or_else(UtcTime::now);
            if unsaid {
                self.tell(&pending.actor, &pending.event, at).await?;
            }
            let mut records = crate::deep::records(&pending.event);
            records.extend(pending.also);
            let state = self.seal_records(&records).await?;
            written.push(
                self.write_entry(&pending.actor, pending.event, state, at)
                    .await?,
            );
        }
        // The evaluation's rows change with the events, in the same transaction.
        self.evaluation_after(&written).await
    }

    async fn write_entry(
        &mut self,
        actor: &Actor,
        event: Event,
        state: Vec<(String, Option<String>)>,
        at: UtcTime,
    ) -> Result<Entry, StoreError> {
        // The lock is held until commit. SQLite: BEGIN IMMEDIATE already holds the
        // database's single write lock. PostgreSQL: the head row's lock serialises
        // appenders across all instances.
        let lock_sql = match self.backend() {
            Backend::Sqlite => "SELECT seq, hash FROM journal_head WHERE id = 1",
            Backend::Postgres => "SELECT seq, hash FROM journal_head WHERE id = 1 FOR UPDATE",
        };
        let row = self.fetch_one(lock_sql, vec![]).await?;
        let head = Head {
            seq: row.int("seq")?,
            hash: row.text("hash")?,
        };
        let draft = Draft {
            id: ids::new_id(),
            recorded_at: at,
            actor: actor.clone(),
            event,
            state: Some(state),
        };
        let entry = journal::seal(&head, &draft);
        self.execute(
            &format!(
                "INSERT INTO journal ({ENTRY_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
            ),
            params![
                entry.seq,
                &entry.id,
                &entry.recorded_at,
                &entry.actor,
                entry.actor_organisation.clone(),
                &entry.kind,
                &entry.subject_type,
                &entry.subject_id,
                &entry.payload,
                &entry.payload_sha256,
                &entry.prev_hash,
                &entry.hash,
            ],
        )
        .await?;
        Ok(entry)
    }

    /// Entries with `seq > after`, oldest first, at most `limit`.
    pub async fn journal_page(&mut self, after: i64, limit: i64) -> Result<Vec<Entry>, StoreError> {
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {ENTRY_COLUMNS} FROM journal WHERE seq > $1 ORDER BY seq LIMIT $2"
                ),
                params![after, limit],
            )
            .await?;
        rows.iter().map(entry_from_row).collect()
    }

    /// Every entry about one subject (a family, a user), oldest first.
    pub async fn journal_for_subject(
        &mut self,
        subject_type: &str,
        subject_id: &str,
    ) -> Result<Vec<Entry>, StoreError> {
        let rows = self
            .fetch_all(
                &format!("SELECT {ENTRY_COLUMNS} FROM journal WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq"),
                params![subject_type, subject_id],
            )
            .await?;
        rows.iter().map(entry_from_row).collect()
    }

    pub async fn journal_head(&mut self) -> Result<Option<Head>, StoreError> {
        let row = self
            .fetch_optional("SELECT seq, hash FROM journal_head WHERE id = 1", vec![])
            .await?;
        row.map(|r| {
            Ok(Head {
                seq: r.int("seq")?,
                hash: r.text("hash")?,
            })
        })
        .transpose()
    }
}

impl Store {
    /// Checks the whole chain in one consistent snapshot.
    pub async fn verify_journal(&self, anchor: Option<Anchor>) -> Result<Report, StoreError> {
        let mut tx = self.read().await?;
        let head = tx.journal_head().await?;
        let mut verifier = Verifier::new(anchor);
        let mut after = 0;
        loop {
            let page = tx.journal_page(after, VERIFY_PAGE).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            for entry in &page {
                verifier.push(entry);
            }
        }
        Ok(verifier.finish(head))
    }

    /// Convenience for a single event that changes nothing else.
    pub async fn append_one(&self, actor: &Actor, event: Event) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        tx.append(actor, event).await?;
        tx.commit().await
    }
}

fn entry_from_row(r: &Row) -> Result<Entry, StoreError> {
    Ok(Entry {
        seq: r.int("seq")?,
        id: r.text("id")?,
        recorded_at: r.text("recorded_at")?,
        actor: r.text("actor")?,
        actor_organisation: r.opt_text("actor_organisation")?,
        kind: r.text("kind")?,
        subject_type: r.text("subject_type")?,
        subject_id: r.text("subject_id")?,
        payload: r.text("payload")?,
        payload_sha256: r.text("payload_sha256")?,
        prev_hash: r.text("prev_hash")?,
        hash: r.text("hash")?,
    })
}
