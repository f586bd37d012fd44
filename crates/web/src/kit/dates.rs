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

/// A month (1 to 12) written out: "november"; empty for anything else.
pub fn month_name(lang: Lang, month: i8) -> &'static str {
    let months = if lang == Lang::Nl {
        eenplan_domain::calendar::MONTHS_NL
    } else {
        eenplan_domain::calendar::MONTHS_EN
    };
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| months.get(i))
        .copied()
        .unwrap_or_default()
}

/// "5 december 2026": a date written out, for paper and for comparing versions.
pub fn long_date(lang: Lang, d: Date) -> String {
    format!("{} {} {}", d.day(), month_name(lang, d.month()), d.year())
}

/// A stored date or moment as a person reads it: "5 dec 2026" for a date,
/// "5 dec 2026 14:05" (Amsterdam time) for a moment; anything else (already words, or
/// empty) as it is. For templates that hold a store row whose dates are ISO text.
pub fn shown(lang: Lang, stored: impl std::fmt::Display) -> String {
    let text = stored.to_string();
    if let Ok(d) = text.trim().parse::<Date>() {
        return dutch_date(lang, d);
    }
    if eenplan_domain::UtcTime::parse(text.trim()).is_ok() {
        return when(lang, text.trim());
    }
    text
}

/// "Mila Brouwer (7 nov 2014)": a child named with the date of birth that tells two
/// children of one name apart, as a person reads the date.
pub fn with_birth(lang: Lang, name: &str, born: Option<Date>) -> String {
    match born {
        Some(d) => format!("{name} ({})", dutch_date(lang, d)),
        None => name.to_owned(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_and_moments_read_as_a_person_reads_them() {
        assert_eq!(
            shown(Lang::Nl, jiff::civil::date(2026, 12, 5)),
            "5 dec 2026"
        );
        assert_eq!(shown(Lang::En, "2026-03-14"), "14 Mar 2026");
        assert_eq!(shown(Lang::Nl, "2026-03-14T09:05:00Z"), "14 mrt 2026 10:05");
        assert_eq!(shown(Lang::Nl, ""), "");
        assert_eq!(shown(Lang::Nl, "al woorden"), "al woorden");
    }

    #[test]
    fn dates_and_times_read_dutch_in_amsterdam_time() {
        assert_eq!(
            dutch_date(Lang::Nl, jiff::civil::date(2026, 12, 5)),
            "5 dec 2026"
        );
        assert_eq!(
            dutch_date(Lang::En, jiff::civil::date(2026, 3, 5)),
            "5 Mar 2026"
        );
        // 13:05 UTC in winter is 14:05 in Amsterdam; in summer 15:05.
        assert_eq!(
            when(Lang::Nl, "2026-12-05T13:05:33.123456Z"),
            "5 dec 2026 14:05"
        );
        assert_eq!(
            when(Lang::Nl, "2026-07-01T13:05:00.000000Z"),
            "1 jul 2026 15:05"
        );
    }
}
