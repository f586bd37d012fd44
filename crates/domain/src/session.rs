//! How long a sign-in lasts: 15 minutes without activity, 12 hours at most
//! (OWASP ASVS 4.0 V3.3 for level 2/3 applications).

use jiff::{SignedDuration, Timestamp};

pub const IDLE_TIMEOUT: SignedDuration = SignedDuration::from_mins(15);
pub const ABSOLUTE_TIMEOUT: SignedDuration = SignedDuration::from_hours(12);
/// Between the password and the second factor: long enough to open an authenticator
/// app (or, at first sign-in, to install one and scan the code).
pub const SECOND_FACTOR_TIMEOUT: SignedDuration = SignedDuration::from_mins(10);
/// Activity is written back at most this often, so reading a page is not a write; with
/// a short idle limit more often (see [`Timeouts::touch_interval`]).
pub const TOUCH_INTERVAL: SignedDuration = SignedDuration::from_secs(60);
/// The write-back interval is at most this fraction of the idle limit: an activity that
/// is not written back shortens the idle limit by up to one interval, so someone who
/// keeps working always has at least three quarters of it left.
const TOUCH_FRACTION: i32 = 4;

/// The timeouts in force; tests and operators may shorten them, never lengthen them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub idle: SignedDuration,
    pub absolute: SignedDuration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            idle: IDLE_TIMEOUT,
            absolute: ABSOLUTE_TIMEOUT,
        }
    }
}

impl Timeouts {
    /// How often activity is written back: once a minute, but never less often than a
    /// quarter of the idle limit. A fixed minute signed out anyone active under an idle
    /// limit of a minute or less, because their activity was never recorded in time.
    pub fn touch_interval(&self) -> SignedDuration {
        TOUCH_INTERVAL.min(self.idle / TOUCH_FRACTION)
    }

    /// Whether `last_seen_at` is old enough to be worth writing back.
    pub fn needs_touch(&self, last_seen_at: Timestamp, now: Timestamp) -> bool {
        now.duration_since(last_seen_at) >= self.touch_interval()
    }

    /// An idle timeout in seconds from configuration, capped at the default.
    pub fn with_idle_seconds(seconds: u64) -> Self {
        let requested = SignedDuration::from_secs(i64::try_from(seconds).unwrap_or(i64::MAX));
        Self {
            idle: requested
                .min(IDLE_TIMEOUT)
                .max(SignedDuration::from_secs(1)),
            absolute: ABSOLUTE_TIMEOUT,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    Alive { expires_at: Timestamp },
    IdleExpired,
    AbsoluteExpired,
}

pub fn liveness(
    timeouts: Timeouts,
    created_at: Timestamp,
    last_seen_at: Timestamp,
    now: Timestamp,
) -> Liveness {
    let absolute_end = created_at + timeouts.absolute;
    let idle_end = last_seen_at + timeouts.idle;
    if now >= absolute_end {
        Liveness::AbsoluteExpired
    } else if now >= idle_end {
        Liveness::IdleExpired
    } else {
        Liveness::Alive {
            expires_at: idle_end.min(absolute_end),
        }
    }
}

/// A form sent just after its session expired is kept this long for its author to sign
/// in again and send it: typed work is never lost to a timeout, and never kept for long.
pub const KEEP_UNSENT_FORM: SignedDuration = SignedDuration::from_hours(1);

/// How long before the idle limit a page with a form warns and offers to extend the
/// session (WCAG 2.2.1 Timing Adjustable asks at least 20 seconds; two minutes leaves
/// time to finish a sentence). A limit under four minutes (tests, strict operators)
/// warns halfway.
pub fn warn_before(idle: SignedDuration) -> SignedDuration {
    WARN_BEFORE.min(idle / 2)
}

const WARN_BEFORE: SignedDuration = SignedDuration::from_mins(2);

/// What the database keeps of a session token: its SHA-256, so a copy of the sessions
/// table opens no session.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    data_encoding::HEXLOWER.encode(&Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().expect("valid")
    }

    #[test]
    fn idle_and_absolute_timeouts() {
        let d = Timeouts::default();
        let start = t("2026-11-23T08:00:00Z");
        assert_eq!(
            liveness(d, start, start, t("2026-11-23T08:14:59Z")),
            Liveness::Alive {
                expires_at: t("2026-11-23T08:15:00Z")
            }
        );
        assert_eq!(
            liveness(d, start, start, t("2026-11-23T08:15:00Z")),
            Liveness::IdleExpired
        );
        // Active all day: still ends after 12 hours.
        let seen = t("2026-11-23T19:59:00Z");
        assert_eq!(
            liveness(d, start, seen, t("2026-11-23T19:59:30Z")),
            Liveness::Alive {
                expires_at: t("2026-11-23T20:00:00Z")
            }
        );
        assert_eq!(
            liveness(d, start, seen, t("2026-11-23T20:00:00Z")),
            Liveness::AbsoluteExpired
        );
    }

    #[test]
    fn configuration_can_only_shorten() {
        assert_eq!(
            Timeouts::with_idle_seconds(5).idle,
            SignedDuration::from_secs(5)
        );
        assert_eq!(Timeouts::with_idle_seconds(86_400).idle, IDLE_TIMEOUT);
        assert_eq!(
            Timeouts::with_idle_seconds(0).idle,
            SignedDuration::from_secs(1)
        );
    }

    #[test]
    fn the_idle_warning_comes_two_minutes_early_or_halfway_for_short_limits() {
        assert_eq!(warn_before(IDLE_TIMEOUT), SignedDuration::from_mins(2));
        assert_eq!(
            warn_before(SignedDuration::from_mins(4)),
            SignedDuration::from_mins(2)
        );
        assert_eq!(
            warn_before(SignedDuration::from_secs(20)),
            SignedDuration::from_secs(10)
        );
    }

    #[test]
    fn touching_is_rate_limited() {
        let d = Timeouts::default();
        let seen = t("2026-11-23T08:00:00Z");
        assert!(!d.needs_touch(seen, t("2026-11-23T08:00:59Z")));
        assert!(d.needs_touch(seen, t("2026-11-23T08:01:00Z")));
        let short = Timeouts::with_idle_seconds(60);
        assert_eq!(short.touch_interval(), SignedDuration::from_secs(15));
        assert!(short.needs_touch(seen, t("2026-11-23T08:00:15Z")));
    }

    /// Someone clicking every two seconds stays signed in for as long as they keep
    /// clicking (up to the absolute limit), whatever idle limit is configured.
    #[test]
    fn an_active_user_is_never_signed_out_for_idleness() {
        for idle in [3, 5, 10, 30, 60, 61, 120, 900] {
            let timeouts = Timeouts::with_idle_seconds(idle);
            let start = t("2026-11-23T08:00:00Z");
            let mut last_seen = start;
            for click in 1..=600 {
                let now = start + SignedDuration::from_secs(2 * click);
                assert!(
                    matches!(
                        liveness(timeouts, start, last_seen, now),
                        Liveness::Alive { .. }
                    ),
                    "idle limit {idle} s: signed out at click {click}"
                );
                if timeouts.needs_touch(last_seen, now) {
                    last_seen = now;
                }
            }
        }
    }
}
