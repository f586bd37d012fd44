//! Joint assessment meetings in the API: the family's meetings, scheduling (lead work),
//! each invited organisation's own view (needs access to the plan), the joint judgement
//! written into the plan and cancelling (lead work). The router's family guard decides
//! access before these run; the rules are `domain::joint_assessment`.

// Helpers return the ready error response for an early `return`; it is built once per
// request, so its size does not matter.
#![allow(clippy::result_large_err)]

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::LifeDomain;
use eenplan_domain::joint_assessment::{
    Judgement, JudgementAction, MeetingError, MeetingKind, Owner, View,
};
use eenplan_store::{Meeting, NewMeeting, StoreError};
use jiff::civil::DateTime;
use serde::Deserialize;
use serde_json::{Value, json};

use super::families::{body, internal, invalid, who};
use super::today;
use crate::auth::Visitor;
use crate::auth::family::FamilyGrant;
use crate::{AppState, Problem};

/// "2026-12-01T14:00": the meeting's Dutch local date and time, to the minute.
pub(crate) fn local(dt: DateTime) -> String {
    format!("{}T{:02}:{:02}", dt.date(), dt.hour(), dt.minute())
}

fn meeting_json(m: &Meeting) -> Value {
    json!({
        "id": m.id, "kind": m.kind.code(), "meets_at": local(m.meets_at), "state": m.state.code(),
        "family_takes_part": m.family_takes_part,
        "family_absence_reason": (!m.family_takes_part).then_some(&m.family_absence_reason),
        "invited": m.invited.iter().map(|(id, name)| json!({ "id": id, "name": name })).collect::<Vec<_>>(),
        "views": m.views.iter().map(|v| json!({
            "organisation_id": v.organisation_id, "version": v.version, "worries": v.view.worries,
            "strengths": v.view.strengths, "needs": v.view.needs, "recorded_by": v.recorded_by, "recorded_at": v.recorded_at,
        })).collect::<Vec<_>>(),
        "judgement": m.held_on.map(|held_on| json!({
            "needs": m.needs, "differences": m.differences, "held_on": held_on.to_string(), "plan_version": m.plan_version,
            "actions": m.actions.iter().map(|a| json!({
                "domain": a.domain.code(), "what": a.what, "owner": a.owner.code(), "owner_label": a.owner_label,
                "due_on": a.due.to_string(),
            })).collect::<Vec<_>>(),
        })),
        "cancelled": m.cancelled_on.map(|on| json!({ "on": on.to_string(), "reason": m.cancel_reason })),
    })
}

pub async fn list(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    match async { state.store.read().await?.meetings(&grant.family_id).await }.await {
        Ok(list) => Json(json!({ "meetings": list.iter().map(meeting_json).collect::<Vec<_>>() }))
            .into_response(),
        Err(e) => internal(&e),
    }
}

/// A meeting rule as an answer: a change of course that is no longer possible is a
/// conflict, an organisation that was not invited is refused, the rest names its field.
fn meeting_problem(e: MeetingError) -> Response {
    let field = match e {
        e if e.is_transition() => {
            return Problem::new(
                StatusCode::CONFLICT,
                "illegal-transition",
                "Deze stap kan niet (meer)",
            )
            .detail(e.to_string())
            .into_response();
        }
        MeetingError::NotInvited => {
            return Problem::new(
                StatusCode::FORBIDDEN,
                "not-invited",
                "Jouw organisatie is niet uitgenodigd",
            )
            .detail(e.to_string())
            .into_response();
        }
        MeetingError::InPast | MeetingError::MeetingDateImplausible(_) => "meets_at".to_owned(),
        MeetingError::TooFewOrganisations
        | MeetingError::NotInvolved
        | MeetingError::RegisseurNotInvited => "invited".to_owned(),
        MeetingError::AbsenceReasonNeeded => "family_absence_reason".to_owned(),
        MeetingError::WorriesNeeded => "worries".to_owned(),
        MeetingError::ViewNeedsNeeded | MeetingError::NeedsRequired => "needs".to_owned(),
        MeetingError::NoActions => "actions".to_owned(),
        MeetingError::ActionWhatNeeded(n) => format!("actions[{}].what", n - 1),
        MeetingError::UnknownOwner(n) => format!("actions[{}].owner", n - 1),
        MeetingError::DueDateNeeded(n) | MeetingError::DueDateImplausible(n, _) => {
            format!("actions[{}].due_on", n - 1)
        }
        MeetingError::DifferencesNeeded => "differences".to_owned(),
        MeetingError::CancelReasonNeeded => "reason".to_owned(),
        // Answered as conflicts above.
        MeetingError::AlreadyHeld | MeetingError::Cancelled | MeetingError::BeforeMeeting => {
            String::new()
        }
    };
    invalid(&[(&field, "rule", &e.to_string())])
}

fn not_found() -> Response {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "Geen bijeenkomst met dit id bij dit gezin",
    )
    .into_response()
}

#[derive(Debug, Deserialize)]
struct ScheduleIn {
    kind: String,
    meets_at: String,
    #[serde(default)]
    invited: Vec<String>,
    family_takes_part: bool,
    #[serde(default)]
    family_absence_reason: String,
}

pub async fn schedule(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: ScheduleIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(kind) = input.kind.parse::<MeetingKind>() else {
        return invalid(&[(
            "kind",
            "enum",
            "Gebruik learning_meeting of protection_table.",
        )]);
    };
    let Ok(meets_at) = input.meets_at.trim().parse::<DateTime>() else {
        return invalid(&[(
            "meets_at",
            "date-time",
            "Gebruik jjjj-mm-ddTuu:mm in Nederlandse tijd, zoals 2026-12-01T14:00.",
        )]);
    };
    let meeting = NewMeeting {
        kind,
        meets_at,
        invited: input.invited,
        family_takes_part: input.family_takes_part,
        family_absence_reason: input.family_absence_reason,
    };
    let scheduled = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .schedule_meeting(
                &p.actor(),
                &grant.family_id,
                (&p.user_id, &p.organisation_id),
                &meeting,
                today(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match scheduled.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(StoreError::Meeting(e)) => meeting_problem(e),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct ViewIn {
    #[serde(default)]
    worries: String,
    #[serde(default)]
    strengths: String,
    #[serde(default)]
    needs: String,
}

pub async fn put_view(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: ViewIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let view = View {
        worries: input.worries,
        strengths: input.strengths,
        needs: input.needs,
    };
    let recorded = async {
        let mut tx = state.store.write().await?;
        let version = tx
            .record_view(
                &p.actor(),
                &grant.family_id,
                &meeting_id,
                (&p.user_id, &p.organisation_id),
                &view,
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(version)
    };
    match recorded.await {
        Ok(version) => Json(json!({ "version": version })).into_response(),
        Err(StoreError::Meeting(e)) => meeting_problem(e),
        Err(StoreError::NotFound(_)) => not_found(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct ActionIn {
    #[serde(default)]
    domain: String,
    #[serde(default)]
    what: String,
    #[serde(default)]
    owner: String,
    due_on: Option<String>,
}

#[derive(Debug, Deserialize)]
struct JudgementIn {
    #[serde(default)]
    needs: String,
    #[serde(default)]
    differences: String,
    #[serde(default)]
    actions: Vec<ActionIn>,
}

/// The judgement's actions as the domain reads them, or the field that does not parse.
fn actions(input: &[ActionIn]) -> Result<Vec<JudgementAction>, Response> {
    input
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let field = |f: &str| format!("actions[{i}].{f}");
            let domain = a.domain.parse::<LifeDomain>().map_err(|_| {
                invalid(&[(
                    &field("domain"),
                    "enum",
                    "Gebruik safety, development, school, income, health, housing of network.",
                )])
            })?;
            let owner = Owner::parse(&a.owner).ok_or_else(|| {
                invalid(&[(
                    &field("owner"),
                    "owner",
                    "Gebruik organisation:<id>, professional:<id>, member:<id> of network:<id>.",
                )])
            })?;
            let due = super::optional_date(a.due_on.as_deref())
                .map_err(|_| invalid(&[(&field("due_on"), "date", "Gebruik jjjj-mm-dd.")]))?;
            Ok(JudgementAction {
                domain,
                what: a.what.clone(),
                owner,
                due,
            })
        })
        .collect()
}

pub async fn judge(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: JudgementIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let judgement = Judgement {
        needs: input.needs.clone(),
        differences: input.differences.clone(),
        actions: match actions(&input.actions) {
            Ok(a) => a,
            Err(r) => return r,
        },
    };
    let judged = async {
        let mut tx = state.store.write().await?;
        let version = tx
            .record_judgement(
                &p.actor(),
                &grant.family_id,
                &meeting_id,
                &p.user_id,
                &judgement,
                today(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(version)
    };
    match judged.await {
        Ok(version) => Json(json!({ "state": "held", "plan_version": version })).into_response(),
        Err(StoreError::Meeting(e)) => meeting_problem(e),
        Err(StoreError::NotFound(_)) => not_found(),
        Err(e @ (StoreError::Plan(_) | StoreError::Invalid(_))) => {
            invalid(&[("actions", "rule", &e.to_string())])
        }
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct CancelIn {
    #[serde(default)]
    reason: String,
}

pub async fn cancel(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: CancelIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let cancelled = async {
        let mut tx = state.store.write().await?;
        tx.cancel_meeting(
            &p.actor(),
            &grant.family_id,
            &meeting_id,
            &p.user_id,
            &input.reason,
            today(),
        )
        .await?;
        tx.commit().await
    };
    match cancelled.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(StoreError::Meeting(e)) => meeting_problem(e),
        Err(StoreError::NotFound(_)) => not_found(),
        Err(e) => internal(&e),
    }
}
