//! What the protection order's pages and its API write alike, written once.

use eenplan_domain::FamilyId;
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::protection_order::Conclusion;
use eenplan_store::{CourtRuling, Principal, ProtectionOrderInput, ProtectionOrderRequest};
use eenplan_store::{StoreError, Tx};
use jiff::civil::Date;

use crate::auth::evu::{addressed_access, log_addressed_reads};
use crate::auth::family::FamilyCtx;
use crate::kit::Ctx;
use crate::kit::dates::today;
use crate::kit::paging::{Page, window};
use eenplan_store::Seek;

/// The lead asks the Raad to investigate, for their organisation; the request's id.
pub(super) async fn request(
    fam: &FamilyCtx,
    p: &Principal,
    input: &ProtectionOrderInput,
) -> Result<String, StoreError> {
    fam.change(p, async |tx, by| {
        tx.request_protection_order(&by.actor, by.family, by.both(), input, by.today)
            .await
    })
    .await
}

/// The tag the Raad's work list's cursors carry (it has one order).
pub(super) const WORK_SORT: &str = "raad";

/// A page of the requests addressed to `p`'s organisation (`Err(id)`: only that one),
/// their reads logged as at `route`, and how many there are in all.
pub(super) async fn raad_requests(
    ctx: &Ctx,
    p: &Principal,
    (route, which): (&str, Result<(&Seek, i64), &str>),
) -> Result<(Page<ProtectionOrderRequest>, usize), StoreError> {
    let mut tx = ctx.store().read().await?;
    let (page, total) = match which {
        Ok((seek, limit)) => {
            let rows = tx
                .raad_requests_page(&p.organisation_id, seek, limit + 1)
                .await?;
            let total = tx.raad_requests_count(&p.organisation_id).await?;
            let page = window(rows, limit, seek, WORK_SORT, |(_, k)| k.clone());
            let page = Page {
                items: page.items.into_iter().map(|(r, _)| r).collect(),
                next: page.next,
                previous: page.previous,
            };
            (page, total)
        }
        Err(id) => {
            let one = Vec::from_iter(tx.raad_request(&p.organisation_id, id).await?);
            let total = one.len();
            (
                Page {
                    items: one,
                    next: None,
                    previous: None,
                },
                total,
            )
        }
    };
    let list = &page.items;
    drop(tx);
    // The Raad is not in the family's circle: it sees the family because the request
    // is addressed to it.
    let reads = list
        .iter()
        .map(|r| (&r.family_id, format!("{route} (verzoek {})", r.id)));
    let basis = AccessBasis::RvdkRequest;
    log_addressed_reads(&ctx.state, p, basis, reads, &ctx.client.0).await?;
    Ok((page, total))
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
    let basis = AccessBasis::RvdkRequest;
    let entry = addressed_access(p, basis, (AccessEvent::Update, &r.family_id), what, client);
    tx.log_access(&entry).await?;
    Ok(Some(r.family_id))
}
