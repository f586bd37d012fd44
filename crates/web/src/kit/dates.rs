//! How a person reads dates and times (Dutch local time, never ISO), and what "today"
//! means for the dates a form or the API checks.

use jiff::civil::Date;

use crate::kit::texts::Lang;

/// The Dutch calendar day now.
pub fn today() -> Date {
    eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now())
}

const MONTHS_NL: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The short month names a person reads in `lang`.
pub fn months(lang: Lang) -> [&'static str; 12] {
    if lang == Lang::Nl {
        MONTHS_NL
    } else {
        MONTHS_EN
    }
}

/// "5 dec 2026" (English: "5 Dec 2026"): how a person reads a date, never ISO.
pub fn dutch_date(lang: Lang, d: jiff::civil::Date) -> String {
    let months = months(lang);
    let month = months
        .get(usize::try_from(d.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", d.day(), d.year())
}

/// "14:05" in Dutch local time.
pub fn local_time(t: eenplan_domain::UtcTime) -> String {
    let z = t
        .timestamp()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC));
    format!("{:02}:{:02}", z.hour(), z.minute())
}

/// "14 mrt 2026 10:05", in Dutch local time.
pub fn when(lang: Lang, recorded_at: &str) -> String {
    let Ok(t) = eenplan_domain::UtcTime::parse(recorded_at) else {
        return recorded_at.to_owned();
    };
    let Ok(tz) = jiff::tz::TimeZone::get("Europe/Amsterdam") else {
        return recorded_at.to_owned();
    };
    let z = t.timestamp().to_zoned(tz);
    let month = months(lang)
        .get(usize::try_from(z.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or("");
    format!(
        "{} {month} {} {:02}:{:02}",
        z.day(),
        z.year(),
        z.hour(),
        z.minute()
    )
}
