//! The Expertiseteam Veiligheid Utrecht (EVU) works in named neighbourhoods, added over
//! time (Overvecht/De Gagel first, then Vechtzoom, later Spoorzoom). Which areas it
//! covers, and from when, is data; whether a family lives in one is this rule.
//!
//! Source: the seed texts (the EVU pilot in Overvecht); issue 7.

use jiff::civil::Date;

/// A neighbourhood (or larger area) the EVU covers from `starts_on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvuArea {
    pub area_id: String,
    pub starts_on: Date,
}

/// Whether a family whose area lies in `area_path` (its own area first, then the areas
/// containing it) lives where the EVU works on `today`.
pub fn covers(evu: &[EvuArea], area_path: &[String], today: Date) -> bool {
    evu.iter()
        .any(|a| a.starts_on <= today && area_path.contains(&a.area_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn covered_from_the_start_date_in_the_area_or_inside_it() {
        let evu = vec![
            EvuArea {
                area_id: "de-gagel".into(),
                starts_on: date(2024, 1, 1),
            },
            EvuArea {
                area_id: "spoorzoom".into(),
                starts_on: date(2027, 6, 1),
            },
        ];
        let path = |a: &str| vec![a.to_owned(), "utrecht".to_owned(), "pv26".to_owned()];
        assert!(covers(&evu, &path("de-gagel"), date(2026, 11, 23)));
        assert!(
            !covers(&evu, &path("spoorzoom"), date(2026, 11, 23)),
            "not yet"
        );
        assert!(covers(&evu, &path("spoorzoom"), date(2027, 6, 1)));
        assert!(!covers(&evu, &path("lunetten"), date(2026, 11, 23)));
        assert!(!covers(&evu, &[], date(2026, 11, 23)), "no known area");
    }
}
