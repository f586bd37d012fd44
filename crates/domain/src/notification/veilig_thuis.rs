//! What Veilig Thuis's outcomes tell the chain (issue 15 §1, first bullet).
//!
//! After the safety assessment the work moves to someone outside Veilig Thuis, and
//! "working in parallel" fails when that someone learns it by chance (seed texts: the
//! hand-over to the local team while Veilig Thuis keeps a follow-up check; the EVU; the
//! request to the Raad). Who takes it on:
//!
//! - hand to the local team or existing help, and conditions and follow-up: the family's
//!   lead ([`VtParty::Lead`]: the regisseur, or the team lead(s) of the local team
//!   serving the family's area while the family has none);
//! - ask the Raad: the Raad's intake ([`VtParty::RaadIntake`]: the team leads of the
//!   Raad voor de Kinderbescherming serving the family's area);
//! - bring into the EVU: the EVU coordinators;
//! - and a reporter who is a professional user of eenplan gets the fixed feedback
//!   sentence ([`crate::veilig_thuis::reporter_feedback`]; Wmo 2015 art. 4.1.1 lid 2).
//!
//! Every one of these is [`Gate::Anyone`]: the person must act even before they may see
//! the file (a team lead without a regisseur yet, the Raad's intake, the EVU), so the
//! notification carries no content and shows the family's label only to a reader who
//! may see the file when reading it. The reporter's notice names no family at all.

use super::{Gate, NotificationKind as K, Recipients, Tell};
use crate::journal::{Actor, Event};
use crate::veilig_thuis::Outcome;

/// Whom a Veilig Thuis contact points to; the store resolves each through the contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VtParty {
    /// The linked family's running regisseur; without an active one, the team leads of the local
    /// team serving the family's area (the local team takes a hand-over on).
    Lead,
    /// The intake of the Raad voor de Kinderbescherming: its team leads serving the
    /// family's area (all of the Raad's team leads when none is tied to the area).
    RaadIntake,
    /// The EVU coordinators, who staff the combination that takes the family on.
    EvuCoordinators,
    /// The reporter, when the contact given for them is the e-mail address of an
    /// active eenplan account.
    Reporter,
}

/// Veilig Thuis's part of [`super::tells`].
pub(super) fn tells(_actor: &Actor, event: &Event) -> Vec<Tell> {
    let Event::VtContactAssessed {
        contact_id,
        outcome,
        ..
    } = event
    else {
        return Vec::new();
    };
    let Ok(outcome) = outcome.parse::<Outcome>() else {
        return Vec::new();
    };
    let of = |party| Recipients::OfVtContact {
        contact_id: contact_id.clone(),
        party,
    };
    // The family is filled in by the store from the contact; the subject is the contact.
    let told = |kind, to| Tell {
        kind,
        to,
        gate: Gate::Anyone,
        family_id: None,
        subject_id: Some(contact_id.clone()),
    };
    let mut all = match outcome {
        Outcome::HandToLocalTeam => vec![told(K::VtHandedOver, of(VtParty::Lead))],
        Outcome::ConditionsAndFollowUp => vec![told(K::VtConditions, of(VtParty::Lead))],
        Outcome::AskRvdk => vec![told(K::VtToRaad, of(VtParty::RaadIntake))],
        Outcome::BringIntoEvu => vec![told(K::VtToEvu, of(VtParty::EvuCoordinators))],
        Outcome::Close | Outcome::Investigate => Vec::new(),
    };
    // The reporter learns what became of the report, never which family it concerned:
    // the subject is the outcome, from which the fixed sentence follows.
    all.push(Tell {
        kind: K::ReporterFeedback,
        to: of(VtParty::Reporter),
        gate: Gate::Anyone,
        family_id: None,
        subject_id: Some(outcome.code().to_owned()),
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assessed(outcome: Outcome) -> Vec<Tell> {
        let vt = Actor::User {
            user_id: "vt1".into(),
            organisation_id: "vt".into(),
        };
        tells(
            &vt,
            &Event::VtContactAssessed {
                contact_id: "c1".into(),
                outcome: outcome.code().into(),
                assessed_on: "2026-12-07".into(),
                follow_up_on: Some("2026-12-21".into()),
            },
        )
    }

    fn of(party: VtParty) -> Recipients {
        Recipients::OfVtContact {
            contact_id: "c1".into(),
            party,
        }
    }

    fn about_contact(kind: K, to: Recipients) -> Tell {
        Tell {
            kind,
            to,
            gate: Gate::Anyone,
            family_id: None,
            subject_id: Some("c1".into()),
        }
    }

    fn feedback(outcome: Outcome) -> Tell {
        Tell {
            kind: K::ReporterFeedback,
            to: of(VtParty::Reporter),
            gate: Gate::Anyone,
            family_id: None,
            subject_id: Some(outcome.code().into()),
        }
    }

    #[test]
    fn a_hand_over_tells_the_familys_lead_and_the_reporter() {
        assert_eq!(
            assessed(Outcome::HandToLocalTeam),
            vec![
                about_contact(K::VtHandedOver, of(VtParty::Lead)),
                feedback(Outcome::HandToLocalTeam)
            ]
        );
    }

    #[test]
    fn conditions_and_follow_up_tell_the_familys_lead() {
        assert_eq!(
            assessed(Outcome::ConditionsAndFollowUp)[0],
            about_contact(K::VtConditions, of(VtParty::Lead))
        );
    }

    #[test]
    fn asking_the_raad_tells_the_raads_intake() {
        assert_eq!(
            assessed(Outcome::AskRvdk)[0],
            about_contact(K::VtToRaad, of(VtParty::RaadIntake))
        );
    }

    #[test]
    fn bringing_into_the_evu_tells_the_evu_coordinators() {
        assert_eq!(
            assessed(Outcome::BringIntoEvu)[0],
            about_contact(K::VtToEvu, of(VtParty::EvuCoordinators))
        );
    }

    #[test]
    fn closing_or_investigating_tells_only_the_reporter() {
        for outcome in [Outcome::Close, Outcome::Investigate] {
            assert_eq!(assessed(outcome), vec![feedback(outcome)]);
        }
    }

    #[test]
    fn the_reporters_feedback_names_no_family() {
        for outcome in Outcome::ALL {
            let all = assessed(*outcome);
            let told = all.last().unwrap();
            assert_eq!(told.kind, K::ReporterFeedback);
            assert_eq!(told.family_id, None);
            assert_eq!(told.gate, Gate::Anyone);
        }
    }

    #[test]
    fn receiving_a_contact_tells_nobody() {
        let event = Event::VtContactReceived {
            contact_id: "c1".into(),
            kind: "report".into(),
            acute: false,
            due_on: None,
            linked: true,
        };
        assert!(
            tells(
                &Actor::Cli {
                    os_user: "x".into()
                },
                &event
            )
            .is_empty()
        );
    }
}
