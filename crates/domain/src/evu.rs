//! The Expertiseteam Veiligheid Utrecht (EVU) works in named neighbourhoods, added over
//! time (Overvecht/De Gagel first, then Vechtzoom, later Spoorzoom). Which areas it
//! covers, and from when, is data; whether a family lives in one is this rule.
//!
//! Source: the seed texts (the EVU pilot in Overvecht).

use jiff::civil::Date;

use crate::codes::code_list;
use crate::family::consent::{ConsentFacts, ConsentStep};
use crate::organisation::OrganisationKind;

/// A neighbourhood (or larger area) the EVU covers from `starts_on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvuArea {
    pub area_id: String,
    pub starts_on: Date,
}

/// Whether a family whose area lies in `area_path` (its own area first, then the areas
/// containing it) lives where the EVU works on `today`.
pub fn covers(evu: &[EvuArea], area_path: &[String], today: Date) -> bool {
    evu.iter()
        .any(|a| a.starts_on <= today && area_path.contains(&a.area_id))
}

code_list! {
    /// Who called in the EVU.
    ReferralSource, "EVU referral source" {
        /// The local team, on the family's consent, because of safety worries.
        LocalTeam = "local_team", "Lokaal team", "Local team";
        /// Veilig Thuis, for a report about a family living in an EVU neighbourhood.
        VeiligThuis = "veilig_thuis", "Veilig Thuis", "Veilig Thuis";
    }
}

code_list! {
    ReferralState, "EVU referral state" {
        New = "new", "Nieuw: nog te bemensen", "New: to be staffed";
        Assigned = "assigned", "Combinatie toegewezen", "Combination assigned";
        Declined = "declined", "Niet opgepakt", "Declined";
        Closed = "closed", "Afgesloten", "Closed";
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EvuError {
    #[error("the family does not live in a neighbourhood the EVU covers")]
    NotInEvuArea,
    #[error(
        "the local team calls in the EVU on the family's consent: record the consent to the step 'Involve the EVU' first"
    )]
    ConsentNeeded,
    #[error("the local team calls in the EVU (Veilig Thuis brings in a report): ask the regisseur")]
    NotAReferrer,
    #[error("describe the safety worries that make the EVU needed")]
    ReasonNeeded,
    #[error("an EVU referral for this family is open already")]
    AlreadyOpen,
    #[error(
        "the EVU assigns a combination: at least two professionals from at least two organisations"
    )]
    NotACombination,
    #[error("the same professional is named twice")]
    Duplicate,
    #[error("this referral is {0} already; only a new referral is staffed or declined")]
    NotNew(&'static str),
    #[error("only a referral with an assigned combination is closed")]
    NotAssigned,
    #[error("someone else changed this referral just now: look at it again")]
    ChangedMeanwhile,
}

/// Who may call in the EVU, and as what: Veilig Thuis with a report (its legal task),
/// otherwise only the local team (on the family's consent). Another lead, such as a
/// certified institution under a court order, works through the local team.
pub fn referral_source(
    referrer: OrganisationKind,
    from_report: bool,
) -> Result<ReferralSource, EvuError> {
    match (referrer, from_report) {
        (OrganisationKind::VeiligThuis, true) => Ok(ReferralSource::VeiligThuis),
        (OrganisationKind::LocalTeam, false) => Ok(ReferralSource::LocalTeam),
        _ => Err(EvuError::NotAReferrer),
    }
}

/// The family's consent to involve the EVU, in force on `today`.
pub fn consented(consents: &[ConsentFacts], today: Date) -> bool {
    consents
        .iter()
        .any(|c| c.step == ConsentStep::Evu && c.in_force(today))
}

/// Whether an EVU referral may be made. A local team needs the family's consent; a
/// referral from Veilig Thuis rests on its legal task. Either way the family must live
/// where the EVU works, and one referral is open at a time.
pub fn check_referral(
    source: ReferralSource,
    lives_in_evu_area: bool,
    evu_consent_in_force: bool,
    open_already: bool,
    reason: &str,
) -> Result<(), EvuError> {
    if !lives_in_evu_area {
        return Err(EvuError::NotInEvuArea);
    }
    if source == ReferralSource::LocalTeam && !evu_consent_in_force {
        return Err(EvuError::ConsentNeeded);
    }
    if reason.trim().is_empty() {
        return Err(EvuError::ReasonNeeded);
    }
    if open_already {
        return Err(EvuError::AlreadyOpen);
    }
    Ok(())
}

impl ReferralState {
    /// New or staffed: the EVU works on it (one such referral per family).
    pub fn is_open(self) -> bool {
        matches!(self, ReferralState::New | ReferralState::Assigned)
    }
}

/// Whether the referral can still be staffed or declined (the page offers those forms).
pub fn may_staff(state: ReferralState) -> Result<(), EvuError> {
    not_new(state)
}

/// Whether the EVU's work on the referral can be closed.
pub fn may_close(state: ReferralState) -> Result<(), EvuError> {
    if state == ReferralState::Assigned {
        Ok(())
    } else {
        Err(EvuError::NotAssigned)
    }
}

fn not_new(state: ReferralState) -> Result<(), EvuError> {
    match state {
        ReferralState::New => Ok(()),
        other => Err(EvuError::NotNew(other.label_en())),
    }
}

/// The combination the coordinator assigns, all at once, so the family meets the same
/// faces from the start: `(user, organisation)` pairs.
pub fn check_combination(
    state: ReferralState,
    workers: &[(String, String)],
) -> Result<(), EvuError> {
    not_new(state)?;
    let mut users: Vec<&str> = workers.iter().map(|(u, _)| u.as_str()).collect();
    users.sort_unstable();
    if users.windows(2).any(|w| w[0] == w[1]) {
        return Err(EvuError::Duplicate);
    }
    let mut organisations: Vec<&str> = workers.iter().map(|(_, o)| o.as_str()).collect();
    organisations.sort_unstable();
    organisations.dedup();
    if workers.len() < 2 || organisations.len() < 2 {
        return Err(EvuError::NotACombination);
    }
    Ok(())
}

/// Declining sends the question back (not an EVU neighbourhood after all, or the
/// worries fit the local team's own help); the reason is told to the referrer.
pub fn check_decline(state: ReferralState, reason: &str) -> Result<(), EvuError> {
    not_new(state)?;
    if reason.trim().is_empty() {
        return Err(EvuError::ReasonNeeded);
    }
    Ok(())
}

/// The EVU's part ends; the workers' involvements end with their own decisions.
pub fn check_close(state: ReferralState, reason: &str) -> Result<(), EvuError> {
    may_close(state)?;
    if reason.trim().is_empty() {
        return Err(EvuError::ReasonNeeded);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_referral_needs_the_area_consent_from_a_local_team_a_reason_and_no_open_one() {
        use ReferralSource::{LocalTeam, VeiligThuis};
        assert_eq!(
            check_referral(LocalTeam, true, true, false, "zorgen"),
            Ok(())
        );
        assert_eq!(
            check_referral(VeiligThuis, true, false, false, "melding"),
            Ok(())
        );
        assert_eq!(
            check_referral(LocalTeam, true, false, false, "zorgen"),
            Err(EvuError::ConsentNeeded)
        );
        assert_eq!(
            check_referral(VeiligThuis, false, true, false, "melding"),
            Err(EvuError::NotInEvuArea)
        );
        assert_eq!(
            check_referral(LocalTeam, true, true, false, "  "),
            Err(EvuError::ReasonNeeded)
        );
        assert_eq!(
            check_referral(LocalTeam, true, true, true, "zorgen"),
            Err(EvuError::AlreadyOpen)
        );
    }

    #[test]
    fn the_local_team_calls_in_the_evu_and_veilig_thuis_brings_in_reports() {
        use OrganisationKind::*;
        assert_eq!(
            referral_source(LocalTeam, false),
            Ok(ReferralSource::LocalTeam)
        );
        assert_eq!(
            referral_source(VeiligThuis, true),
            Ok(ReferralSource::VeiligThuis)
        );
        for (kind, report) in [
            (VeiligThuis, false),
            (LocalTeam, true),
            (CertifiedInstitution, false),
            (Rvdk, false),
            (CareProvider, false),
        ] {
            assert_eq!(
                referral_source(kind, report),
                Err(EvuError::NotAReferrer),
                "{kind:?}"
            );
        }
        let evu = |withdrawn| ConsentFacts {
            step: ConsentStep::Evu,
            organisation_id: None,
            categories: vec![],
            given_on: date(2026, 11, 1),
            ends_on: None,
            withdrawn,
        };
        assert!(consented(&[evu(false)], date(2026, 11, 23)));
        assert!(!consented(&[evu(true)], date(2026, 11, 23)));
        assert!(
            !consented(&[evu(false)], date(2026, 10, 31)),
            "not yet given"
        );
    }

    fn pair(u: &str, o: &str) -> (String, String) {
        (u.into(), o.into())
    }

    #[test]
    fn a_combination_is_several_organisations_at_once() {
        let new = ReferralState::New;
        let good = [
            pair("sanne", "lokalis"),
            pair("ayse", "vtu"),
            pair("noor", "save"),
        ];
        assert_eq!(check_combination(new, &good), Ok(()));
        assert_eq!(
            check_combination(new, &[pair("sanne", "lokalis")]),
            Err(EvuError::NotACombination)
        );
        assert_eq!(
            check_combination(new, &[pair("sanne", "lokalis"), pair("joyce", "lokalis")]),
            Err(EvuError::NotACombination),
            "two of one organisation is no combination"
        );
        assert_eq!(
            check_combination(
                new,
                &[
                    pair("sanne", "lokalis"),
                    pair("sanne", "lokalis"),
                    pair("ayse", "vtu")
                ]
            ),
            Err(EvuError::Duplicate)
        );
        assert_eq!(
            check_combination(ReferralState::Assigned, &good),
            Err(EvuError::NotNew("Combination assigned"))
        );
        assert_eq!(
            check_combination(ReferralState::Declined, &good),
            Err(EvuError::NotNew("Declined"))
        );
    }

    #[test]
    fn decline_only_new_ones_and_close_only_assigned_ones_with_a_reason() {
        assert_eq!(check_decline(ReferralState::New, "geen EVU-wijk"), Ok(()));
        assert_eq!(
            check_decline(ReferralState::New, ""),
            Err(EvuError::ReasonNeeded)
        );
        assert!(matches!(
            check_decline(ReferralState::Assigned, "x"),
            Err(EvuError::NotNew(_))
        ));
        assert_eq!(check_close(ReferralState::Assigned, "veilig"), Ok(()));
        assert_eq!(
            check_close(ReferralState::Assigned, " "),
            Err(EvuError::ReasonNeeded)
        );
        for state in [
            ReferralState::New,
            ReferralState::Declined,
            ReferralState::Closed,
        ] {
            assert_eq!(check_close(state, "x"), Err(EvuError::NotAssigned));
        }
    }

    #[test]
    fn covered_from_the_start_date_in_the_area_or_inside_it() {
        let evu = vec![
            EvuArea {
                area_id: "de-gagel".into(),
                starts_on: date(2024, 1, 1),
            },
            EvuArea {
                area_id: "spoorzoom".into(),
                starts_on: date(2027, 6, 1),
            },
        ];
        let path = |a: &str| vec![a.to_owned(), "utrecht".to_owned(), "pv26".to_owned()];
        assert!(covers(&evu, &path("de-gagel"), date(2026, 11, 23)));
        assert!(
            !covers(&evu, &path("spoorzoom"), date(2026, 11, 23)),
            "not yet"
        );
        assert!(covers(&evu, &path("spoorzoom"), date(2027, 6, 1)));
        assert!(!covers(&evu, &path("lunetten"), date(2026, 11, 23)));
        assert!(!covers(&evu, &[], date(2026, 11, 23)), "no known area");
    }
}
