//! Who may open which part of a family file. One function, so every route, search and
//! export asks the same question: need to know (DESIGN rule 4).
//!
//! The rule, in order:
//! 1. Only the family's circle gets anywhere: professionals involved in it, and the team
//!    lead of the regisseur's team. Anyone else is told the file does not exist.
//! 2. The regisseur's own organisation works with the whole file: the family's consent
//!    is given to it.
//! 3. Under a legal basis (`veilig_thuis`, `court_order`) the organisation the basis
//!    names works with the whole file and may lead.
//! 4. Everyone else in the circle sees a part only while a consent in force opens that
//!    part to their organisation; otherwise they are told which consent step is needed.
//! 5. Emergency access (break the glass) opens the data for its hour, to anyone.
//!
//! Sources: Jeugdwet art. 7.3.4 and 7.3.8 (sharing in voluntary help needs consent),
//! Wmo 2015 art. 5.2.6 (Veilig Thuis), BW 1:302 (the certified institution), and the
//! SAVE way of working in the seed texts (stepwise consent).

use jiff::civil::Date;

use super::consent::{ConsentFacts, ConsentStep, DataCategory};
use super::framework::Framework;
use super::involvement::InvolvementRole;
use crate::UtcTime;
use crate::organisation::OrganisationKind;
use crate::role::Role;
use crate::time::amsterdam_date;

/// The professional asking.
#[derive(Debug, Clone, Copy)]
pub struct Viewer<'a> {
    pub user_id: &'a str,
    pub organisation_id: &'a str,
    /// Decides which consent step a refusal names (SAVE-begeleiding for a certified
    /// institution, data sharing for others).
    pub organisation_kind: OrganisationKind,
    pub team_id: Option<&'a str>,
    pub roles: &'a [Role],
}

/// A running involvement, with the organisation and team of the person involved.
#[derive(Debug, Clone, Copy)]
pub struct Involved<'a> {
    pub user_id: &'a str,
    pub role: InvolvementRole,
    pub organisation_id: &'a str,
    pub team_id: Option<&'a str>,
}

/// Everything the rule needs to know about one family file.
#[derive(Debug, Clone, Copy)]
pub struct FileFacts<'a> {
    pub involved: &'a [Involved<'a>],
    pub framework: Framework,
    /// The organisation the legal basis names (none in the voluntary framework).
    pub basis_organisation: Option<&'a str>,
    pub consents: &'a [ConsentFacts],
    /// Until when the viewer holds emergency access to this file, if they asked for it.
    pub emergency_until: Option<UtcTime>,
}

/// What the request needs from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// To read or change this part of the file.
    Data(DataCategory),
    /// The lead's work: managing the file's consents and framework, and changing its
    /// household and network (partners read those).
    Lead,
}

/// Why access was granted; recorded in the access log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The viewer is involved, in the regisseur's organisation.
    Involved,
    /// The viewer leads the team of the family's regisseur.
    TeamLeadOfRegisseur,
    /// A consent in force opens this part to the viewer's organisation.
    Consent,
    /// The legal basis names the viewer's organisation.
    LegalBasis,
    /// Break the glass: a stated emergency, for one hour.
    Emergency,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::Involved => "involved",
            Basis::TeamLeadOfRegisseur => "team_lead_of_regisseur",
            Basis::Consent => "consent",
            Basis::LegalBasis => "legal_basis",
            Basis::Emergency => "emergency",
        }
    }
}

/// Why someone in the circle is refused; shown to them, so they know what to ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No consent in force opens this part to the viewer's organisation.
    ConsentNeeded {
        step: ConsentStep,
        category: DataCategory,
    },
    /// Consents and framework are managed by the regisseur's organisation or the
    /// organisation the legal basis names.
    LeadOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilyAccess {
    Granted(Basis),
    /// In the circle, but this part needs something first.
    Refused(Refusal),
    /// Shown as "not found": whether a family exists is itself information.
    Denied,
}

impl FamilyAccess {
    pub fn granted(self) -> bool {
        matches!(self, FamilyAccess::Granted(_))
    }
}

/// The organisation of the family's regisseur.
pub fn regisseur_organisation<'a>(involved: &[Involved<'a>]) -> Option<&'a str> {
    involved
        .iter()
        .find(|i| i.role == InvolvementRole::Regisseur)
        .map(|i| i.organisation_id)
}

pub fn family_access(
    viewer: Viewer<'_>,
    facts: FileFacts<'_>,
    need: Need,
    now: UtcTime,
) -> FamilyAccess {
    let decided = circle_access(viewer, facts, need, amsterdam_date(now));
    let emergency = facts.emergency_until.is_some_and(|until| now < until);
    match (decided, need) {
        (FamilyAccess::Granted(_), _) => decided,
        (_, Need::Data(_)) if emergency => FamilyAccess::Granted(Basis::Emergency),
        _ => decided,
    }
}

/// Whether the viewer may see any part of the file at all: what tells a partner that
/// keeps some access (told what changed) from one that lost it (told only that, issue
/// 15 §1).
pub fn sees_some_part(viewer: Viewer<'_>, facts: FileFacts<'_>, now: UtcTime) -> bool {
    DataCategory::ALL
        .iter()
        .any(|c| family_access(viewer, facts, Need::Data(*c), now).granted())
}

fn circle_access(
    viewer: Viewer<'_>,
    facts: FileFacts<'_>,
    need: Need,
    today: Date,
) -> FamilyAccess {
    let involved = facts.involved.iter().any(|i| i.user_id == viewer.user_id);
    let leads_regisseur_team = viewer.roles.contains(&Role::TeamLead)
        && viewer.team_id.is_some()
        && facts
            .involved
            .iter()
            .any(|i| i.role == InvolvementRole::Regisseur && i.team_id == viewer.team_id);
    let own = if involved {
        Basis::Involved
    } else if leads_regisseur_team {
        Basis::TeamLeadOfRegisseur
    } else {
        return FamilyAccess::Denied;
    };
    if regisseur_organisation(facts.involved) == Some(viewer.organisation_id) {
        return FamilyAccess::Granted(own);
    }
    if facts.framework != Framework::Voluntary
        && facts.basis_organisation == Some(viewer.organisation_id)
    {
        return FamilyAccess::Granted(Basis::LegalBasis);
    }
    match need {
        Need::Lead => FamilyAccess::Refused(Refusal::LeadOnly),
        Need::Data(category) => {
            if facts
                .consents
                .iter()
                .any(|c| c.covers(viewer.organisation_id, category, today))
            {
                FamilyAccess::Granted(Basis::Consent)
            } else {
                FamilyAccess::Refused(Refusal::ConsentNeeded {
                    step: super::consent::step_for_involvement(viewer.organisation_kind),
                    category,
                })
            }
        }
    }
}

/// Whether a professional of `organisation_id` may join the family's circle now. The
/// regisseur's organisation, the organisation the legal basis names and a new regisseur
/// (a local team, by the involvement rules) need nothing more; anyone else needs the
/// consent step for their kind of organisation, which the refusal names.
pub fn may_join(
    facts: FileFacts<'_>,
    role: InvolvementRole,
    organisation_id: &str,
    kind: crate::organisation::OrganisationKind,
    today: Date,
) -> Result<(), ConsentStep> {
    let own = regisseur_organisation(facts.involved).is_none_or(|o| o == organisation_id);
    let legal = facts.framework != Framework::Voluntary
        && facts.basis_organisation == Some(organisation_id);
    if role == InvolvementRole::Regisseur
        || own
        || legal
        || super::consent::involvement_consented(facts.consents, organisation_id, kind, today)
    {
        Ok(())
    } else {
        Err(super::consent::step_for_involvement(kind))
    }
}

/// A partner in a file's circle, as far as the consent rule is concerned.
#[derive(Debug, Clone, Copy)]
pub struct Partner<'a> {
    pub role: InvolvementRole,
    pub organisation_id: &'a str,
    pub organisation_kind: crate::organisation::OrganisationKind,
}

/// What the lead still has to ask: for each partner whose organisation the file's
/// consents in force do not (or no longer) let work with the family ([`may_join`]), the
/// step that would. Pairs of the partner's index in `partners` and the step, in the
/// partners' order.
pub fn missing_consents(
    facts: FileFacts<'_>,
    partners: &[Partner<'_>],
    today: Date,
) -> Vec<(usize, ConsentStep)> {
    partners
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            may_join(facts, p.role, p.organisation_id, p.organisation_kind, today)
                .err()
                .map(|step| (i, step))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const CIRCLE: [Involved<'static>; 2] = [
        Involved {
            user_id: "sanne",
            role: InvolvementRole::Regisseur,
            organisation_id: "lokalis",
            team_id: Some("overvecht"),
        },
        Involved {
            user_id: "thomas",
            role: InvolvementRole::Partner,
            organisation_id: "save",
            team_id: Some("save-zo"),
        },
    ];

    fn now() -> UtcTime {
        UtcTime::parse("2026-03-02T10:00:00Z").unwrap()
    }

    fn viewer<'a>(
        user: &'a str,
        org: &'a str,
        team: Option<&'a str>,
        roles: &'a [Role],
    ) -> Viewer<'a> {
        Viewer {
            user_id: user,
            organisation_id: org,
            organisation_kind: match org {
                "save" => OrganisationKind::CertifiedInstitution,
                "lokalis" => OrganisationKind::LocalTeam,
                _ => OrganisationKind::CareProvider,
            },
            team_id: team,
            roles,
        }
    }

    fn facts<'a>(consents: &'a [ConsentFacts]) -> FileFacts<'a> {
        FileFacts {
            involved: &CIRCLE,
            framework: Framework::Voluntary,
            basis_organisation: None,
            consents,
            emergency_until: None,
        }
    }

    fn sharing(org: &str, categories: &[DataCategory]) -> ConsentFacts {
        ConsentFacts {
            step: ConsentStep::DataSharing,
            organisation_id: Some(org.into()),
            categories: categories.to_vec(),
            given_on: date(2026, 3, 1),
            ends_on: None,
            withdrawn: false,
        }
    }

    const PLAN: Need = Need::Data(DataCategory::Plan);
    const PRO: &[Role] = &[Role::Professional];

    #[test]
    fn some_part_is_any_category_a_consent_opens() {
        let thomas = viewer("thomas", "save", None, PRO);
        let notes_only = [sharing("save", &[DataCategory::Notes])];
        assert!(sees_some_part(thomas, facts(&notes_only), now()));
        assert!(!sees_some_part(thomas, facts(&[]), now()), "lost it all");
    }

    #[test]
    fn the_regisseurs_organisation_sees_everything_and_leads() {
        let sanne = viewer("sanne", "lokalis", None, PRO);
        for need in [PLAN, Need::Data(DataCategory::Notes), Need::Lead] {
            assert_eq!(
                family_access(sanne, facts(&[]), need, now()),
                FamilyAccess::Granted(Basis::Involved)
            );
        }
    }

    #[test]
    fn a_partner_sees_only_what_consent_opens_to_their_organisation() {
        let thomas = viewer("thomas", "save", None, PRO);
        // The refusal names the step for SAVE's kind of organisation.
        assert_eq!(
            family_access(thomas, facts(&[]), PLAN, now()),
            FamilyAccess::Refused(Refusal::ConsentNeeded {
                step: ConsentStep::SaveGuidance,
                category: DataCategory::Plan
            })
        );
        assert_eq!(
            family_access(viewer("gina", "ggz", None, PRO), facts(&[]), PLAN, now()),
            FamilyAccess::Denied,
            "not involved"
        );
        let consents = [sharing(
            "save",
            &[DataCategory::Identity, DataCategory::Plan],
        )];
        assert_eq!(
            family_access(thomas, facts(&consents), PLAN, now()),
            FamilyAccess::Granted(Basis::Consent)
        );
        assert!(
            !family_access(
                thomas,
                facts(&consents),
                Need::Data(DataCategory::Notes),
                now()
            )
            .granted()
        );
        assert_eq!(
            family_access(thomas, facts(&consents), Need::Lead, now()),
            FamilyAccess::Refused(Refusal::LeadOnly)
        );
        let mut withdrawn = consents.clone();
        withdrawn[0].withdrawn = true;
        assert!(!family_access(thomas, facts(&withdrawn), PLAN, now()).granted());
    }

    #[test]
    fn a_legal_basis_opens_the_file_to_the_organisation_it_names_only() {
        let order = FileFacts {
            framework: Framework::CourtOrder,
            basis_organisation: Some("save"),
            ..facts(&[])
        };
        let thomas = viewer("thomas", "save", None, PRO);
        assert_eq!(
            family_access(thomas, order, Need::Lead, now()),
            FamilyAccess::Granted(Basis::LegalBasis)
        );
        // A named organisation outside the circle still gets nothing.
        assert_eq!(
            family_access(viewer("eva", "save", None, PRO), order, PLAN, now()),
            FamilyAccess::Denied
        );
        // The basis only counts while the framework is not voluntary.
        let ended = FileFacts {
            framework: Framework::Voluntary,
            ..order
        };
        assert!(!family_access(thomas, ended, PLAN, now()).granted());
    }

    #[test]
    fn outside_the_circle_the_file_does_not_exist_except_for_the_regisseurs_team_lead() {
        let lead = [Role::TeamLead];
        assert_eq!(
            family_access(
                viewer("joyce", "lokalis", Some("overvecht"), &lead),
                facts(&[]),
                PLAN,
                now()
            ),
            FamilyAccess::Granted(Basis::TeamLeadOfRegisseur)
        );
        // Leading the partner's team is not enough, nor being in the regisseur's team without the role.
        assert_eq!(
            family_access(
                viewer("eva", "save", Some("save-zo"), &lead),
                facts(&[]),
                PLAN,
                now()
            ),
            FamilyAccess::Denied
        );
        assert_eq!(
            family_access(
                viewer("mo", "lokalis", Some("overvecht"), PRO),
                facts(&[]),
                PLAN,
                now()
            ),
            FamilyAccess::Denied
        );
        let officers = [Role::FunctionalAdmin, Role::PrivacyOfficer];
        assert_eq!(
            family_access(
                viewer("admin", "lokalis", None, &officers),
                facts(&[]),
                PLAN,
                now()
            ),
            FamilyAccess::Denied
        );
        // A policy officer reads aggregates only: no file, not even in the regisseur's team.
        let policy = [Role::PolicyOfficer, Role::ChainAdmin, Role::EvuCoordinator];
        assert_eq!(
            family_access(
                viewer("beleid", "lokalis", Some("overvecht"), &policy),
                facts(&[]),
                PLAN,
                now()
            ),
            FamilyAccess::Denied
        );
        // Consent to an organisation does not open the file to all of its staff.
        let consents = [sharing("save", &[DataCategory::Plan])];
        assert_eq!(
            family_access(
                viewer("eva", "save", None, PRO),
                facts(&consents),
                PLAN,
                now()
            ),
            FamilyAccess::Denied
        );
    }

    #[test]
    fn joining_the_circle_needs_consent_for_other_organisations() {
        use crate::organisation::OrganisationKind::{
            CareProvider, CertifiedInstitution, LocalTeam,
        };
        let today = date(2026, 3, 2);
        let partner = InvolvementRole::Partner;
        assert_eq!(
            may_join(facts(&[]), partner, "lokalis", LocalTeam, today),
            Ok(())
        );
        assert_eq!(
            may_join(facts(&[]), partner, "wss", CertifiedInstitution, today),
            Err(ConsentStep::SaveGuidance)
        );
        assert_eq!(
            may_join(facts(&[]), partner, "ggz", CareProvider, today),
            Err(ConsentStep::DataSharing)
        );
        let consents = [sharing("ggz", &[DataCategory::Identity])];
        assert_eq!(
            may_join(facts(&consents), partner, "ggz", CareProvider, today),
            Ok(())
        );
        let order = FileFacts {
            framework: Framework::CourtOrder,
            basis_organisation: Some("wss"),
            ..facts(&[])
        };
        assert_eq!(
            may_join(order, partner, "wss", CertifiedInstitution, today),
            Ok(())
        );
        assert_eq!(
            may_join(
                facts(&[]),
                InvolvementRole::Regisseur,
                "buurtteam-2",
                LocalTeam,
                today
            ),
            Ok(())
        );
    }

    #[test]
    fn emergency_access_opens_the_data_for_its_hour_but_not_the_lead() {
        let until = UtcTime::parse("2026-03-02T10:30:00Z").unwrap();
        let glass = FileFacts {
            emergency_until: Some(until),
            ..facts(&[])
        };
        let nightshift = viewer("nachtdienst", "vt", None, PRO);
        assert_eq!(
            family_access(nightshift, glass, PLAN, now()),
            FamilyAccess::Granted(Basis::Emergency)
        );
        assert_eq!(
            family_access(nightshift, glass, Need::Lead, now()),
            FamilyAccess::Denied
        );
        assert_eq!(
            family_access(nightshift, glass, PLAN, until),
            FamilyAccess::Denied
        );
        // A better basis is named as such.
        assert_eq!(
            family_access(viewer("sanne", "lokalis", None, PRO), glass, PLAN, now()),
            FamilyAccess::Granted(Basis::Involved)
        );
    }

    #[test]
    fn the_lead_is_told_which_partners_still_need_a_consent() {
        let partners = [
            Partner {
                role: InvolvementRole::Partner,
                organisation_id: "lokalis",
                organisation_kind: OrganisationKind::LocalTeam,
            },
            Partner {
                role: InvolvementRole::Partner,
                organisation_id: "save",
                organisation_kind: OrganisationKind::CertifiedInstitution,
            },
            Partner {
                role: InvolvementRole::Partner,
                organisation_id: "zorg",
                organisation_kind: OrganisationKind::CareProvider,
            },
        ];
        let today = date(2026, 3, 2);
        // The regisseur's own organisation needs nothing; the others their own step.
        assert_eq!(
            missing_consents(facts(&[]), &partners, today),
            vec![
                (1, ConsentStep::SaveGuidance),
                (2, ConsentStep::DataSharing)
            ]
        );
        // Under a court order the organisation the basis names needs no consent.
        let ordered = FileFacts {
            framework: Framework::CourtOrder,
            basis_organisation: Some("save"),
            ..facts(&[])
        };
        assert_eq!(
            missing_consents(ordered, &partners, today),
            vec![(2, ConsentStep::DataSharing)]
        );
    }
}
