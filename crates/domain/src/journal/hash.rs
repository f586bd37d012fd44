use sha2::{Digest, Sha256};

use super::Entry;

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Bumped if the hashed form ever changes, so old and new chains cannot be confused.
const DOMAIN_TAG: &[u8] = b"eenplan-journal-v1";

pub fn payload_digest(payload: &str) -> String {
    hex(&Sha256::digest(payload.as_bytes()))
}

/// SHA-256 over every stored field except the hash itself. Each field is
/// length-prefixed, so no two different entries share an encoding.
pub(crate) fn entry_hash(entry: &Entry) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(DOMAIN_TAG);
    field(&entry.seq.to_be_bytes());
    field(entry.id.as_bytes());
    field(entry.recorded_at.as_bytes());
    field(entry.actor.as_bytes());
    match &entry.actor_organisation {
        Some(org) => {
            field(b"1");
            field(org.as_bytes());
        }
        None => field(b"0"),
    }
    field(entry.kind.as_bytes());
    field(entry.subject_type.as_bytes());
    field(entry.subject_id.as_bytes());
    field(entry.payload_sha256.as_bytes());
    field(entry.prev_hash.as_bytes());
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(bytes)
}
