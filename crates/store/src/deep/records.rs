//! Which records each event seals: exhaustive per event, so a new event has to say
//! what it changed.

use eenplan_domain::journal::Event;
use eenplan_domain::journal::deep::record_name;

use crate::{Param, params};

/// A record an event changed: one owner's rows in one or more tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rec {
    Family(String),
    Member(String),
    Network(String),
    Involvement(String),
    Consent(String),
    Plan(String, i64),
    Note(String),
    Document(String),
    Emergency(String),
    User(String),
    /// A signed-in session (a web session or an API token), by its token's hash.
    Session(String),
    StatutoryDay(String),
    /// A family member's invitation, which becomes their account when redeemed.
    FamilyAccount(String),
    /// A family account's signed-in session, by its token's hash.
    FamilySession(String),
    PortalMark(String),
    CopyRequest(String),
    InformationRequest(String),
    /// A complaint and its measures.
    Complaint(String),
}

impl Rec {
    /// The tables of this record, its key, and how to select its rows by key.
    pub(super) fn parts(&self) -> (&'static [&'static str], String, &'static str, Vec<Param>) {
        match self {
            Rec::Family(id) => (&["families"], id.clone(), "t.id = $1", params![id]),
            Rec::Member(id) => (&["family_members"], id.clone(), "t.id = $1", params![id]),
            Rec::Network(id) => (&["network_members"], id.clone(), "t.id = $1", params![id]),
            Rec::Involvement(id) => (&["involvements"], id.clone(), "t.id = $1", params![id]),
            Rec::Consent(id) => (
                &["consents", "consent_people"],
                id.clone(),
                "t.{id} = $1",
                params![id],
            ),
            Rec::Plan(family, version) => (
                &[
                    "plan_versions",
                    "plan_agreements",
                    "plan_family_views",
                    "family_plan_additions",
                    "family_plan_agreements",
                ],
                format!("{family}:{version}"),
                "t.family_id = $1 AND t.version = $2",
                params![family, *version],
            ),
            Rec::Note(id) => (
                &["case_notes", "case_note_versions"],
                id.clone(),
                "t.{id} = $1",
                params![id],
            ),
            Rec::Document(id) => (&["documents"], id.clone(), "t.id = $1", params![id]),
            Rec::Emergency(id) => (&["emergency_access"], id.clone(), "t.id = $1", params![id]),
            Rec::User(id) => (
                &["users", "user_roles"],
                id.clone(),
                "t.{id} = $1",
                params![id],
            ),
            Rec::Session(hash) => (
                &["sessions"],
                hash.clone(),
                "t.token_hash = $1",
                params![hash],
            ),
            Rec::StatutoryDay(day) => {
                (&["statutory_days"], day.clone(), "t.day = $1", params![day])
            }
            Rec::FamilyAccount(id) => (&["family_accounts"], id.clone(), "t.id = $1", params![id]),
            Rec::FamilySession(hash) => (
                &["family_sessions"],
                hash.clone(),
                "t.token_hash = $1",
                params![hash],
            ),
            Rec::PortalMark(id) => (&["portal_marks"], id.clone(), "t.id = $1", params![id]),
            Rec::CopyRequest(id) => (&["copy_requests"], id.clone(), "t.id = $1", params![id]),
            Rec::InformationRequest(id) => (
                &["information_requests"],
                id.clone(),
                "t.id = $1",
                params![id],
            ),
            Rec::Complaint(id) => (
                &["complaints", "complaint_measures"],
                id.clone(),
                "t.{id} = $1",
                params![id],
            ),
        }
    }
}

/// The table of the record the store seals beside an entry of `kind` without the event
/// naming it (a session, by its token's hash): an entry of that kind sealing none of
/// the table was written before the table was covered. The professionals' sign-ins
/// sealed their sessions from the start, so only the family's is listed.
pub(super) fn sealed_beside(kind: &str) -> Option<&'static str> {
    (kind == "family_member_signed_in").then_some("family_sessions")
}

/// The column a part's rows name their record's id in, where a record spans tables.
pub(super) fn id_column(table: &str) -> &'static str {
    match table {
        "consent_people" => "consent_id",
        "case_note_versions" => "note_id",
        "user_roles" => "user_id",
        "complaint_measures" => "complaint_id",
        _ => "id",
    }
}

/// The records each event changed. Exhaustive: a new event must say what it seals.
pub(crate) fn records(event: &Event) -> Vec<Rec> {
    match event {
        Event::AreaCreated { .. }
        | Event::OrganisationCreated { .. }
        | Event::OrganisationPhoneChanged { .. }
        | Event::OrganisationAreaAdded { .. }
        | Event::EvuAreaAdded { .. }
        | Event::PilotStartSet { .. }
        | Event::TeamCreated { .. }
        | Event::InstanceMarked { .. }
        | Event::EvaluationThresholdSet { .. }
        // The cut removes lines of the access log, which its own chain and the
        // checkpoint prove; the checkpoint's row is checked against this entry by
        // `verify`, so there is no table row to seal.
        | Event::AccessLogCut { .. }
        | Event::SignInFailed { .. }
        // The session sealed with a sign-in is named by the store (its token's hash).
        | Event::SignedIn { .. }
        | Event::SessionEnded { .. }
        | Event::FamilyAccessed { .. }
        | Event::VtContactReceived { .. }
        | Event::VtContactAssessed { .. }
        | Event::VtHandoverAcknowledged { .. }
        | Event::SaveGuidanceStarted { .. }
        | Event::SaveGuidanceReviewed { .. }
        | Event::SaveGuidanceEnded { .. }
        | Event::EvuReferred { .. }
        | Event::EvuCombinationAssigned { .. }
        | Event::EvuReferralDeclined { .. }
        | Event::EvuReferralClosed { .. }
        | Event::SaveOnSiteSlotAdded { .. }
        | Event::SaveOnSiteSlotEnded { .. }
        | Event::SaveConsultationBooked { .. }
        | Event::SaveConsultationHeld { .. }
        | Event::SaveConsultationCancelled { .. }
        | Event::JointAssessmentScheduled { .. }
        | Event::JointAssessmentViewRecorded { .. }
        | Event::JointAssessmentCancelled { .. }
        | Event::ProtectionOrderRequested { .. }
        | Event::ProtectionOrderInvestigationStarted { .. }
        | Event::ProtectionOrderConcluded { .. }
        | Event::ProtectionOrderDecided { .. }
        | Event::OrganisationRenamed { .. }
        | Event::AreaChanged { .. }
        | Event::TeamRenamed { .. }
        | Event::OrganisationIdentityChanged { .. }
        | Event::TeamAreaChanged { .. }
        // The session sealed with a family member's sign-in is named by the store.
        | Event::FamilyMemberSignedIn { .. }
        // A download changes nothing; the entry is the record of the read.
        | Event::DocumentDownloaded { .. } => Vec::new(),
        Event::DocumentAttached { document_id, .. }
        | Event::DocumentEnded { document_id, .. }
        | Event::DocumentDestroyed { document_id, .. } => vec![Rec::Document(document_id.clone())],
        Event::UserCreated { user_id, .. }
        | Event::SecondFactorEnrolled { user_id }
        | Event::SecondFactorReset { user_id }
        | Event::UserDeactivated { user_id }
        | Event::UserReactivated { user_id }
        | Event::UserChanged { user_id, .. }
        | Event::PhoneChanged { user_id, .. }
        | Event::PasswordChangeRequired { user_id }
        | Event::PasswordChanged { user_id }
        | Event::EnrolmentCodeIssued { user_id, .. } => vec![Rec::User(user_id.clone())],
        Event::FamilyMemberInvited { account_id, .. }
        | Event::FamilyInvitationRevoked { account_id, .. }
        | Event::FamilyAccountActivated { account_id, .. }
        | Event::FamilyAccountBlocked { account_id, .. } => {
            vec![Rec::FamilyAccount(account_id.clone())]
        }
        Event::ComplaintFiled { complaint_id, .. }
        | Event::ComplaintReceiptConfirmed { complaint_id, .. }
        | Event::ComplaintExtended { complaint_id, .. }
        | Event::ComplaintDecided { complaint_id, .. } => {
            vec![Rec::Complaint(complaint_id.clone())]
        }
        Event::PortalMarked { mark_id, .. } | Event::PortalMarkEnded { mark_id, .. } => {
            vec![Rec::PortalMark(mark_id.clone())]
        }
        Event::CopyRequested {
            copy_request_id, ..
        }
        | Event::CopyExtended {
            copy_request_id, ..
        }
        | Event::CopyHandedOver {
            copy_request_id, ..
        } => vec![Rec::CopyRequest(copy_request_id.clone())],
        Event::InformationRequestRecorded {
            information_request_id,
            ..
        }
        | Event::InformationRequestDecided {
            information_request_id,
            ..
        } => vec![Rec::InformationRequest(information_request_id.clone())],
        Event::FamilyOpened { family_id, .. }
        | Event::FrameworkChanged { family_id, .. }
        | Event::FileClosed { family_id, .. }
        | Event::FileReopened { family_id, .. } => vec![Rec::Family(family_id.clone())],
        Event::MemberAdded { member_id, .. }
        | Event::MemberCorrected { member_id, .. }
        | Event::MemberEnded { member_id, .. } => vec![Rec::Member(member_id.clone())],
        Event::NetworkMemberAdded {
            network_member_id, ..
        }
        | Event::NetworkMemberCorrected {
            network_member_id, ..
        }
        | Event::NetworkMemberEnded {
            network_member_id, ..
        } => vec![Rec::Network(network_member_id.clone())],
        Event::ConsentGiven { consent_id, .. } | Event::ConsentWithdrawn { consent_id, .. } => {
            vec![Rec::Consent(consent_id.clone())]
        }
        Event::EmergencyAccessGranted { emergency_id, .. }
        | Event::EmergencyAccessReviewed { emergency_id, .. } => {
            vec![Rec::Emergency(emergency_id.clone())]
        }
        Event::InvolvementStarted {
            involvement_id,
            handover_of,
            ..
        } => std::iter::once(involvement_id)
            .chain(handover_of)
            .map(|id| Rec::Involvement(id.clone()))
            .collect(),
        Event::InvolvementEnded { involvement_id, .. } => {
            vec![Rec::Involvement(involvement_id.clone())]
        }
        Event::Handover {
            from_involvement,
            to_involvement,
            ..
        } => vec![
            Rec::Involvement(from_involvement.clone()),
            Rec::Involvement(to_involvement.clone()),
        ],
        Event::PlanSaved {
            family_id, version, ..
        }
        | Event::PlanAgreed {
            family_id, version, ..
        }
        | Event::PlanViewRecorded {
            family_id, version, ..
        }
        | Event::FamilyPlanAdded {
            family_id, version, ..
        } => vec![Rec::Plan(family_id.clone(), *version)],
        Event::JointAssessmentHeld {
            family_id,
            plan_version,
            ..
        } => vec![Rec::Plan(family_id.clone(), *plan_version)],
        Event::NoteWritten { note_id, .. } | Event::NoteChanged { note_id, .. } => {
            vec![Rec::Note(note_id.clone())]
        }
        Event::StatutoryDayAdded { day, .. } | Event::StatutoryDayRemoved { day, .. } => {
            vec![Rec::StatutoryDay(day.clone())]
        }
    }
}

/// The names of the records `event` seals (table and key), as [`Tx::seal_records`]
/// names them.
pub(crate) fn record_names(event: &Event) -> Vec<String> {
    records(event)
        .iter()
        .flat_map(|rec| {
            let (tables, key, _, _) = rec.parts();
            tables.iter().map(move |t| record_name(t, &key))
        })
        .collect()
}
