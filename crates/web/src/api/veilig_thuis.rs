//! Veilig Thuis intake in the API: contacts in, the work list, the safety assessment.
//! Only for professionals of a Veilig Thuis organisation (the route policy); each
//! contact belongs to the organisation that received it.

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::Postcode;
use eenplan_domain::veilig_thuis::{ContactKind, IntakeError, IntakeState, Outcome, Reporter};
use eenplan_store::{Contact, NewContact, StoreError};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Value, json};

use super::families::{body, internal, invalid, who};
use crate::auth::Visitor;
use crate::{AppState, Problem};

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

use super::today;

pub async fn receive(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: ContactIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(kind) = input.kind.parse::<ContactKind>() else {
        return invalid(&[("kind", "enum", "Gebruik advice_request of report.")]);
    };
    let reporter = match input
        .reporter
        .as_deref()
        .filter(|r| !r.is_empty())
        .map(str::parse::<Reporter>)
    {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(_)) => {
            return invalid(&[(
                "reporter",
                "enum",
                "Gebruik police, school, health_care, local_team, citizen of other.",
            )]);
        }
    };
    let Ok(child_birth) = super::optional_date(input.child_birth.as_deref()) else {
        return invalid(&[("child_birth", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let Ok(postcode) = input
        .postcode
        .as_deref()
        .filter(|d| !d.is_empty())
        .map(Postcode::parse)
        .transpose()
    else {
        return invalid(&[(
            "postcode",
            "postcode",
            "Gebruik een Nederlandse postcode, zoals 3562 JW.",
        )]);
    };
    if input.concern.trim().is_empty() {
        return invalid(&[(
            "concern",
            "required",
            "Beschrijf de zorg: wat is gezien of gehoord.",
        )]);
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
    match received.await {
        Ok((id, radar)) => {
            let today = today();
            (
                StatusCode::CREATED,
                Json(json!({
                    "id": id,
                    "radar": {
                        "families": radar.families.iter().map(|f| json!({ "id": f.id, "label": f.label })).collect::<Vec<_>>(),
                        "earlier": radar.earlier.iter().map(|c| contact_json(c, today)).collect::<Vec<_>>(),
                    },
                })),
            )
                .into_response()
        }
        Err(StoreError::Intake(e @ IntakeError::ReporterNeeded)) => {
            invalid(&[("reporter", "required", &e.to_string())])
        }
        Err(StoreError::Intake(e @ IntakeError::ChildBirthImplausible(_))) => {
            invalid(&[("child_birth", "rule", &e.to_string())])
        }
        Err(e) => internal(&e),
    }
}

pub async fn work_list(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let today = today();
    let list = match state.store.read().await {
        Ok(mut tx) => tx.vt_work_list(&p.organisation_id, today).await,
        Err(e) => Err(e),
    };
    match list {
        Ok(list) => Json(
            json!({ "contacts": list.iter().map(|c| contact_json(c, today)).collect::<Vec<_>>() }),
        )
        .into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct AssessmentIn {
    outcome: String,
    follow_up_on: Option<String>,
}

pub async fn assess(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(contact_id): Path<String>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: AssessmentIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(outcome) = input.outcome.parse::<Outcome>() else {
        return invalid(&[(
            "outcome",
            "enum",
            "Gebruik close, hand_to_local_team, conditions_and_follow_up, investigate, ask_rvdk of bring_into_evu.",
        )]);
    };
    let Ok(follow_up_on) = super::optional_date(input.follow_up_on.as_deref()) else {
        return invalid(&[("follow_up_on", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let assessed = async {
        let mut tx = state.store.write().await?;
        let next = tx
            .assess_contact(
                &p.actor(),
                &p.organisation_id,
                &contact_id,
                &p.user_id,
                outcome,
                follow_up_on,
                today(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(next)
    };
    match assessed.await {
        Ok(_) => Json(json!({
            "state": "assessed",
            "outcome": outcome.code(),
            "reporter_feedback": eenplan_domain::veilig_thuis::reporter_feedback(outcome).0,
        }))
        .into_response(),
        Err(StoreError::NotFound(_)) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen melding met dit id bij jouw organisatie",
        )
        .into_response(),
        Err(StoreError::Intake(
            e @ (IntakeError::AlreadyAssessed | IntakeError::AdviceHasNoAssessment),
        )) => Problem::new(
            StatusCode::CONFLICT,
            "illegal-transition",
            "Deze stap kan niet (meer)",
        )
        .detail(e.to_string())
        .into_response(),
        Err(StoreError::Intake(
            e @ (IntakeError::FollowUpDateNeeded | IntakeError::FollowUpImplausible(_)),
        )) => invalid(&[("follow_up_on", "rule", &e.to_string())]),
        Err(StoreError::Intake(e)) => invalid(&[("outcome", "rule", &e.to_string())]),
        Err(e) => internal(&e),
    }
}
