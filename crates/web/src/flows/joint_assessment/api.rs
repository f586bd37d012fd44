//! Joint assessment meetings in the API: the family's meetings, scheduling, each
//! invited organisation's own view, the joint judgement written into the plan and
//! cancelling. The router's family guard decides access before these run.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::family::LifeDomain;
use eenplan_domain::joint_assessment::{
    Judgement, JudgementAction, MeetingKind, MeetingState, Owner, View,
};
use eenplan_store::{NewMeeting, StoreError};
use jiff::civil::DateTime;

use super::schemas::{
    JointAssessmentMeeting, JointAssessmentView, JointAssessments, JointJudgement,
    JointJudgementAction, JointJudgementRecorded, NewJointAssessment,
};
use crate::auth::family::FamilyCtx;
use crate::kit::body::{Created, Reason, Version};
use crate::kit::extract::{Body, Path};
use crate::kit::fields;
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Refusal};

/// A store failure as the API says it: the meeting's refusals, a meeting this family
/// does not have, and the rest as every failure.
fn refused(e: StoreError) -> ApiError {
    match e {
        StoreError::Meeting(e) => e.problem().into(),
        StoreError::NotFound(_) => Problem::titled(
            StatusCode::NOT_FOUND,
            "not-found",
            (
                "Geen bijeenkomst met dit id bij dit gezin",
                "No meeting with this id in this family's file",
            ),
        )
        .into(),
        e => e.into(),
    }
}

pub async fn list(fam: FamilyCtx) -> Result<Json<JointAssessments>, ApiError> {
    let list = fam
        .read(async |tx, family| tx.meetings(family).await)
        .await?;
    Ok(Json(JointAssessments {
        meetings: list.iter().map(JointAssessmentMeeting::from).collect(),
    }))
}

pub async fn schedule(
    fam: FamilyCtx,
    Body(input): Body<NewJointAssessment>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let kind: MeetingKind = fields::code("kind", &input.kind)?;
    let meets_at = input.meets_at.trim().parse::<DateTime>().map_err(|_| {
        ApiError::invalid(&[(
            "meets_at",
            "date-time",
            (
                "Gebruik jjjj-mm-ddTuu:mm in Nederlandse tijd, zoals 2026-12-01T14:00.",
                "Use yyyy-mm-ddThh:mm in Dutch time, such as 2026-12-01T14:00.",
            ),
        )])
    })?;
    let meeting = NewMeeting {
        kind,
        meets_at,
        invited: input.invited,
        family_takes_part: input.family_takes_part,
        family_absence_reason: input.family_absence_reason,
    };
    let scheduled = fam.write(refused, async |tx, by| {
        tx.schedule_meeting(&by.actor, by.family, by.both(), &meeting, by.today)
            .await
    });
    Ok(Created::answer(scheduled.await?))
}

pub async fn put_view(
    fam: FamilyCtx,
    Path((_, meeting_id)): Path<(String, String)>,
    Body(input): Body<JointAssessmentView>,
) -> Result<Json<Version>, ApiError> {
    let view = View {
        worries: input.worries,
        strengths: input.strengths,
        needs: input.needs,
    };
    let version = fam.write(refused, async |tx, by| {
        tx.record_view(&by.actor, by.family, &meeting_id, by.both(), &view)
            .await
    });
    Ok(Json(Version {
        version: version.await?,
    }))
}

/// The judgement's actions as the domain reads them, or the field that does not parse.
fn actions(input: &[JointJudgementAction]) -> Result<Vec<JudgementAction>, ApiError> {
    input
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let field = |f: &str| format!("actions[{i}].{f}");
            let domain: LifeDomain = fields::code(&field("domain"), &a.domain)?;
            let owner = Owner::parse(&a.owner).ok_or_else(|| {
                ApiError::invalid(&[(
                    &field("owner"),
                    "owner",
                    (
                        "Gebruik organisation:<id>, professional:<id>, member:<id> of network:<id>.",
                        "Use organisation:<id>, professional:<id>, member:<id> or network:<id>.",
                    ),
                )])
            })?;
            let due = fields::optional_date(&field("due_on"), a.due_on.as_deref())?;
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
    fam: FamilyCtx,
    Path((_, meeting_id)): Path<(String, String)>,
    Body(input): Body<JointJudgement>,
) -> Result<Json<JointJudgementRecorded>, ApiError> {
    let judgement = Judgement {
        needs: input.needs.clone(),
        differences: input.differences.clone(),
        actions: actions(&input.actions)?,
    };
    let refused = |e| match e {
        StoreError::Plan(e) => ApiError::refused_at("actions", &e),
        // The plan changed while the judgement was recorded: nothing was stored.
        StoreError::Invalid(_) => ApiError::invalid(&[(
            "actions",
            "rule",
            (
                "Het plan veranderde terwijl het oordeel werd vastgelegd; leg het opnieuw vast.",
                "The plan changed while the judgement was being recorded; record it again.",
            ),
        )]),
        e => refused(e),
    };
    let judged = fam.write(refused, async |tx, by| {
        let (actor, user) = (&by.actor, by.user);
        tx.record_judgement(actor, by.family, &meeting_id, user, &judgement, by.today)
            .await
    });
    Ok(Json(JointJudgementRecorded {
        state: MeetingState::Held.code(),
        plan_version: judged.await?,
    }))
}

pub async fn cancel(
    fam: FamilyCtx,
    Path((_, meeting_id)): Path<(String, String)>,
    Body(input): Body<Reason>,
) -> Result<StatusCode, ApiError> {
    let reason = &input.reason;
    fam.write(refused, async |tx, by| {
        tx.cancel_meeting(&by.actor, by.family, &meeting_id, by.user, reason, by.today)
            .await
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
