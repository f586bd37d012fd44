//! The access-log lines of the Raad's reads and steps, for the pages and the API alike.

use eenplan_domain::FamilyId;
use eenplan_store::{AccessEntry, Principal, ProtectionOrderRequest, StoreError};

use crate::AppState;
use crate::auth::family::access_entry;

/// The access-log line for a Raad professional touching a request's family data: not
/// through the family's circle, but because the request is addressed to them.
pub fn raad_entry(
    p: &Principal,
    event: eenplan_domain::access_log::AccessEvent,
    family_id: &FamilyId,
    data: String,
    client: &str,
) -> AccessEntry {
    let mut entry = access_entry(p, event, None, Some(family_id.to_string()), data, client);
    entry.basis = Some(eenplan_domain::access_log::AccessBasis::RvdkRequest);
    entry
}

/// Logs the reads of the requests shown, one line per request, committed together.
pub async fn log_raad_reads(
    state: &AppState,
    p: &Principal,
    requests: &[ProtectionOrderRequest],
    route: &str,
    client: &str,
) -> Result<(), StoreError> {
    let entries = requests
        .iter()
        .map(|r| {
            raad_entry(
                p,
                eenplan_domain::access_log::AccessEvent::Read,
                &r.family_id,
                format!("{route} (verzoek {})", r.id),
                client,
            )
        })
        .collect();
    state.store.log_access_all(entries).await
}
