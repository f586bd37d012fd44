//! What the protection order's pages and its API write alike, written once.

use eenplan_domain::FamilyId;
use eenplan_domain::access_log::AccessEvent;
use eenplan_domain::protection_order::Conclusion;
use eenplan_store::{CourtRuling, Principal, ProtectionOrderInput, Store, StoreError, Tx};
use jiff::civil::Date;

use super::access::raad_entry;
use crate::kit::dates::today;

/// The lead asks the Raad to investigate, for their organisation; the request's id.
pub(super) async fn request(
    store: &Store,
    p: &Principal,
    family_id: &FamilyId,
    input: &ProtectionOrderInput,
) -> Result<String, StoreError> {
    let by = (&p.user_id, &p.organisation_id);
    store
        .change(async |tx| {
            tx.request_protection_order(&p.actor(), family_id, by, input, today())
                .await
        })
        .await
}

/// One of the Raad's steps on a request, with the date it was taken.
pub(super) enum RaadAct<'a> {
    Investigation(Date),
    Outcome(&'a Conclusion, Date),
    Decision(&'a CourtRuling, Date),
}

/// Takes `act` on the request addressed to `p`'s organisation and logs it against the
/// family (`route`: how the log names the request); that family, or `None` when the
/// organisation has no such request. The step and its log line commit together.
pub(super) async fn raad_act(
    tx: &mut Tx,
    p: &Principal,
    request_id: &str,
    act: RaadAct<'_>,
    (route, client): (&str, &str),
) -> Result<Option<FamilyId>, StoreError> {
    let Some(r) = tx.raad_request(&p.organisation_id, request_id).await? else {
        return Ok(None);
    };
    let (actor, org, user) = (p.actor(), &p.organisation_id, &p.user_id);
    match act {
        RaadAct::Investigation(on) => {
            tx.start_investigation(&actor, org, request_id, user, on, today())
                .await?;
        }
        RaadAct::Outcome(conclusion, on) => {
            tx.conclude_investigation(&actor, org, request_id, user, conclusion, on, today())
                .await?;
        }
        RaadAct::Decision(ruling, on) => {
            tx.record_court_decision(&actor, org, request_id, user, on, ruling, today())
                .await?;
        }
    }
    let what = format!("POST {route} (verzoek {request_id})");
    let entry = raad_entry(p, AccessEvent::Update, &r.family_id, what, client);
    tx.log_access(&entry).await?;
    Ok(Some(r.family_id))
}
