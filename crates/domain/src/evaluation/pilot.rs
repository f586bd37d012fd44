//! The pilots as data (issue 16 §1, "pilot vs the rest"): which areas started a new way
//! of working when, to the precision that is known. Every metric can be compared between
//! pilot and other areas, and before and after a pilot's start; a start known only to
//! the month or the year must not be read as more precise than that, so a date inside
//! that month or year is neither before nor after.

use jiff::civil::Date;

use crate::codes::code_list;

code_list! {
    /// The way of working a pilot tried.
    PilotKind, "pilot kind" {
        SaveOnSite = "save_on_site", "SAVE op locatie", "SAVE on site";
        JeugdbeschermingUtrechtWest = "jb_utrecht_west", "Jeugdbescherming Utrecht-West", "Youth protection Utrecht-West";
        Evu = "evu", "Eenheid Veiligheid Utrecht (EVU)", "Safety unit Utrecht (EVU)";
    }
}

code_list! {
    /// How precisely a pilot's start is known: what a chain administrator chooses
    /// before entering the day, the month or the year, and how a start is stored. Not
    /// known is `not_known`, not `unknown`: "unknown" is what a page shows for a missing
    /// client address, and the page scanner must be able to tell a code from it.
    StartPrecision, "start precision" {
        Day = "day", "Op de dag bekend", "Known to the day";
        Month = "month", "Alleen de maand bekend", "Only the month known";
        Year = "year", "Alleen het jaar bekend", "Only the year known";
        Unknown = "not_known", "Nog niet bekend", "Not known yet";
    }
}

/// A stored start that does not read back: a precision with no date, or a date where
/// none belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a pilot start of precision {0:?} needs a date exactly when it is not 'not_known'")]
pub struct StoredStartError(pub StartPrecision);

/// A part of a start a chain administrator still has to give, for the precision chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StartInputError {
    #[error("give the day the pilot started")]
    Day,
    #[error("choose the month the pilot started")]
    Month,
    #[error("choose the year the pilot started")]
    Year,
}

/// The years a start may lie in: the chain's pilots began in 2019, and a start may be
/// planned ahead; outside this a typing slip is more likely than a pilot.
pub const PILOT_YEARS: std::ops::RangeInclusive<i16> = 2000..=2099;

/// When a pilot started in an area, as precisely as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PilotStart {
    On(Date),
    /// Only the month is known (the date holds its first day).
    Month {
        year: i16,
        month: i8,
    },
    /// Only the year is known.
    Year(i16),
    /// Not dated yet: a chain administrator enters it when it is known.
    Unknown,
}

/// Where a date lies against a pilot's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Before,
    After,
    /// Inside the month or year the start is known to, or no start known: counted on
    /// neither side.
    Unclear,
}

impl PilotStart {
    /// The first and last day the start may have been on; `None` when not dated.
    pub fn span(self) -> Option<(Date, Date)> {
        let (first, last) = match self {
            PilotStart::On(d) => (d, d),
            PilotStart::Month { year, month } => {
                let first = Date::new(year, month, 1).ok()?;
                (first, first.last_of_month())
            }
            PilotStart::Year(year) => (Date::new(year, 1, 1).ok()?, Date::new(year, 12, 31).ok()?),
            PilotStart::Unknown => return None,
        };
        Some((first, last))
    }

    /// Where `on` lies against this start: before its first possible day, on or after
    /// its last possible day, or in between.
    pub fn phase(self, on: Date) -> Phase {
        match self.span() {
            Some((first, _)) if on < first => Phase::Before,
            Some((_, last)) if on >= last => Phase::After,
            _ => Phase::Unclear,
        }
    }

    /// A start from what a form gives: the precision chosen and the parts that go with
    /// it (a day for `Day`, a month and a year for `Month`, a year for `Year`, nothing
    /// for `Unknown`). Parts that belong to another precision are ignored, so switching
    /// the choice costs nothing typed; a missing or implausible part is named.
    pub fn from_parts(
        precision: StartPrecision,
        day: Option<Date>,
        month: Option<i8>,
        year: Option<i16>,
    ) -> Result<PilotStart, StartInputError> {
        let year_ok = |y: Option<i16>| y.filter(|y| PILOT_YEARS.contains(y));
        match precision {
            StartPrecision::Day => day
                .filter(|d| PILOT_YEARS.contains(&d.year()))
                .map(PilotStart::On)
                .ok_or(StartInputError::Day),
            StartPrecision::Month => {
                let month = month
                    .filter(|m| (1..=12).contains(m))
                    .ok_or(StartInputError::Month)?;
                let year = year_ok(year).ok_or(StartInputError::Year)?;
                Ok(PilotStart::Month { year, month })
            }
            StartPrecision::Year => year_ok(year)
                .map(PilotStart::Year)
                .ok_or(StartInputError::Year),
            StartPrecision::Unknown => Ok(PilotStart::Unknown),
        }
    }

    /// How precisely it is known.
    pub fn precision(self) -> StartPrecision {
        match self {
            PilotStart::On(_) => StartPrecision::Day,
            PilotStart::Month { .. } => StartPrecision::Month,
            PilotStart::Year(_) => StartPrecision::Year,
            PilotStart::Unknown => StartPrecision::Unknown,
        }
    }

    /// The stored form: the precision and the first day the start may have been on
    /// (none when not known). The date column alone then sorts and filters by start.
    pub fn stored(self) -> (StartPrecision, Option<Date>) {
        (self.precision(), self.span().map(|(first, _)| first))
    }

    /// Reads the stored form back; the day of a month's or year's date is ignored.
    pub fn from_stored(
        precision: StartPrecision,
        first: Option<Date>,
    ) -> Result<PilotStart, StoredStartError> {
        match (precision, first) {
            (StartPrecision::Day, Some(d)) => Ok(PilotStart::On(d)),
            (StartPrecision::Month, Some(d)) => Ok(PilotStart::Month {
                year: d.year(),
                month: d.month(),
            }),
            (StartPrecision::Year, Some(d)) => Ok(PilotStart::Year(d.year())),
            (StartPrecision::Unknown, None) => Ok(PilotStart::Unknown),
            (p, _) => Err(StoredStartError(p)),
        }
    }

    /// As a person reads it: "1 okt 2021", "november 2019", "2020", "nog niet bekend".
    pub fn shown(self, english: bool) -> String {
        let names = if english {
            crate::calendar::MONTHS_EN
        } else {
            crate::calendar::MONTHS_NL
        };
        match self {
            PilotStart::On(d) => crate::calendar::written_date(d, english),
            PilotStart::Month { year, month } => {
                let name = names[usize::try_from(month - 1).unwrap_or(0).min(11)];
                format!("{name} {year}")
            }
            PilotStart::Year(year) => year.to_string(),
            PilotStart::Unknown if english => "not known yet".to_owned(),
            PilotStart::Unknown => "nog niet bekend".to_owned(),
        }
    }
}

/// One area's pilot as the database holds it: the evaluation compares every metric
/// between the areas of a pilot and all other areas, and before and after `start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaPilot {
    pub kind: PilotKind,
    pub area_id: String,
    pub area_name: String,
    pub start: PilotStart,
}

/// The pilots the seed texts name, with the precision they give; what a new region's
/// set-up enters, and what a chain administrator completes (Spoorzoom).
pub const KNOWN_PILOTS: &[(PilotKind, &str, PilotStart)] = &[
    (
        PilotKind::SaveOnSite,
        "Wijk bij Duurstede",
        PilotStart::Month {
            year: 2019,
            month: 11,
        },
    ),
    (
        PilotKind::SaveOnSite,
        "De Bilt",
        PilotStart::Month {
            year: 2019,
            month: 11,
        },
    ),
    (
        PilotKind::JeugdbeschermingUtrechtWest,
        "Montfoort",
        PilotStart::Month {
            year: 2020,
            month: 5,
        },
    ),
    (
        PilotKind::JeugdbeschermingUtrechtWest,
        "Oudewater",
        PilotStart::Month {
            year: 2020,
            month: 5,
        },
    ),
    (
        PilotKind::JeugdbeschermingUtrechtWest,
        "Woerden",
        PilotStart::Year(2020),
    ),
    (
        PilotKind::JeugdbeschermingUtrechtWest,
        "Stichtse Vecht",
        PilotStart::Year(2020),
    ),
    (
        PilotKind::Evu,
        "Overvecht/De Gagel",
        PilotStart::Month {
            year: 2021,
            month: 10,
        },
    ),
    (
        PilotKind::Evu,
        "Vechtzoom",
        PilotStart::Month {
            year: 2022,
            month: 2,
        },
    ),
    (PilotKind::Evu, "Spoorzoom", PilotStart::Unknown),
];

/// The pilots of [`KNOWN_PILOTS`] that an area of this name takes part in, with their
/// starts: what a new area (or an existing one, when the pilots table is first made)
/// is given, so a region set up with the seed texts' place names has its pilots without
/// anyone typing them. The seed texts sometimes name a neighbourhood with the district
/// it lies in ("Overvecht/De Gagel"): such a name matches an area called by the whole
/// name or by its last part ("De Gagel"). Names compare without regard to case or
/// surrounding spaces.
pub fn known_pilots_for(area_name: &str) -> Vec<(PilotKind, PilotStart)> {
    let wanted = area_name.trim().to_lowercase();
    KNOWN_PILOTS
        .iter()
        .filter(|(_, name, _)| {
            let name = name.to_lowercase();
            name == wanted
                || name
                    .rsplit('/')
                    .next()
                    .is_some_and(|last| last.trim() == wanted)
        })
        .map(|(kind, _, start)| (*kind, *start))
        .collect()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn a_start_known_to_the_month_leaves_that_month_on_neither_side() {
        let start = PilotStart::Month {
            year: 2019,
            month: 11,
        };
        assert_eq!(start.phase(date(2019, 10, 31)), Phase::Before);
        assert_eq!(start.phase(date(2019, 11, 1)), Phase::Unclear);
        assert_eq!(start.phase(date(2019, 11, 29)), Phase::Unclear);
        assert_eq!(start.phase(date(2019, 11, 30)), Phase::After);
        assert_eq!(start.phase(date(2020, 3, 1)), Phase::After);
    }

    #[test]
    fn a_start_known_to_the_year_leaves_that_year_on_neither_side() {
        let start = PilotStart::Year(2020);
        assert_eq!(start.phase(date(2019, 12, 31)), Phase::Before);
        assert_eq!(start.phase(date(2020, 6, 1)), Phase::Unclear);
        assert_eq!(start.phase(date(2020, 12, 31)), Phase::After);
        assert_eq!(start.span(), Some((date(2020, 1, 1), date(2020, 12, 31))));
    }

    #[test]
    fn an_exact_start_and_an_unknown_one() {
        let start = PilotStart::On(date(2021, 10, 1));
        assert_eq!(start.phase(date(2021, 9, 30)), Phase::Before);
        assert_eq!(start.phase(date(2021, 10, 1)), Phase::After);
        assert_eq!(PilotStart::Unknown.phase(date(2030, 1, 1)), Phase::Unclear);
        assert_eq!(PilotStart::Unknown.span(), None);
    }

    #[test]
    fn starts_read_with_the_precision_they_have() {
        assert_eq!(
            PilotStart::On(date(2021, 10, 1)).shown(false),
            "1 oktober 2021"
        );
        assert_eq!(
            PilotStart::Month {
                year: 2022,
                month: 2
            }
            .shown(false),
            "februari 2022"
        );
        assert_eq!(PilotStart::Year(2020).shown(false), "2020");
        assert_eq!(PilotStart::Unknown.shown(false), "nog niet bekend");
        assert_eq!(PilotStart::Year(2020).shown(true), "2020");
        assert_eq!(PilotStart::Unknown.shown(true), "not known yet");
    }

    #[test]
    fn every_start_survives_its_stored_form() {
        for start in [
            PilotStart::On(date(2021, 10, 1)),
            PilotStart::Month {
                year: 2019,
                month: 11,
            },
            PilotStart::Year(2020),
            PilotStart::Unknown,
        ] {
            let (precision, first) = start.stored();
            assert_eq!(PilotStart::from_stored(precision, first), Ok(start));
        }
        assert_eq!(
            PilotStart::Year(2020).stored(),
            (StartPrecision::Year, Some(date(2020, 1, 1)))
        );
        assert!(PilotStart::from_stored(StartPrecision::Month, None).is_err());
        assert!(PilotStart::from_stored(StartPrecision::Unknown, Some(date(2020, 1, 1))).is_err());
    }

    #[test]
    fn a_start_from_a_form_takes_the_parts_its_precision_needs() {
        use StartPrecision::*;
        let day = Some(date(2021, 10, 1));
        assert_eq!(
            PilotStart::from_parts(Day, day, Some(3), Some(1999)),
            Ok(PilotStart::On(date(2021, 10, 1))),
            "the month and year of another choice are ignored"
        );
        assert_eq!(
            PilotStart::from_parts(Month, day, Some(11), Some(2019)),
            Ok(PilotStart::Month {
                year: 2019,
                month: 11
            })
        );
        assert_eq!(
            PilotStart::from_parts(Year, None, None, Some(2020)),
            Ok(PilotStart::Year(2020))
        );
        assert_eq!(
            PilotStart::from_parts(Unknown, day, Some(1), Some(2020)),
            Ok(PilotStart::Unknown)
        );
        assert_eq!(
            PilotStart::from_parts(Day, None, Some(1), Some(2020)),
            Err(StartInputError::Day)
        );
        assert_eq!(
            PilotStart::from_parts(Day, Some(date(1899, 1, 1)), None, None),
            Err(StartInputError::Day)
        );
        assert_eq!(
            PilotStart::from_parts(Month, None, None, Some(2020)),
            Err(StartInputError::Month)
        );
        assert_eq!(
            PilotStart::from_parts(Month, None, Some(13), Some(2020)),
            Err(StartInputError::Month)
        );
        assert_eq!(
            PilotStart::from_parts(Month, None, Some(5), None),
            Err(StartInputError::Year)
        );
        assert_eq!(
            PilotStart::from_parts(Year, None, None, Some(1999)),
            Err(StartInputError::Year)
        );
    }

    #[test]
    fn an_area_finds_its_pilots_by_name() {
        assert_eq!(
            known_pilots_for("Montfoort"),
            vec![(
                PilotKind::JeugdbeschermingUtrechtWest,
                PilotStart::Month {
                    year: 2020,
                    month: 5
                }
            )]
        );
        let gagel = known_pilots_for("De Gagel");
        assert_eq!(gagel.len(), 1, "the last part of 'Overvecht/De Gagel'");
        assert_eq!(gagel[0].0, PilotKind::Evu);
        assert_eq!(known_pilots_for(" overvecht/de gagel ").len(), 1);
        assert!(
            known_pilots_for("Overvecht").is_empty(),
            "the district is not the pilot"
        );
        assert!(known_pilots_for("Zeist").is_empty());
        assert_eq!(known_pilots_for("Spoorzoom")[0].1, PilotStart::Unknown);
    }

    #[test]
    fn the_seed_texts_pilots_are_all_there_and_spoorzoom_is_not_dated() {
        assert_eq!(KNOWN_PILOTS.len(), 9);
        let spoorzoom = KNOWN_PILOTS.iter().find(|p| p.1 == "Spoorzoom").unwrap();
        assert_eq!(spoorzoom.2, PilotStart::Unknown);
        assert!(
            KNOWN_PILOTS
                .iter()
                .filter(|p| p.0 == PilotKind::JeugdbeschermingUtrechtWest)
                .all(|p| p.2.span().is_some())
        );
    }
}
