//! Veilig Thuis intake in the API: contacts in, the work list, the safety assessment.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::Postcode;
use eenplan_domain::veilig_thuis::{ContactKind, IntakeState, Outcome, Reporter};
use eenplan_store::{Contact, NewContact, StoreError};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::kit::dates::{parse_optional, today};
use crate::kit::extract::{Path, json_body};
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Ctx, Refusal};

fn contact_json(c: &Contact, today: Date) -> Value {
    let (state, outcome) = match c.state {
        IntakeState::AdviceGiven => ("advice_given", None),
        IntakeState::AwaitingAssessment => ("awaiting_assessment", None),
        IntakeState::Assessed(o) => ("assessed", Some(o.code())),
    };
    json!({
        "id": c.id, "kind": c.kind.code(), "acute": c.acute, "reporter": c.reporter.map(|r| r.code()),
        "child_name": c.child_name, "child_birth": c.child_birth.map(|d| d.to_string()),
        "concern": c.concern, "family_id": c.family_id, "received_on": c.received_on.to_string(),
        "due_on": c.due_on.map(|d| d.to_string()), "overdue": c.overdue(today),
        "state": state, "outcome": outcome, "follow_up_on": c.follow_up_on.map(|d| d.to_string()),
        "reporter_feedback": match c.state {
            IntakeState::Assessed(o) => Some(eenplan_domain::veilig_thuis::reporter_feedback(o).0),
            _ => None,
        },
    })
}

/// An intake refusal as the API says it.
fn refused(e: StoreError) -> ApiError {
    match e {
        StoreError::Intake(e) => e.problem().into(),
        e => e.into(),
    }
}

#[derive(Debug, Deserialize)]
struct ContactIn {
    kind: String,
    #[serde(default)]
    acute: bool,
    reporter: Option<String>,
    #[serde(default)]
    reporter_name: String,
    #[serde(default)]
    reporter_contact: String,
    #[serde(default)]
    child_name: String,
    child_birth: Option<String>,
    postcode: Option<String>,
    #[serde(default)]
    house_number: String,
    #[serde(default)]
    concern: String,
}

pub async fn receive(
    State(state): State<AppState>,
    ctx: Ctx,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: ContactIn = json_body(&bytes)?;
    let kind = input
        .kind
        .parse::<ContactKind>()
        .map_err(|_| ApiError::invalid(&[("kind", "enum", "Gebruik advice_request of report.")]))?;
    let reporter = input
        .reporter
        .as_deref()
        .filter(|r| !r.is_empty())
        .map(str::parse::<Reporter>)
        .transpose()
        .map_err(|_| {
            ApiError::invalid(&[(
                "reporter",
                "enum",
                "Gebruik police, school, health_care, local_team, citizen of other.",
            )])
        })?;
    let child_birth = parse_optional(input.child_birth.as_deref())
        .map_err(|_| ApiError::invalid(&[("child_birth", "date", "Gebruik jjjj-mm-dd.")]))?;
    let postcode = input
        .postcode
        .as_deref()
        .filter(|d| !d.is_empty())
        .map(Postcode::parse)
        .transpose()
        .map_err(|_| {
            ApiError::invalid(&[(
                "postcode",
                "postcode",
                "Gebruik een Nederlandse postcode, zoals 3562 JW.",
            )])
        })?;
    if input.concern.trim().is_empty() {
        return Err(ApiError::invalid(&[(
            "concern",
            "required",
            "Beschrijf de zorg: wat is gezien of gehoord.",
        )]));
    }
    let contact = NewContact {
        kind,
        acute: input.acute,
        reporter,
        reporter_name: input.reporter_name,
        reporter_contact: input.reporter_contact,
        child_name: input.child_name,
        child_birth,
        postcode,
        house_number: input.house_number,
        concern: input.concern,
    };
    let received = async {
        let mut tx = state.store.write().await?;
        let out = tx
            .receive_contact(
                &p.actor(),
                &p.organisation_id,
                &p.user_id,
                &contact,
                UtcTime::now(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(out)
    };
    let (id, radar) = received.await.map_err(refused)?;
    let today = today();
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": id,
            "radar": {
                "families": radar.families.iter().map(|f| json!({ "id": f.id, "label": f.label })).collect::<Vec<_>>(),
                "earlier": radar.earlier.iter().map(|c| contact_json(c, today)).collect::<Vec<_>>(),
            },
        })),
    )
        .into_response())
}

pub async fn work_list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let today = today();
    let list = state
        .store
        .read()
        .await?
        .vt_work_list(&p.organisation_id, today)
        .await?;
    Ok(
        Json(
            json!({ "contacts": list.iter().map(|c| contact_json(c, today)).collect::<Vec<_>>() }),
        )
        .into_response(),
    )
}

#[derive(Debug, Deserialize)]
struct AssessmentIn {
    outcome: String,
    follow_up_on: Option<String>,
}

pub async fn assess(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(contact_id): Path<String>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: AssessmentIn = json_body(&bytes)?;
    let outcome = input.outcome.parse::<Outcome>().map_err(|_| {
        ApiError::invalid(&[(
            "outcome",
            "enum",
            "Gebruik close, hand_to_local_team, conditions_and_follow_up, investigate, ask_rvdk of bring_into_evu.",
        )])
    })?;
    let follow_up_on = parse_optional(input.follow_up_on.as_deref())
        .map_err(|_| ApiError::invalid(&[("follow_up_on", "date", "Gebruik jjjj-mm-dd.")]))?;
    let assessed = async {
        let mut tx = state.store.write().await?;
        tx.assess_contact(
            &p.actor(),
            &p.organisation_id,
            &contact_id,
            &p.user_id,
            outcome,
            follow_up_on,
            today(),
        )
        .await?;
        tx.commit().await
    };
    match assessed.await {
        Ok(()) => Ok(Json(json!({
            "state": "assessed",
            "outcome": outcome.code(),
            "reporter_feedback": eenplan_domain::veilig_thuis::reporter_feedback(outcome).0,
        }))
        .into_response()),
        Err(StoreError::NotFound(_)) => Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen melding met dit id bij jouw organisatie",
        )
        .into()),
        Err(e) => Err(refused(e)),
    }
}
