//! SAVE-begeleiding in the API: start (lead work), reviews and the end (the SAVE
//! organisation giving it, or the lead).

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::family::Expertise;
use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_store::{NewGuidance, ReviewInput, StoreError};
use serde_json::json;

use super::ops;
use super::schemas::{EndIn, NextReview, ReviewIn, SaveGuidanceList, StartIn};
use crate::auth::family::FamilyCtx;
use crate::kit::body::Created;
use crate::kit::dates::today;
use crate::kit::extract::{Body, Path};
use crate::kit::fields;
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Refusal};

/// A store refusal as the API answers it; what is not a refusal is a 404 or a 500.
fn refused(e: StoreError) -> ApiError {
    match e {
        StoreError::Guidance(g) => g.problem().into(),
        StoreError::UnknownUser(_) => ApiError::invalid(&[(
            "worker_id",
            "unknown",
            (
                "Kies een actieve medewerker van een gecertificeerde instelling.",
                "Choose an active worker of a certified institution.",
            ),
        )]),
        // The store names the record for the log; the client reads what it asked after.
        StoreError::NotFound(_) => Problem::titled(
            StatusCode::NOT_FOUND,
            "not-found",
            ("Niet gevonden in dit dossier", "Not found in this file"),
        )
        .into(),
        StoreError::ConsentNeeded(step) => Problem::said(
            StatusCode::CONFLICT,
            "consent-needed",
            |t| t.consent_needed,
        )
        .detail_in((
            format!(
                "Het gezin heeft nog geen toestemming gegeven: leg eerst de stap '{}' vast.",
                step.label_nl()
            ),
            format!(
                "The family has not consented yet: record the step '{}' first.",
                step.label_en()
            ),
        ))
        .with(json!({ "consentStep": step.code() }))
        .into(),
        other => other.into(),
    }
}

pub async fn list(fam: FamilyCtx) -> Result<Json<SaveGuidanceList>, ApiError> {
    let list = fam
        .read(async |tx, family| tx.save_guidances(family).await)
        .await?;
    Ok(Json(SaveGuidanceList::new(&list, today())))
}

pub async fn start(
    fam: FamilyCtx,
    Body(input): Body<StartIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let g = NewGuidance {
        worker_id: input.worker_id,
        expertise: fields::code::<Expertise>("expertise", &input.expertise)?,
        goals: input.goals,
        planned_end: fields::date("planned_end", &input.planned_end)?,
        review_months: input.review_months,
    };
    let id = fam.write(refused, async |tx, by| {
        ops::start(tx, by.principal, &fam.grant, &g).await
    });
    Ok(Created::answer(id.await?))
}

pub async fn review(
    fam: FamilyCtx,
    Path((_, guidance_id)): Path<(String, String)>,
    Body(input): Body<ReviewIn>,
) -> Result<Json<NextReview>, ApiError> {
    let p = fam.caller()?;
    let reviewed_on = fields::optional_date("reviewed_on", input.reviewed_on.as_deref())?;
    let review = ReviewInput {
        reviewed_on: reviewed_on.unwrap_or(today()),
        planned_end: fields::date("planned_end", &input.planned_end)?,
        note: input.note,
        reviewed_by: p.user_id.to_string(),
    };
    let next = fam.write(refused, async |tx, by| {
        ops::review(tx, by.principal, &fam.grant, &guidance_id, &review).await
    });
    Ok(Json(NextReview::new(next.await?)))
}

pub async fn end(
    fam: FamilyCtx,
    Path((_, guidance_id)): Path<(String, String)>,
    Body(input): Body<EndIn>,
) -> Result<StatusCode, ApiError> {
    let outcome: GuidanceOutcome = fields::code("outcome", &input.outcome)?;
    let ended = (outcome, input.reason.as_str());
    fam.write(refused, async |tx, by| {
        ops::end(tx, by.principal, &fam.grant, &guidance_id, ended).await
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
