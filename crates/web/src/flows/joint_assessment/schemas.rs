//! The joint assessment's bodies and their schemas: what the API answers about a
//! family's meetings, and what scheduling, a view and the judgement send.
//! A request field read with a default (so the 400 names it rather than calling the
//! JSON malformed) is still required in the document where an absent one is refused
//! like an empty one.

use eenplan_domain::family::LifeDomain;
use eenplan_domain::joint_assessment::{MeetingKind, MeetingState};
use eenplan_store::{Meeting, MeetingAction, MeetingView};
use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

use crate::kit::schema::codes;

/// An action's owner as the form and the API write it: the kind, a colon and the id
/// (`domain::joint_assessment::Owner`), one string on the wire.
fn owner() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(
            "Who does it, in the family's circle: organisation:<organisation id>, \
             professional:<user id>, member:<family member id> or network:<network member id>",
        ))
        .pattern(Some(
            r"^(organisation|professional|member|network):\S(.*\S)?$",
        ))
        .examples([serde_json::Value::from(
            "organisation:0190f3c4-8a2e-7c61-b5d2-3e4f5a6b7c8d",
        )])
        .build()
}

/// The family's meetings, planned, held and cancelled.
#[derive(Debug, Serialize, ToSchema)]
pub struct JointAssessments {
    pub meetings: Vec<JointAssessmentMeeting>,
}

/// One meeting with whom it invites, their views and, once held, the joint judgement.
#[derive(Debug, Serialize, ToSchema)]
pub struct JointAssessmentMeeting {
    id: String,
    #[schema(schema_with = codes::<MeetingKind>)]
    kind: &'static str,
    /// Dutch local date and time, jjjj-mm-ddTuu:mm.
    #[schema(
        pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$",
        example = "2026-12-01T14:00"
    )]
    meets_at: String,
    #[schema(schema_with = codes::<MeetingState>)]
    state: &'static str,
    family_takes_part: bool,
    /// Why the family does not take part; null when it does.
    #[schema(required = true)]
    family_absence_reason: Option<String>,
    /// The invited organisations, by name.
    invited: Vec<JointAssessmentInvitee>,
    /// The current view of each invited organisation that wrote one.
    views: Vec<JointAssessmentMeetingView>,
    /// Null until the meeting is held.
    #[schema(required = true)]
    judgement: Option<JointAssessmentJudgement>,
    /// Null unless the meeting was cancelled.
    #[schema(required = true)]
    cancelled: Option<JointAssessmentCancelled>,
}

/// An invited organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct JointAssessmentInvitee {
    id: String,
    name: String,
}

/// An organisation's current view.
#[derive(Debug, Serialize, ToSchema)]
pub struct JointAssessmentMeetingView {
    organisation_id: String,
    /// How many times it was written (1 = never revised).
    #[schema(minimum = 1)]
    version: i64,
    worries: String,
    strengths: String,
    needs: String,
    /// The name of who wrote this version.
    recorded_by: String,
    #[schema(format = DateTime)]
    recorded_at: String,
}

/// The joint judgement as recorded at the meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct JointAssessmentJudgement {
    /// What this child and this family need.
    #[schema(required = true)]
    needs: Option<String>,
    /// Where the views differed; empty when they did not.
    #[schema(required = true)]
    differences: Option<String>,
    #[schema(format = Date)]
    held_on: String,
    /// The plan version the actions were written into.
    #[schema(required = true)]
    plan_version: Option<i64>,
    actions: Vec<JointAssessmentAction>,
}

/// Who does what, as written into the plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct JointAssessmentAction {
    #[schema(schema_with = codes::<LifeDomain>)]
    domain: &'static str,
    what: String,
    #[schema(schema_with = owner)]
    owner: String,
    /// The owner's name as the plan shows it.
    owner_label: String,
    #[schema(format = Date)]
    due_on: String,
}

/// When and why a meeting was cancelled.
#[derive(Debug, Serialize, ToSchema)]
pub struct JointAssessmentCancelled {
    #[schema(format = Date)]
    on: String,
    #[schema(required = true)]
    reason: Option<String>,
}

/// "2026-12-01T14:00": the meeting's Dutch local date and time, to the minute.
fn local(dt: DateTime) -> String {
    format!("{}T{:02}:{:02}", dt.date(), dt.hour(), dt.minute())
}

impl From<&Meeting> for JointAssessmentMeeting {
    fn from(m: &Meeting) -> Self {
        Self {
            id: m.id.clone(),
            kind: m.kind.code(),
            meets_at: local(m.meets_at),
            state: m.state.code(),
            family_takes_part: m.family_takes_part,
            family_absence_reason: (!m.family_takes_part).then(|| m.family_absence_reason.clone()),
            invited: m
                .invited
                .iter()
                .map(|(id, name)| JointAssessmentInvitee {
                    id: id.clone(),
                    name: name.clone(),
                })
                .collect(),
            views: m
                .views
                .iter()
                .map(JointAssessmentMeetingView::from)
                .collect(),
            judgement: m.held_on.map(|held_on| JointAssessmentJudgement {
                needs: m.needs.clone(),
                differences: m.differences.clone(),
                held_on: held_on.to_string(),
                plan_version: m.plan_version,
                actions: m.actions.iter().map(JointAssessmentAction::from).collect(),
            }),
            cancelled: m.cancelled_on.map(|on| JointAssessmentCancelled {
                on: on.to_string(),
                reason: m.cancel_reason.clone(),
            }),
        }
    }
}

impl From<&MeetingView> for JointAssessmentMeetingView {
    fn from(v: &MeetingView) -> Self {
        Self {
            organisation_id: v.organisation_id.to_string(),
            version: v.version,
            worries: v.view.worries.clone(),
            strengths: v.view.strengths.clone(),
            needs: v.view.needs.clone(),
            recorded_by: v.recorded_by.clone(),
            recorded_at: v.recorded_at.clone(),
        }
    }
}

impl From<&MeetingAction> for JointAssessmentAction {
    fn from(a: &MeetingAction) -> Self {
        Self {
            domain: a.domain.code(),
            what: a.what.clone(),
            owner: a.owner.code(),
            owner_label: a.owner_label.clone(),
            due_on: a.due.to_string(),
        }
    }
}

/// A meeting as the lead schedules it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewJointAssessment {
    #[schema(schema_with = codes::<MeetingKind>)]
    pub kind: String,
    /// Dutch local date and time, jjjj-mm-ddTuu:mm.
    #[schema(example = "2026-12-01T14:00")]
    pub meets_at: String,
    /// Organisation ids in the family's circle: the regisseur's and at least one other.
    #[serde(default)]
    #[schema(required = true)]
    pub invited: Vec<String>,
    pub family_takes_part: bool,
    /// Required when the family does not take part.
    #[serde(default)]
    pub family_absence_reason: String,
}

/// An invited organisation's own view, before the meeting. What goes well may be
/// empty.
#[derive(Debug, Deserialize, ToSchema)]
pub struct JointAssessmentView {
    #[serde(default)]
    #[schema(required = true)]
    pub worries: String,
    #[serde(default)]
    pub strengths: String,
    #[serde(default)]
    #[schema(required = true)]
    pub needs: String,
}

/// The joint judgement: what is needed, who does what (actions in the plan) and where
/// the views differed.
#[derive(Debug, Deserialize, ToSchema)]
pub struct JointJudgement {
    /// What this child and this family need.
    #[serde(default)]
    #[schema(required = true)]
    pub needs: String,
    /// Where the views differed; required when the recorded views differ in what is
    /// needed.
    #[serde(default)]
    pub differences: String,
    #[serde(default)]
    #[schema(required = true, min_items = 1)]
    pub actions: Vec<JointJudgementAction>,
}

/// One "who does what" of the judgement.
#[derive(Debug, Deserialize, ToSchema)]
pub struct JointJudgementAction {
    #[serde(default)]
    #[schema(required = true, schema_with = codes::<LifeDomain>)]
    pub domain: String,
    #[serde(default)]
    #[schema(required = true)]
    pub what: String,
    #[serde(default)]
    #[schema(required = true, schema_with = owner)]
    pub owner: String,
    /// On or after the day of the judgement, within a year.
    #[schema(required = true, value_type = String, format = Date)]
    pub due_on: Option<String>,
}

/// What the judgement wrote: the meeting is held, the plan has a new version.
#[derive(Debug, Serialize, ToSchema)]
pub struct JointJudgementRecorded {
    #[schema(schema_with = held)]
    pub state: &'static str,
    pub plan_version: i64,
}

/// The one state a recorded judgement leaves the meeting in.
fn held() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([MeetingState::Held.code()]))
        .build()
}
