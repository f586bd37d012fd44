//! Consultations: the caller's day list, one consultation, a booking (anonymous or by
//! name, with the family's consent), a walk-in with its advice, the advice and the
//! cancelling, and a family's consultations by name for its circle.

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use eenplan_domain::UtcTime;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::save_on_site::{self, ConsultationResult, ConsultationState, OnSiteError};
use eenplan_domain::{FamilyId, UserId};
use eenplan_store::{AdviceInput, Ask, OnSiteConsultation, StoreError, Tx};
use jiff::civil::Date;
use serde::Deserialize;

use super::{not_found, refused};
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::client::Client;
use crate::flows::save_on_site::access::log_named_reads;
use crate::flows::save_on_site::ops::{self, Asked};
use crate::flows::save_on_site::schemas::{
    NewSaveConsultation, SaveAdvice, SaveConsultation, SaveConsultationState, SaveConsultations,
    SaveOnSiteDay, SaveOnSiteDayPart, SaveWalkIn,
};
use crate::kit::body::Reason;
use crate::kit::dates::today;
use crate::kit::extract::{Path, Query, json_body};
use crate::kit::fields;
use crate::kit::{ApiError, Ctx};

#[derive(Debug, Deserialize)]
pub struct DayQuery {
    date: Option<String>,
}

/// The visitor's on-site list for a day: as the worker, every consultation at their
/// part-days; as a local professional, what they asked.
pub async fn day(
    State(state): State<AppState>,
    ctx: Ctx,
    Client(client): Client,
    Query(q): Query<DayQuery>,
) -> Result<Json<SaveOnSiteDay>, ApiError> {
    let p = ctx.caller()?;
    let on = fields::optional_date("date", q.date.as_deref())?.unwrap_or_else(today);
    let (slots, list) = {
        let mut tx = state.store.read().await?;
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
    log_named_reads(
        &state,
        p,
        &shown,
        "GET /api/v1/save-op-locatie/consultations",
        &client,
    )
    .await?;
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
    State(state): State<AppState>,
    ctx: Ctx,
    Client(client): Client,
    Path(id): Path<String>,
) -> Result<Json<SaveConsultation>, ApiError> {
    let p = ctx.caller()?;
    let c = state
        .store
        .read()
        .await?
        .on_site_consultation(&id, &p.user_id)
        .await?
        .ok_or_else(|| not_found("overleg"))?;
    let data = "GET /api/v1/save-op-locatie/consultations/{consultation}";
    log_named_reads(&state, p, &[&c], data, &client).await?;
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

/// The question as asked; an empty `family_id` asks anonymously.
fn ask(slot_id: String, on: Date, family_id: Option<String>, question: String) -> Ask {
    Ask {
        slot_id,
        on,
        family_id: family_id.filter(|f| !f.is_empty()).map(FamilyId::from),
        question,
    }
}

async fn finish(
    state: &AppState,
    done: Result<Asked, StoreError>,
    left: ConsultationState,
) -> Result<(StatusCode, Json<SaveConsultationState>), ApiError> {
    match done {
        Ok(Asked::Done(id)) => Ok((
            StatusCode::CREATED,
            Json(SaveConsultationState::new(id, left)),
        )),
        Ok(Asked::NoAccess(entry)) => {
            state.store.log_access(entry).await?;
            Err(ApiError::invalid(&[(
                "family_id",
                "not-found",
                "Geen gezinsdossier met dit id dat de vragende professional mag inzien.",
            )]))
        }
        Err(StoreError::NotFound(_)) => Err(ApiError::invalid(&[(
            "slot_id",
            "not-found",
            "Geen dagdeel op locatie met dit id.",
        )])),
        Err(e) => Err(refused(e, "dagdeel")),
    }
}

pub async fn book(
    State(state): State<AppState>,
    ctx: Ctx,
    Client(client): Client,
    bytes: Bytes,
) -> Result<(StatusCode, Json<SaveConsultationState>), ApiError> {
    let p = ctx.caller()?;
    let input: NewSaveConsultation = json_body(&bytes)?;
    let on = fields::date("date", &input.date)?;
    let ask = ask(input.slot_id, on, input.family_id, input.question);
    let route = (
        "POST /api/v1/save-op-locatie/consultations",
        client.as_str(),
    );
    let booked = ops::book(&state.store, p, &ask, route).await;
    finish(&state, booked, ConsultationState::Booked).await
}

pub async fn walk_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Client(client): Client,
    bytes: Bytes,
) -> Result<(StatusCode, Json<SaveConsultationState>), ApiError> {
    let p = ctx.caller()?;
    let input: SaveWalkIn = json_body(&bytes)?;
    let on = fields::optional_date("date", Some(&input.date))?.unwrap_or_else(today);
    let ask = ask(input.slot_id, on, input.family_id, input.question);
    let advice = advice_input(SaveAdvice {
        advice: input.advice,
        next_steps: input.next_steps,
        result: input.result,
    })?;
    let asked_by = UserId::from(input.asked_by);
    let route = ("POST /api/v1/save-op-locatie/walk-ins", client.as_str());
    let recorded = ops::walk_in(&state.store, p, (&ask, &asked_by), &advice, route).await;
    match recorded {
        // Here the team rule is about who asked, a field of the request.
        Err(StoreError::SaveOnSite(e @ OnSiteError::NotOfThisTeam)) => {
            Err(ApiError::invalid(&[("asked_by", "rule", &e.to_string())]))
        }
        done => finish(&state, done, ConsultationState::Held).await,
    }
}

pub async fn advice(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Result<Json<SaveConsultationState>, ApiError> {
    let p = ctx.caller()?;
    let advice = advice_input(json_body::<SaveAdvice>(&bytes)?)?;
    settle(&state, &id, ConsultationState::Held, async |tx| {
        tx.record_on_site_advice(&p.actor(), p, &id, &advice, today(), UtcTime::now())
            .await
    })
    .await
}

pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Result<Json<SaveConsultationState>, ApiError> {
    let p = ctx.caller()?;
    let input: Reason = json_body(&bytes)?;
    settle(&state, &id, ConsultationState::Cancelled, async |tx| {
        tx.cancel_on_site(&p.actor(), p, &id, &input.reason, UtcTime::now())
            .await
    })
    .await
}

/// The advice and the cancelling both move one consultation to its next state in one
/// change, refused as the consultation's, and answer with that state.
async fn settle(
    state: &AppState,
    id: &str,
    next: ConsultationState,
    work: impl AsyncFnOnce(&mut Tx) -> Result<(), StoreError>,
) -> Result<Json<SaveConsultationState>, ApiError> {
    state
        .store
        .change(work)
        .await
        .map_err(|e| refused(e, "overleg"))?;
    Ok(Json(SaveConsultationState::new(id, next)))
}

/// A family's consultations by name, for its circle (the family guard decided).
pub async fn family_consultations(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Json<SaveConsultations>, ApiError> {
    let list = state
        .store
        .read()
        .await?
        .family_on_site_consultations(&grant.family_id)
        .await?;
    Ok(Json(SaveConsultations::new(&list)))
}
