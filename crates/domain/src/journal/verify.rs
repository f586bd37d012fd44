//! Walks the journal in sequence order and names every place where it differs from an
//! untouched chain. Streaming: memory does not grow with the journal.

use std::fmt;

use super::hash::{entry_hash, payload_digest};
use super::{Entry, GENESIS_HASH, Head};

/// Which hash chain an anchor belongs to: the journal, or the access log beside it.
/// Both can be cut short and rewound at their head, so both need an anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    Journal,
    AccessLog,
}

impl Chain {
    /// The word an anchor starts with.
    pub fn code(self) -> &'static str {
        match self {
            Chain::Journal => "journal",
            Chain::AccessLog => "access",
        }
    }
}

/// A (chain, sequence number, hash) triple noted down outside the database, for
/// example printed by an earlier `eenplan verify` and kept with the backups. Someone
/// who can rewrite the whole database can rebuild a consistent chain, or cut its tail
/// and rewind its head; they cannot change what was written down elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub chain: Chain,
    pub seq: i64,
    pub hash: String,
}

impl Anchor {
    /// The anchor for `head` of `chain`; `None` while the chain is empty (there is
    /// nothing to anchor yet).
    pub fn of(chain: Chain, head: &Head) -> Option<Anchor> {
        (head.seq >= 1).then(|| Anchor {
            chain,
            seq: head.seq,
            hash: head.hash.clone(),
        })
    }
}

/// The form `--anchor` takes, so printed anchors can be pasted back as they are.
impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.chain.code(), self.seq, self.hash)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not an anchor: use journal:SEQ:HASH or access:SEQ:HASH as printed by `eenplan verify`, e.g. journal:42:9f86d0…"
)]
pub struct AnchorParseError(pub String);

impl std::str::FromStr for Anchor {
    type Err = AnchorParseError;

    /// `journal:SEQ:HASH`, `access:SEQ:HASH`, or the older `SEQ:HASH` (the journal's,
    /// as verify printed it before the access log had anchors).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || AnchorParseError(s.to_owned());
        let text = s.trim();
        let (chain, rest) = match text.split_once(':') {
            Some(("journal", rest)) => (Chain::Journal, rest),
            Some(("access", rest)) => (Chain::AccessLog, rest),
            _ => (Chain::Journal, text),
        };
        let (seq, hash) = rest.split_once(':').ok_or_else(err)?;
        let seq: i64 = seq.parse().map_err(|_| err())?;
        let hash_ok = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        if seq < 1 || !hash_ok {
            return Err(err());
        }
        Ok(Anchor {
            chain,
            seq,
            hash: hash.to_ascii_lowercase(),
        })
    }
}

/// One place where the journal is not what was written. Positions are the entries'
/// sequence numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Entries `first..=last` are gone.
    Missing { first: i64, last: i64 },
    /// The entry's content no longer matches its hash.
    Edited { seq: i64 },
    /// The entry is intact in itself but does not follow the entry before it.
    Unlinked { seq: i64 },
    /// Both: the entry at this position was replaced or moved here.
    Displaced { seq: i64 },
    /// Entries after the recorded head were added outside eenplan.
    BeyondHead { first: i64, last: i64 },
    /// The recorded head names an entry that is not there, or a different one.
    HeadMismatch { head_seq: i64 },
    /// The journal has no head record at all while it has entries.
    HeadMissing,
    /// The anchor's entry is missing or differs from what was written down.
    AnchorMismatch { seq: i64 },
    /// A checkpoint (a cut of old entries) that the journal does not witness: written
    /// outside eenplan to pass off deleted entries as cut.
    CheckpointUnwitnessed { seq: i64 },
}

impl Finding {
    /// The first position this finding concerns, for sorting and reporting.
    pub fn position(&self) -> i64 {
        match self {
            Finding::Missing { first, .. } | Finding::BeyondHead { first, .. } => *first,
            Finding::Edited { seq }
            | Finding::Unlinked { seq }
            | Finding::Displaced { seq }
            | Finding::AnchorMismatch { seq }
            | Finding::CheckpointUnwitnessed { seq } => *seq,
            Finding::HeadMismatch { head_seq } => *head_seq,
            Finding::HeadMissing => 0,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Missing { first, last } if first == last => {
                write!(f, "entry #{first}: missing (deleted)")
            }
            Finding::Missing { first, last } => {
                write!(f, "entries #{first} to #{last}: missing (deleted)")
            }
            Finding::Edited { seq } => {
                write!(f, "entry #{seq}: content does not match its hash (edited)")
            }
            Finding::Unlinked { seq } => write!(
                f,
                "entry #{seq}: does not follow the entry before it (inserted or reordered)"
            ),
            Finding::Displaced { seq } => write!(
                f,
                "entry #{seq}: content and link both wrong (replaced, inserted or reordered)"
            ),
            Finding::BeyondHead { first, last } => write!(
                f,
                "entries #{first} to #{last}: after the recorded head (inserted outside eenplan)"
            ),
            Finding::HeadMismatch { head_seq } => write!(
                f,
                "journal head names entry #{head_seq}, which is missing or different (entries removed from the end)"
            ),
            Finding::HeadMissing => write!(f, "the journal head record is missing"),
            Finding::AnchorMismatch { seq } => write!(
                f,
                "entry #{seq}: missing, or different from the anchor written down earlier (chain rewritten or cut short)"
            ),
            Finding::CheckpointUnwitnessed { seq } => write!(
                f,
                "checkpoint at entry #{seq}: no journal entry records this cut (written outside eenplan)"
            ),
        }
    }
}

/// The outcome of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub entries: u64,
    /// Entries whose payload a retention rule destroyed: the chain still proves their
    /// place, kind, subject and actor, no longer what they said.
    pub destroyed: u64,
    /// The last entry seen, to be written down as the next anchor.
    pub last: Option<Head>,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn is_intact(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Feed entries in ascending `seq` order, then call [`Verifier::finish`].
#[derive(Debug)]
pub struct Verifier {
    expected_seq: i64,
    prev_hash: String,
    entries: u64,
    destroyed: u64,
    last: Option<Head>,
    findings: Vec<Finding>,
    anchor: Option<Anchor>,
    anchor_seen: bool,
}

impl Default for Verifier {
    fn default() -> Self {
        Self::new(None)
    }
}

impl Verifier {
    pub fn new(anchor: Option<Anchor>) -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
            entries: 0,
            destroyed: 0,
            last: None,
            findings: Vec::new(),
            anchor,
            anchor_seen: false,
        }
    }

    /// A verifier for a chain whose entries up to `checkpoint` were cut on purpose: it
    /// expects the first entry after it to link to its hash, as if the cut entries were
    /// still there. An anchor at or before the checkpoint is checked against it as far
    /// as it can be: at the checkpoint its hash must match; before it, the cut entry is
    /// gone by design and the checkpoint's own witness (the journal) vouches for it.
    pub fn resume_after(checkpoint: Head, anchor: Option<Anchor>) -> Self {
        let mut v = Self::new(anchor);
        if checkpoint.seq < 1 {
            return v;
        }
        if let Some(a) = &v.anchor
            && a.seq <= checkpoint.seq
        {
            v.anchor_seen = true;
            if a.seq == checkpoint.seq && a.hash != checkpoint.hash {
                v.findings.push(Finding::AnchorMismatch { seq: a.seq });
            }
        }
        v.expected_seq = checkpoint.seq + 1;
        v.prev_hash = checkpoint.hash.clone();
        v.last = Some(checkpoint);
        v
    }

    /// Names a checkpoint found beside the chain that its witness does not record.
    pub fn unwitnessed_checkpoint(&mut self, seq: i64) {
        self.findings.push(Finding::CheckpointUnwitnessed { seq });
    }

    pub fn push(&mut self, entry: &Entry) {
        self.entries += 1;
        let gap = entry.seq > self.expected_seq;
        if gap {
            self.findings.push(Finding::Missing {
                first: self.expected_seq,
                last: entry.seq - 1,
            });
        }
        let destroyed = entry.payload == super::deep::DESTROYED_PAYLOAD;
        if destroyed {
            self.destroyed += 1;
        }
        let content_ok = (destroyed || payload_digest(&entry.payload) == entry.payload_sha256)
            && entry_hash(entry) == entry.hash;
        let link_ok = entry.prev_hash == self.prev_hash;
        match (content_ok, link_ok) {
            (true, true) => {}
            (false, true) => self.findings.push(Finding::Edited { seq: entry.seq }),
            // After a gap the broken link is already explained by the deletion.
            (true, false) if gap => {}
            (true, false) => self.findings.push(Finding::Unlinked { seq: entry.seq }),
            (false, false) => self.findings.push(Finding::Displaced { seq: entry.seq }),
        }
        if let Some(anchor) = &self.anchor
            && anchor.seq == entry.seq
        {
            self.anchor_seen = true;
            if anchor.hash != entry.hash || !content_ok {
                self.findings
                    .push(Finding::AnchorMismatch { seq: anchor.seq });
            }
        }
        // Continue from the stored hash so one tampered entry is reported once, not
        // as a cascade over everything after it.
        self.prev_hash = entry.hash.clone();
        self.expected_seq = entry.seq + 1;
        self.last = Some(entry.head());
    }

    /// `head` is the stored head record (`None` if absent).
    pub fn finish(mut self, head: Option<Head>) -> Report {
        let last_seq = self.last.as_ref().map_or(0, |h| h.seq);
        match head {
            None if self.entries > 0 => self.findings.push(Finding::HeadMissing),
            None => {}
            Some(head) if head.seq < last_seq => self.findings.push(Finding::BeyondHead {
                first: head.seq + 1,
                last: last_seq,
            }),
            Some(head) if head.seq > last_seq => {
                self.findings.push(Finding::Missing {
                    first: last_seq + 1,
                    last: head.seq,
                });
            }
            Some(head) => {
                let last_hash = self.last.as_ref().map_or(GENESIS_HASH, |h| h.hash.as_str());
                if head.hash != last_hash {
                    self.findings
                        .push(Finding::HeadMismatch { head_seq: head.seq });
                }
            }
        }
        if let Some(anchor) = &self.anchor
            && !self.anchor_seen
        {
            self.findings
                .push(Finding::AnchorMismatch { seq: anchor.seq });
        }
        self.findings.sort_by_key(Finding::position);
        Report {
            entries: self.entries,
            destroyed: self.destroyed,
            last: self.last,
            findings: self.findings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UtcTime;
    use crate::journal::{Actor, Draft, Event, seal};

    fn chain(n: usize) -> (Vec<Entry>, Head) {
        let mut head = Head::genesis();
        let mut entries = Vec::new();
        for i in 0..n {
            let draft = Draft {
                id: format!("id-{i}"),
                recorded_at: UtcTime::parse("2026-11-22T08:00:00Z").expect("valid"),
                actor: Actor::System { component: "test" },
                event: Event::InstanceMarked {
                    purpose: format!("p{i}"),
                },
                state: Some(Vec::new()),
            };
            let entry = seal(&head, &draft);
            head = entry.head();
            entries.push(entry);
        }
        (entries, head)
    }

    fn run(entries: &[Entry], head: Option<Head>, anchor: Option<Anchor>) -> Report {
        let mut v = Verifier::new(anchor);
        for e in entries {
            v.push(e);
        }
        v.finish(head)
    }

    #[test]
    fn untouched_chain_is_intact() {
        let (entries, head) = chain(5);
        let report = run(&entries, Some(head.clone()), None);
        assert!(report.is_intact(), "{:?}", report.findings);
        assert_eq!(report.entries, 5);
        assert_eq!(report.last, Some(head));
        assert!(run(&[], None, None).is_intact());
    }

    #[test]
    fn edited_payload() {
        let (mut entries, head) = chain(5);
        entries[2].payload = r#"{"purpose":"forged"}"#.into();
        let r = run(&entries, Some(head), None);
        assert_eq!(r.findings, vec![Finding::Edited { seq: 3 }]);
    }

    #[test]
    fn edited_payload_with_recomputed_digest_is_still_caught() {
        let (mut entries, head) = chain(5);
        entries[2].payload = r#"{"purpose":"forged"}"#.into();
        entries[2].payload_sha256 = payload_digest(&entries[2].payload);
        let r = run(&entries, Some(head), None);
        assert_eq!(r.findings, vec![Finding::Edited { seq: 3 }]);
    }

    #[test]
    fn a_payload_destroyed_by_retention_keeps_the_chain_and_is_counted() {
        let (mut entries, head) = chain(3);
        entries[1].payload = crate::journal::deep::DESTROYED_PAYLOAD.into();
        let r = run(&entries, Some(head), None);
        assert!(r.is_intact(), "{:?}", r.findings);
        assert_eq!(r.destroyed, 1);
    }

    #[test]
    fn deleted_entries() {
        let (mut entries, head) = chain(6);
        entries.drain(2..4);
        let r = run(&entries, Some(head), None);
        assert_eq!(r.findings, vec![Finding::Missing { first: 3, last: 4 }]);
    }

    fn resumed(entries: &[Entry], checkpoint: Head, head: Head, anchor: Option<Anchor>) -> Report {
        let mut v = Verifier::resume_after(checkpoint, anchor);
        for e in entries {
            v.push(e);
        }
        v.finish(Some(head))
    }

    #[test]
    fn a_chain_cut_at_a_checkpoint_verifies_from_it() {
        let (entries, head) = chain(6);
        let checkpoint = entries[2].head();
        let r = resumed(&entries[3..], checkpoint.clone(), head.clone(), None);
        assert!(r.is_intact(), "{:?}", r.findings);
        assert_eq!(r.entries, 3);
        // Everything cut: the checkpoint is the last entry, and the head agrees with it.
        let r = resumed(&[], entries[5].head(), head.clone(), None);
        assert!(r.is_intact(), "{:?}", r.findings);
        assert_eq!(r.last, Some(head.clone()));
        // Lines deleted past the checkpoint are still missing.
        let r = resumed(&entries[4..], checkpoint, head, None);
        assert_eq!(r.findings, vec![Finding::Missing { first: 4, last: 4 }]);
    }

    #[test]
    fn without_a_checkpoint_the_cut_is_a_deletion() {
        let (entries, head) = chain(6);
        let r = run(&entries[3..], Some(head), None);
        assert_eq!(r.findings, vec![Finding::Missing { first: 1, last: 3 }]);
    }

    #[test]
    fn an_anchor_at_or_before_the_checkpoint() {
        let (entries, head) = chain(6);
        let checkpoint = entries[2].head();
        let before = Anchor::of(Chain::AccessLog, &entries[1].head());
        let r = resumed(&entries[3..], checkpoint.clone(), head.clone(), before);
        assert!(r.is_intact(), "{:?}", r.findings);
        let at = Anchor::of(Chain::AccessLog, &checkpoint);
        assert!(resumed(&entries[3..], checkpoint.clone(), head.clone(), at).is_intact());
        let forged = Anchor {
            chain: Chain::AccessLog,
            seq: 3,
            hash: "ab".repeat(32),
        };
        let r = resumed(&entries[3..], checkpoint, head, Some(forged));
        assert_eq!(r.findings, vec![Finding::AnchorMismatch { seq: 3 }]);
    }

    #[test]
    fn deleted_tail_is_caught_by_the_head() {
        let (mut entries, head) = chain(5);
        entries.pop();
        let r = run(&entries, Some(head), None);
        assert_eq!(r.findings, vec![Finding::Missing { first: 5, last: 5 }]);
    }

    #[test]
    fn inserted_entry_renumbering_the_rest() {
        let (entries, head) = chain(4);
        let (forged, _) = chain(1);
        let mut tampered = entries[..2].to_vec();
        let mut f = forged[0].clone();
        f.seq = 3;
        tampered.push(f);
        for e in &entries[2..] {
            let mut moved = e.clone();
            moved.seq += 1;
            tampered.push(moved);
        }
        let r = run(&tampered, Some(head), None);
        assert!(!r.is_intact());
        let positions: Vec<i64> = r.findings.iter().map(Finding::position).collect();
        assert_eq!(positions.first(), Some(&3), "{:?}", r.findings);
    }

    #[test]
    fn well_forged_append_is_caught_by_the_head() {
        let (mut entries, head) = chain(3);
        let draft = Draft {
            id: "forged".into(),
            recorded_at: UtcTime::parse("2026-11-22T09:00:00Z").expect("valid"),
            actor: Actor::System {
                component: "attacker",
            },
            event: Event::InstanceMarked {
                purpose: "x".into(),
            },
            state: Some(Vec::new()),
        };
        let forged = seal(&head, &draft);
        entries.push(forged);
        let r = run(&entries, Some(head), None);
        assert_eq!(r.findings, vec![Finding::BeyondHead { first: 4, last: 4 }]);
    }

    #[test]
    fn swapped_entries() {
        let (mut entries, head) = chain(5);
        let (a, b) = (entries[1].clone(), entries[2].clone());
        entries[1] = Entry { seq: 2, ..b };
        entries[2] = Entry { seq: 3, ..a };
        let r = run(&entries, Some(head), None);
        // Both swapped entries are named; #4 is named too, because the entry it
        // was chained to no longer stands before it.
        assert_eq!(
            r.findings,
            vec![
                Finding::Displaced { seq: 2 },
                Finding::Displaced { seq: 3 },
                Finding::Unlinked { seq: 4 }
            ]
        );
    }

    #[test]
    fn rewritten_chain_is_caught_by_an_anchor() {
        let (entries, _) = chain(4);
        let anchor = Anchor {
            chain: Chain::Journal,
            seq: 2,
            hash: entries[1].hash.clone(),
        };
        // Someone rebuilds the whole chain with different content.
        let mut head = Head::genesis();
        let mut rebuilt = Vec::new();
        for e in &entries {
            let draft = Draft {
                id: e.id.clone(),
                recorded_at: UtcTime::parse("2026-11-22T08:00:00Z").expect("valid"),
                actor: Actor::System {
                    component: "attacker",
                },
                event: Event::InstanceMarked {
                    purpose: "rewritten".into(),
                },
                state: Some(Vec::new()),
            };
            let sealed = seal(&head, &draft);
            head = sealed.head();
            rebuilt.push(sealed);
        }
        let r = run(&rebuilt, Some(head), Some(anchor.clone()));
        assert_eq!(r.findings, vec![Finding::AnchorMismatch { seq: 2 }]);
        assert!(run(&entries, entries.last().map(Entry::head), Some(anchor)).is_intact());
    }

    #[test]
    fn anchors_parse() {
        let h = "a".repeat(64);
        let journal = Anchor {
            chain: Chain::Journal,
            seq: 7,
            hash: h.clone(),
        };
        assert_eq!(format!("7:{h}").parse::<Anchor>(), Ok(journal.clone()));
        assert_eq!(
            format!("journal:7:{h}").parse::<Anchor>(),
            Ok(journal.clone())
        );
        let access = format!("access:7:{}", "B".repeat(64)).parse::<Anchor>();
        assert_eq!(
            access,
            Ok(Anchor {
                chain: Chain::AccessLog,
                seq: 7,
                hash: "b".repeat(64)
            })
        );
        // What verify prints is what --anchor takes.
        assert_eq!(journal.to_string().parse::<Anchor>(), Ok(journal));
        assert!("7".parse::<Anchor>().is_err());
        assert!(format!("0:{h}").parse::<Anchor>().is_err());
        assert!(format!("ledger:7:{h}").parse::<Anchor>().is_err());
        assert!(format!("access:{h}").parse::<Anchor>().is_err());
        assert!("7:abc".parse::<Anchor>().is_err());
        assert_eq!(Anchor::of(Chain::AccessLog, &Head::genesis()), None);
    }
}
