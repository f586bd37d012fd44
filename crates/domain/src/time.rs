//! Instants in UTC. The Dutch calendar (office hours, working days) builds on this.

use std::fmt;

/// An instant in UTC with microsecond precision.
///
/// Stored as fixed-width RFC 3339 text (`2026-11-22T06:42:05.123456Z`) so it sorts as
/// text on both backends, reads plainly in a dump, and hashes identically in the
/// journal whichever database it went through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcTime(jiff::Timestamp);

/// Text that is not an RFC 3339 instant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an RFC 3339 UTC time such as 2026-11-22T06:42:05.123456Z")]
pub struct TimeParseError(pub String);

impl UtcTime {
    /// Reads the system clock. Rules never call this; they take the time as an argument.
    pub fn now() -> Self {
        Self::from_timestamp(jiff::Timestamp::now())
    }

    /// Truncates to whole microseconds, the precision both databases keep.
    pub fn from_timestamp(ts: jiff::Timestamp) -> Self {
        let micros = ts.as_microsecond();
        // In range: a Timestamp's microseconds always convert back.
        Self(jiff::Timestamp::from_microsecond(micros).unwrap_or(ts))
    }

    pub fn timestamp(self) -> jiff::Timestamp {
        self.0
    }

    /// The fixed-width storage form.
    pub fn to_rfc3339(self) -> String {
        let dt = jiff::tz::TimeZone::UTC.to_datetime(self.0);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second(),
            dt.subsec_nanosecond() / 1000
        )
    }

    pub fn parse(text: &str) -> Result<Self, TimeParseError> {
        text.parse::<jiff::Timestamp>()
            .map(Self::from_timestamp)
            .map_err(|_| TimeParseError(text.to_owned()))
    }
}

/// The calendar date in the Netherlands at instant `t`. Timezone data is compiled in
/// (jiff's bundled tzdb), so the answer never depends on the host.
pub fn amsterdam_date(t: UtcTime) -> jiff::civil::Date {
    match jiff::tz::TimeZone::get("Europe/Amsterdam") {
        Ok(tz) => t.0.to_zoned(tz).date(),
        Err(_) => jiff::tz::TimeZone::UTC.to_datetime(t.0).date(),
    }
}

/// The instant a Dutch calendar day begins (midnight in Amsterdam), so "from 1 March"
/// in a filter means what a Dutch reader expects, also around the DST switches.
pub fn amsterdam_day_start(d: jiff::civil::Date) -> UtcTime {
    let tz = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC);
    match d.to_zoned(tz) {
        Ok(z) => UtcTime::from_timestamp(z.timestamp()),
        Err(_) => UtcTime::from_timestamp(jiff::Timestamp::UNIX_EPOCH),
    }
}

impl fmt::Display for UtcTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dutch_day_starts_at_midnight_in_amsterdam_summer_and_winter() {
        let winter = amsterdam_day_start(jiff::civil::date(2026, 3, 1));
        assert_eq!(winter.to_rfc3339(), "2026-02-28T23:00:00.000000Z");
        let summer = amsterdam_day_start(jiff::civil::date(2026, 3, 30));
        assert_eq!(summer.to_rfc3339(), "2026-03-29T22:00:00.000000Z");
    }

    #[test]
    fn storage_form_is_fixed_width_and_round_trips() {
        let t = UtcTime::parse("2026-03-29T01:30:00+02:00").expect("valid");
        assert_eq!(t.to_rfc3339(), "2026-03-28T23:30:00.000000Z");
        let precise = UtcTime::parse("2026-11-22T06:42:05.123456789Z").expect("valid");
        assert_eq!(precise.to_rfc3339(), "2026-11-22T06:42:05.123456Z");
        assert_eq!(UtcTime::parse(&precise.to_rfc3339()), Ok(precise));
    }

    #[test]
    fn text_order_is_time_order() {
        let a = UtcTime::parse("2026-01-01T00:00:00.5Z").expect("valid");
        let b = UtcTime::parse("2026-01-01T00:00:01Z").expect("valid");
        assert!(a < b);
        assert!(a.to_rfc3339() < b.to_rfc3339());
    }

    #[test]
    fn amsterdam_dates_follow_the_dutch_day() {
        // 23:30 UTC in winter is already the next day in Amsterdam (UTC+1).
        let late = UtcTime::parse("2026-11-22T23:30:00Z").expect("valid");
        assert_eq!(amsterdam_date(late), jiff::civil::date(2026, 11, 23));
        // 21:59 UTC in summer is 23:59 the same day (UTC+2).
        let summer = UtcTime::parse("2026-07-01T21:59:00Z").expect("valid");
        assert_eq!(amsterdam_date(summer), jiff::civil::date(2026, 7, 1));
    }

    #[test]
    fn rejects_non_rfc3339() {
        assert!(UtcTime::parse("22-11-2026").is_err());
        assert!(UtcTime::parse("2026-11-22").is_err());
    }
}
