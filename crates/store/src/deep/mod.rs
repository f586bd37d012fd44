//! Which rows the journal seals, and the deep check that compares them with the
//! tables (`eenplan verify --deep`; the rule is in [`eenplan_domain::journal::deep`]).
//!
//! Every covered table is listed in [`parts::PARTS`] with the columns it covers; every
//! event names the records it changed in [`records::records`], exhaustively, so a new
//! event has to say what it seals. Columns left out are named there with the reason.
//! This module reads both sides: the seals, stretch by stretch, and the rows now.

mod parts;
mod records;

use std::collections::BTreeMap;

use eenplan_domain::journal::deep::{
    DeepFinding, DeepReport, Replay, Seals, record_digest, record_name, seals, stored_event,
};

use crate::{Row, Store, StoreError, Tx, params};
use parts::{Owner, PARTS, part, select_columns, values};

pub use parts::covered_tables;
pub(crate) use records::{Rec, record_names, records};
use records::{id_column, sealed_beside};

impl Tx {
    /// Every record of the families with ids in (`after`, `upto`], with its family and
    /// the digest of its rows now: what the deep check compares (the bulk path seals it).
    pub(crate) async fn family_digests(
        &mut self,
        after: &str,
        upto: &str,
    ) -> Result<BTreeMap<String, (String, String)>, StoreError> {
        self.digest_stretch(Owner::Family, after, upto).await
    }

    /// The seals of `records` as the transaction leaves them: each part's digest.
    pub(crate) async fn seal_records(
        &mut self,
        records: &[Rec],
    ) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let mut state = Vec::new();
        for rec in records {
            let (tables, key, by_key, key_params) = rec.parts();
            for table in tables {
                let p = part(table);
                let by_key = by_key.replace("{id}", id_column(table));
                let filter = if p.filter.is_empty() {
                    String::new()
                } else {
                    format!(" AND {}", p.filter)
                };
                let sql = format!(
                    "SELECT {} FROM {} WHERE {by_key}{filter} ORDER BY {}",
                    select_columns(p),
                    p.from,
                    p.order
                );
                let rows = self.fetch_all(&sql, key_params.clone()).await?;
                let rows = rows
                    .iter()
                    .map(|r| values(r, 0, p.columns.len()))
                    .collect::<Result<Vec<_>, _>>()?;
                state.push((record_name(table, &key), record_digest(table, &rows)));
            }
        }
        Ok(state)
    }
}

/// One record's rows as read so far: its owner, its key, its rows' values.
type Gathered = (String, String, Vec<Vec<Option<String>>>);

/// Owners compared per round: bounds memory whatever the number of families.
const STRETCH: i64 = 200;
/// Journal entries read per round trip.
const PAGE: i64 = 2_000;

/// The days migration 0013 seeded, as (day, reference): explained by the schema.
fn seeded_statutory_days() -> Vec<(String, String)> {
    const SEED: &str = include_str!("../../migrations/sqlite/0013_statutory_days.sql");
    SEED.lines()
        .filter(|l| l.contains("'migration 0013'"))
        .filter_map(|l| {
            let mut quoted = l.split('\'').skip(1).step_by(2);
            Some((quoted.next()?.to_owned(), quoted.next()?.to_owned()))
        })
        .collect()
}

impl Store {
    /// Replays the journal's seals and compares them with the covered tables, in one
    /// snapshot, owner stretch by owner stretch (families, accounts, equated days in
    /// key order), so memory stays bounded however large the database is.
    pub async fn verify_deep(&self) -> Result<DeepReport, StoreError> {
        let mut tx = self.snapshot().await?;
        let mut report = DeepReport::default();
        let seeds = seeded_statutory_days();
        for owner in Owner::ALL {
            let mut after = String::new();
            loop {
                let Some(upto) = tx.next_stretch(owner, &after).await? else {
                    break;
                };
                let mut replay = Replay::default();
                if owner == Owner::StatutoryDay {
                    for (day, reference) in &seeds {
                        if day.as_str() > after.as_str() && day.as_str() <= upto.as_str() {
                            replay.seed(
                                record_name("statutory_days", day),
                                record_digest(
                                    "statutory_days",
                                    &[vec![Some(reference.clone()), Some("migration 0013".into())]],
                                ),
                            );
                        }
                    }
                }
                tx.replay_stretch(owner, &after, &upto, &mut replay).await?;
                let rows = tx.digest_stretch(owner, &after, &upto).await?;
                replay.compare(rows, &mut report);
                after = upto;
            }
        }
        tx.verify_document_content(&mut report).await?;
        Ok(report)
    }
}

/// Documents whose content is read per round trip: bounds memory by a few documents.
const CONTENT_PAGE: i64 = 8;

impl Tx {
    /// Every document's content against the digest its sealed row keeps. A destroyed
    /// content (NULL, with the destruction recorded) is accepted: the journal says who
    /// destroyed it and why.
    async fn verify_document_content(&mut self, report: &mut DeepReport) -> Result<(), StoreError> {
        let mut after = String::new();
        loop {
            let rows = self
                .fetch_all(
                    "SELECT id, sha256, content, destroyed_at FROM documents WHERE id > $1                      ORDER BY id LIMIT $2",
                    params![&after, CONTENT_PAGE],
                )
                .await?;
            for row in &rows {
                let id = row.text("id")?;
                let intact = match row.opt_bytes("content")? {
                    Some(bytes) => {
                        eenplan_domain::family::content_digest(&bytes) == row.text("sha256")?
                    }
                    None => row.opt_text("destroyed_at")?.is_some(),
                };
                if !intact {
                    report.findings.push(DeepFinding::ContentDiffers {
                        table: "documents".to_owned(),
                        key: id.clone(),
                    });
                }
                after = id;
            }
            if (rows.len() as i64) < CONTENT_PAGE {
                return Ok(());
            }
        }
    }
}

impl Tx {
    /// The last owner id of the next stretch after `after`: the smaller of the
    /// STRETCH-th owner in the owners' table and in the journal, so owners that exist
    /// on one side only are met as well. `None` when both are exhausted.
    async fn next_stretch(
        &mut self,
        owner: Owner,
        after: &str,
    ) -> Result<Option<String>, StoreError> {
        let (table, column) = owner.table();
        let last_of = |rows: Vec<Row>| -> Result<(Option<String>, bool), StoreError> {
            let full = rows.len() as i64 == STRETCH;
            Ok((rows.last().map(|r| r.text("id")).transpose()?, full))
        };
        let listed = self
            .fetch_all(
                &format!(
                    "SELECT {column} AS id FROM {table} WHERE {column} > $1 ORDER BY {column} LIMIT $2"
                ),
                params![after, STRETCH],
            )
            .await?;
        let journaled = self
            .fetch_all(
                "SELECT DISTINCT subject_id AS id FROM journal WHERE subject_type = $1 AND subject_id > $2 \
                 ORDER BY subject_id LIMIT $3",
                params![owner.subject(), after, STRETCH],
            )
            .await?;
        let (listed, listed_full) = last_of(listed)?;
        let (journaled, journaled_full) = last_of(journaled)?;
        // A side that ran out does not bound the stretch; a full side does.
        Ok(match (listed, journaled) {
            (None, None) => None,
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b),
            (Some(a), Some(b)) => Some(match (listed_full, journaled_full) {
                (true, true) => a.min(b),
                (true, false) => a,
                (false, true) => b,
                (false, false) => a.max(b),
            }),
        })
    }

    async fn replay_stretch(
        &mut self,
        owner: Owner,
        after: &str,
        upto: &str,
        replay: &mut Replay,
    ) -> Result<(), StoreError> {
        let (mut subject, mut seq) = (after.to_owned(), i64::MAX);
        // `subject_id >= $3` says again what the OR implies: without it the index
        // range starts at the first subject of the type, and each page read every
        // entry before it again (issue 18: over 20 minutes at a million families on
        // PostgreSQL, where the whole check of a million families takes minutes).
        loop {
            let page = self
                .fetch_all(
                    "SELECT subject_id, seq, kind, payload FROM journal \
                     WHERE subject_type = $1 AND subject_id <= $2 AND subject_id >= $3 \
                       AND (subject_id > $3 OR (subject_id = $3 AND seq > $4)) \
                     ORDER BY subject_id, seq LIMIT $5",
                    params![owner.subject(), upto, &subject, seq, PAGE],
                )
                .await?;
            for row in &page {
                let (owner, kind, payload) = (
                    row.text("subject_id")?,
                    row.text("kind")?,
                    row.text("payload")?,
                );
                // What this version seals for the entry's event: a record it names but
                // carries no seal of was written before its table was covered.
                let expected = stored_event(&kind, &payload)
                    .map(|event| record_names(&event))
                    .unwrap_or_default();
                if let Some(table) = sealed_beside(&kind)
                    && let Seals::Sealed(state) = seals(&payload)
                    && !state
                        .iter()
                        .any(|(name, _)| name.starts_with(&format!("{table}/")))
                {
                    replay.unsealed_in(&owner, table);
                }
                replay.push_expecting(&owner, row.int("seq")?, &payload, &expected);
            }
            match page.last() {
                Some(last) if page.len() as i64 == PAGE => {
                    subject = last.text("subject_id")?;
                    seq = last.int("seq")?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// Every record of the stretch with its owner and the digest of its rows now.
    async fn digest_stretch(
        &mut self,
        owner: Owner,
        after: &str,
        upto: &str,
    ) -> Result<BTreeMap<String, (String, String)>, StoreError> {
        let mut records = BTreeMap::new();
        for p in PARTS.iter().filter(|p| p.owner == owner) {
            let filter = if p.filter.is_empty() {
                String::new()
            } else {
                format!(" AND {}", p.filter)
            };
            let sql = format!(
                "SELECT {scope} AS owner_id, {key} AS record_key, {columns} FROM {from} \
                 WHERE {scope} > $1 AND {scope} <= $2{filter} ORDER BY {scope}, {key}, {order}",
                scope = p.scope,
                key = p.key,
                columns = select_columns(p),
                from = p.from,
                order = p.order,
            );
            let rows = self.fetch_all(&sql, params![after, upto]).await?;
            let mut current: Option<Gathered> = None;
            let mut flush = |c: Option<Gathered>| {
                if let Some((owner_id, key, rows)) = c
                    && let Some(digest) = record_digest(p.table, &rows)
                {
                    records.insert(record_name(p.table, &key), (owner_id, digest));
                }
            };
            for row in &rows {
                let owner_id = row.text("owner_id")?;
                let key = row.text("record_key")?;
                let vals = values(row, 2, p.columns.len())?;
                match &mut current {
                    Some((_, k, rs)) if *k == key => rs.push(vals),
                    _ => flush(current.replace((owner_id, key, vec![vals]))),
                }
            }
            flush(current);
        }
        Ok(records)
    }
}
