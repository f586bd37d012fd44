//! Who is told what (issue 15 §1): the one rule that turns a journal event into
//! notifications ("berichten" in the Dutch UI: "melding" already means a report to
//! Veilig Thuis). Every event passes through [`tells`] when its transaction commits, so
//! a notification is written in the same transaction as the change that causes it and
//! no flow can forget to tell anyone.
//!
//! The rule names *roles* (the regisseur, the circle, an organisation's team leads),
//! never people: the store resolves them to the people who hold them at that moment
//! and then applies [`Gate`], so nobody is told about a file they may not see then
//! (DESIGN rule 4, need to know; Jeugdwet art. 7.3.8 and 7.3.11). The person who
//! caused the event is never told about it.

mod chain;
mod circle;
mod consent;
mod lead;
pub mod reminders;
mod veilig_thuis;

pub use veilig_thuis::VtParty;

use crate::codes::code_list;
use crate::family::Need;
use crate::journal::{Actor, Event};
use crate::role::Role;

pub use reminders::{DueOwner, FileDue, MeetingDue, Reminder, reminders};

code_list! {
    /// What a notification is about; its label is the notification's first line.
    NotificationKind, "notification kind" {
        VtHandedOver = "vt_handed_over", "Veilig Thuis draagt een gezin over", "Veilig Thuis hands a family over";
        VtConditions = "vt_conditions", "Veilig Thuis stelt voorwaarden en volgt het gezin", "Veilig Thuis sets conditions and follows up";
        VtToRaad = "vt_to_raad", "Veilig Thuis vraagt de Raad om een onderzoek", "Veilig Thuis asks the Raad for an investigation";
        VtToEvu = "vt_to_evu", "Veilig Thuis brengt een gezin in bij de EVU", "Veilig Thuis brings a family into the EVU";
        ReporterFeedback = "reporter_feedback", "Terugkoppeling op je melding bij Veilig Thuis", "Feedback on your report to Veilig Thuis";
        PartnerJoined = "partner_joined", "Een partner sluit aan", "A partner joins";
        PartnerLeft = "partner_left", "Een partner stopt", "A partner leaves";
        Handover = "handover", "Werk overgedragen", "Work handed over";
        ConsentGiven = "consent_given", "Toestemming gegeven", "Consent given";
        ConsentWithdrawn = "consent_withdrawn", "Toestemming ingetrokken", "Consent withdrawn";
        AccessLost = "access_lost", "Geen toegang meer tot een dossier", "No longer access to a file";
        PlanSaved = "plan_saved", "Nieuwe versie van het plan", "New version of the plan";
        PlanAgreed = "plan_agreed", "Het gezin stemt in met het plan", "The family agrees to the plan";
        PlanViewRecorded = "plan_view_recorded", "De mening van het gezin over het plan is vastgelegd", "The family's view on the plan is recorded";
        JointAssessmentPlanned = "joint_assessment_planned", "Gezamenlijke beoordeling gepland", "Joint assessment planned";
        JointAssessmentViewMissing = "joint_assessment_view_missing", "Jullie visie voor de gezamenlijke beoordeling ontbreekt nog", "Your view for the joint assessment is still missing";
        CourtDecision = "court_decision", "Uitspraak van de rechter", "Court decision";
        EvuStaffed = "evu_staffed", "EVU-combinatie samengesteld", "EVU combination staffed";
        SaveAdvice = "save_advice", "Advies van SAVE op locatie", "Advice from SAVE on site";
        DueSoon = "due_soon", "Binnenkort aan de beurt", "Due soon";
        Overdue = "overdue", "Over tijd", "Overdue";
        EmergencyAccess = "emergency_access", "Noodtoegang tot een dossier", "Emergency access to a file";
        NoRegisseur = "no_regisseur", "Dossier zonder regisseur", "File without a regisseur";
    }
}

/// Who should hear of an event, before the gate: roles, resolved by the store to the
/// people who hold them when the event commits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipients {
    /// Everyone with a running involvement in the family's circle.
    Circle,
    /// The family's running regisseur.
    Regisseur,
    /// Everyone involved on behalf of one of these organisations.
    InvolvedOf(Vec<String>),
    /// Everyone holding `role`, in `organisation` when one is named.
    WithRole {
        role: Role,
        organisation: Option<String>,
    },
    /// These people by id.
    Users(Vec<String>),
    /// The circle except this person (the one who just joined: they know).
    CircleBut(String),
    /// Everyone involved on behalf of the organisation a consent (by id) was given to;
    /// nobody for a consent to no organisation.
    ConsentOrganisation(String),
    /// Everyone holding `role` in any of these organisations.
    WithRoleIn {
        role: Role,
        organisations: Vec<OrganisationOf>,
    },
    /// The professional who asked for a SAVE op locatie consultation (by id).
    AskerOf(String),
    /// For every file whose running regisseur is this person: the team leads of the
    /// regisseur's team, each told about that file. The only recipients that name
    /// their files themselves (the event names a person, not a file).
    TeamLeadsOfFilesLedBy(String),
    /// Someone a Veilig Thuis contact points to. The contact's event names neither the
    /// family nor the reporter (they stay in the intake record, out of every family's
    /// history), so the store finds them through the contact and fills in the family.
    OfVtContact {
        contact_id: String,
        party: veilig_thuis::VtParty,
    },
}

/// An organisation named by its place in the family's file, resolved when the event
/// commits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganisationOf {
    /// This organisation.
    Named(String),
    /// The organisation of the family's running regisseur.
    Regisseur,
    /// The organisation holding the legal basis of a non-voluntary framework.
    Framework,
}

/// What a recipient must be allowed to see at the moment of the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// This part of the family file (the access rule, as for opening the file).
    May(Need),
    /// Told without any of the file's content: the notification shows the family's
    /// label only to someone who may see the file when they read it.
    Anyone,
    /// The partner that lost access: told that, under the label it knew, nothing more.
    /// Only someone who may see no part of the file any more passes.
    LostAccess,
    /// Someone who may still see some part of the file (the complement of
    /// [`Gate::LostAccess`]).
    AnyAccess,
}

/// One notification to write: to whom, about what, behind which gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tell {
    pub kind: NotificationKind,
    pub to: Recipients,
    pub gate: Gate,
    /// The family file the notification opens, if any.
    pub family_id: Option<String>,
    /// The thing inside it (a plan version, a meeting, a Veilig Thuis contact), so the
    /// link opens where the work is.
    pub subject_id: Option<String>,
}

impl Tell {
    pub(crate) fn about(
        family_id: &str,
        kind: NotificationKind,
        to: Recipients,
        gate: Gate,
    ) -> Tell {
        Tell {
            kind,
            to,
            gate,
            family_id: Some(family_id.to_owned()),
            subject_id: None,
        }
    }

    pub(crate) fn on(mut self, subject: impl ToString) -> Tell {
        self.subject_id = Some(subject.to_string());
        self
    }

    /// A notification that opens no family file (the file is unknown or not to be
    /// named), so it passes no access gate but [`Gate::Anyone`].
    pub(crate) fn without_file(kind: NotificationKind, to: Recipients) -> Tell {
        Tell {
            kind,
            to,
            gate: Gate::Anyone,
            family_id: None,
            subject_id: None,
        }
    }
}

/// The notifications an event caused by `actor` gives. Events no one needs to hear of
/// give none. Each way of working keeps its part of the rule in its own file.
pub fn tells(actor: &Actor, event: &Event) -> Vec<Tell> {
    let mut all = circle::tells(actor, event);
    all.extend(consent::tells(actor, event));
    all.extend(chain::tells(actor, event));
    all.extend(lead::tells(actor, event));
    all.extend(veilig_thuis::tells(actor, event));
    all
}

/// Whether `event`'s notices are already said by another event of the same change
/// (`with`), so one change is one notice: the members an EVU combination brings into
/// the circle join with the combination, and "EVU-combinatie samengesteld" tells the
/// members and the regisseur; a "partner sluit aan" per member would repeat it.
pub fn said_by_another(event: &Event, with: &[&Event]) -> bool {
    let Event::InvolvementStarted {
        family_id, user_id, ..
    } = event
    else {
        return false;
    };
    with.iter().any(|other| {
        matches!(other, Event::EvuCombinationAssigned { family_id: f, user_ids, .. }
            if f == family_id && user_ids.contains(user_id))
    })
}

/// The organisation the actor acted for; none for the command line or eenplan itself.
pub(crate) fn acting_organisation(actor: &Actor) -> Option<String> {
    match actor {
        Actor::User {
            organisation_id, ..
        } => Some(organisation_id.clone()),
        Actor::Cli { .. } | Actor::System { .. } | Actor::Family { .. } => None,
    }
}

/// The actor every rule file's tests use: a professional of organisation `o1`.
#[cfg(test)]
pub(crate) fn someone() -> Actor {
    Actor::User {
        user_id: "u1".into(),
        organisation_id: "o1".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::DataCategory;

    #[test]
    fn a_new_plan_version_tells_the_circle_that_may_see_the_plan() {
        let event = Event::PlanSaved {
            family_id: "f1".into(),
            version: 3,
            changes: 1,
            restored_from: None,
        };
        assert_eq!(
            tells(&someone(), &event),
            vec![Tell {
                kind: NotificationKind::PlanSaved,
                to: Recipients::Circle,
                gate: Gate::May(Need::Data(DataCategory::Plan)),
                family_id: Some("f1".into()),
                subject_id: Some("3".into()),
            }]
        );
    }

    #[test]
    fn an_evu_member_joining_with_the_combination_is_said_by_the_combination() {
        let joined = |user: &str| Event::InvolvementStarted {
            family_id: "f1".into(),
            involvement_id: format!("i-{user}"),
            role: "partner".into(),
            organisation_id: "o2".into(),
            user_id: user.into(),
            expertise: None,
            handover_of: None,
        };
        let staffed = Event::EvuCombinationAssigned {
            family_id: "f1".into(),
            referral_id: "r1".into(),
            user_ids: vec!["u2".into(), "u3".into()],
        };
        assert!(said_by_another(&joined("u2"), &[&staffed]));
        assert!(!said_by_another(&joined("u4"), &[&staffed]), "not a member");
        assert!(!said_by_another(&joined("u2"), &[]), "joined on its own");
        assert!(!said_by_another(&staffed, &[&joined("u2")]));
    }

    #[test]
    fn a_note_tells_nobody() {
        let event = Event::NoteWritten {
            family_id: "f1".into(),
            note_id: "n1".into(),
            interaction: "visit".into(),
            happened_on: "2026-12-01".into(),
        };
        assert!(tells(&someone(), &event).is_empty());
    }
}
