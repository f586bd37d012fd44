//! The dated facts the metrics are computed from, read from journal entries.
//!
//! A fact is what one journal entry says about one family's path through the chain,
//! reduced to what a metric needs. The store folds a family's entries into facts with
//! [`fact`] (from the stored kind and payload) and attributes each to its family: most
//! entries name the family; a Veilig Thuis contact or a SAVE op locatie consultation is
//! attributed through the record it is about (the contact linked to the family, the
//! consultation booked about it). Everything else in the journal says nothing about a
//! family's path and gives no fact.

use jiff::civil::Date;
use serde_json::Value;

use crate::family::involvement::InvolvementRole;
use crate::family::{ClosingReason, Framework};
use crate::journal::{Event, EventKind};
use crate::protection_order::RequestState;
use crate::save_guidance::GuidanceOutcome;

/// One fact about a family's path, without its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// The family's file was opened (`family_opened`).
    FileOpened,
    /// Veilig Thuis received a contact about the family (`vt_contact_received`);
    /// `due_on` is the statutory date of the safety assessment, if any.
    VtContactReceived {
        contact_id: String,
        due_on: Option<Date>,
    },
    /// Veilig Thuis assessed that contact (`vt_contact_assessed`, on `assessed_on`).
    VtContactAssessed { contact_id: String },
    /// A SAVE op locatie consultation about the family was booked, dated on the day of
    /// the consultation (`save_consultation_booked` with a family).
    SaveConsultation { consultation_id: String },
    /// That consultation was cancelled (`save_consultation_cancelled`): it did not
    /// happen, so it is no signal.
    SaveConsultationCancelled { consultation_id: String },
    /// The joint judgement: a joint assessment meeting was held (`held_on`).
    JointJudgement,
    /// A version of the family's plan was agreed (`plan_agreed`).
    PlanAgreed,
    /// A professional joined the family's circle (`involvement_started`).
    InvolvementStarted {
        involvement_id: String,
        role: InvolvementRole,
        organisation_id: String,
        user_id: String,
    },
    /// A professional left the circle (`involvement_ended`).
    InvolvementEnded { involvement_id: String },
    /// The lead or a partner's work moved from one involvement to another (`handover`).
    Handover {
        from_involvement: String,
        to_involvement: String,
        role: InvolvementRole,
    },
    /// SAVE-begeleiding started (`save_guidance_started`).
    SaveGuidanceStarted {
        guidance_id: String,
        organisation_id: String,
        worker_id: String,
    },
    /// SAVE-begeleiding ended (`ended_on`) with an outcome.
    SaveGuidanceEnded {
        guidance_id: String,
        outcome: GuidanceOutcome,
    },
    /// The family was referred to the EVU (`evu_referred`).
    EvuReferred { referral_id: String },
    /// The EVU assigned its combination of professionals (`evu_combination_assigned`).
    EvuCombinationAssigned {
        referral_id: String,
        user_ids: Vec<String>,
    },
    /// The EVU referral closed (`evu_referral_closed`): its combination stops working
    /// with the family.
    EvuReferralClosed { referral_id: String },
    /// A protection order investigation was requested of the Raad.
    ProtectionOrderRequested { request_id: String },
    /// The Raad started its investigation (`started_on`).
    InvestigationStarted { request_id: String },
    /// The Raad concluded (`on`) with a state (no measure, or petitioned).
    ProtectionOrderConcluded {
        request_id: String,
        state: RequestState,
    },
    /// The framework changed (`effective_on`).
    FrameworkChanged { framework: Framework },
    /// The file closed (`closed_on`) for a reason: the help ended. No metric reads it
    /// yet; it is here so one can (a file's duration, closings per reason).
    FileClosed { reason: ClosingReason },
    /// A closed file was reopened: help was needed again.
    FileReopened,
}

/// A fact with the day it happened (Europe/Amsterdam).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedFact {
    pub on: Date,
    pub fact: Fact,
}

/// The fact a stored journal entry gives, dated.
///
/// The date is the one the event itself names where it names one (a meeting's
/// `held_on`, a guidance's `ended_on`, the Raad's `started_on` and `on`, a framework's
/// `effective_on`, a consultation's `on`, an assessment's `assessed_on`): those are the
/// days things happened, which may lie before the day they were recorded. Otherwise it
/// is `recorded_on`, the Amsterdam day of the entry. A named date that cannot be read
/// falls back to `recorded_on` rather than dropping the fact, so a count never loses a
/// family silently. `None`: the entry says nothing about a family's path, or names a
/// code this eenplan does not know.
pub fn fact(kind: EventKind, payload: &Value, recorded_on: Date) -> Option<DatedFact> {
    let text = |field: &str| payload.get(field).and_then(Value::as_str);
    let owned = |field: &str| text(field).map(str::to_owned);
    let date = |field: &str| {
        text(field)
            .and_then(|s| s.parse::<Date>().ok())
            .unwrap_or(recorded_on)
    };
    fn code<T: std::str::FromStr>(payload: &Value, field: &str) -> Option<T> {
        payload.get(field)?.as_str()?.parse().ok()
    }
    let (on, fact) = match kind {
        EventKind::FamilyOpened => (recorded_on, Fact::FileOpened),
        EventKind::VtContactReceived => (
            recorded_on,
            Fact::VtContactReceived {
                contact_id: owned("contact_id")?,
                due_on: text("due_on").and_then(|s| s.parse().ok()),
            },
        ),
        EventKind::VtContactAssessed => (
            date("assessed_on"),
            Fact::VtContactAssessed {
                contact_id: owned("contact_id")?,
            },
        ),
        EventKind::SaveConsultationBooked => {
            // An anonymous consultation is about no family: it is no signal for a file.
            text("family_id")?;
            (
                date("on"),
                Fact::SaveConsultation {
                    consultation_id: owned("consultation_id")?,
                },
            )
        }
        EventKind::SaveConsultationCancelled => (
            recorded_on,
            Fact::SaveConsultationCancelled {
                consultation_id: owned("consultation_id")?,
            },
        ),
        EventKind::JointAssessmentHeld => (date("held_on"), Fact::JointJudgement),
        EventKind::PlanAgreed => (recorded_on, Fact::PlanAgreed),
        EventKind::InvolvementStarted => (
            recorded_on,
            Fact::InvolvementStarted {
                involvement_id: owned("involvement_id")?,
                role: code(payload, "role")?,
                organisation_id: owned("organisation_id")?,
                user_id: owned("user_id")?,
            },
        ),
        EventKind::InvolvementEnded => (
            recorded_on,
            Fact::InvolvementEnded {
                involvement_id: owned("involvement_id")?,
            },
        ),
        EventKind::Handover => (
            recorded_on,
            Fact::Handover {
                from_involvement: owned("from_involvement")?,
                to_involvement: owned("to_involvement")?,
                role: code(payload, "role")?,
            },
        ),
        EventKind::SaveGuidanceStarted => (
            recorded_on,
            Fact::SaveGuidanceStarted {
                guidance_id: owned("guidance_id")?,
                organisation_id: owned("organisation_id")?,
                worker_id: owned("worker_id")?,
            },
        ),
        EventKind::SaveGuidanceEnded => (
            date("ended_on"),
            Fact::SaveGuidanceEnded {
                guidance_id: owned("guidance_id")?,
                outcome: code(payload, "outcome")?,
            },
        ),
        EventKind::EvuReferred => (
            recorded_on,
            Fact::EvuReferred {
                referral_id: owned("referral_id")?,
            },
        ),
        EventKind::EvuCombinationAssigned => (
            recorded_on,
            Fact::EvuCombinationAssigned {
                referral_id: owned("referral_id")?,
                user_ids: payload
                    .get("user_ids")?
                    .as_array()?
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
            },
        ),
        EventKind::EvuReferralClosed => (
            recorded_on,
            Fact::EvuReferralClosed {
                referral_id: owned("referral_id")?,
            },
        ),
        EventKind::ProtectionOrderRequested => (
            recorded_on,
            Fact::ProtectionOrderRequested {
                request_id: owned("request_id")?,
            },
        ),
        EventKind::ProtectionOrderInvestigationStarted => (
            date("started_on"),
            Fact::InvestigationStarted {
                request_id: owned("request_id")?,
            },
        ),
        EventKind::ProtectionOrderConcluded => (
            date("on"),
            Fact::ProtectionOrderConcluded {
                request_id: owned("request_id")?,
                state: code(payload, "state")?,
            },
        ),
        EventKind::FrameworkChanged => (
            date("effective_on"),
            Fact::FrameworkChanged {
                framework: code(payload, "framework")?,
            },
        ),
        EventKind::FileClosed => (
            date("closed_on"),
            Fact::FileClosed {
                reason: code(payload, "reason")?,
            },
        ),
        EventKind::FileReopened => (recorded_on, Fact::FileReopened),
        _ => return None,
    };
    Some(DatedFact { on, fact })
}

/// Whether entries of `kind` can give a fact at all: lets a rebuild skip reading the
/// payload of the many entries that cannot (members, notes, sign-ins…). [`fact`] is
/// `None` for every other kind, whatever the payload (a test holds the two together).
pub fn gives_facts(kind: EventKind) -> bool {
    use EventKind::*;
    matches!(
        kind,
        FamilyOpened
            | VtContactReceived
            | VtContactAssessed
            | SaveConsultationBooked
            | SaveConsultationCancelled
            | JointAssessmentHeld
            | PlanAgreed
            | InvolvementStarted
            | InvolvementEnded
            | Handover
            | SaveGuidanceStarted
            | SaveGuidanceEnded
            | EvuReferred
            | EvuCombinationAssigned
            | EvuReferralClosed
            | ProtectionOrderRequested
            | ProtectionOrderInvestigationStarted
            | ProtectionOrderConcluded
            | FrameworkChanged
            | FileClosed
            | FileReopened
    )
}

/// The fact an event gives, read through its stored form so that the event and the
/// journal entry it becomes can never give different facts.
pub fn from_event(event: &Event, recorded_on: Date) -> Option<DatedFact> {
    let (_, payload) = event.to_record();
    let payload: Value = serde_json::from_str(&payload).ok()?;
    fact(event.kind(), &payload, recorded_on)
}
