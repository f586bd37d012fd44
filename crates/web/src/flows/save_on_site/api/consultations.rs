//! Consultations: the caller's day list, one consultation, a booking (anonymous or by
//! name, with the family's consent), a walk-in with its advice, the advice and the
//! cancelling, and a family's consultations by name for its circle.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::UserId;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::save_on_site::{self, ConsultationResult, ConsultationState, OnSiteError};
use eenplan_store::{AdviceInput, OnSiteConsultation, StoreError};
use serde::Deserialize;

use super::{not_found, refused};
use crate::auth::family::FamilyCtx;
use crate::flows::save_on_site::access::log_named_reads;
use crate::flows::save_on_site::ops::{self, Asked, Settle, ask};
use crate::flows::save_on_site::schemas::{
    NewSaveConsultation, SaveAdvice, SaveConsultation, SaveConsultationState, SaveConsultations,
    SaveOnSiteDay, SaveOnSiteDayPart, SaveOnSiteHistory, SaveQuestion, SaveSlotBooking,
    SaveSlotBookings, SaveWalkIn,
};
use crate::kit::body::Reason;
use crate::kit::dates::today;
use crate::kit::extract::{Body, Path, Query};
use crate::kit::fields;
use crate::kit::{ApiError, Ctx, Refusal};

#[derive(Debug, Deserialize)]
pub struct DayQuery {
    date: Option<String>,
}

/// The visitor's on-site list for a day: as the worker, every consultation at their
/// part-days; as a local professional, what they asked.
pub async fn day(ctx: Ctx, Query(q): Query<DayQuery>) -> Result<Json<SaveOnSiteDay>, ApiError> {
    let p = ctx.caller()?;
    let on = fields::optional_date("date", q.date.as_deref())?.unwrap_or_else(today);
    let (slots, list) = {
        let mut tx = ctx.store().read().await?;
        let slots = tx.on_site_slots_of_worker(&p.user_id).await?;
        let mut list = tx.on_site_day(&p.user_id, on).await?;
        for c in tx.on_site_asked_by(&p.user_id, on).await? {
            if c.on == on && !list.iter().any(|x| x.id == c.id) {
                list.push(c);
            }
        }
        (slots, list)
    };
    let shown: Vec<&OnSiteConsultation> = list.iter().collect();
    let data = "GET /api/v1/save-op-locatie/consultations";
    log_named_reads(&ctx.state, p, &shown, data, &ctx.client.0).await?;
    let cal = Calendar::default();
    let on_site = slots
        .iter()
        .filter(|s| save_on_site::is_on_site_day(&s.slot, on, &cal))
        .map(SaveOnSiteDayPart::from)
        .collect();
    Ok(Json(SaveOnSiteDay {
        date: on.to_string(),
        on_site,
        consultations: list.iter().map(SaveConsultation::from).collect(),
    }))
}

pub async fn consultation(
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<SaveConsultation>, ApiError> {
    let p = ctx.caller()?;
    let c = ctx
        .store()
        .read()
        .await?
        .on_site_consultation(&id, &p.user_id)
        .await?
        .ok_or_else(|| not_found(super::CONSULTATION))?;
    let data = "GET /api/v1/save-op-locatie/consultations/{consultation}";
    log_named_reads(&ctx.state, p, &[&c], data, &ctx.client.0).await?;
    Ok(Json(SaveConsultation::from(&c)))
}

/// The advice as sent, or the 400 naming `result` when it is not one of the codes.
fn advice_input(input: SaveAdvice) -> Result<AdviceInput, ApiError> {
    let result: ConsultationResult = fields::code("result", &input.result)?;
    Ok(AdviceInput {
        advice: input.advice,
        next_steps: input.next_steps.into_iter().map(Into::into).collect(),
        result,
    })
}

/// A consultation written, and the state it is in.
type Written = Result<(StatusCode, Json<SaveConsultationState>), ApiError>;

/// The answer to a booking or walk-in: 201 with the state it `left`, or the 400 naming
/// the field of the request at fault.
async fn finish(ctx: &Ctx, done: Result<Asked, StoreError>, left: ConsultationState) -> Written {
    match done {
        Ok(Asked::Done(id)) => Ok((
            StatusCode::CREATED,
            Json(SaveConsultationState::new(id, left)),
        )),
        Ok(Asked::NoAccess(entry)) => {
            ctx.store().log_access(entry).await?;
            Err(ApiError::invalid(&[(
                "family_id",
                "not-found",
                (
                    "Geen gezinsdossier met dit id dat de vragende professional mag inzien.",
                    "No family file with this id that the asking professional may see.",
                ),
            )]))
        }
        Err(StoreError::NotFound(_)) => Err(ApiError::invalid(&[(
            "slot_id",
            "not-found",
            (
                "Geen dagdeel op locatie met dit id.",
                "No on-site part-day with this id.",
            ),
        )])),
        Err(e) => Err(refused(e, super::SLOT)),
    }
}

pub async fn book(ctx: Ctx, Body(input): Body<NewSaveConsultation>) -> Written {
    let p = ctx.caller()?;
    let on = fields::date("date", &input.date)?;
    let SaveQuestion {
        family_id,
        question,
    } = input.about;
    let ask = ask(input.slot_id, on, family_id, question);
    let route = "POST /api/v1/save-op-locatie/consultations";
    let booked = ops::book(ctx.store(), p, &ask, (route, &ctx.client.0)).await;
    finish(&ctx, booked, ConsultationState::Booked).await
}

pub async fn walk_in(ctx: Ctx, Body(input): Body<SaveWalkIn>) -> Written {
    let p = ctx.caller()?;
    let on = fields::optional_date("date", Some(&input.date))?.unwrap_or_else(today);
    let SaveQuestion {
        family_id,
        question,
    } = input.about;
    let ask = ask(input.slot_id, on, family_id, question);
    let advice = advice_input(input.advice)?;
    let asked_by = UserId::from(input.asked_by);
    let route = (
        "POST /api/v1/save-op-locatie/walk-ins",
        ctx.client.0.as_str(),
    );
    match ops::walk_in(ctx.store(), p, (&ask, &asked_by), &advice, route).await {
        // Here the team rule is about who asked, a field of the request.
        Err(StoreError::SaveOnSite(e @ OnSiteError::NotOfThisTeam)) => {
            Err(ApiError::refused_at("asked_by", &e))
        }
        done => finish(&ctx, done, ConsultationState::Held).await,
    }
}

/// The advice and the cancelling both settle one consultation, refused as the
/// consultation's, and answer with the state it is left in.
async fn settle(
    ctx: &Ctx,
    id: String,
    step: Settle<'_>,
) -> Result<Json<SaveConsultationState>, ApiError> {
    ops::settle(ctx.store(), ctx.caller()?, &id, step)
        .await
        .map_err(|e| refused(e, super::CONSULTATION))?;
    Ok(Json(SaveConsultationState::new(id, step.leaves())))
}

pub async fn advice(
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<SaveAdvice>,
) -> Result<Json<SaveConsultationState>, ApiError> {
    let advice = advice_input(input)?;
    settle(&ctx, id, Settle::Advice(&advice)).await
}

pub async fn cancel(
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<Reason>,
) -> Result<Json<SaveConsultationState>, ApiError> {
    settle(&ctx, id, Settle::Cancel(&input.reason)).await
}

/// A family's consultations by name, for its circle (the family guard decided).
pub async fn family_consultations(fam: FamilyCtx) -> Result<Json<SaveConsultations>, ApiError> {
    let list = fam.read(async |tx, family| tx.family_on_site_consultations(family).await);
    Ok(Json(SaveConsultations::new(&list.await?)))
}

#[derive(Debug, Deserialize)]
pub struct HistoryQuery {
    from: Option<String>,
    to: Option<String>,
    team_id: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// The caller's past consultations as the worker on site, by period and team, newest
/// first, a page at a time (`total` and `X-Total-Count` over all pages).
pub async fn history(
    ctx: Ctx,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    Query(q): Query<HistoryQuery>,
) -> Result<axum::response::Response, ApiError> {
    let p = ctx.caller()?;
    let (limit, seek) = crate::kit::paging::api_paging(
        q.limit.as_deref(),
        q.cursor.as_deref(),
        super::super::pages::HISTORY_SORT,
    )?;
    let from = fields::optional_date("from", q.from.as_deref())?;
    let to = fields::optional_date("to", q.to.as_deref())?;
    let period =
        save_on_site::history_period(from, to, today()).map_err(|e| ApiError::from(e.problem()))?;
    let team = q.team_id.filter(|t| !t.is_empty());
    let (list, total) = {
        let mut tx = ctx.store().read().await?;
        if let Some(team) = &team
            && !tx
                .on_site_slots_of_worker(&p.user_id)
                .await?
                .iter()
                .any(|s| s.slot.team_id == *team)
        {
            return Err(ApiError::invalid(&[(
                "team_id",
                "unknown",
                (
                    "Geen team waar jij op locatie bent.",
                    "No team where you are on site.",
                ),
            )]));
        }
        (
            tx.on_site_history_page(&p.user_id, team.as_deref(), period, &seek, limit + 1)
                .await?,
            tx.on_site_history_count(&p.user_id, team.as_deref(), period)
                .await?,
        )
    };
    let page = crate::kit::paging::window(
        list,
        limit,
        &seek,
        super::super::pages::HISTORY_SORT,
        |(_, k)| k.clone(),
    );
    let shown: Vec<&OnSiteConsultation> = page.items.iter().map(|(c, _)| c).collect();
    let data = "GET /api/v1/save-op-locatie/history";
    log_named_reads(&ctx.state, p, &shown, data, &ctx.client.0).await?;
    let body = Json(SaveOnSiteHistory {
        from: period.0.to_string(),
        to: period.1.to_string(),
        team_id: team,
        total,
        consultations: shown.iter().map(|c| SaveConsultation::from(*c)).collect(),
    });
    let mut response = crate::kit::paging::with_links(
        body,
        &page,
        "/api/v1/save-op-locatie/history",
        raw.as_deref(),
    );
    response
        .headers_mut()
        .insert(crate::kit::paging::TOTAL_COUNT, total.into());
    Ok(response)
}

/// The bookings still standing on a part-day of the lead's institution.
pub async fn slot_bookings(
    ctx: Ctx,
    Path(slot_id): Path<String>,
) -> Result<Json<SaveSlotBookings>, ApiError> {
    let p = ctx.caller()?;
    let list = ctx
        .store()
        .read()
        .await?
        .on_site_slot_bookings(&p.organisation_id, &slot_id, today())
        .await?
        .ok_or_else(|| not_found(super::SLOT))?;
    Ok(Json(SaveSlotBookings {
        slot_id,
        bookings: list.iter().map(SaveSlotBooking::from).collect(),
    }))
}

/// The lead cancels a booking on a part-day of their institution, with the reason.
pub async fn lead_cancel(
    ctx: Ctx,
    Path((slot_id, id)): Path<(String, String)>,
    Body(input): Body<Reason>,
) -> Result<Json<SaveConsultationState>, ApiError> {
    let p = ctx.caller()?;
    ops::lead_cancel(ctx.store(), p, (&slot_id, &id), &input.reason)
        .await
        .map_err(|e| refused(e, super::CONSULTATION))?;
    Ok(Json(SaveConsultationState::new(
        id,
        ConsultationState::Cancelled,
    )))
}
