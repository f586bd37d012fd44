//! Family accounts (issue 17 §1): the door through which a parent, a carer or a young
//! person of twelve or older signs in to see their own family's file. A family account
//! is a principal of its own kind, never a professional's account with a role: no
//! professional route's policy lets it through (`policy::decide_family`).
//!
//! The regisseur invites a member with a one-time code from the enrolment-code machinery
//! ([`crate::enrolment`]): 80 random bits, only its SHA-256 kept, handed over in person
//! or on paper (NIST SP 800-63B 6.1.2.3: binding by a code that travels out of band).
//! Redeeming it, the person chooses a password under the professionals' rules
//! ([`crate::user::check_password`]) and links an authenticator app with the same TOTP
//! machinery ([`crate::totp`]): a family file holds special categories of personal data
//! (health, youth protection), which asks for the same strength of sign-in (AVG art. 32).
//!
//! Later another sign-in (DigiD through an OIDC broker) can be attached: the account
//! keeps an optional external issuer and subject beside its password, so attaching one
//! is adding those two values, not a new kind of account.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use crate::family::MemberKind;
use crate::family::consent::{CONSENTS_FROM, age_on};

/// How long an invitation code works. Longer than a professional's three days: the
/// regisseur hands it over at a home visit or a meeting, and the family sets up the
/// account when they have a quiet evening and someone to help with the app; two weeks
/// covers the next regular contact, where a lost code is replaced.
pub const INVITATION_VALIDITY: SignedDuration = SignedDuration::from_hours(14 * 24);

/// Why a member cannot be invited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotInvitable {
    /// Only parents and carers, and the children themselves, get an account; a
    /// housemate is no party to the file.
    #[error("only a parent or carer, or the young person, can be invited")]
    NotAParty,
    /// A parent or carer without parental authority has no standing access to the
    /// file (the portal rule, `family::portal`); they may ask for information under BW
    /// 1:377c instead, which the professional decides.
    #[error("a parent or carer without custody gets no account")]
    NoCustody,
    /// A child under twelve is represented by their parents. Twelve is the age from
    /// which a child consents with their parents (`consent::CONSENTS_FROM`, WGBO art.
    /// 7:450 BW, Jeugdwet art. 7.3.4): from then they have their own standing in the file.
    #[error("a child under {CONSENTS_FROM} gets no account of their own (age {0})")]
    TooYoung(i16),
    /// Without a date of birth the age cannot be known, so no account.
    #[error("the child's date of birth is not known")]
    NoDateOfBirth,
}

/// Whether a member of kind `kind`, born on `date_of_birth` and holding custody when
/// `has_custody`, may be invited on `today`.
pub fn may_invite(
    kind: MemberKind,
    date_of_birth: Option<Date>,
    has_custody: bool,
    today: Date,
) -> Result<(), NotInvitable> {
    match kind {
        MemberKind::Parent if has_custody => Ok(()),
        MemberKind::Parent => Err(NotInvitable::NoCustody),
        MemberKind::Household => Err(NotInvitable::NotAParty),
        MemberKind::Child => {
            let born = date_of_birth.ok_or(NotInvitable::NoDateOfBirth)?;
            let age = age_on(born, today);
            if age >= CONSENTS_FROM {
                Ok(())
            } else {
                Err(NotInvitable::TooYoung(age))
            }
        }
    }
}

/// Until when an invitation issued at `issued_at` works.
pub fn invitation_expires(issued_at: Timestamp) -> Timestamp {
    issued_at + INVITATION_VALIDITY
}

/// Where an invitation stands; what the regisseur's page and the redeeming person see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Open,
    Expired,
    Used,
    Revoked,
}

/// Where an invitation stands at `now`. A used or revoked code stays so, whatever its
/// time; an open one expires at its end, exactly.
pub fn invitation_state(
    expires_at: Timestamp,
    redeemed: bool,
    revoked: bool,
    now: Timestamp,
) -> InvitationState {
    if revoked {
        InvitationState::Revoked
    } else if redeemed {
        InvitationState::Used
    } else if now >= expires_at {
        InvitationState::Expired
    } else {
        InvitationState::Open
    }
}

/// The name a family member is greeted by: the first word of their name as the file
/// holds it ("Welkom, Kim").
pub fn first_name(full_name: &str) -> &str {
    full_name.split_whitespace().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parents_and_young_people_from_twelve_are_invited() {
        let today = date(2026, 12, 7);
        assert_eq!(may_invite(MemberKind::Parent, None, true, today), Ok(()));
        assert_eq!(
            may_invite(MemberKind::Parent, None, false, today),
            Err(NotInvitable::NoCustody)
        );
        assert_eq!(
            may_invite(MemberKind::Household, Some(date(1980, 1, 1)), true, today),
            Err(NotInvitable::NotAParty)
        );
        assert_eq!(
            may_invite(MemberKind::Child, Some(date(2014, 12, 7)), false, today),
            Ok(()),
            "twelve today"
        );
        assert_eq!(
            may_invite(MemberKind::Child, Some(date(2014, 12, 8)), false, today),
            Err(NotInvitable::TooYoung(11)),
            "twelve tomorrow"
        );
        assert_eq!(
            may_invite(MemberKind::Child, None, false, today),
            Err(NotInvitable::NoDateOfBirth)
        );
    }

    #[test]
    fn greeted_by_first_name() {
        assert_eq!(first_name("Kim Jansen"), "Kim");
        assert_eq!(first_name("  Sam "), "Sam");
        assert_eq!(first_name(""), "");
    }

    #[test]
    fn an_invitation_works_fourteen_days_and_once() {
        let issued: Timestamp = "2026-12-07T10:00:00Z".parse().expect("time");
        let ends = invitation_expires(issued);
        assert_eq!(
            ends,
            "2026-12-21T10:00:00Z".parse::<Timestamp>().expect("time")
        );
        let just_before = ends - SignedDuration::from_secs(1);
        assert_eq!(
            invitation_state(ends, false, false, just_before),
            InvitationState::Open
        );
        assert_eq!(
            invitation_state(ends, false, false, ends),
            InvitationState::Expired
        );
        assert_eq!(
            invitation_state(ends, true, false, just_before),
            InvitationState::Used
        );
        assert_eq!(
            invitation_state(ends, true, true, issued),
            InvitationState::Revoked
        );
    }
}
