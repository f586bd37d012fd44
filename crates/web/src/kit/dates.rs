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

/// A date as a person types it: the Dutch way (`5-12-2026`, `05-12-2026`, also with `/`
/// or `.`) or as a browser's date field sends it (`2026-12-05`). `None` for anything
/// else, so the form can say so at the field with what was typed kept.
pub fn typed_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(d) = text.parse::<Date>() {
        return Some(d);
    }
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    let (day, month, year) = (number(day, 2)?, number(month, 2)?, number(year, 4)?);
    if year < 1000 {
        return None;
    }
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_typed_the_dutch_way_or_by_a_date_field_is_read() {
        let d = jiff::civil::date(2026, 12, 5);
        for typed in [
            "5-12-2026",
            "05-12-2026",
            " 5/12/2026 ",
            "5.12.2026",
            "2026-12-05",
        ] {
            assert_eq!(typed_date(typed), Some(d), "{typed}");
        }
        for wrong in [
            "31-02-2026",
            "5-12-26",
            "12-2026",
            "vijf december",
            "",
            "5-12-2026-1",
        ] {
            assert_eq!(typed_date(wrong), None, "{wrong}");
        }
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
