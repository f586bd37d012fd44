//! The Dutch calendar: local time in Europe/Amsterdam (timezone data compiled in),
//! working days, the national public holidays and office hours. One place for every
//! deadline and office-hours rule (the crisis routing, Veilig Thuis's five working days).
//!
//! Sources: Algemene termijnenwet art. 3 and its list of "algemeen erkende feestdagen"
//! (New Year's Day, Easter Monday, King's Day, Ascension Day, Whit Monday, Christmas and
//! Boxing Day; Good Friday and Liberation Day are days off only by collective agreement,
//! so configurable here, default not); King's Day moves to 26 April when 27 April is a
//! Sunday (Wet van 2013 vaststelling Koningsdag). Office hours from the seed texts (SAVE:
//! working days 08:30–17:00).

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
pub const OFFICE_OPENS: Time = time(8, 30, 0, 0);
pub const OFFICE_CLOSES: Time = time(17, 0, 0, 0);

/// Which optional days off apply (collective agreements differ).
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

impl Calendar {
    /// The public holiday on `d`, if any (counting the optional days only when they are
    /// configured as days off).
    pub fn holiday(&self, d: Date) -> Option<Holiday> {
        let easter = easter_sunday(d.year());
        let kings_day = {
            let the_27th = date(d.year(), 4, 27);
            if the_27th.weekday() == Weekday::Sunday {
                date(d.year(), 4, 26)
            } else {
                the_27th
            }
        };
        let fixed = [
            (date(d.year(), 1, 1), Holiday::NewYear),
            (plus(easter, -2), Holiday::GoodFriday),
            (plus(easter, 1), Holiday::EasterMonday),
            (kings_day, Holiday::KingsDay),
            (date(d.year(), 5, 5), Holiday::LiberationDay),
            (plus(easter, 39), Holiday::AscensionDay),
            (plus(easter, 50), Holiday::WhitMonday),
            (date(d.year(), 12, 25), Holiday::ChristmasDay),
            (date(d.year(), 12, 26), Holiday::BoxingDay),
        ];
        fixed
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
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && self.holiday(d).is_none()
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
}
