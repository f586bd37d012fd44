//! Who may reach which route. Every route declares one of these; the authorization
//! matrix test enumerates the routes and checks each against every kind of visitor.

use crate::role::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Anyone, signed in or not (sign-in page, health check, public pages).
    Public,
    /// Any signed-in professional.
    SignedIn,
    /// Signed in with at least one of these roles.
    AnyRole(&'static [Role]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Not signed in: sign in first (401 / redirect to the sign-in page).
    SignInFirst,
    /// Signed in, but this is not for your role (403).
    Forbidden,
}

/// `roles` is `None` for a visitor who is not signed in.
pub fn decide(policy: Policy, roles: Option<&[Role]>) -> Decision {
    match (policy, roles) {
        (Policy::Public, _) => Decision::Allow,
        (_, None) => Decision::SignInFirst,
        (Policy::SignedIn, Some(_)) => Decision::Allow,
        (Policy::AnyRole(needed), Some(have)) => {
            if have.iter().any(|r| needed.contains(r)) {
                Decision::Allow
            } else {
                Decision::Forbidden
            }
        }
    }
}

pub const ADMIN: Policy = Policy::AnyRole(&[Role::FunctionalAdmin]);
pub const SIGNED_IN: Policy = Policy::SignedIn;
/// The access log and emergency reviews (NEN 7513): the privacy officer's work.
pub const PRIVACY_OFFICER: Policy = Policy::AnyRole(&[Role::PrivacyOfficer]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions() {
        assert_eq!(decide(Policy::Public, None), Decision::Allow);
        assert_eq!(decide(Policy::SignedIn, None), Decision::SignInFirst);
        assert_eq!(
            decide(Policy::SignedIn, Some(&[Role::Professional])),
            Decision::Allow
        );
        assert_eq!(decide(ADMIN, None), Decision::SignInFirst);
        assert_eq!(
            decide(ADMIN, Some(&[Role::Professional, Role::TeamLead])),
            Decision::Forbidden
        );
        assert_eq!(
            decide(ADMIN, Some(&[Role::Professional, Role::FunctionalAdmin])),
            Decision::Allow
        );
    }
}
