//! What the EVU's pages and its API write alike, written once: the route and the form
//! or body differ, the store calls and the access log line do not.

use eenplan_domain::FamilyId;
use eenplan_domain::access_log::AccessEvent;
use eenplan_store::{Principal, Referrer, StoreError, Tx};

use crate::auth::evu::evu_access;
use crate::kit::dates::today;

/// The lead calls the EVU in for the family, on behalf of their organisation.
pub(super) async fn refer(
    tx: &mut Tx,
    p: &Principal,
    family_id: &FamilyId,
    reason: &str,
) -> Result<String, StoreError> {
    let by = Referrer {
        organisation_id: &p.organisation_id,
        user_id: &p.user_id,
    };
    tx.refer_to_evu(&p.actor(), family_id, by, None, reason, today())
        .await
}

/// What the coordinator decides about a referral.
pub(super) enum Decision<'a> {
    Combination(&'a [String]),
    Finish { close: bool, reason: &'a str },
}

/// The coordinator's decision, logged against the family it is about (`what`: the
/// route as the log names it; `client`: where it came from).
pub(super) async fn decide(
    tx: &mut Tx,
    p: &Principal,
    referral_id: &str,
    decision: Decision<'_>,
    (what, client): (String, &str),
) -> Result<(), StoreError> {
    let family = match decision {
        Decision::Combination(user_ids) => {
            tx.assign_evu_combination(&p.actor(), referral_id, &p.user_id, user_ids, today())
                .await?
        }
        Decision::Finish { close, reason } => {
            tx.finish_evu_referral(&p.actor(), referral_id, &p.user_id, close, reason, today())
                .await?
        }
    };
    tx.log_access(&evu_access(p, AccessEvent::Update, &family, what, client))
        .await
}
