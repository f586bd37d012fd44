//! The journal: every state change as an event, appended in the same transaction as
//! the change, chained by SHA-256 so that any edit, deletion, insertion or reordering
//! is detected by [`verify::Verifier`].
//!
//! The chain hashes a digest of the payload rather than the payload itself, so that a
//! future retention rule can destroy the personal data in an old payload while the
//! chain stays verifiable.

pub mod deep;
mod event;
mod hash;
pub mod verify;

pub use event::{Actor, Audience, Event, EventKind, Subject};
pub use hash::{GENESIS_HASH, payload_digest};
pub use verify::{Anchor, Chain, Finding, Report, Verifier};

use crate::UtcTime;

/// What a command hands to the store: the event and who caused it.
#[derive(Debug, Clone)]
pub struct Draft {
    pub id: String,
    pub recorded_at: UtcTime,
    pub actor: Actor,
    pub event: Event,
    /// The journal's seals of what the change left behind ([`deep`]); `None` for a
    /// chain that carries none (the access log).
    pub state: Option<Vec<(String, Option<String>)>>,
}

/// An entry as stored, in its textual form: verification works on exactly what is in
/// the database, whichever backend it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub seq: i64,
    pub id: String,
    pub recorded_at: String,
    pub actor: String,
    pub actor_organisation: Option<String>,
    pub kind: String,
    pub subject_type: String,
    pub subject_id: String,
    pub payload: String,
    pub payload_sha256: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The last entry of the chain, kept beside the journal so that losing entries from
/// the end is as visible as losing them from the middle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
}

impl Head {
    pub fn genesis() -> Self {
        Self {
            seq: 0,
            hash: GENESIS_HASH.to_owned(),
        }
    }
}

/// Appends `draft` after `head`: numbers it and chains it. Callers must hold the
/// journal's write lock from reading `head` until the entry is committed.
pub fn seal(head: &Head, draft: &Draft) -> Entry {
    let (actor, actor_organisation) = draft.actor.stored();
    let (kind, mut payload) = draft.event.to_record();
    if let Some(state) = &draft.state {
        payload = deep::with_state(&payload, state);
    }
    let subject = draft.event.subject();
    let mut entry = Entry {
        seq: head.seq + 1,
        id: draft.id.clone(),
        recorded_at: draft.recorded_at.to_rfc3339(),
        actor,
        actor_organisation,
        kind,
        subject_type: subject.kind.to_owned(),
        subject_id: subject.id,
        payload_sha256: payload_digest(&payload),
        payload,
        prev_hash: head.hash.clone(),
        hash: String::new(),
    };
    entry.hash = hash::entry_hash(&entry);
    entry
}

impl Entry {
    pub fn head(&self) -> Head {
        Head {
            seq: self.seq,
            hash: self.hash.clone(),
        }
    }
}
