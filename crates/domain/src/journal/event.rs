use serde::{Deserialize, Serialize};

use crate::area::AreaKind;
use crate::family::DataCategory;
use crate::organisation::OrganisationKind;
use crate::role::Role;

/// Who caused an event, and for which organisation they acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in user acting for their organisation.
    User {
        user_id: String,
        organisation_id: String,
    },
    /// An operator at the command line; `os_user` is the account that ran it.
    Cli { os_user: String },
    /// eenplan itself, e.g. the demo generator.
    System { component: &'static str },
    /// A family member signed in with their family account (issue 17): no
    /// organisation, they act for themselves.
    Family { account_id: String },
}

impl Actor {
    /// The stored form: `user:<id>`, `cli:<account>` or `system:<component>`.
    pub fn stored(&self) -> (String, Option<String>) {
        match self {
            Actor::User {
                user_id,
                organisation_id,
            } => (format!("user:{user_id}"), Some(organisation_id.clone())),
            Actor::Cli { os_user } => (format!("cli:{os_user}"), None),
            Actor::System { component } => (format!("system:{component}"), None),
            Actor::Family { account_id } => (format!("family:{account_id}"), None),
        }
    }
}

/// What the event is about, so a record's history can be read back from the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub kind: &'static str,
    pub id: String,
}

macro_rules! event_kinds {
    ($( $variant:ident = $code:literal; )+) => {
        /// The kind of a journal event without its payload: what a stored entry's `kind`
        /// column says, so rules can be decided on stored entries.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum EventKind { $( $variant, )+ }

        impl EventKind {
            pub const ALL: &'static [EventKind] = &[ $( EventKind::$variant, )+ ];

            /// The stored code (the event's serde tag).
            pub fn code(self) -> &'static str {
                match self { $( EventKind::$variant => $code, )+ }
            }

            /// The kind a stored code names; `None` for a code this eenplan does not know.
            pub fn parse(code: &str) -> Option<EventKind> {
                match code { $( $code => Some(EventKind::$variant), )+ _ => None }
            }
        }
    };
}

event_kinds! {
    AreaCreated = "area_created";
    OrganisationCreated = "organisation_created";
    OrganisationPhoneChanged = "organisation_phone_changed";
    OrganisationAreaAdded = "organisation_area_added";
    EvuAreaAdded = "evu_area_added";
    PilotStartSet = "pilot_start_set";
    TeamCreated = "team_created";
    UserCreated = "user_created";
    InstanceMarked = "instance_marked";
    EvaluationThresholdSet = "evaluation_threshold_set";
    SignedIn = "signed_in";
    SessionEnded = "session_ended";
    SignInFailed = "sign_in_failed";
    SecondFactorEnrolled = "second_factor_enrolled";
    SecondFactorReset = "second_factor_reset";
    UserDeactivated = "user_deactivated";
    PhoneChanged = "phone_changed";
    PasswordChangeRequired = "password_change_required";
    PasswordChanged = "password_changed";
    EnrolmentCodeIssued = "enrolment_code_issued";
    FamilyOpened = "family_opened";
    MemberAdded = "member_added";
    MemberCorrected = "member_corrected";
    MemberEnded = "member_ended";
    FrameworkChanged = "framework_changed";
    ConsentGiven = "consent_given";
    ConsentWithdrawn = "consent_withdrawn";
    EmergencyAccessGranted = "emergency_access_granted";
    EmergencyAccessReviewed = "emergency_access_reviewed";
    FamilyAccessed = "family_accessed";
    VtContactReceived = "vt_contact_received";
    VtContactAssessed = "vt_contact_assessed";
    VtHandoverAcknowledged = "vt_handover_acknowledged";
    NetworkMemberAdded = "network_member_added";
    NetworkMemberCorrected = "network_member_corrected";
    NetworkMemberEnded = "network_member_ended";
    InvolvementStarted = "involvement_started";
    InvolvementEnded = "involvement_ended";
    Handover = "handover";
    PlanSaved = "plan_saved";
    PlanAgreed = "plan_agreed";
    NoteWritten = "note_written";
    NoteChanged = "note_changed";
    SaveGuidanceStarted = "save_guidance_started";
    SaveGuidanceReviewed = "save_guidance_reviewed";
    SaveGuidanceEnded = "save_guidance_ended";
    EvuReferred = "evu_referred";
    EvuCombinationAssigned = "evu_combination_assigned";
    EvuReferralDeclined = "evu_referral_declined";
    EvuReferralClosed = "evu_referral_closed";
    SaveOnSiteSlotAdded = "save_on_site_slot_added";
    SaveOnSiteSlotEnded = "save_on_site_slot_ended";
    SaveConsultationBooked = "save_consultation_booked";
    SaveConsultationHeld = "save_consultation_held";
    SaveConsultationCancelled = "save_consultation_cancelled";
    JointAssessmentScheduled = "joint_assessment_scheduled";
    JointAssessmentViewRecorded = "joint_assessment_view_recorded";
    JointAssessmentHeld = "joint_assessment_held";
    JointAssessmentCancelled = "joint_assessment_cancelled";
    ProtectionOrderRequested = "protection_order_requested";
    ProtectionOrderInvestigationStarted = "protection_order_investigation_started";
    ProtectionOrderConcluded = "protection_order_concluded";
    ProtectionOrderDecided = "protection_order_decided";
    PlanViewRecorded = "plan_view_recorded";
    StatutoryDayAdded = "statutory_day_added";
    StatutoryDayRemoved = "statutory_day_removed";
    UserReactivated = "user_reactivated";
    UserChanged = "user_changed";
    OrganisationRenamed = "organisation_renamed";
    AreaChanged = "area_changed";
    TeamRenamed = "team_renamed";
    OrganisationIdentityChanged = "organisation_identity_changed";
    TeamAreaChanged = "team_area_changed";
    DocumentAttached = "document_attached";
    DocumentDownloaded = "document_downloaded";
    DocumentEnded = "document_ended";
    DocumentDestroyed = "document_destroyed";
    FamilyMemberInvited = "family_member_invited";
    FamilyInvitationRevoked = "family_invitation_revoked";
    FamilyAccountActivated = "family_account_activated";
    FamilyAccountBlocked = "family_account_blocked";
    FamilyMemberSignedIn = "family_member_signed_in";
    FileClosed = "file_closed";
    FileReopened = "file_reopened";
    ComplaintFiled = "complaint_filed";
    ComplaintReceiptConfirmed = "complaint_receipt_confirmed";
    ComplaintExtended = "complaint_extended";
    ComplaintDecided = "complaint_decided";
    PortalMarked = "portal_marked";
    PortalMarkEnded = "portal_mark_ended";
    FamilyPlanAdded = "family_plan_added";
    CopyRequested = "copy_requested";
    CopyExtended = "copy_extended";
    CopyHandedOver = "copy_handed_over";
    InformationRequestRecorded = "information_request_recorded";
    InformationRequestDecided = "information_request_decided";
    AccessLogCut = "access_log_cut";
}

/// Who may read an event on a family's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Whoever may see this part of the file (a partner: while consent opens it).
    Data(DataCategory),
    /// Only those who do the lead's work: the regisseur's organisation and the
    /// organisation the legal basis names. Consents, the framework, emergency access,
    /// the EVU, joint assessments and the Raad and court: none of it is opened to a
    /// partner by a consent category.
    Lead,
    /// Not part of a family's history (accounts, organisations, the access log).
    NotOnTimeline,
}

impl EventKind {
    /// Every kind's audience on the timeline. Exhaustive (no wildcard): a new kind has
    /// to say who may read it.
    pub fn audience(self) -> Audience {
        use Audience::{Data, Lead, NotOnTimeline};
        use DataCategory::{Identity, Network, Notes, Plan};
        match self {
            EventKind::AreaCreated
            | EventKind::OrganisationCreated
            | EventKind::OrganisationPhoneChanged
            | EventKind::OrganisationAreaAdded
            | EventKind::EvuAreaAdded
            | EventKind::PilotStartSet
            | EventKind::TeamCreated
            | EventKind::UserCreated
            | EventKind::InstanceMarked
            | EventKind::EvaluationThresholdSet
            | EventKind::SignedIn
            | EventKind::SessionEnded
            | EventKind::SignInFailed
            | EventKind::SecondFactorEnrolled
            | EventKind::SecondFactorReset
            | EventKind::UserDeactivated
            | EventKind::PhoneChanged
            | EventKind::PasswordChangeRequired
            | EventKind::PasswordChanged
            | EventKind::EnrolmentCodeIssued
            | EventKind::FamilyAccessed
            | EventKind::VtContactReceived
            | EventKind::VtContactAssessed
            // Acknowledging shows in the overview (the item leaves it); the journal keeps
            // who and when.
            | EventKind::VtHandoverAcknowledged
            | EventKind::SaveOnSiteSlotAdded
            | EventKind::SaveOnSiteSlotEnded
            | EventKind::SaveConsultationBooked
            | EventKind::SaveConsultationHeld
            | EventKind::SaveConsultationCancelled
            | EventKind::StatutoryDayAdded
            | EventKind::StatutoryDayRemoved
            | EventKind::UserReactivated
            | EventKind::UserChanged
            | EventKind::OrganisationRenamed
            | EventKind::AreaChanged
            | EventKind::TeamRenamed
            | EventKind::OrganisationIdentityChanged
            | EventKind::TeamAreaChanged
            // A document's part of the file differs per document, which one kind cannot
            // say: the documents page is their history, as the access log is a read's.
            | EventKind::DocumentAttached
            | EventKind::DocumentDownloaded
            | EventKind::DocumentEnded
            | EventKind::DocumentDestroyed
            | EventKind::FamilyMemberSignedIn
            // A complaint is the complainant's, not the family file's: the professional
            // complained about must not find it on the family's timeline.
            | EventKind::ComplaintFiled
            | EventKind::ComplaintReceiptConfirmed
            | EventKind::ComplaintExtended
            | EventKind::ComplaintDecided
            // A copy request is the privacy officer's work for the member who asked; an
            // information request is between the lead and a parent without custody, who
            // must not learn more through the timeline than the decision gives. Each has
            // its own page as its history.
            | EventKind::CopyRequested
            | EventKind::CopyExtended
            | EventKind::CopyHandedOver
            | EventKind::InformationRequestRecorded
            | EventKind::InformationRequestDecided
            // The operator's cut of old access-log lines concerns no one file.
            | EventKind::AccessLogCut => NotOnTimeline,
            // Who the family is and who is involved.
            EventKind::FamilyOpened
            | EventKind::MemberAdded
            | EventKind::MemberCorrected
            | EventKind::MemberEnded
            | EventKind::InvolvementStarted
            | EventKind::InvolvementEnded
            | EventKind::Handover
            // Whoever may see the file sees that it closed, why, and that it reopened.
            | EventKind::FileClosed
            | EventKind::FileReopened => Data(Identity),
            EventKind::NetworkMemberAdded
            | EventKind::NetworkMemberCorrected
            | EventKind::NetworkMemberEnded => Data(Network),
            // SAVE guidance carries out the plan: its start, reviews and end are plan history.
            EventKind::PlanSaved
            | EventKind::PlanAgreed
            | EventKind::PlanViewRecorded
            // The family's own scale and view, as the plan page shows them to whoever
            // sees the plan.
            | EventKind::FamilyPlanAdded
            | EventKind::SaveGuidanceStarted
            | EventKind::SaveGuidanceReviewed
            | EventKind::SaveGuidanceEnded => Data(Plan),
            EventKind::NoteWritten | EventKind::NoteChanged => Data(Notes),
            EventKind::FrameworkChanged
            | EventKind::ConsentGiven
            | EventKind::ConsentWithdrawn
            | EventKind::EmergencyAccessGranted
            | EventKind::EmergencyAccessReviewed
            | EventKind::EvuReferred
            | EventKind::EvuCombinationAssigned
            | EventKind::EvuReferralDeclined
            | EventKind::EvuReferralClosed
            | EventKind::JointAssessmentScheduled
            | EventKind::JointAssessmentViewRecorded
            | EventKind::JointAssessmentHeld
            | EventKind::JointAssessmentCancelled
            | EventKind::ProtectionOrderRequested
            | EventKind::ProtectionOrderInvestigationStarted
            | EventKind::ProtectionOrderConcluded
            | EventKind::ProtectionOrderDecided
            // Who in the family has a way in is the regisseur's business.
            | EventKind::FamilyMemberInvited
            | EventKind::FamilyInvitationRevoked
            | EventKind::FamilyAccountActivated
            | EventKind::FamilyAccountBlocked
            // What the family is shown of the plan and why: a "niet zichtbaar voor" and
            // its reason can protect someone, so only the lead's work reads its history,
            // not a partner whom a consent opens the plan to.
            | EventKind::PortalMarked
            | EventKind::PortalMarkEnded => Lead,
        }
    }

    /// Whether someone who may see `visible` (and does the lead's work when `lead`)
    /// reads an entry of kind `code` on the timeline. A code this eenplan does not know
    /// is shown to nobody.
    pub fn shown_to(code: &str, visible: &[DataCategory], lead: bool) -> bool {
        match EventKind::parse(code).map(EventKind::audience) {
            Some(Audience::Data(category)) => visible.contains(&category),
            Some(Audience::Lead) => lead,
            Some(Audience::NotOnTimeline) | None => false,
        }
    }
}

/// Every kind of state change. The payload says enough to rebuild what changed.
///
/// Stored entries are read back as events (`journal::deep::stored_event`: the deep check
/// names what an entry should have sealed), and the journal is append-only: a field
/// added to an event needs a serde default (or an `Option`), so that old entries still
/// read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Event {
    AreaCreated {
        area_id: String,
        kind: AreaKind,
        name: String,
        parent_id: Option<String>,
    },
    OrganisationCreated {
        organisation_id: String,
        slug: String,
        name: String,
        kind: OrganisationKind,
    },
    OrganisationAreaAdded {
        organisation_id: String,
        area_id: String,
    },
    /// The organisation's general phone number: whom someone outside a file's circle may
    /// call about a possible duplicate.
    OrganisationPhoneChanged {
        organisation_id: String,
        phone: Option<String>,
    },
    /// The EVU covers this area from this date.
    EvuAreaAdded {
        area_id: String,
        starts_on: String,
    },
    /// A pilot's start in an area, as precisely as it is known: set when the area is
    /// created with a name the seed texts' pilots name, or by a chain administrator.
    /// `start_on` is the first day it may have been on, none while not known.
    PilotStartSet {
        pilot: crate::evaluation::pilot::PilotKind,
        area_id: String,
        precision: crate::evaluation::pilot::StartPrecision,
        start_on: Option<String>,
    },
    TeamCreated {
        team_id: String,
        organisation_id: String,
        name: String,
        area_id: Option<String>,
    },
    UserCreated {
        user_id: String,
        email: String,
        name: String,
        organisation_id: String,
        team_id: Option<String>,
        roles: Vec<Role>,
    },
    /// Marks what a database is for (`demo`), so the demo never overwrites real data.
    InstanceMarked {
        purpose: String,
    },
    /// The evaluation's threshold was raised (or lowered back, never below 5): how
    /// many families a published figure must be computed from on this instance.
    EvaluationThresholdSet {
        families: u32,
    },
    /// Password and second factor accepted: a session began.
    SignedIn {
        user_id: String,
        session_kind: String,
    },
    /// A session ended: signed out, timed out, or ended by an administrator.
    SessionEnded {
        user_id: String,
        reason: String,
    },
    /// A sign-in attempt failed. `email` is as typed, whether or not an account exists.
    SignInFailed {
        email: String,
        client: String,
        stage: String,
    },
    SecondFactorEnrolled {
        user_id: String,
    },
    /// An administrator reset someone's second factor; they enrol again at next sign-in.
    SecondFactorReset {
        user_id: String,
    },
    UserDeactivated {
        user_id: String,
    },
    /// A professional's work phone number set or changed.
    PhoneChanged {
        user_id: String,
        phone: Option<String>,
    },
    /// Someone else chose this account's password (an operator or administrator): its
    /// holder must choose their own at the next sign-in.
    PasswordChangeRequired {
        user_id: String,
    },
    /// The account's holder chose their own password.
    PasswordChanged {
        user_id: String,
    },
    /// A one-time enrolment code for a new second factor was issued (never the code or
    /// its hash: only whom it is for and until when it works).
    EnrolmentCodeIssued {
        user_id: String,
        expires_at: String,
    },
    FamilyOpened {
        family_id: String,
        label: String,
        postcode: String,
        area_id: Option<String>,
    },
    MemberAdded {
        family_id: String,
        member_id: String,
        kind: String,
        name: String,
        date_of_birth: Option<String>,
        has_custody: bool,
    },
    /// A member's details corrected; the journal keeps what they were.
    MemberCorrected {
        family_id: String,
        member_id: String,
        before: serde_json::Value,
        after: serde_json::Value,
        reason: String,
    },
    MemberEnded {
        family_id: String,
        member_id: String,
        reason: String,
    },
    /// The family's help moved to another framework, on this ground, from this date.
    FrameworkChanged {
        family_id: String,
        framework: String,
        organisation_id: Option<String>,
        ground: String,
        effective_on: String,
    },
    ConsentGiven {
        family_id: String,
        consent_id: String,
        step: String,
        organisation_id: Option<String>,
        purpose: String,
        categories: Vec<String>,
        children: Vec<String>,
        given_by: Vec<String>,
        form: String,
        given_on: String,
        ends_on: Option<String>,
    },
    /// Takes effect at once: access resting on it ends with this entry.
    ConsentWithdrawn {
        family_id: String,
        consent_id: String,
        reason: String,
    },
    /// Break the glass: access for one hour after a stated reason.
    EmergencyAccessGranted {
        family_id: String,
        emergency_id: String,
        user_id: String,
        reason: String,
        expires_at: String,
    },
    EmergencyAccessReviewed {
        family_id: String,
        emergency_id: String,
        note: String,
    },
    /// An access-log line (NEN 7513). Kept in its own chain beside the journal (the
    /// access log), sealed the same way; `data` says which data was touched.
    FamilyAccessed {
        event: String,
        outcome: String,
        basis: Option<String>,
        role: String,
        on_behalf_of: Option<String>,
        family_id: Option<String>,
        data: String,
        client_address: String,
    },
    /// A Veilig Thuis contact came in. No reporter, child or family details: those stay
    /// in the intake record, out of every family's history.
    VtContactReceived {
        contact_id: String,
        kind: String,
        acute: bool,
        due_on: Option<String>,
        linked: bool,
    },
    VtContactAssessed {
        contact_id: String,
        outcome: String,
        assessed_on: String,
        follow_up_on: Option<String>,
    },
    /// The family's lead saw Veilig Thuis's hand-over ("Gezien").
    VtHandoverAcknowledged {
        family_id: String,
        contact_id: String,
    },
    NetworkMemberAdded {
        family_id: String,
        network_member_id: String,
        name: String,
        relation: String,
        safety_role: String,
    },
    /// A network member's details corrected; the journal keeps what they were.
    NetworkMemberCorrected {
        family_id: String,
        network_member_id: String,
        before: serde_json::Value,
        after: serde_json::Value,
        reason: String,
    },
    NetworkMemberEnded {
        family_id: String,
        network_member_id: String,
        reason: String,
    },
    /// Someone joins the family's circle; `handover_of` is set when they take over.
    InvolvementStarted {
        family_id: String,
        involvement_id: String,
        role: String,
        organisation_id: String,
        user_id: String,
        expertise: Option<String>,
        handover_of: Option<String>,
    },
    InvolvementEnded {
        family_id: String,
        involvement_id: String,
        reason: String,
    },
    /// The lead or an organisation's work moved to someone else: counted by the chain's metrics.
    Handover {
        family_id: String,
        from_involvement: String,
        to_involvement: String,
        role: String,
        reason: String,
    },
    PlanSaved {
        family_id: String,
        version: i64,
        changes: usize,
        /// The older version this one restores; left out for an ordinary save, so
        /// earlier entries read the same.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        restored_from: Option<i64>,
    },
    PlanAgreed {
        family_id: String,
        version: i64,
        member_ids: Vec<String>,
        /// The guardian institution that agreed in the parents' place; left out when
        /// none did, so earlier entries read the same.
        #[serde(skip_serializing_if = "Option::is_none")]
        guardian_organisation_id: Option<String>,
    },
    NoteWritten {
        family_id: String,
        note_id: String,
        interaction: String,
        happened_on: String,
    },
    /// An edit within the window, or a correction (with its reason) after it.
    NoteChanged {
        family_id: String,
        note_id: String,
        version: i64,
        correction: bool,
        reason: Option<String>,
    },
    // Documents: metadata and the content's SHA-256, never the content or its title.
    DocumentAttached {
        family_id: String,
        document_id: String,
        category: String,
        media_type: String,
        size: i64,
        sha256: String,
        plan_version: Option<i64>,
    },
    DocumentDownloaded {
        family_id: String,
        document_id: String,
        sha256: String,
    },
    /// Taken out of the file with a reason; the content stays until destroyed.
    DocumentEnded {
        family_id: String,
        document_id: String,
        reason: String,
    },
    /// The content destroyed (filed under the wrong family, or a retention rule); the
    /// digest stays so the journal still says what was there.
    DocumentDestroyed {
        family_id: String,
        document_id: String,
        sha256: String,
        reason: String,
    },
    /// The help ended and the lead closed the file on `closed_on` (the Dutch date), for
    /// a reason from the list (`ClosingReason`'s code) and an optional note. It starts
    /// the retention term.
    FileClosed {
        family_id: String,
        reason: String,
        note: Option<String>,
        closed_on: String,
    },
    /// Help is needed again: the lead reopened the closed file, saying why.
    FileReopened {
        family_id: String,
        reason: String,
    },
    // Complaints: ids, dates and codes only. What happened, who complains and the
    // officer's free text stay in the complaints table, which a retention rule can
    // clear; the append-only journal would keep them for good.
    ComplaintFiled {
        complaint_id: String,
        organisation_id: String,
        procedure: crate::complaint::Procedure,
        received_on: String,
    },
    ComplaintReceiptConfirmed {
        complaint_id: String,
        on: String,
    },
    ComplaintExtended {
        complaint_id: String,
        on: String,
    },
    ComplaintDecided {
        complaint_id: String,
        on: String,
        outcome: crate::complaint::ComplaintOutcome,
        theme: crate::complaint::Theme,
        measures: usize,
    },
    // A family member's request for a full copy (AVG art. 15): ids and dates only; the
    // note and the extension's reason stay in `copy_requests`.
    CopyRequested {
        family_id: String,
        copy_request_id: String,
        organisation_id: String,
        received_on: String,
    },
    CopyExtended {
        family_id: String,
        copy_request_id: String,
        told_on: String,
    },
    CopyHandedOver {
        family_id: String,
        copy_request_id: String,
        handed_over_on: String,
    },
    // A parent's information request (BW 1:377c): ids, dates and the decision's codes;
    // the question, the information and the reason stay in `information_requests`.
    InformationRequestRecorded {
        family_id: String,
        information_request_id: String,
        asker_id: String,
        child_id: String,
        asked_on: String,
    },
    InformationRequestDecided {
        family_id: String,
        information_request_id: String,
        decided_on: String,
        decision: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        ground: Option<String>,
    },
    /// The operator cut the access-log lines up to and including line `last_seq` (all
    /// lines written before the Dutch day `before`, `lines` of them since the previous
    /// cut): the checkpoint `verify` starts the access log's chain from. The journal is
    /// its witness: a checkpoint only the access log's own table holds is forged.
    AccessLogCut {
        last_seq: i64,
        last_hash: String,
        before: String,
        lines: i64,
    },
    // SAVE-begeleiding: ids, dates and codes only.
    SaveGuidanceStarted {
        family_id: String,
        guidance_id: String,
        organisation_id: String,
        worker_id: String,
        expertise: String,
        planned_end: String,
        next_review_on: String,
    },
    SaveGuidanceReviewed {
        family_id: String,
        guidance_id: String,
        reviewed_on: String,
        planned_end: String,
        next_review_on: String,
    },
    SaveGuidanceEnded {
        family_id: String,
        guidance_id: String,
        outcome: String,
        ended_on: String,
    },
    // The EVU: referrals and the combination of workers.
    EvuReferred {
        family_id: String,
        referral_id: String,
        source: String,
        vt_contact_id: Option<String>,
    },
    EvuCombinationAssigned {
        family_id: String,
        referral_id: String,
        user_ids: Vec<String>,
    },
    EvuReferralDeclined {
        family_id: String,
        referral_id: String,
    },
    EvuReferralClosed {
        family_id: String,
        referral_id: String,
    },
    // SAVE op locatie
    /// A worker's weekly on-site part-day at a local team's team.
    SaveOnSiteSlotAdded {
        slot_id: String,
        organisation_id: String,
        worker_id: String,
        team_id: String,
        day: String,
        part_of_day: String,
        starts_on: String,
        ends_on: Option<String>,
    },
    SaveOnSiteSlotEnded {
        slot_id: String,
        ends_on: String,
    },
    /// Booked (or, with `walk_in`, recorded as held on the spot). The question, the
    /// advice and the reasons stay in the consultation record, out of the journal; a
    /// consultation by name carries only its family's id.
    SaveConsultationBooked {
        consultation_id: String,
        slot_id: String,
        on: String,
        asked_by: String,
        family_id: Option<String>,
        walk_in: bool,
    },
    SaveConsultationHeld {
        consultation_id: String,
        result: String,
        next_steps: usize,
    },
    SaveConsultationCancelled {
        consultation_id: String,
    },
    // Joint assessment meeting and protection order request.
    // Ids, codes and dates only: the views, the judgement and the grounds stay in their
    // own tables, out of the journal.
    /// A joint assessment meeting was scheduled with these organisations.
    JointAssessmentScheduled {
        family_id: String,
        meeting_id: String,
        kind: String,
        meets_at: String,
        organisation_ids: Vec<String>,
        family_takes_part: bool,
    },
    /// An invited organisation recorded (or revised) its view; `version` counts revisions.
    JointAssessmentViewRecorded {
        family_id: String,
        meeting_id: String,
        organisation_id: String,
        version: i64,
    },
    /// The joint judgement was recorded; its actions went into this plan version.
    JointAssessmentHeld {
        family_id: String,
        meeting_id: String,
        held_on: String,
        actions: usize,
        plan_version: i64,
    },
    JointAssessmentCancelled {
        family_id: String,
        meeting_id: String,
        cancelled_on: String,
    },
    /// A request for investigation went to this Raad organisation, about these children.
    ProtectionOrderRequested {
        family_id: String,
        request_id: String,
        rvdk_organisation_id: String,
        children: Vec<String>,
    },
    ProtectionOrderInvestigationStarted {
        family_id: String,
        request_id: String,
        started_on: String,
    },
    /// The investigation's outcome: `no_measure`, or `petitioned` with the measure asked.
    ProtectionOrderConcluded {
        family_id: String,
        request_id: String,
        state: String,
        measure: Option<String>,
        on: String,
    },
    /// The court decided; when granted, with the measure, its end and the institution.
    ProtectionOrderDecided {
        family_id: String,
        request_id: String,
        granted: bool,
        measure: Option<String>,
        ends_on: Option<String>,
        institution_id: Option<String>,
        decided_on: String,
    },
    // Rules that follow the law.
    /// Under a court order: the family's view on a plan version, recorded instead of an
    /// agreement. The view's text stays in its own table, out of the journal.
    PlanViewRecorded {
        family_id: String,
        version: i64,
        view_id: String,
        member_ids: Vec<String>,
    },
    /// A day equated with a holiday by royal decree (Atw art. 3 lid 3), on the decree's
    /// Staatscourant reference.
    StatutoryDayAdded {
        day: String,
        reference: String,
    },
    /// An equated day taken off the list, with the reference that says why.
    StatutoryDayRemoved {
        day: String,
        reference: String,
    },
    /// An administrator gave a deactivated account back its access (it signs in with its
    /// own password and authenticator, as before).
    UserReactivated {
        user_id: String,
    },
    /// An administrator corrected an account's name, team or roles: what it is now.
    UserChanged {
        user_id: String,
        name: String,
        team_id: Option<String>,
        roles: Vec<crate::role::Role>,
    },
    OrganisationRenamed {
        organisation_id: String,
        name: String,
    },
    /// An area's name or CBS code corrected: what it is now.
    AreaChanged {
        area_id: String,
        name: String,
        code: Option<String>,
    },
    TeamRenamed {
        team_id: String,
        name: String,
    },
    /// An organisation's slug or kind corrected (the kind only before its first
    /// account, `organisation::kind_may_change`): what they are now.
    OrganisationIdentityChanged {
        organisation_id: String,
        slug: String,
        kind: OrganisationKind,
    },
    /// A team placed in another area, or in none: what it is now.
    TeamAreaChanged {
        team_id: String,
        area_id: Option<String>,
    },
    /// The regisseur invited a member to a family account (issue 17 §1): whom, until
    /// when the code works and how it travels; never the code or its hash.
    FamilyMemberInvited {
        family_id: String,
        member_id: String,
        account_id: String,
        expires_at: String,
        by_mail: bool,
    },
    /// An open invitation withdrawn: its code no longer works.
    FamilyInvitationRevoked {
        family_id: String,
        account_id: String,
    },
    /// The invited person redeemed the code, chose a password and linked their app.
    FamilyAccountActivated {
        family_id: String,
        account_id: String,
    },
    /// The regisseur blocked a family account: its sessions end, it no longer signs in.
    FamilyAccountBlocked {
        family_id: String,
        account_id: String,
    },
    /// A family member signed in with both factors.
    FamilyMemberSignedIn {
        account_id: String,
    },
    /// A mark that steers what the family sees of an item (issue 17 §2): by a
    /// professional ("niet zichtbaar voor", with the reason; "gaat alleen over") or by a
    /// young person of 16 or older (shared with a parent).
    PortalMarked {
        family_id: String,
        mark_id: String,
        kind: String,
        item_kind: String,
        item_ref: String,
        member_id: String,
        reason: String,
    },
    /// A mark taken off: a young person no longer shares, a professional lifts a mark.
    PortalMarkEnded {
        family_id: String,
        mark_id: String,
    },
    /// A family member added their own scale and view to a plan version.
    FamilyPlanAdded {
        family_id: String,
        version: i64,
        addition_id: String,
        member_id: String,
        score: u8,
        view: String,
    },
}

impl Event {
    /// What kind of event this is. Exhaustive (no wildcard), so a new event cannot
    /// compile without a kind, and so without a timeline audience
    /// ([`EventKind::audience`]).
    pub fn kind(&self) -> EventKind {
        match self {
            Event::AreaCreated { .. } => EventKind::AreaCreated,
            Event::OrganisationCreated { .. } => EventKind::OrganisationCreated,
            Event::OrganisationPhoneChanged { .. } => EventKind::OrganisationPhoneChanged,
            Event::OrganisationAreaAdded { .. } => EventKind::OrganisationAreaAdded,
            Event::EvuAreaAdded { .. } => EventKind::EvuAreaAdded,
            Event::PilotStartSet { .. } => EventKind::PilotStartSet,
            Event::TeamCreated { .. } => EventKind::TeamCreated,
            Event::UserCreated { .. } => EventKind::UserCreated,
            Event::InstanceMarked { .. } => EventKind::InstanceMarked,
            Event::EvaluationThresholdSet { .. } => EventKind::EvaluationThresholdSet,
            Event::AccessLogCut { .. } => EventKind::AccessLogCut,
            Event::SignedIn { .. } => EventKind::SignedIn,
            Event::SessionEnded { .. } => EventKind::SessionEnded,
            Event::SignInFailed { .. } => EventKind::SignInFailed,
            Event::SecondFactorEnrolled { .. } => EventKind::SecondFactorEnrolled,
            Event::SecondFactorReset { .. } => EventKind::SecondFactorReset,
            Event::UserDeactivated { .. } => EventKind::UserDeactivated,
            Event::PasswordChangeRequired { .. } => EventKind::PasswordChangeRequired,
            Event::PasswordChanged { .. } => EventKind::PasswordChanged,
            Event::EnrolmentCodeIssued { .. } => EventKind::EnrolmentCodeIssued,
            Event::PhoneChanged { .. } => EventKind::PhoneChanged,
            Event::FamilyOpened { .. } => EventKind::FamilyOpened,
            Event::MemberAdded { .. } => EventKind::MemberAdded,
            Event::MemberCorrected { .. } => EventKind::MemberCorrected,
            Event::MemberEnded { .. } => EventKind::MemberEnded,
            Event::FrameworkChanged { .. } => EventKind::FrameworkChanged,
            Event::ConsentGiven { .. } => EventKind::ConsentGiven,
            Event::ConsentWithdrawn { .. } => EventKind::ConsentWithdrawn,
            Event::EmergencyAccessGranted { .. } => EventKind::EmergencyAccessGranted,
            Event::EmergencyAccessReviewed { .. } => EventKind::EmergencyAccessReviewed,
            Event::FamilyAccessed { .. } => EventKind::FamilyAccessed,
            Event::VtContactReceived { .. } => EventKind::VtContactReceived,
            Event::VtContactAssessed { .. } => EventKind::VtContactAssessed,
            Event::VtHandoverAcknowledged { .. } => EventKind::VtHandoverAcknowledged,
            Event::NetworkMemberAdded { .. } => EventKind::NetworkMemberAdded,
            Event::NetworkMemberCorrected { .. } => EventKind::NetworkMemberCorrected,
            Event::NetworkMemberEnded { .. } => EventKind::NetworkMemberEnded,
            Event::InvolvementStarted { .. } => EventKind::InvolvementStarted,
            Event::InvolvementEnded { .. } => EventKind::InvolvementEnded,
            Event::Handover { .. } => EventKind::Handover,
            Event::PlanSaved { .. } => EventKind::PlanSaved,
            Event::PlanAgreed { .. } => EventKind::PlanAgreed,
            Event::NoteWritten { .. } => EventKind::NoteWritten,
            Event::NoteChanged { .. } => EventKind::NoteChanged,
            Event::DocumentAttached { .. } => EventKind::DocumentAttached,
            Event::DocumentDownloaded { .. } => EventKind::DocumentDownloaded,
            Event::DocumentEnded { .. } => EventKind::DocumentEnded,
            Event::DocumentDestroyed { .. } => EventKind::DocumentDestroyed,
            Event::FileClosed { .. } => EventKind::FileClosed,
            Event::FileReopened { .. } => EventKind::FileReopened,
            Event::ComplaintFiled { .. } => EventKind::ComplaintFiled,
            Event::ComplaintReceiptConfirmed { .. } => EventKind::ComplaintReceiptConfirmed,
            Event::ComplaintExtended { .. } => EventKind::ComplaintExtended,
            Event::ComplaintDecided { .. } => EventKind::ComplaintDecided,
            Event::PortalMarked { .. } => EventKind::PortalMarked,
            Event::PortalMarkEnded { .. } => EventKind::PortalMarkEnded,
            Event::FamilyPlanAdded { .. } => EventKind::FamilyPlanAdded,
            Event::CopyRequested { .. } => EventKind::CopyRequested,
            Event::CopyExtended { .. } => EventKind::CopyExtended,
            Event::CopyHandedOver { .. } => EventKind::CopyHandedOver,
            Event::InformationRequestRecorded { .. } => EventKind::InformationRequestRecorded,
            Event::InformationRequestDecided { .. } => EventKind::InformationRequestDecided,
            Event::SaveGuidanceStarted { .. } => EventKind::SaveGuidanceStarted,
            Event::SaveGuidanceReviewed { .. } => EventKind::SaveGuidanceReviewed,
            Event::SaveGuidanceEnded { .. } => EventKind::SaveGuidanceEnded,
            Event::EvuReferred { .. } => EventKind::EvuReferred,
            Event::EvuCombinationAssigned { .. } => EventKind::EvuCombinationAssigned,
            Event::EvuReferralDeclined { .. } => EventKind::EvuReferralDeclined,
            Event::EvuReferralClosed { .. } => EventKind::EvuReferralClosed,
            Event::SaveOnSiteSlotAdded { .. } => EventKind::SaveOnSiteSlotAdded,
            Event::SaveOnSiteSlotEnded { .. } => EventKind::SaveOnSiteSlotEnded,
            Event::SaveConsultationBooked { .. } => EventKind::SaveConsultationBooked,
            Event::SaveConsultationHeld { .. } => EventKind::SaveConsultationHeld,
            Event::SaveConsultationCancelled { .. } => EventKind::SaveConsultationCancelled,
            Event::JointAssessmentScheduled { .. } => EventKind::JointAssessmentScheduled,
            Event::JointAssessmentViewRecorded { .. } => EventKind::JointAssessmentViewRecorded,
            Event::JointAssessmentHeld { .. } => EventKind::JointAssessmentHeld,
            Event::JointAssessmentCancelled { .. } => EventKind::JointAssessmentCancelled,
            Event::ProtectionOrderRequested { .. } => EventKind::ProtectionOrderRequested,
            Event::ProtectionOrderInvestigationStarted { .. } => {
                EventKind::ProtectionOrderInvestigationStarted
            }
            Event::ProtectionOrderConcluded { .. } => EventKind::ProtectionOrderConcluded,
            Event::ProtectionOrderDecided { .. } => EventKind::ProtectionOrderDecided,
            Event::PlanViewRecorded { .. } => EventKind::PlanViewRecorded,
            Event::StatutoryDayAdded { .. } => EventKind::StatutoryDayAdded,
            Event::StatutoryDayRemoved { .. } => EventKind::StatutoryDayRemoved,
            Event::UserReactivated { .. } => EventKind::UserReactivated,
            Event::UserChanged { .. } => EventKind::UserChanged,
            Event::OrganisationRenamed { .. } => EventKind::OrganisationRenamed,
            Event::AreaChanged { .. } => EventKind::AreaChanged,
            Event::TeamRenamed { .. } => EventKind::TeamRenamed,
            Event::OrganisationIdentityChanged { .. } => EventKind::OrganisationIdentityChanged,
            Event::TeamAreaChanged { .. } => EventKind::TeamAreaChanged,
            Event::FamilyMemberInvited { .. } => EventKind::FamilyMemberInvited,
            Event::FamilyInvitationRevoked { .. } => EventKind::FamilyInvitationRevoked,
            Event::FamilyAccountActivated { .. } => EventKind::FamilyAccountActivated,
            Event::FamilyAccountBlocked { .. } => EventKind::FamilyAccountBlocked,
            Event::FamilyMemberSignedIn { .. } => EventKind::FamilyMemberSignedIn,
        }
    }

    pub fn subject(&self) -> Subject {
        let (kind, id) = match self {
            Event::AreaCreated { area_id, .. }
            | Event::EvuAreaAdded { area_id, .. }
            | Event::PilotStartSet { area_id, .. } => ("area", area_id),
            Event::OrganisationCreated {
                organisation_id, ..
            }
            | Event::OrganisationAreaAdded {
                organisation_id, ..
            }
            | Event::OrganisationPhoneChanged {
                organisation_id, ..
            } => ("organisation", organisation_id),
            Event::TeamCreated { team_id, .. }
            | Event::TeamRenamed { team_id, .. }
            | Event::TeamAreaChanged { team_id, .. } => ("team", team_id),
            Event::FamilyMemberInvited { family_id, .. }
            | Event::FamilyInvitationRevoked { family_id, .. }
            | Event::FamilyAccountActivated { family_id, .. }
            | Event::FamilyAccountBlocked { family_id, .. }
            | Event::PortalMarked { family_id, .. }
            | Event::PortalMarkEnded { family_id, .. }
            | Event::FamilyPlanAdded { family_id, .. } => ("family", family_id),
            Event::FamilyMemberSignedIn { account_id } => ("family_account", account_id),
            Event::OrganisationRenamed {
                organisation_id, ..
            }
            | Event::OrganisationIdentityChanged {
                organisation_id, ..
            } => ("organisation", organisation_id),
            Event::AreaChanged { area_id, .. } => ("area", area_id),
            Event::UserReactivated { user_id } | Event::UserChanged { user_id, .. } => {
                ("user", user_id)
            }
            Event::UserCreated { user_id, .. }
            | Event::SignedIn { user_id, .. }
            | Event::SessionEnded { user_id, .. }
            | Event::SecondFactorEnrolled { user_id }
            | Event::SecondFactorReset { user_id }
            | Event::UserDeactivated { user_id }
            | Event::PasswordChangeRequired { user_id }
            | Event::PasswordChanged { user_id }
            | Event::EnrolmentCodeIssued { user_id, .. }
            | Event::PhoneChanged { user_id, .. } => ("user", user_id),
            Event::SignInFailed { email, .. } => ("sign_in", email),
            Event::FamilyOpened { family_id, .. }
            | Event::MemberAdded { family_id, .. }
            | Event::MemberEnded { family_id, .. }
            | Event::MemberCorrected { family_id, .. }
            | Event::FrameworkChanged { family_id, .. }
            | Event::ConsentGiven { family_id, .. }
            | Event::ConsentWithdrawn { family_id, .. }
            | Event::EmergencyAccessGranted { family_id, .. }
            | Event::EmergencyAccessReviewed { family_id, .. }
            | Event::NetworkMemberAdded { family_id, .. }
            | Event::NetworkMemberCorrected { family_id, .. }
            | Event::NetworkMemberEnded { family_id, .. }
            | Event::InvolvementStarted { family_id, .. }
            | Event::InvolvementEnded { family_id, .. }
            | Event::Handover { family_id, .. }
            | Event::PlanSaved { family_id, .. }
            | Event::PlanAgreed { family_id, .. }
            | Event::NoteWritten { family_id, .. }
            | Event::NoteChanged { family_id, .. }
            | Event::DocumentAttached { family_id, .. }
            | Event::DocumentDownloaded { family_id, .. }
            | Event::DocumentEnded { family_id, .. }
            | Event::DocumentDestroyed { family_id, .. }
            | Event::FileClosed { family_id, .. }
            | Event::FileReopened { family_id, .. }
            | Event::SaveGuidanceStarted { family_id, .. }
            | Event::SaveGuidanceReviewed { family_id, .. }
            | Event::SaveGuidanceEnded { family_id, .. }
            | Event::EvuReferred { family_id, .. }
            | Event::EvuCombinationAssigned { family_id, .. }
            | Event::EvuReferralDeclined { family_id, .. }
            | Event::EvuReferralClosed { family_id, .. }
            | Event::VtHandoverAcknowledged { family_id, .. }
            | Event::CopyRequested { family_id, .. }
            | Event::CopyExtended { family_id, .. }
            | Event::CopyHandedOver { family_id, .. }
            | Event::InformationRequestRecorded { family_id, .. }
            | Event::InformationRequestDecided { family_id, .. } => ("family", family_id),
            Event::InstanceMarked { purpose } => ("instance", purpose),
            Event::ComplaintFiled { complaint_id, .. }
            | Event::ComplaintReceiptConfirmed { complaint_id, .. }
            | Event::ComplaintExtended { complaint_id, .. }
            | Event::ComplaintDecided { complaint_id, .. } => ("complaint", complaint_id),
            Event::AccessLogCut { last_seq, .. } => {
                return Subject {
                    kind: "access_log",
                    id: last_seq.to_string(),
                };
            }
            Event::EvaluationThresholdSet { .. } => {
                return Subject {
                    kind: "instance",
                    id: "evaluation_threshold".to_owned(),
                };
            }
            Event::VtContactReceived { contact_id, .. }
            | Event::VtContactAssessed { contact_id, .. } => ("vt_contact", contact_id),
            // SAVE op locatie
            Event::SaveOnSiteSlotAdded { slot_id, .. }
            | Event::SaveOnSiteSlotEnded { slot_id, .. } => ("save_on_site_slot", slot_id),
            Event::SaveConsultationBooked {
                consultation_id, ..
            }
            | Event::SaveConsultationHeld {
                consultation_id, ..
            }
            | Event::SaveConsultationCancelled { consultation_id } => {
                ("save_consultation", consultation_id)
            }
            Event::FamilyAccessed { family_id, .. } => {
                return Subject {
                    kind: "family",
                    id: family_id.clone().unwrap_or_default(),
                };
            }
            // Joint assessment meeting and protection order request.
            Event::JointAssessmentScheduled { family_id, .. }
            | Event::JointAssessmentViewRecorded { family_id, .. }
            | Event::JointAssessmentHeld { family_id, .. }
            | Event::JointAssessmentCancelled { family_id, .. }
            | Event::ProtectionOrderRequested { family_id, .. }
            | Event::ProtectionOrderInvestigationStarted { family_id, .. }
            | Event::ProtectionOrderConcluded { family_id, .. }
            | Event::ProtectionOrderDecided { family_id, .. }
            | Event::PlanViewRecorded { family_id, .. } => ("family", family_id),
            Event::StatutoryDayAdded { day, .. } | Event::StatutoryDayRemoved { day, .. } => {
                ("statutory_day", day)
            }
        };
        Subject {
            kind,
            id: id.clone(),
        }
    }

    /// The event's kind and its payload as compact JSON with sorted keys, so the same
    /// event always serialises to the same text.
    pub fn to_record(&self) -> (String, String) {
        let value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        // The stored kind is the kind's code, the same text serde's tag gives (a test
        // holds them together), so a stored entry always parses back to its kind.
        let kind = self.kind().code().to_owned();
        let payload = value
            .get("data")
            .map(serde_json::Value::to_string)
            .unwrap_or_else(|| "{}".to_owned());
        (kind, payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_has_kind_and_sorted_payload() {
        let e = Event::OrganisationCreated {
            organisation_id: "o1".into(),
            slug: "save".into(),
            name: "SAVE Jeugdbescherming".into(),
            kind: OrganisationKind::CertifiedInstitution,
        };
        let (kind, payload) = e.to_record();
        assert_eq!(kind, "organisation_created");
        assert_eq!(
            payload,
            r#"{"kind":"certified_institution","name":"SAVE Jeugdbescherming","organisation_id":"o1","slug":"save"}"#
        );
        assert_eq!(e.subject().kind, "organisation");
        let serde_tag = serde_json::to_value(&e).unwrap()["kind"].clone();
        assert_eq!(serde_tag, kind.as_str());
    }

    /// The stored code is serde's snake-case tag of the variant (the kinds' names are the
    /// events' names), so entries written before the kinds existed parse back.
    #[test]
    fn every_kind_code_is_the_snake_case_of_its_name() {
        for kind in EventKind::ALL {
            let name = format!("{kind:?}");
            let mut snake = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            }
            assert_eq!(kind.code(), snake);
            assert_eq!(EventKind::parse(kind.code()), Some(*kind));
        }
        assert_eq!(EventKind::parse("something_new"), None);
    }

    #[test]
    fn a_partner_reads_only_what_consent_opens_and_never_the_lead_s_history() {
        let identity = [DataCategory::Identity];
        assert!(EventKind::shown_to("member_added", &identity, false));
        assert!(EventKind::shown_to("involvement_started", &identity, false));
        for hidden in [
            "protection_order_decided",
            "protection_order_concluded",
            "evu_referred",
            "evu_combination_assigned",
            "joint_assessment_held",
            "consent_given",
            "framework_changed",
            "emergency_access_granted",
            "plan_agreed",
            "note_written",
            "network_member_added",
            "family_accessed",
            "user_created",
            "unknown_kind",
        ] {
            assert!(!EventKind::shown_to(hidden, &identity, false), "{hidden}");
        }
        assert!(EventKind::shown_to("protection_order_decided", &[], true));
        assert!(EventKind::shown_to(
            "note_written",
            &[DataCategory::Notes],
            false
        ));
        assert!(!EventKind::shown_to(
            "user_created",
            DataCategory::ALL,
            true
        ));
    }
}
