//! The two Dutch calendars, one place for every deadline and office-hours rule.
//!
//! **The statutory calendar** ([`StatutoryCalendar`]) counts every legal term (Veilig
//! Thuis's five working days and every later legal deadline). Source: the Algemene
//! termijnenwet (Atw). Art. 3 lid 1 names the "algemeen erkende feestdagen": New Year's
//! Day, Easter Monday and Whit Monday, Christmas and Boxing Day, Ascension Day, the day
//! the King's birthday is celebrated and 5 May; lid 2 equates Good Friday with them; lid 3
//! lets a royal decree equate further days (published every three years in the
//! Staatscourant). Those decreed days are data (the `statutory_days` table, kept by the
//! operator with `eenplan statutory-day`), handed to the calendar, never code. How a term
//! is counted follows art. 1 and 2 (see [`StatutoryCalendar::term_end`]). King's Day moves
//! to 26 April when 27 April is a Sunday (Wet vaststelling Koningsdag, 2013).
//!
//! **The office calendar** ([`Calendar`]) says when an employer's office is open (the
//! crisis routing, SAVE op locatie): working days 08:30–17:00 Amsterdam time, closed on
//! the national holidays. Good Friday and Liberation Day are days off only by collective
//! agreement, so they are working days unless configured (source: the seed texts for the
//! office hours; CAO Jeugdzorg for the optional days).

use jiff::civil::{Date, Time, Weekday, date, time};
use jiff::tz::TimeZone;

use crate::UtcTime;
use crate::codes::code_list;

code_list! {
    Holiday, "holiday" {
        NewYear = "new_year", "Nieuwjaarsdag", "New Year's Day";
        GoodFriday = "good_friday", "Goede Vrijdag", "Good Friday";
        EasterMonday = "easter_monday", "Tweede paasdag", "Easter Monday";
        KingsDay = "kings_day", "Koningsdag", "King's Day";
        LiberationDay = "liberation_day", "Bevrijdingsdag", "Liberation Day";
        AscensionDay = "ascension_day", "Hemelvaartsdag", "Ascension Day";
        WhitMonday = "whit_monday", "Tweede pinksterdag", "Whit Monday";
        ChristmasDay = "christmas_day", "Eerste kerstdag", "Christmas Day";
        BoxingDay = "boxing_day", "Tweede kerstdag", "Boxing Day";
    }
}

/// Office hours begin at 08:30 (inside) and end at 17:00 (outside).
/// The months written out, as a person reads them in Dutch and in English: the one
/// list the pilots' starts and the pages' month names share.
pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "3 december 2026" (English: "3 December 2026"): a date written out in a sentence a
/// person reads, never ISO.
pub fn written_date(d: Date, english: bool) -> String {
    let names = if english { MONTHS_EN } else { MONTHS_NL };
    let month = usize::try_from(d.month() - 1)
        .ok()
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", d.day(), d.year())
}

pub const OFFICE_OPENS: Time = time(8, 30, 0, 0);
pub const OFFICE_CLOSES: Time = time(17, 0, 0, 0);

/// The office calendar of an employer: which optional days off apply (collective
/// agreements differ). Not for legal terms: those use [`StatutoryCalendar`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Calendar {
    pub good_friday_off: bool,
    pub liberation_day_off: bool,
}

fn amsterdam() -> TimeZone {
    TimeZone::get("Europe/Amsterdam").unwrap_or(TimeZone::UTC)
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and
/// Butcher), valid for every year jiff can represent.
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1..=31 by construction.
    date(year, month as i8, day as i8)
}

fn plus(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap_or(d)
}

/// The nine days of Atw art. 3 lid 1 and 2 that fall in `d`'s year, with what they are.
fn national_days(year: i16) -> [(Date, Holiday); 9] {
    let easter = easter_sunday(year);
    let kings_day = {
        let the_27th = date(year, 4, 27);
        if the_27th.weekday() == Weekday::Sunday {
            date(year, 4, 26)
        } else {
            the_27th
        }
    };
    [
        (date(year, 1, 1), Holiday::NewYear),
        (plus(easter, -2), Holiday::GoodFriday),
        (plus(easter, 1), Holiday::EasterMonday),
        (kings_day, Holiday::KingsDay),
        (date(year, 5, 5), Holiday::LiberationDay),
        (plus(easter, 39), Holiday::AscensionDay),
        (plus(easter, 50), Holiday::WhitMonday),
        (date(year, 12, 25), Holiday::ChristmasDay),
        (date(year, 12, 26), Holiday::BoxingDay),
    ]
}

fn weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

impl Calendar {
    /// The public holiday on `d`, if any (counting the optional days only when they are
    /// configured as days off).
    pub fn holiday(&self, d: Date) -> Option<Holiday> {
        national_days(d.year())
            .iter()
            .find(|(day, h)| {
                *day == d
                    && match h {
                        Holiday::GoodFriday => self.good_friday_off,
                        Holiday::LiberationDay => self.liberation_day_off,
                        _ => true,
                    }
            })
            .map(|(_, h)| *h)
    }

    /// Monday to Friday and not a public holiday.
    pub fn is_working_day(&self, d: Date) -> bool {
        !weekend(d) && self.holiday(d).is_none()
    }

    /// Whether instant `t` falls in office hours: a working day in Amsterdam, from 08:30
    /// up to (not including) 17:00 local time.
    pub fn in_office_hours(&self, t: UtcTime) -> bool {
        let local = t.timestamp().to_zoned(amsterdam());
        let clock = local.time();
        self.is_working_day(local.date()) && OFFICE_OPENS <= clock && clock < OFFICE_CLOSES
    }

    /// The date `n` working days after `d` (`d` itself does not count; `n = 0` is `d`).
    pub fn add_working_days(&self, d: Date, n: u32) -> Date {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day = plus(day, 1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }
}

/// Why a day is not a day on which a statutory term can end (Atw art. 1 and 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    Saturday,
    Sunday,
    /// Art. 3 lid 1, or Good Friday by lid 2.
    Holiday(Holiday),
    /// Equated with a holiday by royal decree (art. 3 lid 3).
    Equated,
}

/// A legal term, as the law states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// "Binnen N werkdagen": counts only days that are no Saturday, Sunday, holiday or
    /// equated day.
    WorkingDays(u32),
    /// A term of N calendar days.
    Days(u32),
    Weeks(u32),
    Months(u32),
}

/// The calendar of the Algemene termijnenwet, with the days a royal decree equated with
/// a holiday (art. 3 lid 3) as the store loads them; the domain does no I/O.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatutoryCalendar {
    equated: std::collections::BTreeSet<Date>,
}

impl StatutoryCalendar {
    pub fn new(equated: impl IntoIterator<Item = Date>) -> Self {
        Self {
            equated: equated.into_iter().collect(),
        }
    }

    /// Why `d` is no day for a term to end on, or `None` when it is one.
    pub fn day_off(&self, d: Date) -> Option<DayOff> {
        match d.weekday() {
            Weekday::Saturday => return Some(DayOff::Saturday),
            Weekday::Sunday => return Some(DayOff::Sunday),
            _ => {}
        }
        if let Some((_, h)) = national_days(d.year()).iter().find(|(day, _)| *day == d) {
            return Some(DayOff::Holiday(*h));
        }
        self.equated.contains(&d).then_some(DayOff::Equated)
    }

    /// Not a Saturday, Sunday, holiday (art. 3 lid 1 and 2) or equated day (lid 3).
    pub fn is_working_day(&self, d: Date) -> bool {
        self.day_off(d).is_none()
    }

    /// The `n`-th working day after `d`; `d` itself (the day of receipt) is day 0.
    pub fn add_working_days(&self, d: Date, n: u32) -> Date {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day = plus(day, 1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The last day of `term` counted from `start` (the day of receipt or decision,
    /// which does not count itself).
    ///
    /// - Working days skip every day off, so the result is a working day.
    /// - A term in days, weeks or months ends on that calendar date (a month from the
    ///   31st ends on the month's last day). If that is a Saturday, Sunday, holiday or
    ///   equated day, the term runs on through the next day that is none of those
    ///   (Atw art. 1 lid 1).
    /// - A term of at least three days runs on, if needed, until it holds at least two
    ///   days that are none of those (art. 2).
    ///
    /// Art. 1 lid 2 (terms counted back from a moment are not moved) has no use here:
    /// no term is counted backwards.
    pub fn term_end(&self, start: Date, term: Term) -> Date {
        let span = match term {
            Term::WorkingDays(n) => return self.add_working_days(start, n),
            Term::Days(n) => jiff::Span::new().days(i64::from(n)),
            Term::Weeks(n) => jiff::Span::new().weeks(i64::from(n)),
            Term::Months(n) => jiff::Span::new().months(i64::from(n)),
        };
        let stated = start.checked_add(span).unwrap_or(start);
        let mut end = stated;
        // Art. 1 lid 1.
        while !self.is_working_day(end) {
            end = plus(end, 1);
        }
        // Art. 2: only for a term of at least three days, as the law states it.
        if (stated - start).get_days() >= 3 {
            end = end.max(self.add_working_days(start, 2));
        }
        end
    }
}

/// Why an equated day cannot be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EquatedDayError {
    #[error("name the decree: its Staatscourant reference (e.g. \"Stcrt. 2024, 12345\")")]
    ReferenceNeeded,
    #[error("a reference has at most 200 characters")]
    ReferenceTooLong,
    #[error("a Saturday or Sunday is already no working day: a decree equates weekdays")]
    Weekend,
    #[error("this day is already a holiday under Atw art. 3 lid 1 or 2")]
    AlreadyHoliday,
    #[error("a decree covers the years around now: choose a year from 2000 to 2100")]
    OutOfRange,
}

/// Checks a day an operator equates with a holiday, with its Staatscourant reference.
pub fn check_equated_day(d: Date, reference: &str) -> Result<(), EquatedDayError> {
    let reference = reference.trim();
    if reference.is_empty() {
        return Err(EquatedDayError::ReferenceNeeded);
    }
    if reference.chars().count() > 200 {
        return Err(EquatedDayError::ReferenceTooLong);
    }
    if !(2000..=2100).contains(&d.year()) {
        return Err(EquatedDayError::OutOfRange);
    }
    if weekend(d) {
        return Err(EquatedDayError::Weekend);
    }
    match StatutoryCalendar::default().day_off(d) {
        Some(DayOff::Holiday(_)) => Err(EquatedDayError::AlreadyHoliday),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> UtcTime {
        UtcTime::parse(text).unwrap()
    }

    #[test]
    fn easter_sunday_2024_to_2030() {
        let expected = [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            // Edge years of the algorithm's range of dates.
            (2285, 3, 22),
            (2038, 4, 25),
        ];
        for (y, m, d) in expected {
            assert_eq!(easter_sunday(y), date(y, m, d), "{y}");
        }
    }

    #[test]
    fn the_public_holidays_of_2024_to_2030() {
        let cal = Calendar::default();
        let expected: &[(i16, [(i8, i8); 7])] = &[
            // New Year, Easter Monday, King's Day, Ascension, Whit Monday, Christmas, Boxing Day
            (
                2024,
                [(1, 1), (4, 1), (4, 27), (5, 9), (5, 20), (12, 25), (12, 26)],
            ),
            (
                2025,
                [
                    (1, 1),
                    (4, 21),
                    (4, 26),
                    (5, 29),
                    (6, 9),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2026,
                [
                    (1, 1),
                    (4, 6),
                    (4, 27),
                    (5, 14),
                    (5, 25),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2027,
                [
                    (1, 1),
                    (3, 29),
                    (4, 27),
                    (5, 6),
                    (5, 17),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2028,
                [
                    (1, 1),
                    (4, 17),
                    (4, 27),
                    (5, 25),
                    (6, 5),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2029,
                [
                    (1, 1),
                    (4, 2),
                    (4, 27),
                    (5, 10),
                    (5, 21),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2030,
                [
                    (1, 1),
                    (4, 22),
                    (4, 27),
                    (5, 30),
                    (6, 10),
                    (12, 25),
                    (12, 26),
                ],
            ),
        ];
        let kinds = [
            Holiday::NewYear,
            Holiday::EasterMonday,
            Holiday::KingsDay,
            Holiday::AscensionDay,
            Holiday::WhitMonday,
            Holiday::ChristmasDay,
            Holiday::BoxingDay,
        ];
        for (year, days) in expected {
            let mut found = 0;
            let mut d = date(*year, 1, 1);
            while d.year() == *year {
                if let Some(h) = cal.holiday(d) {
                    let i = kinds.iter().position(|k| *k == h).unwrap();
                    assert_eq!((d.month(), d.day()), days[i], "{h:?} {year}");
                    found += 1;
                }
                d = plus(d, 1);
            }
            assert_eq!(found, 7, "{year}: exactly the seven national holidays");
        }
    }

    #[test]
    fn no_office_hours_on_any_holiday_of_2024_to_2030() {
        let cal = Calendar::default();
        let mut d = date(2024, 1, 1);
        let mut holidays = 0;
        while d.year() <= 2030 {
            if cal.holiday(d).is_some() {
                holidays += 1;
                // 10:00 in Amsterdam, whatever the season.
                let ten = d
                    .to_zoned(amsterdam())
                    .unwrap()
                    .with()
                    .hour(10)
                    .build()
                    .unwrap();
                assert!(
                    !cal.in_office_hours(UtcTime::from_timestamp(ten.timestamp())),
                    "{d}"
                );
            }
            d = plus(d, 1);
        }
        assert_eq!(holidays, 7 * 7);
    }

    #[test]
    fn kings_day_moves_to_the_26th_when_the_27th_is_a_sunday() {
        let cal = Calendar::default();
        assert_eq!(date(2025, 4, 27).weekday(), Weekday::Sunday);
        assert_eq!(cal.holiday(date(2025, 4, 26)), Some(Holiday::KingsDay));
        assert_eq!(cal.holiday(date(2025, 4, 27)), None);
        assert_eq!(cal.holiday(date(2031, 4, 26)), Some(Holiday::KingsDay));
    }

    #[test]
    fn good_friday_and_liberation_day_only_when_configured() {
        let default = Calendar::default();
        let all = Calendar {
            good_friday_off: true,
            liberation_day_off: true,
        };
        assert_eq!(default.holiday(date(2026, 4, 3)), None);
        assert!(default.is_working_day(date(2026, 4, 3)));
        assert_eq!(all.holiday(date(2026, 4, 3)), Some(Holiday::GoodFriday));
        assert_eq!(default.holiday(date(2026, 5, 5)), None);
        assert_eq!(all.holiday(date(2026, 5, 5)), Some(Holiday::LiberationDay));
        assert!(!all.is_working_day(date(2026, 5, 5)));
    }

    #[test]
    fn office_hours_boundaries_in_winter_and_summer_time() {
        let cal = Calendar::default();
        // Monday 23 November 2026, winter time (UTC+1).
        assert!(!cal.in_office_hours(at("2026-11-23T07:29:59Z")));
        assert!(
            cal.in_office_hours(at("2026-11-23T07:30:00Z")),
            "08:30 is inside"
        );
        assert!(cal.in_office_hours(at("2026-11-23T15:59:59Z")));
        assert!(
            !cal.in_office_hours(at("2026-11-23T16:00:00Z")),
            "17:00 is outside"
        );
        // Monday 15 June 2026, summer time (UTC+2).
        assert!(!cal.in_office_hours(at("2026-06-15T06:29:59Z")));
        assert!(cal.in_office_hours(at("2026-06-15T06:30:00Z")));
        assert!(!cal.in_office_hours(at("2026-06-15T15:00:00Z")));
        // Weekend and holidays are outside all day.
        assert!(!cal.in_office_hours(at("2026-11-21T10:00:00Z")), "Saturday");
        assert!(!cal.in_office_hours(at("2026-11-22T10:00:00Z")), "Sunday");
        assert!(
            !cal.in_office_hours(at("2026-12-25T10:00:00Z")),
            "Christmas"
        );
        assert!(
            !cal.in_office_hours(at("2026-04-27T10:00:00Z")),
            "King's Day"
        );
    }

    #[test]
    fn the_dst_switch_days() {
        let cal = Calendar::default();
        // 29 March 2026: clocks go from 02:00 to 03:00 (a Sunday, so outside).
        assert!(!cal.in_office_hours(at("2026-03-29T08:00:00Z")));
        // Monday 30 March: 08:30 local is 06:30 UTC (summer time).
        assert!(!cal.in_office_hours(at("2026-03-30T06:29:59Z")));
        assert!(cal.in_office_hours(at("2026-03-30T06:30:00Z")));
        assert!(!cal.in_office_hours(at("2026-03-30T15:00:00Z")));
        // Friday 27 March, still winter time: 08:30 local is 07:30 UTC.
        assert!(!cal.in_office_hours(at("2026-03-27T06:30:00Z")));
        assert!(cal.in_office_hours(at("2026-03-27T07:30:00Z")));
        // 25 October 2026: clocks go back from 03:00 to 02:00 (Sunday); Monday 26th is winter time.
        assert!(!cal.in_office_hours(at("2026-10-25T08:00:00Z")));
        assert!(!cal.in_office_hours(at("2026-10-26T06:30:00Z")));
        assert!(cal.in_office_hours(at("2026-10-26T07:30:00Z")));
        assert!(!cal.in_office_hours(at("2026-10-26T16:00:00Z")));
        // The local date around midnight follows Amsterdam, not UTC.
        assert_eq!(
            crate::time::amsterdam_date(at("2026-10-24T22:30:00Z")),
            date(2026, 10, 25)
        );
    }

    #[test]
    fn adding_working_days_skips_weekends_and_holidays() {
        let cal = Calendar::default();
        // Friday + 5 working days = next Friday.
        assert_eq!(
            cal.add_working_days(date(2026, 11, 20), 5),
            date(2026, 11, 27)
        );
        assert_eq!(
            cal.add_working_days(date(2026, 11, 20), 0),
            date(2026, 11, 20)
        );
        // A report on Thursday before Easter 2026: Easter Monday (6 April) does not count.
        assert_eq!(cal.add_working_days(date(2026, 4, 2), 5), date(2026, 4, 10));
        // With Good Friday off too.
        let friday_off = Calendar {
            good_friday_off: true,
            ..Calendar::default()
        };
        assert_eq!(
            friday_off.add_working_days(date(2026, 4, 2), 5),
            date(2026, 4, 13)
        );
        // Over Christmas and New Year 2026/27.
        assert_eq!(
            cal.add_working_days(date(2026, 12, 23), 5),
            date(2026, 12, 31)
        );
        assert_eq!(
            cal.add_working_days(date(2026, 12, 23), 6),
            date(2027, 1, 4)
        );
        // From a Saturday: Monday is the first working day.
        assert_eq!(
            cal.add_working_days(date(2026, 11, 21), 1),
            date(2026, 11, 23)
        );
        // Ascension Thursday 2026 (14 May).
        assert_eq!(
            cal.add_working_days(date(2026, 5, 13), 1),
            date(2026, 5, 15)
        );
    }

    /// The decreed days of 2025 as the seed holds them (Stcrt. 2022, the pattern).
    fn decreed_2025() -> StatutoryCalendar {
        StatutoryCalendar::new([date(2025, 5, 30)])
    }

    #[test]
    fn the_statutory_calendar_knows_every_atw_day() {
        let cal = StatutoryCalendar::default();
        assert_eq!(
            cal.day_off(date(2025, 4, 18)),
            Some(DayOff::Holiday(Holiday::GoodFriday)),
            "Good Friday by art. 3 lid 2"
        );
        assert_eq!(
            cal.day_off(date(2025, 5, 5)),
            Some(DayOff::Holiday(Holiday::LiberationDay))
        );
        assert_eq!(
            cal.day_off(date(2026, 4, 27)),
            Some(DayOff::Holiday(Holiday::KingsDay))
        );
        assert_eq!(cal.day_off(date(2025, 5, 30)), None, "not decreed here");
        assert_eq!(
            decreed_2025().day_off(date(2025, 5, 30)),
            Some(DayOff::Equated)
        );
        assert_eq!(cal.day_off(date(2025, 5, 31)), Some(DayOff::Saturday));
        // The office calendar keeps Good Friday and 5 May as working days by default.
        assert!(Calendar::default().is_working_day(date(2025, 4, 18)));
        assert!(Calendar::default().is_working_day(date(2025, 5, 5)));
    }

    #[test]
    fn working_day_terms_skip_5_may_good_friday_and_equated_days() {
        let cal = decreed_2025();
        // Wednesday 30 April 2025: 5 May does not count.
        assert_eq!(
            cal.term_end(date(2025, 4, 30), Term::WorkingDays(5)),
            date(2025, 5, 8)
        );
        // Thursday 17 April 2025: Good Friday and Easter Monday do not count.
        assert_eq!(
            cal.term_end(date(2025, 4, 17), Term::WorkingDays(5)),
            date(2025, 4, 28)
        );
        // Wednesday 28 May 2025: Ascension and the decreed Friday after it.
        assert_eq!(
            cal.term_end(date(2025, 5, 28), Term::WorkingDays(5)),
            date(2025, 6, 6)
        );
        assert_eq!(
            StatutoryCalendar::default().term_end(date(2025, 5, 28), Term::WorkingDays(5)),
            date(2025, 6, 5),
            "without the decree the Friday counts"
        );
        assert_eq!(
            cal.add_working_days(date(2025, 5, 28), 0),
            date(2025, 5, 28)
        );
    }

    #[test]
    fn week_and_month_terms_move_off_weekends_and_holidays() {
        let cal = decreed_2025();
        // A month from 5 April 2025 ends on 5 May, a holiday: Tuesday 6 May (art. 1).
        assert_eq!(
            cal.term_end(date(2025, 4, 5), Term::Months(1)),
            date(2025, 5, 6)
        );
        // Two weeks from Saturday 12 April ends on Saturday 26 April (King's Day too).
        assert_eq!(
            cal.term_end(date(2025, 4, 12), Term::Weeks(2)),
            date(2025, 4, 28)
        );
        // A month from 31 January ends on the last day of February (a Friday).
        assert_eq!(
            cal.term_end(date(2025, 1, 31), Term::Months(1)),
            date(2025, 2, 28)
        );
        // Six weeks from Friday 18 April ends on Friday 30 May: decreed, so Monday 2 June.
        assert_eq!(
            cal.term_end(date(2025, 4, 18), Term::Weeks(6)),
            date(2025, 6, 2)
        );
        // On a working day nothing moves.
        assert_eq!(
            cal.term_end(date(2025, 3, 3), Term::Months(1)),
            date(2025, 4, 3)
        );
    }

    #[test]
    fn a_term_of_three_days_or_more_holds_two_working_days() {
        let cal = decreed_2025();
        // Three days from Thursday 17 April 2025 end on Easter Sunday; art. 1 moves
        // past Easter Monday to Tuesday 22, which is the only working day in the term;
        // art. 2 runs it on to Wednesday 23.
        assert_eq!(
            cal.term_end(date(2025, 4, 17), Term::Days(3)),
            date(2025, 4, 23)
        );
        // Three days from Thursday 24 December 2026: Christmas, Boxing Day, Sunday;
        // Monday 28 is the only working day, so Tuesday 29.
        assert_eq!(
            cal.term_end(date(2026, 12, 24), Term::Days(3)),
            date(2026, 12, 29)
        );
        // Two days: art. 2 does not apply, art. 1 does. From Thursday 17 April 2025 the
        // term ends on Saturday 19 April and moves to Tuesday 22.
        assert_eq!(
            cal.term_end(date(2025, 4, 17), Term::Days(2)),
            date(2025, 4, 22)
        );
        // Three days from Monday 3 March 2025: Thursday 6 March, nothing to add.
        assert_eq!(
            cal.term_end(date(2025, 3, 3), Term::Days(3)),
            date(2025, 3, 6)
        );
        // Three days from Wednesday: Saturday, moved to Monday (two working days: Thu, Fri).
        assert_eq!(
            cal.term_end(date(2025, 3, 5), Term::Days(3)),
            date(2025, 3, 10)
        );
    }

    #[test]
    fn an_equated_day_needs_a_reference_and_a_weekday_that_is_no_holiday() {
        assert_eq!(
            check_equated_day(date(2025, 5, 30), "Stcrt. 2022, 12345"),
            Ok(())
        );
        assert_eq!(
            check_equated_day(date(2025, 5, 30), "  "),
            Err(EquatedDayError::ReferenceNeeded)
        );
        assert_eq!(
            check_equated_day(date(2025, 5, 31), "Stcrt. 2022, 12345"),
            Err(EquatedDayError::Weekend)
        );
        assert_eq!(
            check_equated_day(date(2025, 5, 5), "Stcrt. 2022, 12345"),
            Err(EquatedDayError::AlreadyHoliday)
        );
        assert_eq!(
            check_equated_day(date(1999, 5, 3), "Stcrt. 1997, 1"),
            Err(EquatedDayError::OutOfRange)
        );
    }
}
