//! The EVU coordinator's access to families. The coordinator is not in a family's
//! circle: every referral shown or changed is logged against its family, with the
//! referral as the basis (NEN 7513). Here, not in the EVU's flow, because the start
//! page's work list shows referrals too.

use eenplan_domain::FamilyId;
use eenplan_store::{AccessEntry, EvuReferral, Principal, StoreError};

use crate::AppState;
use crate::auth::family::access_entry;

/// The access-log line for a coordinator's touch of the family of a referral.
pub fn evu_access(
    p: &Principal,
    event: eenplan_domain::access_log::AccessEvent,
    family_id: &FamilyId,
    data: String,
    client: &str,
) -> AccessEntry {
    let mut entry = access_entry(p, event, None, Some(family_id.to_string()), data, client);
    entry.basis = Some(eenplan_domain::access_log::AccessBasis::EvuReferral);
    entry
}

/// Logs the reads of a list of referrals, one line per referral.
pub async fn log_evu_reads(
    state: &AppState,
    p: &Principal,
    referrals: &[EvuReferral],
    data: &str,
    client: &str,
) -> Result<(), StoreError> {
    let entries = referrals
        .iter()
        .map(|r| {
            let what = format!("{data} (EVU-aanmelding {})", r.id);
            evu_access(
                p,
                eenplan_domain::access_log::AccessEvent::Read,
                &r.family_id,
                what,
                client,
            )
        })
        .collect();
    state.store.log_access_all(entries).await
}
