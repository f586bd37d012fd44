//! Access to a family's data from outside its circle, because something about the
//! family is addressed to the visitor: the EVU coordinator's referrals, the Raad's
//! requests. Every such read and step is logged against its family with what was
//! addressed as the basis (NEN 7513). Here, not in the flows, because the start page's
//! work list shows referrals too and the Raad's flow logs the same way.

use eenplan_domain::FamilyId;
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_store::{AccessEntry, EvuReferral, Principal, StoreError};

use crate::AppState;
use crate::auth::family::access_entry;

/// The access-log line for `p` touching the family's data on `basis`.
pub fn addressed_access(
    p: &Principal,
    basis: AccessBasis,
    (event, family_id): (AccessEvent, &FamilyId),
    data: String,
    client: &str,
) -> AccessEntry {
    let mut entry = access_entry(p, event, None, Some(family_id.to_string()), data, client);
    entry.basis = Some(basis);
    entry
}

/// Logs the reads of a list shown on `basis`: one line for each family and what of it
/// was read, committed together.
pub async fn log_addressed_reads<'a>(
    state: &AppState,
    p: &Principal,
    basis: AccessBasis,
    reads: impl IntoIterator<Item = (&'a FamilyId, String)>,
    client: &str,
) -> Result<(), StoreError> {
    let entries = reads
        .into_iter()
        .map(|(family_id, what)| {
            addressed_access(p, basis, (AccessEvent::Read, family_id), what, client)
        })
        .collect();
    state.store.log_access_all(entries).await
}

/// The access-log line for a coordinator's touch of the family of a referral.
pub fn evu_access(
    p: &Principal,
    event: AccessEvent,
    family_id: &FamilyId,
    data: String,
    client: &str,
) -> AccessEntry {
    addressed_access(
        p,
        AccessBasis::EvuReferral,
        (event, family_id),
        data,
        client,
    )
}

/// Logs the reads of a list of referrals, one line per referral.
pub async fn log_evu_reads(
    state: &AppState,
    p: &Principal,
    referrals: &[EvuReferral],
    data: &str,
    client: &str,
) -> Result<(), StoreError> {
    let reads = referrals
        .iter()
        .map(|r| (&r.family_id, format!("{data} (EVU-aanmelding {})", r.id)));
    log_addressed_reads(state, p, AccessBasis::EvuReferral, reads, client).await
}
