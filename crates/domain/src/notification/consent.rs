//! Consent and emergency access: who the family's "yes" or "no" concerns, and who
//! reviews a break of the glass.

use super::{Gate, NotificationKind as K, OrganisationOf, Recipients, Tell, acting_organisation};
use crate::family::{DataCategory, Need};
use crate::journal::{Actor, Event};
use crate::role::Role;

/// Consent's and emergency access's part of [`super::tells`].
pub(super) fn tells(actor: &Actor, event: &Event) -> Vec<Tell> {
    match event {
        // A consent opens the file to one organisation: its people in the circle hear
        // of it (Jeugdwet art. 7.3.8: sharing rests on the consent). A consent to no
        // organisation opens nothing to anyone, so it tells no one.
        Event::ConsentGiven {
            family_id,
            consent_id,
            ..
        } => vec![
            Tell::about(
                family_id,
                K::ConsentGiven,
                Recipients::ConsentOrganisation(consent_id.clone()),
                Gate::AnyAccess,
            )
            .on(consent_id),
        ],
        // A withdrawal: who still sees part of the file hears it was withdrawn; who
        // sees nothing any more hears only that (issue 15 §1: "not what was withdrawn
        // beyond that"). The two gates are each other's complement, so each person
        // gets exactly one of the two.
        // A family member who withdraws through the family's door (issue 17 §3) acts
        // without the regisseur: the regisseur, who manages the file's consents, hears
        // of it too.
        Event::ConsentWithdrawn {
            family_id,
            consent_id,
            ..
        } => {
            let mut all = vec![
                Tell::about(
                    family_id,
                    K::ConsentWithdrawn,
                    Recipients::ConsentOrganisation(consent_id.clone()),
                    Gate::AnyAccess,
                )
                .on(consent_id),
                Tell::about(
                    family_id,
                    K::AccessLost,
                    Recipients::ConsentOrganisation(consent_id.clone()),
                    Gate::LostAccess,
                ),
            ];
            if matches!(actor, Actor::Family { .. }) {
                all.push(
                    Tell::about(
                        family_id,
                        K::ConsentWithdrawn,
                        Recipients::Regisseur,
                        Gate::May(Need::Lead),
                    )
                    .on(consent_id),
                );
            }
            all
        }
        // The privacy officers who review it (the breaker's organisation, the
        // framework's and the lead's: `policy::privacy_officer_sees`, as the review
        // list scopes it) and the regisseur, whose file was opened (NEN 7513).
        Event::EmergencyAccessGranted {
            family_id,
            emergency_id,
            ..
        } => {
            let mut organisations = vec![OrganisationOf::Framework, OrganisationOf::Regisseur];
            if let Some(own) = acting_organisation(actor) {
                organisations.insert(0, OrganisationOf::Named(own));
            }
            vec![
                Tell::about(
                    family_id,
                    K::EmergencyAccess,
                    Recipients::WithRoleIn {
                        role: Role::PrivacyOfficer,
                        organisations,
                    },
                    Gate::Anyone,
                )
                .on(emergency_id),
                Tell::about(
                    family_id,
                    K::EmergencyAccess,
                    Recipients::Regisseur,
                    Gate::May(Need::Data(DataCategory::Identity)),
                )
                .on(emergency_id),
            ]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{someone, tells};
    use super::*;

    #[test]
    fn a_consent_given_tells_its_organisation_s_people_who_may_see_the_file() {
        let event = Event::ConsentGiven {
            family_id: "f1".into(),
            consent_id: "c1".into(),
            step: "share".into(),
            organisation_id: Some("o2".into()),
            purpose: "samenwerken".into(),
            categories: vec!["plan".into()],
            children: vec![],
            given_by: vec![],
            form: "spoken".into(),
            given_on: "2026-12-01".into(),
            ends_on: None,
        };
        assert_eq!(
            tells(&someone(), &event),
            vec![
                Tell::about(
                    "f1",
                    K::ConsentGiven,
                    Recipients::ConsentOrganisation("c1".into()),
                    Gate::AnyAccess
                )
                .on("c1")
            ]
        );
    }

    #[test]
    fn a_withdrawal_tells_who_keeps_access_what_and_who_lost_it_only_that() {
        let event = Event::ConsentWithdrawn {
            family_id: "f1".into(),
            consent_id: "c1".into(),
            reason: "het gezin wil het niet meer".into(),
        };
        let all = tells(&someone(), &event);
        assert_eq!(all.len(), 2);
        assert_eq!(
            (all[0].kind, all[0].gate, all[0].subject_id.as_deref()),
            (K::ConsentWithdrawn, Gate::AnyAccess, Some("c1"))
        );
        assert_eq!(
            (all[1].kind, all[1].gate, all[1].subject_id.as_deref()),
            (K::AccessLost, Gate::LostAccess, None),
            "the lost-access notice names nothing that was withdrawn"
        );
        assert!(
            all.iter()
                .all(|t| t.to == Recipients::ConsentOrganisation("c1".into()))
        );
    }

    #[test]
    fn a_withdrawal_by_the_family_also_tells_the_regisseur() {
        let event = Event::ConsentWithdrawn {
            family_id: "f1".into(),
            consent_id: "c1".into(),
            reason: String::new(),
        };
        let family = Actor::Family {
            account_id: "a1".into(),
        };
        let all = tells(&family, &event);
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[2],
            Tell::about(
                "f1",
                K::ConsentWithdrawn,
                Recipients::Regisseur,
                Gate::May(Need::Lead)
            )
            .on("c1")
        );
        assert!(
            tells(&someone(), &event)
                .iter()
                .all(|t| t.to != Recipients::Regisseur),
            "a professional's withdrawal: the lead did it"
        );
    }

    #[test]
    fn emergency_access_tells_its_reviewers_and_the_regisseur() {
        let event = Event::EmergencyAccessGranted {
            family_id: "f1".into(),
            emergency_id: "e1".into(),
            user_id: "u1".into(),
            reason: "crisisdienst belt, kind in gevaar".into(),
            expires_at: "2026-12-01T11:00:00Z".into(),
        };
        let all = tells(&someone(), &event);
        assert_eq!(
            all[0].to,
            Recipients::WithRoleIn {
                role: Role::PrivacyOfficer,
                organisations: vec![
                    OrganisationOf::Named("o1".into()),
                    OrganisationOf::Framework,
                    OrganisationOf::Regisseur
                ],
            }
        );
        assert_eq!(
            all[0].gate,
            Gate::Anyone,
            "a reviewer need not see the file"
        );
        assert_eq!(all[1].to, Recipients::Regisseur);
        assert_eq!(all.len(), 2);
    }
}
