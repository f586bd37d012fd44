//! SAVE-begeleiding in the API: start (lead work), reviews and the end (the SAVE
//! organisation giving it, or the lead). The rules are `domain::save_guidance`.

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::Expertise;
use eenplan_domain::save_guidance::{GuidanceError, GuidanceOutcome};
use eenplan_store::{Guidance, NewGuidance, ReviewInput, StoreError};
use serde::Deserialize;
use serde_json::{Value, json};

use super::families::{body, internal, invalid, who};
use super::today;
use crate::auth::Visitor;
use crate::auth::family::FamilyGrant;
use crate::{AppState, Problem};

/// The form field a refusal belongs to; `None` for refusals about the state of things
/// (answered with 409 or 403, shown at the top of a page).
pub(crate) fn field_of(e: &GuidanceError) -> Option<&'static str> {
    match e {
        GuidanceError::NoGoals => Some("goals"),
        GuidanceError::EndInPast | GuidanceError::EndImplausible(_) => Some("planned_end"),
        GuidanceError::ReviewTooRare => Some("review_months"),
        GuidanceError::ReasonNeeded => Some("reason"),
        GuidanceError::ReviewNoteNeeded => Some("note"),
        GuidanceError::ReviewBeforeStart | GuidanceError::ReviewInFuture => Some("reviewed_on"),
        GuidanceError::NotCertifiedInstitution => Some("worker_id"),
        GuidanceError::ConsentNeeded
        | GuidanceError::NotVoluntary
        | GuidanceError::AlreadyRunning
        | GuidanceError::AlreadyEnded
        | GuidanceError::NotYours => None,
    }
}

fn refusal(e: &StoreError) -> Response {
    match e {
        StoreError::Guidance(g) => match field_of(g) {
            Some(field) => invalid(&[(field, "rule", &g.to_string())]),
            None if *g == GuidanceError::NotYours => {
                Problem::new(StatusCode::FORBIDDEN, "not-yours", "Niet jouw begeleiding")
                    .detail(g.to_string())
                    .into_response()
            }
            None => Problem::new(
                StatusCode::CONFLICT,
                "illegal-transition",
                "Deze stap kan nu niet",
            )
            .detail(g.to_string())
            .into_response(),
        },
        StoreError::UnknownUser(_) => invalid(&[(
            "worker_id",
            "unknown",
            "Kies een actieve medewerker van een gecertificeerde instelling.",
        )]),
        StoreError::NotFound(what) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Niet gevonden in dit dossier",
        )
        .detail(what.clone())
        .into_response(),
        StoreError::ConsentNeeded(step) => {
            Problem::new(StatusCode::CONFLICT, "consent-needed", "Toestemming nodig")
                .detail(e.to_string())
                .with(json!({ "consentStep": step.code() }))
        }
        other => internal(other),
    }
}

pub(crate) fn guidance_json(g: &Guidance, today: jiff::civil::Date) -> Value {
    json!({
        "id": g.id, "organisation": { "id": g.organisation_id, "name": g.organisation_name },
        "worker": { "id": g.worker_id, "name": g.worker_name }, "expertise": g.expertise.code(),
        "goals": g.goals, "review_months": g.review_months, "started_on": g.started_on.to_string(),
        "planned_end": g.planned_end.to_string(), "next_review_on": g.next_review_on.to_string(),
        "review_due": g.review_due(today), "ended_on": g.ended_on.map(|d| d.to_string()),
        "outcome": g.outcome.map(|o| o.code()), "end_reason": g.end_reason,
        "reviews": g.reviews.iter().map(|r| json!({
            "reviewed_on": r.reviewed_on.to_string(), "planned_end": r.planned_end.to_string(),
            "next_review_on": r.next_review_on.to_string(), "note": r.note,
        })).collect::<Vec<_>>(),
    })
}

pub async fn list(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    let loaded = async {
        let mut tx = state.store.read().await?;
        tx.save_guidances(&grant.family_id).await
    };
    match loaded.await {
        Ok(list) => {
            let today = today();
            Json(json!({ "guidances": list.iter().map(|g| guidance_json(g, today)).collect::<Vec<_>>() }))
                .into_response()
        }
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct StartIn {
    worker_id: String,
    expertise: String,
    #[serde(default)]
    goals: Vec<String>,
    planned_end: String,
    review_months: Option<u8>,
}

pub async fn start(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: StartIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(expertise) = input.expertise.parse::<Expertise>() else {
        return invalid(&[(
            "expertise",
            "enum",
            "Gebruik safety, development, violence, delinquency of school_absenteeism.",
        )]);
    };
    let Ok(planned_end) = input.planned_end.parse() else {
        return invalid(&[("planned_end", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let g = NewGuidance {
        worker_id: input.worker_id,
        expertise,
        goals: input.goals,
        planned_end,
        review_months: input.review_months,
    };
    let started = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .start_save_guidance(&p.actor(), &p.user_id, &grant.family_id, &g, today())
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match started.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(e) => refusal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct ReviewIn {
    reviewed_on: Option<String>,
    planned_end: String,
    #[serde(default)]
    note: String,
}

pub async fn review(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, guidance_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: ReviewIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let today = today();
    let Ok(reviewed_on) = super::optional_date(input.reviewed_on.as_deref()) else {
        return invalid(&[("reviewed_on", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let Ok(planned_end) = input.planned_end.parse() else {
        return invalid(&[("planned_end", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let review = ReviewInput {
        reviewed_on: reviewed_on.unwrap_or(today),
        planned_end,
        note: input.note,
        reviewed_by: p.user_id.clone(),
    };
    let reviewed = async {
        let mut tx = state.store.write().await?;
        let next = tx
            .review_save_guidance(
                &p.actor(),
                &p.organisation_id,
                grant.lead,
                &grant.family_id,
                &guidance_id,
                &review,
                today,
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(next)
    };
    match reviewed.await {
        Ok(next) => Json(json!({ "next_review_on": next.to_string() })).into_response(),
        Err(e) => refusal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct EndIn {
    outcome: String,
    #[serde(default)]
    reason: String,
}

pub async fn end(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, guidance_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: EndIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(outcome) = input.outcome.parse::<GuidanceOutcome>() else {
        return invalid(&[(
            "outcome",
            "enum",
            "Gebruik safety_restored, scaled_up of ended_without_result.",
        )]);
    };
    let ended = async {
        let mut tx = state.store.write().await?;
        tx.end_save_guidance(
            &p.actor(),
            &p.organisation_id,
            grant.lead,
            &p.user_id,
            &grant.family_id,
            &guidance_id,
            outcome,
            &input.reason,
            today(),
        )
        .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(())
    };
    match ended.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => refusal(&e),
    }
}
