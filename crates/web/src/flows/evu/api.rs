//! The EVU in the API: the local team calls it in for a family (lead work, on the
//! family's consent); the coordinator sees new referrals and assigns a combination of
//! workers at once, declines or closes.

use axum::Json;
use axum::http::StatusCode;
use eenplan_store::StoreError;

use super::ops::{self, Decision};
use super::schemas::{EvuCombination, EvuReferralList, EvuWorkList};
use crate::auth::evu::log_evu_reads;
use crate::auth::family::FamilyCtx;
use crate::kit::body::{Created, Reason};
use crate::kit::extract::{Body, Path};
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Ctx, Lang, Refusal};

/// A store refusal as the API answers it; what is not a refusal is a 404 or a 500.
fn refused(e: StoreError) -> ApiError {
    match e {
        StoreError::Evu(evu) => evu.problem().into(),
        // A worker who cannot join yet: named, with the consent step to ask.
        StoreError::JoinRefused {
            worker,
            organisation,
            step,
        } => ApiError::invalid(&[(
            "user_ids",
            "consent-needed",
            (
                &crate::kit::chain_texts::join_refused(Lang::Nl, &worker, &organisation, step),
                &crate::kit::chain_texts::join_refused(Lang::En, &worker, &organisation, step),
            ),
        )]),
        StoreError::UnknownUser(_) => ApiError::invalid(&[(
            "user_ids",
            "unknown",
            (
                "Kies actieve professionals uit de lijst.",
                "Choose active professionals from the list.",
            ),
        )]),
        // The store names the record for the log; the client reads what it asked after.
        StoreError::NotFound(_) => {
            Problem::said(StatusCode::NOT_FOUND, "not-found", |t| t.not_found)
                .detail_in((
                    "Geen aanmelding met dit id bij dit gezin.",
                    "No referral with this id in this family's file.",
                ))
                .into()
        }
        other => other.into(),
    }
}

pub async fn refer(
    fam: FamilyCtx,
    Body(input): Body<Reason>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = fam.write(refused, async |tx, by| {
        ops::refer(tx, by.principal, by.family, &input.reason).await
    });
    Ok(Created::answer(id.await?))
}

pub async fn of_family(fam: FamilyCtx) -> Result<Json<EvuReferralList>, ApiError> {
    let list = fam
        .read(async |tx, family| tx.evu_referrals_of(family).await)
        .await?;
    Ok(Json(EvuReferralList::new(&list)))
}

/// The tag the work list's cursors carry (it has one order).
pub(super) const WORK_SORT: &str = "evu";

/// One page of the coordinator's list and how many referrals it holds in all.
pub(super) async fn work_page(
    ctx: &Ctx,
    seek: &eenplan_store::Seek,
    limit: i64,
) -> Result<(crate::kit::paging::Page<eenplan_store::EvuReferral>, usize), eenplan_store::StoreError>
{
    let mut tx = ctx.store().read().await?;
    let rows = tx.evu_work_page(seek, limit + 1).await?;
    let total = tx.evu_work_count().await?;
    let page = crate::kit::paging::window(rows, limit, seek, WORK_SORT, |(_, k)| k.clone());
    Ok((
        crate::kit::paging::Page {
            items: page.items.into_iter().map(|(r, _)| r).collect(),
            next: page.next,
            previous: page.previous,
        },
        total,
    ))
}

#[derive(Debug, serde::Deserialize)]
pub struct WorkListParams {
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn work_list(
    ctx: Ctx,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    crate::kit::extract::Query(q): crate::kit::extract::Query<WorkListParams>,
) -> Result<axum::response::Response, ApiError> {
    let p = ctx.caller()?;
    let (limit, seek) =
        crate::kit::paging::api_paging(q.limit.as_deref(), q.cursor.as_deref(), WORK_SORT)?;
    let (page, total) = work_page(&ctx, &seek, limit).await?;
    let candidates = ctx.store().read().await?.professionals(None).await?;
    log_evu_reads(
        &ctx.state,
        p,
        &page.items,
        "GET /api/v1/evu/referrals",
        &ctx.client.0,
    )
    .await?;
    let mut response = crate::kit::paging::with_links(
        Json(EvuWorkList::new(&page.items, &candidates)),
        &page,
        "/api/v1/evu/referrals",
        raw.as_deref(),
    );
    response
        .headers_mut()
        .insert(crate::kit::paging::TOTAL_COUNT, total.into());
    Ok(response)
}

pub async fn assign(
    ctx: Ctx,
    Path(referral_id): Path<String>,
    Body(input): Body<EvuCombination>,
) -> Result<StatusCode, ApiError> {
    let decision = Decision::Combination(&input.user_ids);
    decide(&ctx, (&referral_id, "combination"), decision).await
}

/// The coordinator's decision on a referral, logged as the route `step` names it.
async fn decide(
    ctx: &Ctx,
    (referral_id, step): (&str, &str),
    decision: Decision<'_>,
) -> Result<StatusCode, ApiError> {
    let what = format!("POST /api/v1/evu/referrals/{referral_id}/{step}");
    let client = &ctx.client.0;
    ctx.write(refused, async |tx, p| {
        ops::decide(tx, p, referral_id, decision, (what, client)).await
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How the coordinator ends a referral: the decline and close routes differ only in
/// this, so they share one handler.
#[derive(Debug, Clone, Copy)]
pub enum Finish {
    Decline,
    Close,
}

pub async fn finish(
    how: Finish,
    ctx: Ctx,
    Path(referral_id): Path<String>,
    Body(input): Body<Reason>,
) -> Result<StatusCode, ApiError> {
    let (close, step) = match how {
        Finish::Decline => (false, "decline"),
        Finish::Close => (true, "close"),
    };
    let decision = Decision::Finish {
        close,
        reason: &input.reason,
    };
    decide(&ctx, (&referral_id, step), decision).await
}
