//! Joint assessment meetings in the API: the family's meetings, scheduling, each
//! invited organisation's own view, the joint judgement written into the plan and
//! cancelling. The router's family guard decides access before these run.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::LifeDomain;
use eenplan_domain::joint_assessment::{Judgement, JudgementAction, MeetingKind, Owner, View};
use eenplan_store::{Meeting, NewMeeting, StoreError};
use jiff::civil::DateTime;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::kit::dates::{parse_optional, today};
use crate::kit::extract::{Path, json_body};
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Ctx, Refusal};

/// "2026-12-01T14:00": the meeting's Dutch local date and time, to the minute.
fn local(dt: DateTime) -> String {
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

/// A store failure as the API says it: the meeting's refusals, a meeting this family
/// does not have, and the rest as every failure.
fn refused(e: StoreError) -> ApiError {
    match e {
        StoreError::Meeting(e) => e.problem().into(),
        StoreError::NotFound(_) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen bijeenkomst met dit id bij dit gezin",
        )
        .into(),
        e => e.into(),
    }
}

pub async fn list(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, ApiError> {
    let list = state.store.read().await?.meetings(&grant.family_id).await?;
    Ok(
        Json(json!({ "meetings": list.iter().map(meeting_json).collect::<Vec<_>>() }))
            .into_response(),
    )
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
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: ScheduleIn = json_body(&bytes)?;
    let kind = input.kind.parse::<MeetingKind>().map_err(|_| {
        ApiError::invalid(&[(
            "kind",
            "enum",
            "Gebruik learning_meeting of protection_table.",
        )])
    })?;
    let meets_at = input.meets_at.trim().parse::<DateTime>().map_err(|_| {
        ApiError::invalid(&[(
            "meets_at",
            "date-time",
            "Gebruik jjjj-mm-ddTuu:mm in Nederlandse tijd, zoals 2026-12-01T14:00.",
        )])
    })?;
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
        Ok(id) => Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response()),
        Err(StoreError::Meeting(e)) => Err(e.problem().into()),
        Err(e) => Err(e.into()),
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
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: ViewIn = json_body(&bytes)?;
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
    let version = recorded.await.map_err(refused)?;
    Ok(Json(json!({ "version": version })).into_response())
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
fn actions(input: &[ActionIn]) -> Result<Vec<JudgementAction>, ApiError> {
    input
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let field = |f: &str| format!("actions[{i}].{f}");
            let domain = a.domain.parse::<LifeDomain>().map_err(|_| {
                ApiError::invalid(&[(
                    &field("domain"),
                    "enum",
                    "Gebruik safety, development, school, income, health, housing of network.",
                )])
            })?;
            let owner = Owner::parse(&a.owner).ok_or_else(|| {
                ApiError::invalid(&[(
                    &field("owner"),
                    "owner",
                    "Gebruik organisation:<id>, professional:<id>, member:<id> of network:<id>.",
                )])
            })?;
            let due = parse_optional(a.due_on.as_deref()).map_err(|_| {
                ApiError::invalid(&[(&field("due_on"), "date", "Gebruik jjjj-mm-dd.")])
            })?;
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
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: JudgementIn = json_body(&bytes)?;
    let judgement = Judgement {
        needs: input.needs.clone(),
        differences: input.differences.clone(),
        actions: actions(&input.actions)?,
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
        Ok(version) => {
            Ok(Json(json!({ "state": "held", "plan_version": version })).into_response())
        }
        Err(e @ (StoreError::Plan(_) | StoreError::Invalid(_))) => {
            Err(ApiError::invalid(&[("actions", "rule", &e.to_string())]))
        }
        Err(e) => Err(refused(e)),
    }
}

#[derive(Debug, Deserialize)]
struct CancelIn {
    #[serde(default)]
    reason: String,
}

pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: CancelIn = json_body(&bytes)?;
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
    cancelled.await.map_err(refused)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
