//! The consultations' bodies: one consultation, the lists, a booking, a walk-in, the
//! advice, and what a change left.

use eenplan_domain::save_on_site::{ConsultationResult, ConsultationState, NextStep, PartOfDay};
use eenplan_store::{OnSiteConsultation, OnSiteSlot};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::SaveOnSiteRef;
use crate::kit::schema::{codes, nullable_codes};

/// One consultation, as the worker on site and whoever asked see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveConsultation {
    id: String,
    slot_id: String,
    #[schema(format = Date)]
    date: String,
    #[schema(schema_with = codes::<PartOfDay>)]
    part_of_day: &'static str,
    team: SaveOnSiteRef,
    worker: SaveOnSiteRef,
    walk_in: bool,
    /// Whether it is by name (then `family` is set) rather than anonymous.
    named: bool,
    #[schema(required = true)]
    family: Option<SaveConsultationFamily>,
    asked_by: SaveOnSiteRef,
    question: String,
    #[schema(schema_with = codes::<ConsultationState>)]
    state: &'static str,
    /// Empty until it is held.
    advice: String,
    next_steps: Vec<SaveNextStep>,
    /// Null until it is held.
    #[schema(schema_with = nullable_codes::<ConsultationResult>, required = true)]
    result: Option<&'static str>,
    /// Empty unless it was cancelled.
    cancel_reason: String,
}

/// The family a consultation by name is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveConsultationFamily {
    id: String,
    label: String,
}

/// A next step the advice sets, and who takes it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SaveNextStep {
    #[serde(default)]
    #[schema(required = true)]
    pub what: String,
    #[serde(default)]
    #[schema(required = true)]
    pub who: String,
}

impl From<&OnSiteConsultation> for SaveConsultation {
    fn from(c: &OnSiteConsultation) -> Self {
        Self {
            id: c.id.clone(),
            slot_id: c.slot_id.clone(),
            date: c.on.to_string(),
            part_of_day: c.part.code(),
            team: SaveOnSiteRef::new(&c.team_id, &c.team_name),
            worker: SaveOnSiteRef::new(&c.worker_id, &c.worker_name),
            walk_in: c.walk_in,
            named: c.family_id.is_some(),
            // The label comes with the id (a family's label is never empty in the store).
            family: c.family_id.as_ref().map(|id| SaveConsultationFamily {
                id: id.to_string(),
                label: c.family_label.clone().unwrap_or_default(),
            }),
            asked_by: SaveOnSiteRef::new(&c.asked_by, &c.asked_by_name),
            question: c.question.clone(),
            state: c.state.code(),
            advice: c.advice.clone(),
            next_steps: c.next_steps.iter().map(SaveNextStep::from).collect(),
            result: c.result.map(|r| r.code()),
            cancel_reason: c.cancel_reason.clone(),
        }
    }
}

impl From<&NextStep> for SaveNextStep {
    fn from(s: &NextStep) -> Self {
        Self {
            what: s.what.clone(),
            who: s.who.clone(),
        }
    }
}

impl From<SaveNextStep> for NextStep {
    fn from(s: SaveNextStep) -> Self {
        Self {
            what: s.what,
            who: s.who,
        }
    }
}

/// A family's consultations by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveConsultations {
    pub consultations: Vec<SaveConsultation>,
}

impl SaveConsultations {
    pub fn new(list: &[OnSiteConsultation]) -> Self {
        Self {
            consultations: list.iter().map(SaveConsultation::from).collect(),
        }
    }
}

/// The caller's list of a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveOnSiteDay {
    #[schema(format = Date)]
    pub date: String,
    /// Your part-days on site that day.
    pub on_site: Vec<SaveOnSiteDayPart>,
    pub consultations: Vec<SaveConsultation>,
}

/// A part-day the caller is on site that day, and where.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveOnSiteDayPart {
    slot_id: String,
    team: SaveOnSiteRef,
    #[schema(schema_with = codes::<PartOfDay>)]
    part_of_day: &'static str,
}

impl From<&OnSiteSlot> for SaveOnSiteDayPart {
    fn from(s: &OnSiteSlot) -> Self {
        Self {
            slot_id: s.id.clone(),
            team: SaveOnSiteRef::new(&s.slot.team_id, &s.team_name),
            part_of_day: s.slot.part.code(),
        }
    }
}

/// A booking. Each field is read leniently, so a missing or wrong one is named in the
/// 400 rather than refused as malformed JSON.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSaveConsultation {
    #[serde(default)]
    #[schema(required = true)]
    pub slot_id: String,
    /// An on-site day of the slot, not in the past.
    #[serde(default)]
    #[schema(format = Date, required = true)]
    pub date: String,
    #[serde(flatten)]
    pub about: SaveQuestion,
}

/// What a booking and a walk-in ask, and about whom.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SaveQuestion {
    /// For a consultation by name: a family of the professional who asks, with its
    /// consent to a named consultation with this organisation.
    #[serde(default)]
    #[schema(value_type = String)]
    pub family_id: Option<String>,
    /// Anonymous: no postcode, citizen service number or phone number.
    #[serde(default)]
    #[schema(required = true)]
    pub question: String,
}

/// The advice, its next steps with who takes each, and where it led.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SaveAdvice {
    #[serde(default)]
    #[schema(required = true)]
    pub advice: String,
    #[serde(default)]
    pub next_steps: Vec<SaveNextStep>,
    #[serde(default)]
    #[schema(schema_with = codes::<ConsultationResult>, required = true)]
    pub result: String,
}

/// A walk-in, held at once: who asked, the question and the advice in one.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SaveWalkIn {
    #[serde(default)]
    #[schema(required = true)]
    pub slot_id: String,
    /// Default today; not in the future.
    #[serde(default)]
    #[schema(format = Date)]
    pub date: String,
    /// The professional of the slot's local team who asked.
    #[serde(default)]
    #[schema(required = true)]
    pub asked_by: String,
    #[serde(flatten)]
    pub about: SaveQuestion,
    #[serde(flatten)]
    pub advice: SaveAdvice,
}

/// A consultation and the state a booking, walk-in, advice or cancelling left it in.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveConsultationState {
    pub id: String,
    #[schema(schema_with = codes::<ConsultationState>)]
    pub state: &'static str,
}

impl SaveConsultationState {
    pub fn new(id: impl Into<String>, state: ConsultationState) -> Self {
        Self {
            id: id.into(),
            state: state.code(),
        }
    }
}

/// The caller's past consultations as the worker on site, in the period asked for (or
/// the last four weeks): every one of them, newest day first.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveOnSiteHistory {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// The team asked for; null for every team.
    #[schema(required = true)]
    pub team_id: Option<String>,
    /// How many consultations the period holds; more than listed only when the list's
    /// bound was reached (then ask a shorter period).
    pub total: usize,
    pub consultations: Vec<SaveConsultation>,
}

/// A part-day's consultations still booked, as its institution's team lead sees them:
/// when and who asked, not about which family nor what.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveSlotBookings {
    pub slot_id: String,
    pub bookings: Vec<SaveSlotBooking>,
}

/// One booking on the lead's part-day.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveSlotBooking {
    id: String,
    #[schema(format = Date)]
    date: String,
    asked_by: SaveOnSiteRef,
    /// By name rather than anonymous; which family is not the lead's to know.
    named: bool,
}

impl From<&OnSiteConsultation> for SaveSlotBooking {
    fn from(c: &OnSiteConsultation) -> Self {
        Self {
            id: c.id.clone(),
            date: c.on.to_string(),
            asked_by: SaveOnSiteRef::new(&c.asked_by, &c.asked_by_name),
            named: c.family_id.is_some(),
        }
    }
}
