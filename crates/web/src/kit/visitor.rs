//! Who the request comes from, as the guards in `auth` resolved it.

use eenplan_store::{FamilyPrincipal, FamilySession, Principal, SessionRecord};

/// The request's visitor, put in the request extensions by `auth::resolve`.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    pub principal: Option<Principal>,
    /// The active session behind `principal`.
    pub session: Option<SessionRecord>,
    /// A session was presented but had timed out (the sign-in page says so).
    pub expired: bool,
    /// Set by the family guard while the visitor works under emergency access.
    pub emergency_until: Option<eenplan_domain::UtcTime>,
    /// When the page session ends without activity, for the page's idle warning.
    pub clock: Option<SessionClock>,
    /// The signed-in person's unread notifications, for the bell in the page header
    /// (pages only: the API has no header).
    pub unread: Option<i64>,
    /// A family member signed in with a family account (issue 17 §1): a principal of
    /// its own kind, never at the same time as `principal`.
    pub family: Option<FamilyPrincipal>,
    /// The active family session behind `family`.
    pub family_session: Option<FamilySession>,
}

/// Seconds from this response until the session's end, and how early to warn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionClock {
    pub ends_in: i64,
    /// The whole idle limit: where the clock starts again after "stay signed in".
    pub idle: i64,
    pub warn_before: i64,
}

impl Visitor {
    pub fn csrf_token(&self) -> &str {
        match (&self.session, &self.family_session) {
            (Some(s), _) => s.csrf_token.as_str(),
            (None, Some(f)) => f.csrf_token.as_str(),
            (None, None) => "",
        }
    }
}
