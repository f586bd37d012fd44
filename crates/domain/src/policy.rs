//! Who may reach which route. Every route declares one of these; the authorization
//! matrix test enumerates the routes and checks each against every kind of visitor.

use crate::organisation::OrganisationKind;
use crate::role::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Anyone, signed in or not (sign-in page, health check, public pages).
    Public,
    /// Any signed-in professional.
    SignedIn,
    /// Signed in with at least one of these roles.
    AnyRole(&'static [Role]),
    /// Signed in, working for one of these kinds of organisation (Veilig Thuis's
    /// intake is Veilig Thuis's own work).
    OrganisationKind(&'static [OrganisationKind]),
    // SAVE op locatie
    /// Signed in with one of these roles in one of these kinds of organisation (the
    /// on-site schedule is managed by the certified institution's team leads).
    RoleInOrganisationKind(&'static [Role], &'static [OrganisationKind]),
    /// Signed in with a care role (see [`crate::role::is_care_role`]): emergency access.
    CareRole,
    /// Signed in with a family account (issue 17 §1): the family's own pages. No
    /// professional passes it, and a family member passes no other policy but
    /// [`Policy::Public`] ([`decide_family`]).
    FamilyMember,
}

/// Who is asking, as far as route policies look.
#[derive(Debug, Clone, Copy)]
pub struct Who<'a> {
    pub roles: &'a [Role],
    pub organisation: OrganisationKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Not signed in: sign in first (401 / redirect to the sign-in page).
    SignInFirst,
    /// Signed in, but this is not for your role (403).
    Forbidden,
}

/// `who` is `None` for a visitor who is not signed in.
pub fn decide(policy: Policy, who: Option<Who<'_>>) -> Decision {
    let allow = |yes: bool| {
        if yes {
            Decision::Allow
        } else {
            Decision::Forbidden
        }
    };
    match (policy, who) {
        (Policy::Public, _) => Decision::Allow,
        (_, None) => Decision::SignInFirst,
        (Policy::SignedIn, Some(_)) => Decision::Allow,
        (Policy::AnyRole(needed), Some(w)) => allow(w.roles.iter().any(|r| needed.contains(r))),
        (Policy::OrganisationKind(kinds), Some(w)) => allow(kinds.contains(&w.organisation)),
        // SAVE op locatie
        (Policy::RoleInOrganisationKind(roles, kinds), Some(w)) => {
            allow(kinds.contains(&w.organisation) && w.roles.iter().any(|r| roles.contains(r)))
        }
        (Policy::CareRole, Some(w)) => allow(crate::role::is_care_role(w.roles, w.organisation)),
        // A professional is never a family member, whatever their roles.
        (Policy::FamilyMember, Some(_)) => Decision::Forbidden,
    }
}

/// The same question for a visitor signed in with a family account. A family account is
/// a principal of its own kind, not a professional without roles: it reaches the public
/// pages and the family's own, and no route meant for professionals, also not one open
/// to "any signed-in" professional (a family file's guard reads a professional's
/// involvement, which a family member has none of).
pub fn decide_family(policy: Policy) -> Decision {
    match policy {
        Policy::Public | Policy::FamilyMember => Decision::Allow,
        Policy::SignedIn
        | Policy::AnyRole(_)
        | Policy::OrganisationKind(_)
        | Policy::RoleInOrganisationKind(..)
        | Policy::CareRole => Decision::Forbidden,
    }
}

/// An organisation's own users and teams: its functional administrator.
pub const ADMIN: Policy = Policy::AnyRole(&[Role::FunctionalAdmin]);
/// The region's organisations and areas: the chain administrator.
pub const CHAIN_ADMIN: Policy = Policy::AnyRole(&[Role::ChainAdmin]);
/// The administration's overview: either kind of administrator.
pub const ANY_ADMIN: Policy = Policy::AnyRole(&[Role::FunctionalAdmin, Role::ChainAdmin]);
/// The files left without a working regisseur: the team lead's.
pub const TEAM_LEAD: Policy = Policy::AnyRole(&[Role::TeamLead]);
pub const SIGNED_IN: Policy = Policy::SignedIn;
/// Veilig Thuis's own work: the intake and its work list.
pub const VEILIG_THUIS: Policy = Policy::OrganisationKind(&[OrganisationKind::VeiligThuis]);
/// The access log and emergency reviews (NEN 7513): the privacy officer's work.
pub const PRIVACY_OFFICER: Policy = Policy::AnyRole(&[Role::PrivacyOfficer]);
/// Break the glass: only a care role; a refusal is logged.
pub const CARE_ROLE: Policy = Policy::CareRole;
/// Staffing the EVU's referrals.
pub const EVU_COORDINATOR: Policy = Policy::AnyRole(&[Role::EvuCoordinator]);
// SAVE op locatie
/// SAVE op locatie: the certified institutions' staff (on-site workers, team leads) and
/// the local teams' staff (who book consultations).
pub const SAVE_ON_SITE: Policy = Policy::OrganisationKind(&[
    OrganisationKind::CertifiedInstitution,
    OrganisationKind::LocalTeam,
]);
/// The on-site schedule: a team lead of a certified institution (SAVE's team leads
/// plan who is on site where).
pub const SAVE_SCHEDULE: Policy =
    Policy::RoleInOrganisationKind(&[Role::TeamLead], &[OrganisationKind::CertifiedInstitution]);
// Protection order request.
/// The Raad voor de Kinderbescherming's own work: the requests addressed to it.
pub const RVDK: Policy = Policy::OrganisationKind(&[OrganisationKind::Rvdk]);
/// The evaluation's aggregates (`/evaluatie`, `GET /api/v1/evaluation`): a team lead or
/// a policy officer; what each of them sees there is `evaluation::scope`.
pub const EVALUATION: Policy = Policy::AnyRole(&[Role::TeamLead, Role::PolicyOfficer]);
/// The family's own pages (issue 17): a family account only.
pub const FAMILY_MEMBER: Policy = Policy::FamilyMember;

/// The complaints about one's own organisation and their yearly analysis: the
/// complaints officer (Klachtenfunctionaris), nobody else.
pub const COMPLAINTS_OFFICER: Policy = Policy::AnyRole(&[Role::ComplaintsOfficer]);

/// Whether an administrator (or privacy officer) of `own` acts on something of
/// `organisation`. Each organisation is the controller of its own staff's accounts and
/// processing (AVG art. 24): another organisation's administrator creates, resets or
/// deactivates none of its accounts, and learns nothing of them (least privilege, OWASP
/// ASVS 5.0 8.2.2). Region-wide work (organisations, areas) is the chain administrator's.
pub fn acts_for(own: &str, organisation: &str) -> bool {
    !own.is_empty() && own == organisation
}

/// Whether an organisation's functional administrator may give `role` to an account of
/// their organisation: every role of the organisation's own work, but not the chain
/// administrator's, which would let them manage every organisation of the region (an
/// administrator never grants more than they hold, OWASP ASVS 5.0 8.2.1).
pub fn admin_may_grant(role: Role) -> bool {
    role != Role::ChainAdmin
}

/// Whether a privacy officer of `officer_organisation` reviews an access-log line (or an
/// emergency access) by someone of `acting_organisation` about a file led by
/// `lead_organisations` (the regisseur's organisation and the legal basis's). The
/// officer supervises the processing their organisation is responsible for: what its
/// own people did, anywhere, and what anyone did in the files it leads (NEN 7513's
/// review by the controller; AVG art. 5(2) accountability). Another organisation's
/// lines about another organisation's files are that organisation's officer's work.
pub fn privacy_officer_sees(
    officer_organisation: &str,
    acting_organisation: &str,
    lead_organisations: &[&str],
) -> bool {
    acts_for(officer_organisation, acting_organisation)
        || lead_organisations
            .iter()
            .any(|lead| acts_for(officer_organisation, lead))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(roles: &[Role], organisation: OrganisationKind) -> Option<Who<'_>> {
        Some(Who {
            roles,
            organisation,
        })
    }

    #[test]
    fn decisions() {
        use OrganisationKind::{LocalTeam, VeiligThuis};
        assert_eq!(decide(Policy::Public, None), Decision::Allow);
        assert_eq!(decide(Policy::SignedIn, None), Decision::SignInFirst);
        assert_eq!(
            decide(Policy::SignedIn, who(&[Role::Professional], LocalTeam)),
            Decision::Allow
        );
        assert_eq!(decide(ADMIN, None), Decision::SignInFirst);
        assert_eq!(
            decide(ADMIN, who(&[Role::Professional, Role::TeamLead], LocalTeam)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(
                ADMIN,
                who(&[Role::Professional, Role::FunctionalAdmin], LocalTeam)
            ),
            Decision::Allow
        );
        assert_eq!(decide(VEILIG_THUIS, None), Decision::SignInFirst);
        assert_eq!(
            decide(VEILIG_THUIS, who(&[Role::FunctionalAdmin], LocalTeam)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(VEILIG_THUIS, who(&[Role::Professional], VeiligThuis)),
            Decision::Allow
        );
    }

    #[test]
    fn administrators_and_privacy_officers_act_for_their_own_organisation() {
        assert!(acts_for("org-a", "org-a"));
        assert!(!acts_for("org-a", "org-b"));
        assert!(!acts_for("", ""), "no organisation is nobody's");
        assert!(privacy_officer_sees("org-a", "org-a", &[]), "own staff");
        assert!(
            privacy_officer_sees("org-a", "org-b", &["org-c", "org-a"]),
            "a file org-a leads"
        );
        assert!(!privacy_officer_sees("org-a", "org-b", &["org-b"]));
        assert!(!privacy_officer_sees("org-a", "org-b", &[]));
        assert!(!admin_may_grant(Role::ChainAdmin));
        assert!(admin_may_grant(Role::FunctionalAdmin) && admin_may_grant(Role::Professional));
        use OrganisationKind::LocalTeam;
        assert_eq!(
            decide(CHAIN_ADMIN, who(&[Role::FunctionalAdmin], LocalTeam)),
            Decision::Forbidden,
            "an organisation's administrator manages no region"
        );
        assert_eq!(
            decide(ADMIN, who(&[Role::ChainAdmin], LocalTeam)),
            Decision::Forbidden,
            "the chain administrator manages nobody's accounts"
        );
        assert_eq!(
            decide(ANY_ADMIN, who(&[Role::ChainAdmin], LocalTeam)),
            Decision::Allow
        );
    }

    // SAVE op locatie
    #[test]
    fn the_on_site_schedule_needs_the_role_in_the_kind_of_organisation() {
        use OrganisationKind::{CertifiedInstitution, LocalTeam};
        assert_eq!(decide(SAVE_SCHEDULE, None), Decision::SignInFirst);
        assert_eq!(
            decide(SAVE_SCHEDULE, who(&[Role::TeamLead], CertifiedInstitution)),
            Decision::Allow
        );
        assert_eq!(
            decide(
                SAVE_SCHEDULE,
                who(&[Role::Professional], CertifiedInstitution)
            ),
            Decision::Forbidden,
            "not a team lead"
        );
        assert_eq!(
            decide(SAVE_SCHEDULE, who(&[Role::TeamLead], LocalTeam)),
            Decision::Forbidden,
            "a local team's lead"
        );
        assert_eq!(
            decide(SAVE_ON_SITE, who(&[Role::Professional], LocalTeam)),
            Decision::Allow
        );
        assert_eq!(
            decide(
                SAVE_ON_SITE,
                who(&[Role::Professional], OrganisationKind::VeiligThuis)
            ),
            Decision::Forbidden
        );
    }

    #[test]
    fn the_evaluation_is_for_team_leads_and_policy_officers_only() {
        use OrganisationKind::{LocalTeam, Municipality};
        assert_eq!(decide(EVALUATION, None), Decision::SignInFirst);
        for role in Role::ALL {
            let expected = match role {
                Role::TeamLead | Role::PolicyOfficer => Decision::Allow,
                Role::Professional
                | Role::BehaviouralScientist
                | Role::FunctionalAdmin
                | Role::PrivacyOfficer
                | Role::EvuCoordinator
                | Role::ChainAdmin
                | Role::ComplaintsOfficer => Decision::Forbidden,
            };
            for kind in [LocalTeam, Municipality] {
                assert_eq!(
                    decide(EVALUATION, who(&[*role], kind)),
                    expected,
                    "{role:?}"
                );
            }
        }
    }

    #[test]
    fn family_accounts_and_professionals_never_pass_each_others_policies() {
        use OrganisationKind::LocalTeam;
        assert_eq!(decide(FAMILY_MEMBER, None), Decision::SignInFirst);
        for role in Role::ALL {
            assert_eq!(
                decide(FAMILY_MEMBER, who(&[*role], LocalTeam)),
                Decision::Forbidden,
                "{role:?}"
            );
        }
        assert_eq!(decide_family(FAMILY_MEMBER), Decision::Allow);
        assert_eq!(decide_family(Policy::Public), Decision::Allow);
        for professional in [
            SIGNED_IN,
            ADMIN,
            CHAIN_ADMIN,
            PRIVACY_OFFICER,
            CARE_ROLE,
            VEILIG_THUIS,
            SAVE_SCHEDULE,
            EVALUATION,
        ] {
            assert_eq!(
                decide_family(professional),
                Decision::Forbidden,
                "{professional:?}"
            );
        }
    }

    // Protection order request.
    #[test]
    fn the_raads_work_is_for_the_raad_only() {
        use OrganisationKind::{CertifiedInstitution, LocalTeam, Rvdk};
        assert_eq!(decide(RVDK, None), Decision::SignInFirst);
        assert_eq!(
            decide(RVDK, who(&[Role::Professional], Rvdk)),
            Decision::Allow
        );
        for other in [LocalTeam, CertifiedInstitution] {
            assert_eq!(
                decide(RVDK, who(&[Role::TeamLead, Role::FunctionalAdmin], other)),
                Decision::Forbidden
            );
        }
    }
}
