//! The evaluation's facts and rows per family (issue 16 §3): kept up to date in the
//! transaction of the events that change them, and rebuilt from the journal.
//!
//! Every journal entry passes [`Tx::seal_pending`](crate::Tx) at commit; an entry that
//! gives an evaluation fact (`metrics::fact`) is attributed to its family and stored in
//! `evaluation_facts`, and each family touched is recomputed once per transaction with
//! the domain's one rule, `report::rows_for` (its rows deleted and written again).
//! [`Store::rebuild_evaluation`] does the same for the whole journal, page by page, so
//! the rows kept up to date and the rows rebuilt are the same by construction (a
//! contract test holds them equal).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use eenplan_domain::UtcTime;
use eenplan_domain::evaluation::metrics::{DatedFact, FamilyHistory, fact, gives_facts};
use eenplan_domain::evaluation::report::{
    FamilyOrganisations, MetricRow, cell_changes, organisations_of, rows_for,
};
use eenplan_domain::journal::{Entry, EventKind};
use eenplan_domain::time::amsterdam_date;
use serde_json::Value;

use crate::consent::placeholders;
use crate::db::stored_date;
use crate::evaluation_cells::metric_row;
use crate::{Param, Store, StoreError, Tx, params};

/// Journal entries read per round trip while rebuilding.
const JOURNAL_PAGE: i64 = 5_000;
/// Families recomputed per round trip while rebuilding.
const FAMILY_PAGE: i64 = 1_000;
/// Bound parameters per statement ([`crate::db::PARAMS_PER_STATEMENT`]).
const MAX_PARAMS: usize = crate::db::PARAMS_PER_STATEMENT;

/// An entry's fact, before it is known which family it is about.
struct Found {
    seq: i64,
    recorded_on: String,
    kind: String,
    payload: String,
    subject_type: String,
    subject_id: String,
    /// A consultation booking names its family in its payload.
    named_family: Option<String>,
}

fn found(entry: &Entry) -> Option<Found> {
    let kind = EventKind::parse(&entry.kind).filter(|k| gives_facts(*k))?;
    let payload: Value = serde_json::from_str(&entry.payload).ok()?;
    let recorded_on = amsterdam_date(UtcTime::parse(&entry.recorded_at).ok()?);
    fact(kind, &payload, recorded_on)?;
    Some(Found {
        seq: entry.seq,
        recorded_on: recorded_on.to_string(),
        kind: entry.kind.clone(),
        payload: entry.payload.clone(),
        subject_type: entry.subject_type.clone(),
        subject_id: entry.subject_id.clone(),
        named_family: payload
            .get("family_id")
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

/// The record to look a fact's family up in: a Veilig Thuis contact, or a
/// consultation whose event does not name its family.
fn lookup_key(f: &Found) -> Option<(&'static str, String)> {
    let subject = match f.subject_type.as_str() {
        "vt_contact" => "vt_contact",
        "save_consultation" if f.named_family.is_none() => "save_consultation",
        _ => return None,
    };
    Some((subject, f.subject_id.clone()))
}

impl Tx {
    /// The families of `found`'s facts: the subject when it is a family, otherwise the
    /// family its Veilig Thuis contact is linked to or its consultation is about (none
    /// for an unlinked contact or an anonymous consultation).
    async fn attribute(&mut self, found: &[Found]) -> Result<Vec<Option<String>>, StoreError> {
        let mut lookups: BTreeMap<(&str, String), Option<String>> = BTreeMap::new();
        for f in found {
            if let Some(key) = lookup_key(f) {
                lookups.insert(key, None);
            }
        }
        for (subject, table) in [
            ("vt_contact", "vt_contacts"),
            ("save_consultation", "save_consultations"),
        ] {
            let ids: Vec<String> = lookups
                .keys()
                .filter(|(s, _)| *s == subject)
                .map(|(_, id)| id.clone())
                .collect();
            for chunk in ids.chunks(MAX_PARAMS) {
                let rows = self
                    .fetch_all(
                        &format!(
                            "SELECT id, family_id FROM {table} WHERE id IN ({})",
                            placeholders(chunk.len())
                        ),
                        chunk.iter().map(Param::from).collect(),
                    )
                    .await?;
                for r in rows {
                    let id = r.text("id")?;
                    let family = r.opt_text("family_id")?;
                    if let Some(slot) = lookups.get_mut(&(subject, id)) {
                        *slot = family;
                    }
                }
            }
        }
        Ok(found
            .iter()
            .map(|f| match f.subject_type.as_str() {
                "family" => Some(f.subject_id.clone()),
                _ => f
                    .named_family
                    .clone()
                    .or_else(|| lookups.get(&lookup_key(f)?).cloned().flatten()),
            })
            .collect())
    }

    /// Stores the facts of `entries` for their families; returns the families touched,
    /// each once, in order of first touch.
    async fn store_facts(&mut self, entries: &[Entry]) -> Result<Vec<String>, StoreError> {
        let found: Vec<Found> = entries.iter().filter_map(found).collect();
        if found.is_empty() {
            return Ok(Vec::new());
        }
        let families = self.attribute(&found).await?;
        let mut touched: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut rows = Vec::new();
        for (f, family) in found.into_iter().zip(families) {
            let Some(family) = family else { continue };
            if seen.insert(family.clone()) {
                touched.push(family.clone());
            }
            rows.push(params![family, f.seq, f.recorded_on, f.kind, f.payload]);
        }
        self.insert_many(
            "evaluation_facts",
            "family_id, seq, recorded_on, kind, payload",
            rows,
        )
        .await?;
        Ok(touched)
    }

    /// Called at commit with the entries just written: stores their facts and
    /// recomputes each family they touch once.
    pub(crate) async fn evaluation_after(&mut self, entries: &[Entry]) -> Result<(), StoreError> {
        let touched = self.store_facts(entries).await?;
        self.recompute_families(&touched).await
    }

    /// Rewrites the rows and organisations of `families` from their stored facts.
    /// The month cells change by the difference between the old rows and organisations
    /// and the new, once for the whole transaction (`report::cell_changes`, in cell
    /// order).
    async fn recompute_families(&mut self, families: &[String]) -> Result<(), StoreError> {
        let (mut old_rows, mut new_rows) = (Vec::new(), Vec::new());
        let old_organisations = self.family_organisations(families).await?;
        let mut new_organisations = FamilyOrganisations::new();
        for chunk in families.chunks(MAX_PARAMS / 8) {
            let list = placeholders(chunk.len());
            let ids: Vec<Param> = chunk.iter().map(Param::from).collect();
            let mut facts: HashMap<String, Vec<DatedFact>> = HashMap::new();
            for r in self
                .fetch_all(
                    &format!(
                        "SELECT family_id, recorded_on, kind, payload FROM evaluation_facts \
                         WHERE family_id IN ({list}) ORDER BY family_id, seq"
                    ),
                    ids.clone(),
                )
                .await?
            {
                let Some(kind) = EventKind::parse(&r.text("kind")?) else {
                    continue;
                };
                let payload: Value =
                    serde_json::from_str(&r.text("payload")?).unwrap_or(Value::Null);
                let on = stored_date(&r.text("recorded_on")?)?;
                if let Some(f) = fact(kind, &payload, on) {
                    facts.entry(r.text("family_id")?).or_default().push(f);
                }
            }
            let mut areas: HashMap<String, Option<String>> = HashMap::new();
            for r in self
                .fetch_all(
                    &format!("SELECT id, area_id FROM families WHERE id IN ({list})"),
                    ids.clone(),
                )
                .await?
            {
                areas.insert(r.text("id")?, r.opt_text("area_id")?);
            }
            old_rows.extend(
                self.fetch_all(
                    &format!(
                        "SELECT family_id, metric, item, on_date, area_id, value \
                         FROM evaluation_rows WHERE family_id IN ({list})"
                    ),
                    ids.clone(),
                )
                .await?
                .iter()
                .map(metric_row)
                .collect::<Result<Vec<_>, _>>()?,
            );
            for table in ["evaluation_rows", "evaluation_family_organisations"] {
                self.execute(
                    &format!("DELETE FROM {table} WHERE family_id IN ({list})"),
                    ids.clone(),
                )
                .await?;
            }
            let mut rows = Vec::new();
            let mut organisations = Vec::new();
            for family in chunk {
                let history = FamilyHistory::new(facts.remove(family).unwrap_or_default());
                let area = areas.get(family).cloned().flatten();
                for row in rows_for(family, area.as_deref(), &history) {
                    rows.push(params![
                        row.family_id.as_str(),
                        row.metric.code(),
                        row.item.as_str(),
                        row.on.to_string(),
                        row.area_id.as_deref(),
                        row.value,
                    ]);
                    new_rows.push(row);
                }
                let of_family = organisations_of(&history);
                for organisation in &of_family {
                    organisations.push(params![family.as_str(), organisation.as_str()]);
                }
                if !of_family.is_empty() {
                    new_organisations.insert(family.clone(), of_family);
                }
            }
            self.insert_many(
                "evaluation_rows",
                "family_id, metric, item, on_date, area_id, value",
                rows,
            )
            .await?;
            self.insert_many(
                "evaluation_family_organisations",
                "family_id, organisation_id",
                organisations,
            )
            .await?;
        }
        self.change_cells(&cell_changes(
            &old_rows,
            &old_organisations,
            &new_rows,
            &new_organisations,
        ))
        .await
    }

    /// Multi-row inserts of `rows` (each as many parameters as `columns` names).
    async fn insert_many(
        &mut self,
        table: &str,
        columns: &str,
        rows: Vec<Vec<Param>>,
    ) -> Result<(), StoreError> {
        let Some(width) = rows.first().map(Vec::len) else {
            return Ok(());
        };
        for chunk in rows.chunks(MAX_PARAMS / width) {
            let values = (0..chunk.len())
                .map(|r| {
                    let cells = (1..=width)
                        .map(|c| format!("${}", r * width + c))
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("({cells})")
                })
                .collect::<Vec<_>>()
                .join(", ");
            self.execute(
                &format!("INSERT INTO {table} ({columns}) VALUES {values}"),
                chunk.iter().flatten().cloned().collect(),
            )
            .await?;
        }
        Ok(())
    }

    /// Every evaluation row, ordered: for checks and tests.
    pub async fn evaluation_rows(&mut self) -> Result<Vec<MetricRow>, StoreError> {
        self.fetch_all(
            "SELECT family_id, metric, item, on_date, area_id, value FROM evaluation_rows \
             ORDER BY family_id, metric, item",
            vec![],
        )
        .await?
        .iter()
        .map(metric_row)
        .collect()
    }
}

impl Store {
    /// Recomputes every evaluation fact and row from the journal, in one transaction
    /// (a report never sees half a rebuild), page by page so memory stays bounded:
    /// first the facts from the journal, then the rows family by family. Returns the
    /// number of families with facts.
    pub async fn rebuild_evaluation(&self) -> Result<u64, StoreError> {
        self.change(async |tx| {
            for table in [
                "evaluation_rows",
                "evaluation_family_organisations",
                "evaluation_facts",
                "evaluation_value_cells",
                "evaluation_family_cells",
            ] {
                tx.execute(&format!("DELETE FROM {table}"), vec![]).await?;
            }
            let mut after = 0;
            loop {
                let page = tx.journal_page(after, JOURNAL_PAGE).await?;
                let Some(last) = page.last() else { break };
                after = last.seq;
                tx.store_facts(&page).await?;
            }
            let mut families = 0u64;
            let mut last = String::new();
            loop {
                let page: Vec<String> = tx
                    .fetch_all(
                        "SELECT DISTINCT family_id FROM evaluation_facts WHERE family_id > $1 \
                         ORDER BY family_id LIMIT $2",
                        params![last.as_str(), FAMILY_PAGE],
                    )
                    .await?
                    .iter()
                    .map(|r| r.text("family_id"))
                    .collect::<Result<_, _>>()?;
                let Some(end) = page.last() else { break };
                last = end.clone();
                families += page.len() as u64;
                tx.recompute_families(&page).await?;
            }
            Ok(families)
        })
        .await
    }
}
