//! Veilig Thuis's bodies and their schemas.

use eenplan_domain::veilig_thuis::{
    ContactKind, IntakeState, Outcome, Reporter, reporter_feedback,
};
use eenplan_store::{Contact, ContactDetail, FamilySummary, Radar};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::schema::{codes, nullable_codes};

/// An advice request or a report as it comes in. The codes and the date are read as
/// text so that a wrong one is named in the 400, not refused as malformed JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = VtContact)]
pub struct ContactIn {
    #[schema(schema_with = codes::<ContactKind>)]
    pub kind: String,
    #[serde(default)]
    pub acute: bool,
    #[schema(schema_with = codes::<Reporter>)]
    pub reporter: Option<String>,
    #[serde(default)]
    pub reporter_name: String,
    #[serde(default)]
    pub reporter_contact: String,
    #[serde(default)]
    pub child_name: String,
    #[schema(format = Date, value_type = String, required = false)]
    pub child_birth: Option<String>,
    #[schema(value_type = String, required = false)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub house_number: String,
    /// What was seen or heard; an empty concern is refused, so it is due.
    #[serde(default)]
    #[schema(required = true)]
    pub concern: String,
    /// When the report or advice request came in (RFC 3339, with its offset); the
    /// statutory term counts from it. Absent: now. Never in the future.
    #[schema(format = DateTime, value_type = String, required = false)]
    pub received_at: Option<String>,
    /// The other children of the same family the contact concerns, besides
    /// `child_name`.
    #[serde(default)]
    pub more_children: Vec<ChildIn>,
}

/// A child a contact concerns. The date is read as text so that a wrong one is named
/// in the 400.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = VtChild)]
pub struct ChildIn {
    #[serde(default)]
    pub name: String,
    #[schema(format = Date, value_type = String, required = false)]
    pub birth: Option<String>,
}

/// A contact that was received, with what the radar found about the child.
#[derive(Debug, Serialize, ToSchema)]
pub struct VtReceived {
    id: String,
    radar: VtRadar,
}

/// Earlier signals: files with the same child or address, and earlier contacts.
#[derive(Debug, Serialize, ToSchema)]
struct VtRadar {
    families: Vec<VtRadarFamily>,
    earlier: Vec<VtWorkListContact>,
}

/// A family file the radar found; only its label, the file itself needs a grant.
#[derive(Debug, Serialize, ToSchema)]
struct VtRadarFamily {
    id: String,
    label: String,
}

/// The organisation's contacts that need something: an assessment, or a follow-up check.
#[derive(Debug, Serialize, ToSchema)]
pub struct VtWorkList {
    contacts: Vec<VtWorkListContact>,
}

/// A contact as the work list and the radar show it.
#[derive(Debug, Serialize, ToSchema)]
struct VtWorkListContact {
    id: String,
    #[schema(schema_with = codes::<ContactKind>)]
    kind: &'static str,
    acute: bool,
    /// Null for an advice request whose reporter stayed anonymous.
    #[schema(schema_with = nullable_codes::<Reporter>, required = true)]
    reporter: Option<&'static str>,
    child_name: String,
    #[schema(format = Date, required = true)]
    child_birth: Option<String>,
    concern: String,
    /// The family's file, when the contact is linked to one.
    #[schema(required = true)]
    family_id: Option<String>,
    #[schema(format = Date)]
    received_on: String,
    /// When the safety assessment is due; null for an advice request.
    #[schema(format = Date, required = true)]
    due_on: Option<String>,
    overdue: bool,
    state: VtContactState,
    #[schema(schema_with = nullable_codes::<Outcome>, required = true)]
    outcome: Option<&'static str>,
    #[schema(format = Date, required = true)]
    follow_up_on: Option<String>,
    /// What the reporter is told of the outcome, once assessed.
    #[schema(required = true)]
    reporter_feedback: Option<&'static str>,
}

/// Where a contact is in its course.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum VtContactState {
    AdviceGiven,
    AwaitingAssessment,
    Assessed,
}

/// The safety assessment's outcome. The codes and the date are read as text so that a
/// wrong one is named in the 400.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = VtAssessment)]
pub struct AssessmentIn {
    #[schema(schema_with = codes::<Outcome>)]
    pub outcome: String,
    /// When Veilig Thuis checks back; needed when handing to the local team.
    #[schema(format = Date, value_type = String, required = false)]
    pub follow_up_on: Option<String>,
    /// What Veilig Thuis found out; an assessment without it is refused.
    #[serde(default)]
    #[schema(required = true)]
    pub findings: String,
    /// Why these findings lead to this outcome; an assessment without it is refused.
    #[serde(default)]
    #[schema(required = true)]
    pub reasoning: String,
}

/// One contact in full, for Veilig Thuis's own staff: the reporter and how to reach
/// them, every child, and the assessment's content.
#[derive(Debug, Serialize, ToSchema)]
pub struct VtContactDetail {
    #[serde(flatten)]
    contact: VtWorkListContact,
    /// When it came in, as the professional recorded it.
    #[schema(format = DateTime)]
    received_at: String,
    reporter_name: String,
    reporter_contact: String,
    children: Vec<VtChild>,
    /// What Veilig Thuis found out; null until assessed.
    #[schema(required = true)]
    findings: Option<String>,
    /// Why the outcome; null until assessed.
    #[schema(required = true)]
    reasoning: Option<String>,
    /// Earlier contacts about the same children or file, newest first.
    earlier: Vec<VtWorkListContact>,
}

/// A child a contact concerns.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = VtContactChild)]
struct VtChild {
    name: String,
    #[schema(format = Date, required = true)]
    birth: Option<String>,
}

impl VtContactDetail {
    pub fn new(d: &ContactDetail, today: Date) -> Self {
        Self {
            contact: VtWorkListContact::new(&d.contact, today),
            received_at: d.received_at.to_rfc3339(),
            reporter_name: d.reporter_name.clone(),
            reporter_contact: d.reporter_contact.clone(),
            children: d
                .children
                .iter()
                .map(|c| VtChild {
                    name: c.name.clone(),
                    birth: c.birth.map(|b| b.to_string()),
                })
                .collect(),
            findings: d.findings.clone(),
            reasoning: d.reasoning.clone(),
            earlier: d
                .earlier
                .iter()
                .map(|c| VtWorkListContact::new(c, today))
                .collect(),
        }
    }
}

/// A contact that was just assessed, and what its reporter is told.
#[derive(Debug, Serialize, ToSchema)]
pub struct VtAssessed {
    state: VtContactState,
    #[schema(schema_with = codes::<Outcome>)]
    outcome: &'static str,
    reporter_feedback: &'static str,
}

impl VtReceived {
    pub fn new(id: String, radar: &Radar, today: Date) -> Self {
        Self {
            id,
            radar: VtRadar {
                families: radar.families.iter().map(VtRadarFamily::from).collect(),
                earlier: radar
                    .earlier
                    .iter()
                    .map(|c| VtWorkListContact::new(c, today))
                    .collect(),
            },
        }
    }
}

impl VtWorkList {
    pub fn new(contacts: &[Contact], today: Date) -> Self {
        Self {
            contacts: contacts
                .iter()
                .map(|c| VtWorkListContact::new(c, today))
                .collect(),
        }
    }
}

impl VtAssessed {
    pub fn new(outcome: Outcome) -> Self {
        Self {
            state: VtContactState::Assessed,
            outcome: outcome.code(),
            reporter_feedback: reporter_feedback(outcome).0,
        }
    }
}

impl From<&FamilySummary> for VtRadarFamily {
    fn from(f: &FamilySummary) -> Self {
        Self {
            id: f.id.to_string(),
            label: f.label.clone(),
        }
    }
}

impl VtWorkListContact {
    fn new(c: &Contact, today: Date) -> Self {
        let (state, outcome) = match c.state {
            IntakeState::AdviceGiven => (VtContactState::AdviceGiven, None),
            IntakeState::AwaitingAssessment => (VtContactState::AwaitingAssessment, None),
            IntakeState::Assessed(o) => (VtContactState::Assessed, Some(o)),
        };
        Self {
            id: c.id.clone(),
            kind: c.kind.code(),
            acute: c.acute,
            reporter: c.reporter.map(|r| r.code()),
            child_name: c.child_name.clone(),
            child_birth: c.child_birth.map(|d| d.to_string()),
            concern: c.concern.clone(),
            family_id: c.family_id.as_ref().map(ToString::to_string),
            received_on: c.received_on.to_string(),
            due_on: c.due_on.map(|d| d.to_string()),
            overdue: c.overdue(today),
            state,
            outcome: outcome.map(|o| o.code()),
            follow_up_on: c.follow_up_on.map(|d| d.to_string()),
            reporter_feedback: outcome.map(|o| reporter_feedback(o).0),
        }
    }
}
