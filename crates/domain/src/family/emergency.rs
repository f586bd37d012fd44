//! Break the glass: in an emergency a professional opens a file they have no access to.
//! Allowed, never silent: a stated reason, one hour, a banner, the privacy officer
//! reviews it and the family sees it in its access overview (DESIGN rule 4; NEN 7513
//! "noodtoegang").

use jiff::SignedDuration;

use super::postcode::Postcode;
use crate::UtcTime;
use crate::organisation::OrganisationKind;
use crate::role::{Role, is_care_role};

/// How long emergency access lasts before it has to be asked again.
pub const EMERGENCY_ACCESS: SignedDuration = SignedDuration::from_hours(1);

/// A reason short enough to be a formality ("spoed", "nodig") is not a reason.
pub const MIN_REASON_CHARS: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmergencyError {
    #[error(
        "state the emergency in at least {MIN_REASON_CHARS} characters: what is happening and why you need the file now"
    )]
    ReasonNeeded,
    #[error("you can already open this file: no emergency access is needed")]
    AlreadyHasAccess,
    #[error(
        "emergency access is for professionals in a care role (professional or behavioural scientist in a care organisation)"
    )]
    NotACareRole,
}

/// Whether this person may ask for emergency access with this reason, before any file
/// is looked up: only a care role (see [`is_care_role`]) with a stated emergency.
/// Refused asks are logged by the caller, without the reason text (it may name the
/// child or the situation and is not needed to review a refusal).
pub fn check_emergency_request(
    roles: &[Role],
    organisation: OrganisationKind,
    reason: &str,
) -> Result<(), EmergencyError> {
    if !is_care_role(roles, organisation) {
        return Err(EmergencyError::NotACareRole);
    }
    if reason.trim().chars().count() < MIN_REASON_CHARS {
        return Err(EmergencyError::ReasonNeeded);
    }
    Ok(())
}

/// Which file an emergency by name and date of birth opens. Never several: when more
/// than one file has a child with this name and date of birth, the postcode tells them
/// apart, and a postcode given must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmergencyPick<Id> {
    /// Exactly this file.
    One(Id),
    /// Several files match: ask for the postcode.
    AskPostcode,
    /// No file matches (or none at the postcode given).
    NoMatch,
    /// Even the postcode does not tell them apart: open none; the person calls the
    /// regisseurs' organisations or the crisis line instead.
    StillSeveral,
}

pub fn pick_emergency_file<Id: Clone>(
    candidates: &[(Id, Postcode)],
    postcode: Option<&Postcode>,
) -> EmergencyPick<Id> {
    let at: Vec<&(Id, Postcode)> = candidates
        .iter()
        .filter(|(_, p)| postcode.is_none_or(|want| p == want))
        .collect();
    match (at.as_slice(), postcode) {
        ([], _) => EmergencyPick::NoMatch,
        ([(id, _)], _) => EmergencyPick::One(id.clone()),
        (_, None) => EmergencyPick::AskPostcode,
        (_, Some(_)) => EmergencyPick::StillSeveral,
    }
}

/// Until when emergency access asked at `now` lasts, or why it is refused.
pub fn grant_emergency(
    reason: &str,
    already_has_access: bool,
    now: UtcTime,
) -> Result<UtcTime, EmergencyError> {
    if reason.trim().chars().count() < MIN_REASON_CHARS {
        return Err(EmergencyError::ReasonNeeded);
    }
    if already_has_access {
        return Err(EmergencyError::AlreadyHasAccess);
    }
    Ok(UtcTime::from_timestamp(now.timestamp() + EMERGENCY_ACCESS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_care_role_with_a_reason_may_ask() {
        let reason = "Politie belt: kind alleen thuis";
        assert_eq!(
            check_emergency_request(&[Role::Professional], OrganisationKind::VeiligThuis, reason),
            Ok(())
        );
        for roles in [
            &[Role::FunctionalAdmin][..],
            &[Role::PrivacyOfficer],
            &[Role::EvuCoordinator],
            &[Role::TeamLead],
        ] {
            assert_eq!(
                check_emergency_request(roles, OrganisationKind::LocalTeam, reason),
                Err(EmergencyError::NotACareRole),
                "{roles:?}"
            );
        }
        assert_eq!(
            check_emergency_request(&[Role::Professional], OrganisationKind::School, reason),
            Err(EmergencyError::NotACareRole)
        );
        assert_eq!(
            check_emergency_request(&[Role::Professional], OrganisationKind::LocalTeam, "spoed"),
            Err(EmergencyError::ReasonNeeded)
        );
    }

    #[test]
    fn one_file_at_most_and_the_postcode_tells_several_apart() {
        let pc = |s: &str| Postcode::parse(s).unwrap();
        let one = [("a", pc("3562 JW"))];
        let two = [("a", pc("3562 JW")), ("b", pc("3581 AB"))];
        assert_eq!(
            pick_emergency_file::<&str>(&[], None),
            EmergencyPick::NoMatch
        );
        assert_eq!(pick_emergency_file(&one, None), EmergencyPick::One("a"));
        assert_eq!(
            pick_emergency_file(&one, Some(&pc("1234 AB"))),
            EmergencyPick::NoMatch,
            "a postcode given must match"
        );
        assert_eq!(pick_emergency_file(&two, None), EmergencyPick::AskPostcode);
        assert_eq!(
            pick_emergency_file(&two, Some(&pc("3581AB"))),
            EmergencyPick::One("b")
        );
        assert_eq!(
            pick_emergency_file(&two, Some(&pc("1234 AB"))),
            EmergencyPick::NoMatch
        );
        let same = [("a", pc("3562 JW")), ("b", pc("3562 JW"))];
        assert_eq!(
            pick_emergency_file(&same, Some(&pc("3562 JW"))),
            EmergencyPick::StillSeveral
        );
    }

    #[test]
    fn one_hour_after_a_real_reason() {
        let now = UtcTime::parse("2026-03-01T22:10:00.000000Z").unwrap();
        assert_eq!(
            grant_emergency("Politie belt: kind alleen thuis", false, now)
                .unwrap()
                .to_rfc3339(),
            "2026-03-01T23:10:00.000000Z"
        );
        assert_eq!(
            grant_emergency("spoed", false, now),
            Err(EmergencyError::ReasonNeeded)
        );
        assert_eq!(
            grant_emergency("Politie belt: kind alleen thuis", true, now),
            Err(EmergencyError::AlreadyHasAccess)
        );
    }
}
