//! Throttling sign-in. Failures are counted per e-mail address as typed (whether or not
//! an account exists, so the answer never reveals that) and per client address.

use jiff::SignedDuration;

/// The window over which failures are counted, and how long a lock lasts.
pub const WINDOW: SignedDuration = SignedDuration::from_mins(15);
/// Failures for one e-mail address within the window before it is locked.
pub const MAX_FAILURES_PER_ACCOUNT: u32 = 5;
/// Failures from one client address within the window before it is refused (429).
pub const MAX_FAILURES_PER_CLIENT: u32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    Allow,
    /// Too many failures for this e-mail address: locked until the window passes.
    AccountLocked,
    /// Too many failures from this client: 429.
    ClientLimited,
}

pub fn throttle(account_failures: u32, client_failures: u32) -> Throttle {
    if client_failures >= MAX_FAILURES_PER_CLIENT {
        Throttle::ClientLimited
    } else if account_failures >= MAX_FAILURES_PER_ACCOUNT {
        Throttle::AccountLocked
    } else {
        Throttle::Allow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(throttle(0, 0), Throttle::Allow);
        assert_eq!(throttle(4, 29), Throttle::Allow);
        assert_eq!(throttle(5, 0), Throttle::AccountLocked);
        assert_eq!(throttle(0, 30), Throttle::ClientLimited);
        assert_eq!(throttle(9, 30), Throttle::ClientLimited);
    }
}
