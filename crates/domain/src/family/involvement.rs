//! The partner model: the local professional leads (the regisseur, the heart of the
//! flower) and stays; specialists join in parallel as partners. Moving the lead, or one
//! organisation taking over another's work, is a handover: allowed, but only explicitly,
//! with a reason, and counted (DESIGN rule 2; seeds: SAVE op locatie, Utrecht-West).

use crate::codes::code_list;
use crate::organisation::OrganisationKind;
use crate::role::{Role, is_care_role};

code_list! {
    InvolvementRole, "involvement role" {
        Regisseur = "regisseur", "Regisseur", "Lead professional";
        Partner = "partner", "Partner", "Partner";
    }
}

code_list! {
    /// A specialist's area (SAVE's expertise areas in the seed texts).
    Expertise, "expertise" {
        Safety = "safety", "Veiligheid", "Safety";
        Development = "development", "Ontwikkeling", "Development";
        Violence = "violence", "Geweld", "Violence";
        Delinquency = "delinquency", "Delinquentie", "Delinquency";
        SchoolAbsenteeism = "school_absenteeism", "Schoolverzuim", "School absenteeism";
    }
}

/// An involvement that is running now, as far as the rules need to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Active {
    pub id: String,
    pub role: InvolvementRole,
    pub organisation_id: String,
    pub user_id: String,
}

/// Someone joining the family's circle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    pub role: InvolvementRole,
    pub organisation_id: String,
    pub organisation_kind: OrganisationKind,
    pub user_id: String,
    /// The newcomer's roles: a partner must hold a care role.
    pub roles: Vec<Role>,
    /// The involvement this one takes over (a handover), if any.
    pub takes_over: Option<String>,
    pub reason: Option<String>,
}

/// Where the newcomer goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Alongside everyone else: the partner model, not a handover.
    Parallel,
    /// Replaces the named involvement: a handover.
    Handover { replaces: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvolvementError {
    #[error("the regisseur comes from a local team: the local professional leads")]
    RegisseurMustBeLocalTeam,
    #[error(
        "this family already has a regisseur; changing the regisseur is a handover: name whom they replace and why"
    )]
    RegisseurExists,
    #[error("a handover needs a reason: handovers are avoided, so say why this one is needed")]
    HandoverNeedsReason,
    #[error("the involvement to take over is not running in this family")]
    UnknownTakeover,
    #[error("a regisseur can only take over from a regisseur, a partner from a partner")]
    TakeoverRoleMismatch,
    #[error("this person is already involved in this role")]
    AlreadyInvolved,
    #[error(
        "the regisseur cannot simply leave: another local professional takes over (a handover), or the file is closed"
    )]
    RegisseurCannotLeave,
    #[error("a family file needs a regisseur")]
    NoRegisseur,
    #[error(
        "only a professional in a care role joins a family's circle; administrators, privacy officers and team leads as such do not"
    )]
    NotACareRole,
}

/// Whether someone may be a file's regisseur: a care role in a local team (the local
/// professional leads, DESIGN rule 2; the lead is care work, see [`is_care_role`]).
pub fn may_lead(roles: &[Role], organisation: OrganisationKind) -> bool {
    organisation == OrganisationKind::LocalTeam && is_care_role(roles, organisation)
}

/// Whether `candidate` may take over the lead of a file led from `lead_organisation`
/// when its regisseur leaves (deactivated, or on the team lead's list): a colleague of
/// the same organisation who may lead. The file stays with the organisation the family
/// knows; moving it to another organisation is a separate, consented step.
pub fn colleague_may_take_over(
    lead_organisation: &str,
    candidate_organisation: &str,
    candidate_roles: &[Role],
    candidate_kind: OrganisationKind,
) -> bool {
    lead_organisation == candidate_organisation && may_lead(candidate_roles, candidate_kind)
}

/// Decides how a newcomer joins, or why they cannot.
/// A partner must hold a care role (see [`is_care_role`]): joining the circle opens the
/// file's data, which is shared for care only.
pub fn place_involvement(active: &[Active], p: &Proposed) -> Result<Placement, InvolvementError> {
    if p.role == InvolvementRole::Regisseur && p.organisation_kind != OrganisationKind::LocalTeam {
        return Err(InvolvementError::RegisseurMustBeLocalTeam);
    }
    if !is_care_role(&p.roles, p.organisation_kind) {
        return Err(InvolvementError::NotACareRole);
    }
    if active
        .iter()
        .any(|a| a.user_id == p.user_id && a.role == p.role && Some(&a.id) != p.takes_over.as_ref())
    {
        return Err(InvolvementError::AlreadyInvolved);
    }
    match &p.takes_over {
        Some(id) => {
            let replaced = active
                .iter()
                .find(|a| &a.id == id)
                .ok_or(InvolvementError::UnknownTakeover)?;
            if replaced.role != p.role {
                return Err(InvolvementError::TakeoverRoleMismatch);
            }
            if p.reason
                .as_deref()
                .map(str::trim)
                .unwrap_or_default()
                .is_empty()
            {
                return Err(InvolvementError::HandoverNeedsReason);
            }
            Ok(Placement::Handover {
                replaces: id.clone(),
            })
        }
        None => {
            let has_regisseur = active.iter().any(|a| a.role == InvolvementRole::Regisseur);
            match (p.role, has_regisseur) {
                (InvolvementRole::Regisseur, true) => Err(InvolvementError::RegisseurExists),
                (InvolvementRole::Partner, false) => Err(InvolvementError::NoRegisseur),
                _ => Ok(Placement::Parallel),
            }
        }
    }
}

/// A partner may end their part; the regisseur only leaves through a handover.
pub fn check_end(active: &[Active], id: &str) -> Result<(), InvolvementError> {
    match active.iter().find(|a| a.id == id) {
        None => Err(InvolvementError::UnknownTakeover),
        Some(a) if a.role == InvolvementRole::Regisseur => {
            Err(InvolvementError::RegisseurCannotLeave)
        }
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn active(id: &str, role: InvolvementRole, user: &str) -> Active {
        Active {
            id: id.into(),
            role,
            organisation_id: format!("org-{user}"),
            user_id: user.into(),
        }
    }

    fn proposed(role: InvolvementRole, kind: OrganisationKind, user: &str) -> Proposed {
        Proposed {
            role,
            organisation_id: "o".into(),
            organisation_kind: kind,
            user_id: user.into(),
            roles: vec![Role::Professional],
            takes_over: None,
            reason: None,
        }
    }

    #[test]
    fn the_first_involvement_is_a_local_regisseur() {
        use InvolvementRole::*;
        assert_eq!(
            place_involvement(
                &[],
                &proposed(Regisseur, OrganisationKind::LocalTeam, "sanne")
            ),
            Ok(Placement::Parallel)
        );
        assert_eq!(
            place_involvement(
                &[],
                &proposed(Regisseur, OrganisationKind::CertifiedInstitution, "thomas")
            ),
            Err(InvolvementError::RegisseurMustBeLocalTeam)
        );
        assert_eq!(
            place_involvement(&[], &proposed(Partner, OrganisationKind::CareProvider, "x")),
            Err(InvolvementError::NoRegisseur)
        );
    }

    #[test]
    fn partners_join_in_parallel_and_are_no_handover() {
        use InvolvementRole::*;
        let now = [active("i1", Regisseur, "sanne")];
        for kind in [
            OrganisationKind::CertifiedInstitution,
            OrganisationKind::VeiligThuis,
            OrganisationKind::CareProvider,
        ] {
            assert_eq!(
                place_involvement(&now, &proposed(Partner, kind, "thomas")),
                Ok(Placement::Parallel)
            );
        }
    }

    #[test]
    fn only_a_care_role_joins_as_a_partner() {
        use InvolvementRole::*;
        let now = [active("i1", Regisseur, "sanne")];
        for roles in [
            vec![Role::FunctionalAdmin],
            vec![Role::PrivacyOfficer],
            vec![Role::TeamLead],
            vec![Role::EvuCoordinator],
        ] {
            let mut p = proposed(Partner, OrganisationKind::LocalTeam, "admin");
            p.roles = roles;
            assert_eq!(
                place_involvement(&now, &p),
                Err(InvolvementError::NotACareRole)
            );
        }
        // A school is no care organisation: its staff are not partners in the circle.
        assert_eq!(
            place_involvement(&now, &proposed(Partner, OrganisationKind::School, "juf")),
            Err(InvolvementError::NotACareRole)
        );
        let mut lead_and_pro = proposed(Partner, OrganisationKind::CareProvider, "gina");
        lead_and_pro.roles = vec![Role::TeamLead, Role::BehaviouralScientist];
        assert_eq!(
            place_involvement(&now, &lead_and_pro),
            Ok(Placement::Parallel)
        );
    }

    /// The lead is care work too: a handover of the lead to an administrator, privacy
    /// officer or team lead as such is refused, and only a colleague of the same local
    /// team who may lead is offered when a regisseur leaves.
    #[test]
    fn only_a_care_role_in_a_local_team_leads() {
        use InvolvementRole::*;
        let now = [active("i1", Regisseur, "sanne")];
        for roles in [
            vec![Role::FunctionalAdmin],
            vec![Role::PrivacyOfficer],
            vec![Role::TeamLead],
            vec![Role::ChainAdmin],
        ] {
            let mut p = proposed(Regisseur, OrganisationKind::LocalTeam, "beheer");
            p.roles = roles.clone();
            p.takes_over = Some("i1".into());
            p.reason = Some("Sanne is uit dienst".into());
            assert_eq!(
                place_involvement(&now, &p),
                Err(InvolvementError::NotACareRole),
                "{roles:?}"
            );
            assert!(!colleague_may_take_over(
                "lokalis",
                "lokalis",
                &roles,
                OrganisationKind::LocalTeam
            ));
        }
        let pro = [Role::Professional];
        assert!(colleague_may_take_over(
            "lokalis",
            "lokalis",
            &pro,
            OrganisationKind::LocalTeam
        ));
        assert!(
            !colleague_may_take_over("lokalis", "binding", &pro, OrganisationKind::LocalTeam),
            "another local team is no colleague"
        );
        assert!(!colleague_may_take_over(
            "save",
            "save",
            &pro,
            OrganisationKind::CertifiedInstitution
        ));
    }

    #[test]
    fn changing_the_regisseur_is_a_handover_with_a_reason() {
        use InvolvementRole::*;
        let now = [
            active("i1", Regisseur, "sanne"),
            active("i2", Partner, "thomas"),
        ];
        let mut p = proposed(Regisseur, OrganisationKind::LocalTeam, "mohamed");
        assert_eq!(
            place_involvement(&now, &p),
            Err(InvolvementError::RegisseurExists)
        );
        p.takes_over = Some("i1".into());
        assert_eq!(
            place_involvement(&now, &p),
            Err(InvolvementError::HandoverNeedsReason)
        );
        p.reason = Some("  ".into());
        assert_eq!(
            place_involvement(&now, &p),
            Err(InvolvementError::HandoverNeedsReason)
        );
        p.reason = Some("Sanne verhuist naar een ander team".into());
        assert_eq!(
            place_involvement(&now, &p),
            Ok(Placement::Handover {
                replaces: "i1".into()
            })
        );
        p.takes_over = Some("i2".into());
        assert_eq!(
            place_involvement(&now, &p),
            Err(InvolvementError::TakeoverRoleMismatch)
        );
        p.takes_over = Some("i9".into());
        assert_eq!(
            place_involvement(&now, &p),
            Err(InvolvementError::UnknownTakeover)
        );
    }

    #[test]
    fn a_partner_taking_over_another_is_a_handover() {
        use InvolvementRole::*;
        let now = [
            active("i1", Regisseur, "sanne"),
            active("i2", Partner, "thomas"),
        ];
        let mut p = proposed(Partner, OrganisationKind::CertifiedInstitution, "daan");
        p.takes_over = Some("i2".into());
        p.reason = Some("Beperking van de ouder: WSS neemt het over".into());
        assert_eq!(
            place_involvement(&now, &p),
            Ok(Placement::Handover {
                replaces: "i2".into()
            })
        );
    }

    #[test]
    fn no_double_involvement_and_the_regisseur_stays() {
        use InvolvementRole::*;
        let now = [
            active("i1", Regisseur, "sanne"),
            active("i2", Partner, "thomas"),
        ];
        assert_eq!(
            place_involvement(
                &now,
                &proposed(Partner, OrganisationKind::CertifiedInstitution, "thomas")
            ),
            Err(InvolvementError::AlreadyInvolved)
        );
        assert_eq!(check_end(&now, "i2"), Ok(()));
        assert_eq!(
            check_end(&now, "i1"),
            Err(InvolvementError::RegisseurCannotLeave)
        );
        assert_eq!(
            check_end(&now, "nope"),
            Err(InvolvementError::UnknownTakeover)
        );
    }
}
