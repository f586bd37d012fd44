//! SAVE-begeleiding in the API: start (lead work), reviews and the end (the SAVE
//! organisation giving it, or the lead).

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use eenplan_domain::family::Expertise;
use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_store::{NewGuidance, ReviewInput, StoreError};
use serde_json::json;

use super::ops;
use super::schemas::{EndIn, NextReview, ReviewIn, SaveGuidanceList, StartIn};
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::kit::body::Created;
use crate::kit::dates::today;
use crate::kit::extract::{Path, json_body};
use crate::kit::fields;
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Ctx, Refusal};

/// A store refusal as the API answers it; what is not a refusal is a 404 or a 500.
fn refused(e: StoreError) -> ApiError {
    match e {
        StoreError::Guidance(g) => g.problem().into(),
        StoreError::UnknownUser(_) => ApiError::invalid(&[(
            "worker_id",
            "unknown",
            "Kies een actieve medewerker van een gecertificeerde instelling.",
        )]),
        StoreError::NotFound(what) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Niet gevonden in dit dossier",
        )
        .detail(what)
        .into(),
        StoreError::ConsentNeeded(step) => {
            Problem::new(StatusCode::CONFLICT, "consent-needed", "Toestemming nodig")
                .detail(StoreError::ConsentNeeded(step).to_string())
                .with(json!({ "consentStep": step.code() }))
                .into()
        }
        other => other.into(),
    }
}

pub async fn list(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Json<SaveGuidanceList>, ApiError> {
    let list = state
        .store
        .read()
        .await?
        .save_guidances(&grant.family_id)
        .await?;
    let today = today();
    Ok(Json(SaveGuidanceList::new(&list, today)))
}

pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let p = ctx.caller()?;
    let input: StartIn = json_body(&bytes)?;
    let expertise: Expertise = fields::code("expertise", &input.expertise)?;
    let planned_end = fields::date("planned_end", &input.planned_end)?;
    let g = NewGuidance {
        worker_id: input.worker_id,
        expertise,
        goals: input.goals,
        planned_end,
        review_months: input.review_months,
    };
    let id = ops::start(&state.store, p, &grant, &g)
        .await
        .map_err(refused)?;
    Ok(Created::answer(id))
}

pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, guidance_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Json<NextReview>, ApiError> {
    let p = ctx.caller()?;
    let input: ReviewIn = json_body(&bytes)?;
    let today = today();
    let reviewed_on = fields::optional_date("reviewed_on", input.reviewed_on.as_deref())?;
    let planned_end = fields::date("planned_end", &input.planned_end)?;
    let review = ReviewInput {
        reviewed_on: reviewed_on.unwrap_or(today),
        planned_end,
        note: input.note,
        reviewed_by: p.user_id.to_string(),
    };
    let next = ops::review(&state.store, p, &grant, &guidance_id, &review)
        .await
        .map_err(refused)?;
    Ok(Json(NextReview::new(next)))
}

pub async fn end(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, guidance_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<StatusCode, ApiError> {
    let p = ctx.caller()?;
    let input: EndIn = json_body(&bytes)?;
    let outcome: GuidanceOutcome = fields::code("outcome", &input.outcome)?;
    ops::end(
        &state.store,
        p,
        &grant,
        &guidance_id,
        (outcome, &input.reason),
    )
    .await
    .map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}
