//! The legal framework a family's help runs in. It decides whether the chain works on
//! the family's consent or on a legal basis, and which organisation that basis names.
//!
//! Sources: Jeugdwet art. 7.3.4 and 7.3.8–7.3.11 (consent to share data in voluntary
//! youth care); Wmo 2015 art. 4.1.1 and 5.2.6 (Veilig Thuis investigates a report on
//! its own legal basis); BW 1:255 and 1:302 (a child protection order carried out by a
//! certified institution). Seed texts: "het vrijwillig kader", "Veilig Thuis",
//! "ondertoezichtstelling".

use jiff::civil::Date;

use crate::codes::code_list;
use crate::organisation::OrganisationKind;

code_list! {
    Framework, "framework" {
        /// Voluntary help: every step on the family's consent.
        Voluntary = "voluntary", "Vrijwillig kader", "Voluntary framework";
        /// Veilig Thuis investigates a report (Wmo 2015): legal basis for Veilig Thuis.
        VeiligThuis = "veilig_thuis", "Onderzoek Veilig Thuis", "Veilig Thuis investigation";
        /// A supervision order or guardianship, carried out by a certified institution.
        CourtOrder = "court_order", "Jeugdbeschermingsmaatregel", "Child protection order";
    }
}

impl Framework {
    /// The kind of organisation the legal basis names; `None` for voluntary help.
    pub fn basis_kind(self) -> Option<OrganisationKind> {
        match self {
            Framework::Voluntary => None,
            Framework::VeiligThuis => Some(OrganisationKind::VeiligThuis),
            Framework::CourtOrder => Some(OrganisationKind::CertifiedInstitution),
        }
    }

    /// What the chain's work rests on in this framework, as a person reads it (Dutch,
    /// English): the family's consent, or the article that gives the legal basis (the
    /// sources at the top of this file). The overview shows it next to the framework so
    /// nobody has to know the law to see why they may act.
    pub fn ground(self) -> (&'static str, &'static str) {
        match self {
            Framework::Voluntary => (
                "toestemming van het gezin, stap voor stap (Jeugdwet art. 7.3.4)",
                "the family's consent, step by step (Jeugdwet art. 7.3.4)",
            ),
            Framework::VeiligThuis => (
                "wettelijke grondslag voor Veilig Thuis (Wmo 2015 art. 4.1.1)",
                "legal basis for Veilig Thuis (Wmo 2015 art. 4.1.1)",
            ),
            Framework::CourtOrder => (
                "uitspraak van de kinderrechter (BW 1:255, 1:302)",
                "the juvenile court's order (BW 1:255, 1:302)",
            ),
        }
    }
}

/// A change of framework as proposed by a professional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkChange {
    pub framework: Framework,
    /// The organisation the legal basis names, with its kind.
    pub organisation: Option<OrganisationKind>,
    /// The ground: the report number, the court decision, the end of the order.
    pub ground: String,
    pub effective_on: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FrameworkError {
    #[error("state the ground for the change (the report, the court decision, why it ends)")]
    GroundNeeded,
    #[error("this framework names the organisation that carries it out: choose one")]
    OrganisationNeeded,
    #[error("this framework gives a legal basis to a {0}, not to this kind of organisation")]
    WrongOrganisationKind(&'static str),
    #[error("voluntary help names no organisation: access then follows consent")]
    NoOrganisationInVoluntary,
    #[error("a change of framework cannot take effect in the future")]
    InFuture,
    #[error("the date it takes effect {0}: check the year")]
    Implausible(crate::text::DateOutOfRange),
    #[error("the family is already in this framework with this organisation")]
    Unchanged,
}

/// Checks a change against the current framework and `today`.
pub fn check_framework_change(
    change: &FrameworkChange,
    current: (Framework, Option<&str>),
    proposed_organisation_id: Option<&str>,
    today: Date,
) -> Result<(), FrameworkError> {
    if change.ground.trim().is_empty() {
        return Err(FrameworkError::GroundNeeded);
    }
    if change.effective_on > today {
        return Err(FrameworkError::InFuture);
    }
    crate::text::check_date(crate::text::DateKind::Event, change.effective_on, today)
        .map_err(FrameworkError::Implausible)?;
    match (change.framework.basis_kind(), change.organisation) {
        (None, Some(_)) => return Err(FrameworkError::NoOrganisationInVoluntary),
        (Some(_), None) => return Err(FrameworkError::OrganisationNeeded),
        (Some(needed), Some(kind)) if needed != kind => {
            return Err(FrameworkError::WrongOrganisationKind(needed.label_en()));
        }
        _ => {}
    }
    if current == (change.framework, proposed_organisation_id) {
        return Err(FrameworkError::Unchanged);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn change(framework: Framework, org: Option<OrganisationKind>) -> FrameworkChange {
        FrameworkChange {
            framework,
            organisation: org,
            ground: "Melding 2026-114 in onderzoek".into(),
            effective_on: date(2026, 3, 1),
        }
    }

    #[test]
    fn each_legal_basis_names_its_own_kind_of_organisation() {
        let today = date(2026, 3, 2);
        let vt = Some(OrganisationKind::VeiligThuis);
        let ci = Some(OrganisationKind::CertifiedInstitution);
        let voluntary = (Framework::Voluntary, None);
        assert_eq!(
            check_framework_change(
                &change(Framework::VeiligThuis, vt),
                voluntary,
                Some("vt"),
                today
            ),
            Ok(())
        );
        assert_eq!(
            check_framework_change(
                &change(Framework::CourtOrder, ci),
                voluntary,
                Some("save"),
                today
            ),
            Ok(())
        );
        assert_eq!(
            check_framework_change(
                &change(Framework::CourtOrder, vt),
                voluntary,
                Some("vt"),
                today
            ),
            Err(FrameworkError::WrongOrganisationKind(
                "Certified institution"
            ))
        );
        assert_eq!(
            check_framework_change(
                &change(Framework::VeiligThuis, None),
                voluntary,
                None,
                today
            ),
            Err(FrameworkError::OrganisationNeeded)
        );
        assert_eq!(
            check_framework_change(
                &change(Framework::Voluntary, vt),
                (Framework::VeiligThuis, Some("vt")),
                Some("vt"),
                today
            ),
            Err(FrameworkError::NoOrganisationInVoluntary)
        );
        assert_eq!(
            check_framework_change(
                &change(Framework::Voluntary, None),
                (Framework::VeiligThuis, Some("vt")),
                None,
                today
            ),
            Ok(())
        );
    }

    #[test]
    fn a_change_needs_a_ground_a_past_date_and_a_difference() {
        let today = date(2026, 3, 2);
        let mut c = change(Framework::Voluntary, None);
        assert_eq!(
            check_framework_change(&c, (Framework::Voluntary, None), None, today),
            Err(FrameworkError::Unchanged)
        );
        c.ground = "  ".into();
        assert_eq!(
            check_framework_change(&c, (Framework::CourtOrder, Some("save")), None, today),
            Err(FrameworkError::GroundNeeded)
        );
        let mut c = change(Framework::Voluntary, None);
        c.effective_on = date(2026, 3, 3);
        assert_eq!(
            check_framework_change(&c, (Framework::CourtOrder, Some("save")), None, today),
            Err(FrameworkError::InFuture)
        );
    }
}
