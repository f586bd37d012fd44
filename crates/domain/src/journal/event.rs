use serde::Serialize;

use crate::area::AreaKind;
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
        }
    }
}

/// What the event is about, so a record's history can be read back from the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub kind: &'static str,
    pub id: String,
}

/// Every kind of state change. The payload says enough to rebuild what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    },
    PlanAgreed {
        family_id: String,
        version: i64,
        member_ids: Vec<String>,
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
    // SAVE-begeleiding (issue 7): ids, dates and codes only.
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
    // The EVU (issue 7): referrals and the combination of workers.
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
    // Joint assessment meeting and protection order request (issue 7, points 5 and 6).
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
}

impl Event {
    pub fn subject(&self) -> Subject {
        let (kind, id) = match self {
            Event::AreaCreated { area_id, .. } | Event::EvuAreaAdded { area_id, .. } => {
                ("area", area_id)
            }
            Event::OrganisationCreated {
                organisation_id, ..
            }
            | Event::OrganisationAreaAdded {
                organisation_id, ..
            }
            | Event::OrganisationPhoneChanged {
                organisation_id, ..
            } => ("organisation", organisation_id),
            Event::TeamCreated { team_id, .. } => ("team", team_id),
            Event::UserCreated { user_id, .. }
            | Event::SignedIn { user_id, .. }
            | Event::SessionEnded { user_id, .. }
            | Event::SecondFactorEnrolled { user_id }
            | Event::SecondFactorReset { user_id }
            | Event::UserDeactivated { user_id }
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
            | Event::SaveGuidanceStarted { family_id, .. }
            | Event::SaveGuidanceReviewed { family_id, .. }
            | Event::SaveGuidanceEnded { family_id, .. }
            | Event::EvuReferred { family_id, .. }
            | Event::EvuCombinationAssigned { family_id, .. }
            | Event::EvuReferralDeclined { family_id, .. }
            | Event::EvuReferralClosed { family_id, .. } => ("family", family_id),
            Event::InstanceMarked { purpose } => ("instance", purpose),
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
            // Joint assessment meeting and protection order request (issue 7, points 5 and 6).
            Event::JointAssessmentScheduled { family_id, .. }
            | Event::JointAssessmentViewRecorded { family_id, .. }
            | Event::JointAssessmentHeld { family_id, .. }
            | Event::JointAssessmentCancelled { family_id, .. }
            | Event::ProtectionOrderRequested { family_id, .. }
            | Event::ProtectionOrderInvestigationStarted { family_id, .. }
            | Event::ProtectionOrderConcluded { family_id, .. }
            | Event::ProtectionOrderDecided { family_id, .. } => ("family", family_id),
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
        let kind = value
            .get("kind")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned();
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
    }
}
