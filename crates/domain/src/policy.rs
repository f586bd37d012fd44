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
    }
}

pub const ADMIN: Policy = Policy::AnyRole(&[Role::FunctionalAdmin]);
pub const SIGNED_IN: Policy = Policy::SignedIn;
/// Veilig Thuis's own work: the intake and its work list.
pub const VEILIG_THUIS: Policy = Policy::OrganisationKind(&[OrganisationKind::VeiligThuis]);
/// The access log and emergency reviews (NEN 7513): the privacy officer's work.
pub const PRIVACY_OFFICER: Policy = Policy::AnyRole(&[Role::PrivacyOfficer]);
/// Break the glass: only a care role (issue 12, section 3); a refusal is logged.
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
// Protection order request (issue 7, point 6).
/// The Raad voor de Kinderbescherming's own work: the requests addressed to it.
pub const RVDK: Policy = Policy::OrganisationKind(&[OrganisationKind::Rvdk]);

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

    // Protection order request (issue 7, point 6).
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
