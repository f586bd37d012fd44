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

    /// As a person reads it: "1 okt 2021", "november 2019", "2020", "nog niet bekend".
    pub fn shown(self, english: bool) -> String {
        const NL: [&str; 12] = [
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
        const EN: [&str; 12] = [
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
        let names = if english { EN } else { NL };
        match self {
            PilotStart::On(d) => {
                let month = names[usize::try_from(d.month() - 1).unwrap_or(0)];
                format!("{} {} {}", d.day(), month, d.year())
            }
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
