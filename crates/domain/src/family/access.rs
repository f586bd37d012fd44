//! Who may open a family file. One function, so the consent rules (issue 5) extend it
//! rather than scatter checks over handlers: need to know (DESIGN rule 4).

use super::involvement::InvolvementRole;
use crate::role::Role;

/// The professional asking.
#[derive(Debug, Clone, Copy)]
pub struct Viewer<'a> {
    pub user_id: &'a str,
    pub team_id: Option<&'a str>,
    pub roles: &'a [Role],
}

/// A running involvement, with the team of the person involved.
#[derive(Debug, Clone, Copy)]
pub struct Involved<'a> {
    pub user_id: &'a str,
    pub role: InvolvementRole,
    pub team_id: Option<&'a str>,
}

/// Why access was granted; recorded in the access log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The viewer is involved in the family.
    Involved,
    /// The viewer leads the team of the family's regisseur.
    TeamLeadOfRegisseur,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::Involved => "involved",
            Basis::TeamLeadOfRegisseur => "team_lead_of_regisseur",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilyAccess {
    Granted(Basis),
    /// Shown as "not found": whether a family exists is itself information.
    Denied,
}

pub fn family_access(viewer: Viewer<'_>, involved: &[Involved<'_>]) -> FamilyAccess {
    if involved.iter().any(|i| i.user_id == viewer.user_id) {
        return FamilyAccess::Granted(Basis::Involved);
    }
    let leads_regisseur_team = viewer.roles.contains(&Role::TeamLead)
        && viewer.team_id.is_some()
        && involved
            .iter()
            .any(|i| i.role == InvolvementRole::Regisseur && i.team_id == viewer.team_id);
    if leads_regisseur_team {
        FamilyAccess::Granted(Basis::TeamLeadOfRegisseur)
    } else {
        FamilyAccess::Denied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CIRCLE: [Involved<'static>; 2] = [
        Involved {
            user_id: "sanne",
            role: InvolvementRole::Regisseur,
            team_id: Some("overvecht"),
        },
        Involved {
            user_id: "thomas",
            role: InvolvementRole::Partner,
            team_id: Some("save-zo"),
        },
    ];

    fn viewer<'a>(user: &'a str, team: Option<&'a str>, roles: &'a [Role]) -> Viewer<'a> {
        Viewer {
            user_id: user,
            team_id: team,
            roles,
        }
    }

    #[test]
    fn involved_professionals_see_the_family() {
        assert_eq!(
            family_access(viewer("sanne", None, &[Role::Professional]), &CIRCLE),
            FamilyAccess::Granted(Basis::Involved)
        );
        assert_eq!(
            family_access(viewer("thomas", None, &[Role::Professional]), &CIRCLE),
            FamilyAccess::Granted(Basis::Involved)
        );
    }

    #[test]
    fn the_team_lead_of_the_regisseur_sees_it_others_do_not() {
        let lead = [Role::TeamLead];
        assert_eq!(
            family_access(viewer("joyce", Some("overvecht"), &lead), &CIRCLE),
            FamilyAccess::Granted(Basis::TeamLeadOfRegisseur)
        );
        // Leading the partner's team is not enough, nor being in the regisseur's team without the role.
        assert_eq!(
            family_access(viewer("eva", Some("save-zo"), &lead), &CIRCLE),
            FamilyAccess::Denied
        );
        assert_eq!(
            family_access(
                viewer("mo", Some("overvecht"), &[Role::Professional]),
                &CIRCLE
            ),
            FamilyAccess::Denied
        );
        assert_eq!(
            family_access(
                viewer(
                    "admin",
                    None,
                    &[Role::FunctionalAdmin, Role::PrivacyOfficer]
                ),
                &CIRCLE
            ),
            FamilyAccess::Denied
        );
        assert_eq!(
            family_access(viewer("lead", None, &lead), &CIRCLE),
            FamilyAccess::Denied
        );
    }
}
