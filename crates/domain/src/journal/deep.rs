//! The deep check (`eenplan verify --deep`): does the journal explain every row of the
//! state tables, and does every table hold what the journal says was written?
//!
//! The hash chain proves the journal was not edited; it says nothing about the tables
//! beside it. So every entry seals the records its change left behind: a SHA-256 digest
//! of each record's rows, taken in the same transaction (the entry's `$seals`). The deep
//! check replays the seals in journal order and compares the last one of every record
//! with a digest of the rows as they are now. A digest rather than a copy, so the
//! journal holds no note text, plan content, contact details or credential (a privacy
//! officer can destroy a payload under a retention rule without losing the proof of
//! the rest), while any change of any covered column is caught.
//!
//! A record is one table's rows for one key (`family_members/<id>`, the people of one
//! consent as `consent_people/<consent id>`), so a finding names the table and the key.

use std::collections::BTreeMap;
use std::fmt;

use sha2::{Digest, Sha256};

/// The payload field holding an entry's seals. No event field can be named so (a Rust
/// field name cannot hold `$`), so the seals never overwrite what the event says.
pub const STATE_FIELD: &str = "$seals";

/// What a retention rule leaves of a payload it destroys. The chain stays verifiable
/// (it hashes the payload's digest, not the payload); the records the entry sealed
/// cannot be proven any more and are counted, not reported.
pub const DESTROYED_PAYLOAD: &str = r#"{"destroyed":"retention"}"#;

/// Bumped if the digested form ever changes, so old and new seals cannot be confused.
const DOMAIN_TAG: &[u8] = b"eenplan-record-v1";

/// A record's name in a seal: its table and key.
pub fn record_name(table: &str, key: &str) -> String {
    format!("{table}/{key}")
}

/// The digest of a record: its table and its rows (each a list of column values, in
/// a fixed column and row order). Length-prefixed, so no two different records share
/// an encoding. `None` when the record has no rows (absent, or removed).
pub fn record_digest(table: &str, rows: &[Vec<Option<String>>]) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(DOMAIN_TAG);
    field(table.as_bytes());
    field(&(rows.len() as u64).to_be_bytes());
    for row in rows {
        field(&(row.len() as u64).to_be_bytes());
        for value in row {
            match value {
                Some(v) => {
                    field(b"1");
                    field(v.as_bytes());
                }
                None => field(b"0"),
            }
        }
    }
    Some(data_encoding::HEXLOWER.encode(&h.finalize()))
}

/// The payload with its seals added: `$seals` maps each record's name to its digest
/// (`null` when the change removed it).
pub fn with_state(payload: &str, state: &[(String, Option<String>)]) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(payload).unwrap_or_else(|_| serde_json::json!({}));
    let seals: serde_json::Map<String, serde_json::Value> = state
        .iter()
        .map(|(name, digest)| {
            (
                name.clone(),
                digest
                    .clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            )
        })
        .collect();
    if let Some(object) = value.as_object_mut() {
        object.insert(STATE_FIELD.to_owned(), serde_json::Value::Object(seals));
    }
    value.to_string()
}

/// The event's own fields, without the seals: what a reader of the history is shown.
pub fn event_data(payload: &str) -> serde_json::Value {
    let mut value: serde_json::Value =
        serde_json::from_str(payload).unwrap_or(serde_json::Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.remove(STATE_FIELD);
    }
    value
}

/// The event a stored entry records, read back from its kind and payload (the seals
/// aside), so the records it should have sealed can be named. `None` for a destroyed
/// payload, or a payload no event of this version reads.
pub fn stored_event(kind: &str, payload: &str) -> Option<super::Event> {
    if payload == DESTROYED_PAYLOAD {
        return None;
    }
    serde_json::from_value(serde_json::json!({ "kind": kind, "data": event_data(payload) })).ok()
}

/// What one stored payload says about the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seals {
    /// Each record this entry's change left behind, with its digest.
    Sealed(Vec<(String, Option<String>)>),
    /// Written before entries carried seals: it changed something, but cannot say what.
    Unsealed,
    /// Destroyed by a retention rule.
    Destroyed,
}

pub fn seals(payload: &str) -> Seals {
    if payload == DESTROYED_PAYLOAD {
        return Seals::Destroyed;
    }
    let value: serde_json::Value = match serde_json::from_str(payload) {
        Ok(v) => v,
        Err(_) => return Seals::Unsealed,
    };
    match value
        .get(STATE_FIELD)
        .and_then(serde_json::Value::as_object)
    {
        Some(state) => Seals::Sealed(
            state
                .iter()
                .map(|(name, digest)| (name.clone(), digest.as_str().map(str::to_owned)))
                .collect(),
        ),
        None => Seals::Unsealed,
    }
}

/// One place where the tables and the journal disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeepFinding {
    /// Rows the journal never sealed: written outside eenplan.
    Unexplained { table: String, key: String },
    /// The rows differ from what entry `seq` sealed: edited outside eenplan.
    Differs {
        table: String,
        key: String,
        seq: i64,
    },
    /// Entry `seq` sealed rows that are gone: deleted outside eenplan.
    Lacking {
        table: String,
        key: String,
        seq: i64,
    },
    /// Stored content (a document's bytes) that no longer matches its sealed digest.
    ContentDiffers { table: String, key: String },
}

impl fmt::Display for DeepFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeepFinding::Unexplained { table, key } => write!(
                f,
                "{table} {key}: no journal entry explains this row (inserted outside eenplan)"
            ),
            DeepFinding::Differs { table, key, seq } if *seq == 0 => write!(
                f,
                "{table} {key}: differs from what the migration seeded (edited outside eenplan)"
            ),
            DeepFinding::Differs { table, key, seq } => write!(
                f,
                "{table} {key}: differs from what journal entry #{seq} recorded (edited outside eenplan)"
            ),
            DeepFinding::Lacking { table, key, seq } if *seq == 0 => write!(
                f,
                "{table} {key}: seeded by the migration but missing (deleted outside eenplan)"
            ),
            DeepFinding::Lacking { table, key, seq } => write!(
                f,
                "{table} {key}: recorded by journal entry #{seq} but missing (deleted outside eenplan)"
            ),
            DeepFinding::ContentDiffers { table, key } => write!(
                f,
                "{table} {key}: the content does not match its recorded SHA-256 (changed or emptied outside eenplan)"
            ),
        }
    }
}

/// The outcome of the deep check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeepReport {
    /// Records compared (a record is one table's rows for one key).
    pub records: u64,
    /// Records whose only explanation is in entries written before entries carried
    /// seals: older journals cannot prove them either way.
    pub unprovable_old: u64,
    /// Records whose explanation a retention rule destroyed.
    pub unprovable_destroyed: u64,
    pub findings: Vec<DeepFinding>,
}

impl DeepReport {
    pub fn is_intact(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Replays the seals of one stretch of owners (families, accounts, days) and compares
/// them with the rows of the same stretch. Feed the entries in `seq` order per owner
/// and the rows' digests, then [`Replay::compare`]; memory holds one stretch only.
#[derive(Debug, Default)]
pub struct Replay {
    /// The last seal of every record: its digest and the entry that sealed it.
    sealed: BTreeMap<String, (Option<String>, i64)>,
    /// Owners with entries written before seals existed.
    old: std::collections::BTreeSet<String>,
    /// Owners with a payload destroyed by a retention rule.
    destroyed: std::collections::BTreeSet<String>,
    /// Records an entry changed but did not seal: written by an older eenplan, before
    /// their table was covered. Not provable until a later entry seals them.
    predating: std::collections::BTreeSet<String>,
    /// (owner, table): an owner's older entry changed a record of this table that its
    /// event does not name (a session sealed beside a sign-in), so the table's unsealed
    /// records of this owner are not provable.
    predating_tables: std::collections::BTreeSet<(String, String)>,
}

impl Replay {
    /// A record the schema itself wrote (a migration's seed), as if sealed before the
    /// first entry.
    pub fn seed(&mut self, name: String, digest: Option<String>) {
        self.sealed.insert(name, (digest, 0));
    }

    pub fn push(&mut self, owner: &str, seq: i64, payload: &str) {
        self.push_expecting(owner, seq, payload, &[]);
    }

    /// `owner`'s entry changed a record of `table` its event does not name, and sealed
    /// none: it was written before the table was covered.
    pub fn unsealed_in(&mut self, owner: &str, table: &str) {
        self.predating_tables
            .insert((owner.to_owned(), table.to_owned()));
    }

    /// [`Replay::push`], knowing the records the entry's event changed (`expected`, as
    /// this version seals them): those it carries no seal of were written before their
    /// table was covered. A batch seals a record with the last entry that changed it
    /// only; the earlier ones are then explained by that later seal.
    pub fn push_expecting(&mut self, owner: &str, seq: i64, payload: &str, expected: &[String]) {
        match seals(payload) {
            Seals::Sealed(state) => {
                for name in expected {
                    if !state.iter().any(|(sealed, _)| sealed == name) {
                        self.predating.insert(name.clone());
                    }
                }
                for (name, digest) in state {
                    self.sealed.insert(name, (digest, seq));
                }
            }
            Seals::Unsealed => {
                self.old.insert(owner.to_owned());
            }
            Seals::Destroyed => {
                self.destroyed.insert(owner.to_owned());
            }
        }
    }

    /// `rows` maps each record's name to its owner and the digest of its rows now.
    pub fn compare(self, rows: BTreeMap<String, (String, String)>, report: &mut DeepReport) {
        let split = |name: &str| {
            let (table, key) = name.split_once('/').unwrap_or((name, ""));
            (table.to_owned(), key.to_owned())
        };
        let mut sealed = self.sealed;
        for (name, (owner, digest)) in rows {
            report.records += 1;
            let (table, key) = split(&name);
            let predates = self.predating.contains(&name)
                || self
                    .predating_tables
                    .contains(&(owner.clone(), table.clone()));
            let finding = match sealed.remove(&name) {
                Some((Some(seal), _)) if seal == digest => None,
                Some((_, seq)) => Some(DeepFinding::Differs { table, key, seq }),
                None => Some(DeepFinding::Unexplained { table, key }),
            };
            match finding {
                None => {}
                Some(_) if self.destroyed.contains(&owner) => report.unprovable_destroyed += 1,
                Some(DeepFinding::Unexplained { .. }) if self.old.contains(&owner) || predates => {
                    report.unprovable_old += 1;
                }
                Some(f) => report.findings.push(f),
            }
        }
        // What is left was sealed but has no rows now: fine when the seal says removed.
        for (name, (digest, seq)) in sealed {
            if digest.is_none() {
                continue;
            }
            report.records += 1;
            let (table, key) = split(&name);
            report
                .findings
                .push(DeepFinding::Lacking { table, key, seq });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(values: &[&str]) -> Vec<Option<String>> {
        values.iter().map(|v| Some((*v).to_owned())).collect()
    }

    #[test]
    fn digests_tell_records_apart() {
        let a = record_digest("t", &[row(&["ab", "c"])]);
        assert_ne!(a, record_digest("t", &[row(&["a", "bc"])]));
        assert_ne!(a, record_digest("u", &[row(&["ab", "c"])]));
        assert_ne!(
            record_digest("t", &[vec![None]]),
            record_digest("t", &[row(&[""])])
        );
        assert_eq!(record_digest("t", &[]), None);
    }

    /// An event with a field of its own named `state` (a protection order's) keeps it.
    #[test]
    fn seals_never_overwrite_a_field_of_the_event() {
        let payload = with_state(r#"{"state":"no_measure"}"#, &[("t/1".into(), None)]);
        assert_eq!(
            event_data(&payload),
            serde_json::json!({"state": "no_measure"})
        );
        assert_eq!(seals(&payload), Seals::Sealed(vec![("t/1".into(), None)]));
    }

    #[test]
    fn seals_travel_in_the_payload_and_stay_out_of_the_event() {
        let payload = with_state(
            r#"{"a":1}"#,
            &[("t/1".into(), Some("d".into())), ("t/2".into(), None)],
        );
        assert_eq!(
            seals(&payload),
            Seals::Sealed(vec![("t/1".into(), Some("d".into())), ("t/2".into(), None)])
        );
        assert_eq!(event_data(&payload), serde_json::json!({"a": 1}));
        assert_eq!(seals(r#"{"a":1}"#), Seals::Unsealed);
        assert_eq!(seals(DESTROYED_PAYLOAD), Seals::Destroyed);
    }

    fn rows(list: &[(&str, &str, &str)]) -> BTreeMap<String, (String, String)> {
        list.iter()
            .map(|(n, o, d)| ((*n).to_owned(), ((*o).to_owned(), (*d).to_owned())))
            .collect()
    }

    #[test]
    fn every_kind_of_disagreement_is_named_with_its_place() {
        let mut replay = Replay::default();
        replay.push(
            "f",
            3,
            &with_state("{}", &[("m/1".into(), Some("x".into()))]),
        );
        replay.push(
            "f",
            4,
            &with_state("{}", &[("m/2".into(), Some("y".into()))]),
        );
        replay.push(
            "f",
            5,
            &with_state("{}", &[("m/3".into(), Some("z".into()))]),
        );
        replay.push("f", 6, &with_state("{}", &[("m/4".into(), None)]));
        let mut report = DeepReport::default();
        replay.compare(
            rows(&[
                ("m/1", "f", "x"),
                ("m/2", "f", "edited"),
                ("m/9", "f", "new"),
            ]),
            &mut report,
        );
        assert_eq!(
            report.findings,
            vec![
                DeepFinding::Differs {
                    table: "m".into(),
                    key: "2".into(),
                    seq: 4
                },
                DeepFinding::Unexplained {
                    table: "m".into(),
                    key: "9".into()
                },
                DeepFinding::Lacking {
                    table: "m".into(),
                    key: "3".into(),
                    seq: 5
                },
            ]
        );
        assert_eq!(report.records, 4);
    }

    #[test]
    fn a_later_seal_explains_the_change_and_a_removal_explains_the_absence() {
        let mut replay = Replay::default();
        replay.push(
            "f",
            1,
            &with_state("{}", &[("m/1".into(), Some("x".into()))]),
        );
        replay.push(
            "f",
            2,
            &with_state("{}", &[("m/1".into(), Some("x2".into()))]),
        );
        replay.push(
            "f",
            3,
            &with_state("{}", &[("m/2".into(), Some("y".into()))]),
        );
        replay.push("f", 4, &with_state("{}", &[("m/2".into(), None)]));
        let mut report = DeepReport::default();
        replay.compare(rows(&[("m/1", "f", "x2")]), &mut report);
        assert!(report.is_intact(), "{:?}", report.findings);
    }

    /// An entry of an older eenplan changed a record of a table it did not seal yet:
    /// the record is not provable (counted) until a later seal, and only that record.
    #[test]
    fn a_record_named_but_not_sealed_is_counted_until_a_later_seal() {
        let mut replay = Replay::default();
        let named = ["m/1".to_owned(), "n/1".to_owned()];
        replay.push_expecting(
            "f",
            1,
            &with_state("{}", &[("m/1".into(), Some("x".into()))]),
            &named,
        );
        let mut report = DeepReport::default();
        replay.compare(
            rows(&[("m/1", "f", "x"), ("n/1", "f", "a"), ("n/2", "f", "b")]),
            &mut report,
        );
        assert_eq!(report.unprovable_old, 1, "{report:?}");
        assert_eq!(
            report.findings,
            vec![DeepFinding::Unexplained {
                table: "n".into(),
                key: "2".into()
            }]
        );

        let mut replay = Replay::default();
        replay.push_expecting("f", 1, &with_state("{}", &[]), &named[1..]);
        replay.push(
            "f",
            2,
            &with_state("{}", &[("n/1".into(), Some("y".into()))]),
        );
        let mut report = DeepReport::default();
        replay.compare(rows(&[("n/1", "f", "edited")]), &mut report);
        assert_eq!(report.unprovable_old, 0);
        assert_eq!(report.findings.len(), 1, "sealed later, so checked");

        // A table's record the event does not name (a session beside a sign-in):
        // that owner's unsealed rows of that table only.
        let mut replay = Replay::default();
        replay.unsealed_in("f", "s");
        let mut report = DeepReport::default();
        replay.compare(
            rows(&[("s/1", "f", "a"), ("s/2", "g", "b"), ("m/1", "f", "c")]),
            &mut report,
        );
        assert_eq!(report.unprovable_old, 1, "{report:?}");
        assert_eq!(report.findings.len(), 2, "{:?}", report.findings);
    }

    #[test]
    fn a_stored_entry_reads_back_as_its_event() {
        let event = super::super::Event::PortalMarkEnded {
            family_id: "f".into(),
            mark_id: "m".into(),
        };
        let (kind, payload) = event.to_record();
        let payload = with_state(&payload, &[("portal_marks/m".into(), None)]);
        assert_eq!(stored_event(&kind, &payload), Some(event));
        assert_eq!(stored_event(&kind, DESTROYED_PAYLOAD), None);
    }

    #[test]
    fn old_and_destroyed_entries_are_counted_not_reported() {
        let mut replay = Replay::default();
        replay.push("old", 1, r#"{"member_id":"1"}"#);
        replay.push("gone", 2, DESTROYED_PAYLOAD);
        replay.push(
            "new",
            3,
            &with_state("{}", &[("m/3".into(), Some("z".into()))]),
        );
        let mut report = DeepReport::default();
        replay.compare(
            rows(&[
                ("m/1", "old", "a"),
                ("m/2", "gone", "b"),
                ("m/4", "new", "c"),
            ]),
            &mut report,
        );
        assert_eq!(report.unprovable_old, 1);
        assert_eq!(report.unprovable_destroyed, 1);
        // The new owner's unsealed row is reported, and so is its sealed, missing one.
        assert_eq!(report.findings.len(), 2, "{:?}", report.findings);
    }
}
