//! What a user may do; the access policy builds on these.

use crate::codes::code_list;

code_list! {
    Role, "role" {
        Professional = "professional", "Professional", "Professional";
        BehaviouralScientist = "behavioural_scientist", "Gedragswetenschapper", "Behavioural scientist";
        TeamLead = "team_lead", "Teamleider", "Team lead";
        FunctionalAdmin = "functional_admin", "Functioneel beheerder", "Functional administrator";
        PrivacyOfficer = "privacy_officer", "Privacyfunctionaris", "Privacy officer";
        /// Staffs the EVU's referrals with a combination of workers.
        EvuCoordinator = "evu_coordinator", "EVU-coördinator", "EVU coordinator";
        /// Manages the region's organisations and areas, nobody's account.
        ChainAdmin = "chain_admin", "Ketenbeheerder", "Chain administrator";
        /// A municipality's or region's policy officer: reads the evaluation's aggregates
        /// for its organisation's areas (`evaluation::scope`), no family, no file.
        PolicyOfficer = "policy_officer", "Beleidsmedewerker", "Policy officer";
        /// Klachtenfunctionaris: handles the complaints about its own organisation
        /// (`complaint`), and nothing of any family file.
        ComplaintsOfficer = "complaints_officer", "Klachtenfunctionaris", "Complaints officer";
    }
}

use crate::organisation::OrganisationKind;

/// Whether someone works in a care role: `professional` or `behavioural_scientist` in an
/// organisation that gives youth care or protection (a local team, Veilig Thuis, a
/// certified institution, the Raad voor de Kinderbescherming or a care provider). Only
/// a care role may break the glass on a file and only a care role may join a family's
/// circle as a partner: the data of a child at risk is shared for care, never for
/// administration (AVG art. 9(2)(h) and art. 9(3): processed by professionals bound by
/// professional secrecy; Jeugdwet art. 7.3.11).
///
/// A functional administrator, privacy officer, EVU coordinator, chain administrator or
/// policy officer is no care role as such, and neither is a team lead: a team lead
/// manages the team and reaches the files the team leads through that (the access
/// rule's team-lead basis), but opens no other file and joins no circle unless they
/// also hold a care role. Schools and the police are partners of the chain, not care
/// organisations: they are not in the circle; a municipality commissions care and
/// gives none.
pub fn is_care_role(roles: &[Role], organisation: OrganisationKind) -> bool {
    let care_organisation = matches!(
        organisation,
        OrganisationKind::LocalTeam
            | OrganisationKind::VeiligThuis
            | OrganisationKind::CertifiedInstitution
            | OrganisationKind::Rvdk
            | OrganisationKind::CareProvider
    );
    care_organisation
        && roles
            .iter()
            .any(|r| matches!(r, Role::Professional | Role::BehaviouralScientist))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every role alone, and the team lead with a care role, in every kind of organisation:
    /// the expected outcome written out by hand.
    #[test]
    fn care_roles_over_every_role_and_organisation_kind() {
        use OrganisationKind::*;
        for kind in OrganisationKind::ALL {
            let care_org = match kind {
                LocalTeam | VeiligThuis | CertifiedInstitution | Rvdk | CareProvider => true,
                School | Police | Municipality => false,
            };
            for role in Role::ALL {
                let expected = match role {
                    Role::Professional | Role::BehaviouralScientist => care_org,
                    Role::TeamLead
                    | Role::FunctionalAdmin
                    | Role::PrivacyOfficer
                    | Role::EvuCoordinator
                    | Role::ChainAdmin
                    | Role::PolicyOfficer
                    | Role::ComplaintsOfficer => false,
                };
                assert_eq!(
                    is_care_role(&[*role], *kind),
                    expected,
                    "{role:?} in {kind:?}"
                );
            }
            assert_eq!(
                is_care_role(&[Role::TeamLead, Role::Professional], *kind),
                care_org,
                "a team lead who also holds a care role, in {kind:?}"
            );
            assert!(
                !is_care_role(
                    &[
                        Role::TeamLead,
                        Role::FunctionalAdmin,
                        Role::PrivacyOfficer,
                        Role::EvuCoordinator,
                        Role::ChainAdmin,
                        Role::PolicyOfficer,
                        Role::ComplaintsOfficer
                    ],
                    *kind
                ),
                "no combination of the other roles is a care role, in {kind:?}"
            );
            assert!(!is_care_role(&[], *kind));
        }
    }
}
