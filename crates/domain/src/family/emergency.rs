//! Break the glass: in an emergency a professional opens a file they have no access to.
//! Allowed, never silent: a stated reason, one hour, a banner, the privacy officer
//! reviews it and the family sees it in its access overview (DESIGN rule 4; NEN 7513
//! "noodtoegang").

use jiff::SignedDuration;

use crate::UtcTime;

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
