//! The chain's meetings and decisions: a joint assessment meeting, the court's
//! decision, the EVU's combination and SAVE op locatie's advice reach the people they
//! call on.

use super::{Gate, NotificationKind as K, Recipients, Tell};
use crate::family::{DataCategory, Need};
use crate::journal::{Actor, Event};
use crate::role::Role;

/// The chain's part of [`super::tells`].
pub(super) fn tells(_actor: &Actor, event: &Event) -> Vec<Tell> {
    let see_who = Gate::May(Need::Data(DataCategory::Identity));
    match event {
        // The invited organisations' people in the circle: they bring their view.
        Event::JointAssessmentScheduled {
            family_id,
            meeting_id,
            organisation_ids,
            ..
        } => vec![
            Tell::about(
                family_id,
                K::JointAssessmentPlanned,
                Recipients::InvolvedOf(organisation_ids.clone()),
                see_who,
            )
            .on(meeting_id),
        ],
        // A measure naming a certified institution: its team leads must staff it
        // (intake), though nobody there may open the file yet, so they are told there
        // is a decision and see the family's label only once they may. The regisseur
        // hears of every decision of the court on the family, granted or not.
        Event::ProtectionOrderDecided {
            family_id,
            request_id,
            granted,
            institution_id,
            ..
        } => {
            let mut all = Vec::new();
            if let (true, Some(institution)) = (granted, institution_id) {
                all.push(
                    Tell::about(
                        family_id,
                        K::CourtDecision,
                        Recipients::WithRole {
                            role: Role::TeamLead,
                            organisation: Some(institution.clone()),
                        },
                        Gate::Anyone,
                    )
                    .on(request_id),
                );
            }
            all.push(
                Tell::about(family_id, K::CourtDecision, Recipients::Regisseur, see_who)
                    .on(request_id),
            );
            all
        }
        // The members join the circle with the assignment, so they pass the gate.
        Event::EvuCombinationAssigned {
            family_id,
            referral_id,
            user_ids,
        } => vec![
            Tell::about(
                family_id,
                K::EvuStaffed,
                Recipients::Users(user_ids.clone()),
                see_who,
            )
            .on(referral_id),
            Tell::about(family_id, K::EvuStaffed, Recipients::Regisseur, see_who).on(referral_id),
        ],
        // The advice answers one professional's question; the consultation may be
        // anonymous, so the notice names no file and opens the consultation, which
        // checks access itself.
        Event::SaveConsultationHeld {
            consultation_id, ..
        } => vec![
            Tell::without_file(K::SaveAdvice, Recipients::AskerOf(consultation_id.clone()))
                .on(consultation_id),
        ],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{someone, tells};
    use super::*;

    const SEE_WHO: Gate = Gate::May(Need::Data(DataCategory::Identity));

    #[test]
    fn a_joint_assessment_meeting_tells_the_invited_organisations_people() {
        let event = Event::JointAssessmentScheduled {
            family_id: "f1".into(),
            meeting_id: "m1".into(),
            kind: "learning_meeting".into(),
            meets_at: "2026-12-10T10:00".into(),
            organisation_ids: vec!["o2".into(), "o3".into()],
            family_takes_part: true,
        };
        assert_eq!(
            tells(&someone(), &event),
            vec![
                Tell::about(
                    "f1",
                    K::JointAssessmentPlanned,
                    Recipients::InvolvedOf(vec!["o2".into(), "o3".into()]),
                    SEE_WHO
                )
                .on("m1")
            ]
        );
    }

    fn decided(granted: bool, institution: Option<&str>) -> Event {
        Event::ProtectionOrderDecided {
            family_id: "f1".into(),
            request_id: "r1".into(),
            granted,
            measure: granted.then(|| "ots".into()),
            ends_on: None,
            institution_id: institution.map(str::to_owned),
            decided_on: "2026-12-01".into(),
        }
    }

    #[test]
    fn a_court_order_naming_an_institution_tells_its_team_leads_and_the_regisseur() {
        let all = tells(&someone(), &decided(true, Some("save")));
        assert_eq!(
            all,
            vec![
                Tell::about(
                    "f1",
                    K::CourtDecision,
                    Recipients::WithRole {
                        role: Role::TeamLead,
                        organisation: Some("save".into())
                    },
                    Gate::Anyone
                )
                .on("r1"),
                Tell::about("f1", K::CourtDecision, Recipients::Regisseur, SEE_WHO).on("r1"),
            ]
        );
        let refused = tells(&someone(), &decided(false, None));
        assert_eq!(refused.len(), 1, "a refusal names no institution");
        assert_eq!(refused[0].to, Recipients::Regisseur);
    }

    #[test]
    fn an_evu_combination_tells_each_member_and_the_regisseur() {
        let event = Event::EvuCombinationAssigned {
            family_id: "f1".into(),
            referral_id: "r1".into(),
            user_ids: vec!["u2".into(), "u3".into()],
        };
        let all = tells(&someone(), &event);
        assert_eq!(
            all.iter().map(|t| t.to.clone()).collect::<Vec<_>>(),
            vec![
                Recipients::Users(vec!["u2".into(), "u3".into()]),
                Recipients::Regisseur
            ]
        );
        assert!(
            all.iter()
                .all(|t| t.kind == K::EvuStaffed && t.gate == SEE_WHO)
        );
    }

    #[test]
    fn save_advice_tells_who_asked_without_naming_a_file() {
        let event = Event::SaveConsultationHeld {
            consultation_id: "c1".into(),
            result: "advice".into(),
            next_steps: 1,
        };
        let all = tells(&someone(), &event);
        assert_eq!(
            all,
            vec![Tell {
                kind: K::SaveAdvice,
                to: Recipients::AskerOf("c1".into()),
                gate: Gate::Anyone,
                family_id: None,
                subject_id: Some("c1".into()),
            }]
        );
    }
}
