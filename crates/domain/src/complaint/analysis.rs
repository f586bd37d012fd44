//! The yearly complaints analysis of one organisation, as the "Klachtenanalyse 2023"
//! in the seed texts publishes it: how many complaints came in, what they were about,
//! how they ended, how long handling took against the term, and what was changed.
//!
//! A year's complaints are those *received* in it (a complaint from December decided
//! in January belongs to the year it came in); the themes, outcomes, handling times and
//! measures are of those among them that were decided.
//!
//! Complainants can be recognised from small numbers (a team of six, one complaint
//! about privacy), so the evaluation's small-cell rule applies with complaints in the
//! place of families ([`Threshold`], [`CountTable::publish`]): a count of 1 up to the
//! threshold minus one is hidden, with complementary hiding so no hidden count is a
//! total minus the shown ones. The number decided is the total of three tables (status,
//! theme, outcome): when any of them hides it, it is hidden in all. The median, the
//! share within the term and the measures are shown when they are computed from at
//! least the threshold's number of decided complaints (the primary rule only: a median
//! does not give the number it was computed from, so a year with two complaints still
//! open, whose decided count is hidden as the complement of the open one, still shows
//! its handling time).

use jiff::civil::Date;

use super::handling::{Complaint, ComplaintOutcome, Theme};
use crate::calendar::StatutoryCalendar;
use crate::evaluation::suppression::{CountTable, PublishedTable, Shown, Threshold};

/// The analysis as it may be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub year: i16,
    pub received: Shown<u64>,
    pub decided: Shown<u64>,
    pub open: Shown<u64>,
    pub by_theme: Vec<(Theme, Shown<u64>)>,
    pub by_outcome: Vec<(ComplaintOutcome, Shown<u64>)>,
    /// Median days from receipt to decision; `None` when nothing was decided.
    pub median_days: Shown<Option<i64>>,
    /// Percentage (rounded) decided within the term, the extension included.
    pub within_term_percent: Shown<Option<u32>>,
    /// The measures taken, each once, in alphabetical order.
    pub measures: Shown<Vec<String>>,
}

fn row(table: &PublishedTable) -> Vec<Shown<u64>> {
    (0..table.cols()).map(|c| table.cell(0, c)).collect()
}

/// The analysis of `complaints` (one organisation's) received in `year`.
pub fn analyse(
    cal: &StatutoryCalendar,
    complaints: &[Complaint],
    year: i16,
    threshold: Threshold,
) -> Analysis {
    let of_year: Vec<&Complaint> = complaints
        .iter()
        .filter(|c| c.received_on.year() == year)
        .collect();
    let decided: Vec<&Complaint> = of_year
        .iter()
        .copied()
        .filter(|c| c.decision.is_some())
        .collect();
    let n_decided = decided.len() as u64;
    let n_open = of_year.len() as u64 - n_decided;

    let count = |f: &dyn Fn(&Complaint) -> bool| decided.iter().filter(|c| f(c)).count() as u64;
    let themes: Vec<u64> = Theme::ALL
        .iter()
        .map(|t| count(&|c| c.decision.as_ref().is_some_and(|d| d.theme == *t)))
        .collect();
    let outcomes: Vec<u64> = ComplaintOutcome::ALL
        .iter()
        .map(|o| count(&|c| c.decision.as_ref().is_some_and(|d| d.outcome == *o)))
        .collect();

    let publish = |cells: Vec<u64>| {
        CountTable::from_rows(&[cells])
            .expect("one row is never ragged")
            .publish(threshold)
    };
    let status = publish(vec![n_decided, n_open]);
    let theme_table = publish(themes);
    let outcome_table = publish(outcomes);

    let status_row = row(&status);
    let table_hides_decided = status_row[0].is_suppressed()
        || theme_table.grand_total().is_suppressed()
        || outcome_table.grand_total().is_suppressed();
    let decided_shown = if table_hides_decided {
        Shown::Suppressed
    } else {
        Shown::Value(n_decided)
    };

    // Computed from fewer complaints than the threshold: hidden (the primary rule).
    let decided_hidden = threshold.hides(n_decided);
    let mut days: Vec<i64> = decided.iter().filter_map(|c| c.handling_days()).collect();
    days.sort_unstable();
    let median = median(&days);
    let within = decided
        .iter()
        .filter(|c| c.within_term(cal) == Some(true))
        .count() as u64;
    let percent = (n_decided > 0).then(|| ((within * 200 + n_decided) / (2 * n_decided)) as u32);
    let mut measures: Vec<String> = decided
        .iter()
        .flat_map(|c| c.decision.iter().flat_map(|d| d.measures.iter().cloned()))
        .collect();
    measures.sort();
    measures.dedup();

    Analysis {
        year,
        received: status.row_total(0),
        decided: decided_shown,
        open: status_row[1],
        by_theme: Theme::ALL.iter().copied().zip(row(&theme_table)).collect(),
        by_outcome: ComplaintOutcome::ALL
            .iter()
            .copied()
            .zip(row(&outcome_table))
            .collect(),
        median_days: gate(decided_hidden, median),
        within_term_percent: gate(decided_hidden, percent),
        measures: gate(decided_hidden, measures),
    }
}

fn gate<T>(hidden: bool, value: T) -> Shown<T> {
    if hidden {
        Shown::Suppressed
    } else {
        Shown::Value(value)
    }
}

/// The median of sorted whole days; of an even count the lower of the middle two,
/// so the figure is a handling time that occurred (rounded down, in the complainant's
/// favour of no inflated promise).
fn median(sorted: &[i64]) -> Option<i64> {
    if sorted.is_empty() {
        None
    } else {
        Some(sorted[(sorted.len() - 1) / 2])
    }
}

/// The days a complaint was handled in, for a page that lists the open ones: days since
/// receipt until `today`.
pub fn days_open(received_on: Date, today: Date) -> i64 {
    i64::from((today - received_on).get_days())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::handling::Decision;
    use crate::complaint::procedure::Procedure;
    use jiff::civil::date;

    fn decided(
        received: Date,
        on: Date,
        outcome: ComplaintOutcome,
        theme: Theme,
        measure: &str,
    ) -> Complaint {
        let mut c = Complaint::new(Procedure::Awb, received);
        c.decision = Some(Decision {
            on,
            outcome,
            theme,
            measures: if measure.is_empty() {
                vec![]
            } else {
                vec![measure.into()]
            },
        });
        c
    }

    /// Fourteen complaints received in 2026 (twelve decided, two open) and one from
    /// 2025 that must not count; worked out by hand below.
    fn set() -> Vec<Complaint> {
        use ComplaintOutcome::*;
        use Theme::*;
        let d = |m, day| date(2026, m, day);
        let mut v = vec![
            // Six about communication, all decided in 20 days (within six weeks).
            decided(
                d(1, 5),
                d(1, 25),
                Founded,
                Communication,
                "Vaste contactpersoon per gezin",
            ),
            decided(
                d(2, 2),
                d(2, 22),
                PartlyFounded,
                Communication,
                "Terugbellen binnen twee werkdagen",
            ),
            decided(d(3, 2), d(3, 22), Unfounded, Communication, ""),
            decided(
                d(4, 1),
                d(4, 21),
                Mediated,
                Communication,
                "Vaste contactpersoon per gezin",
            ),
            decided(d(5, 4), d(5, 24), Unfounded, Communication, ""),
            decided(d(6, 1), d(6, 21), Withdrawn, Communication, ""),
            // Five about treatment: 30, 40, 50, 60 and 70 days (six weeks is 42 days).
            decided(
                d(7, 1),
                d(7, 31),
                Founded,
                Treatment,
                "Training bejegening voor het team",
            ),
            decided(d(8, 3), d(9, 12), Unfounded, Treatment, ""),
            decided(d(9, 1), d(10, 21), PartlyFounded, Treatment, ""),
            decided(d(9, 7), d(11, 6), Unfounded, Treatment, ""),
            decided(d(9, 14), d(11, 23), Unfounded, Treatment, ""),
            // One about privacy: a single complainant, easily recognised.
            decided(d(10, 5), d(10, 15), Founded, Privacy, ""),
        ];
        v.push(Complaint::new(Procedure::Awb, d(11, 30)));
        v.push(Complaint::new(Procedure::Awb, d(12, 10)));
        v.push(decided(date(2025, 12, 1), d(1, 5), Founded, Waiting, "Oud"));
        v
    }

    #[test]
    fn the_analysis_of_a_hand_built_year() {
        let cal = StatutoryCalendar::default();
        let a = analyse(&cal, &set(), 2026, Threshold::MIN);
        assert_eq!(a.year, 2026);
        assert_eq!(a.received, Shown::Value(14));
        // Two open: below five, hidden; the status row has only two cells, so the
        // decided count (14 − 2) is hidden with it, and so everywhere.
        assert_eq!(a.open, Shown::Suppressed);
        assert_eq!(a.decided, Shown::Suppressed);
        // The handling figures come from twelve complaints: shown.
        assert_eq!(a.median_days, Shown::Value(Some(20)));
        let theme = |t: Theme| a.by_theme.iter().find(|(x, _)| *x == t).unwrap().1;
        assert_eq!(theme(Theme::Communication), Shown::Value(6));
        // Privacy (1) is hidden, and treatment (5, the smallest other non-zero count)
        // with it, or privacy would be 12 − 6 − 5.
        assert_eq!(theme(Theme::Treatment), Shown::Suppressed);
        assert_eq!(theme(Theme::Privacy), Shown::Suppressed);
        assert_eq!(theme(Theme::Waiting), Shown::Value(0));
        let outcome = |o: ComplaintOutcome| a.by_outcome.iter().find(|(x, _)| *x == o).unwrap().1;
        // Outcomes 3 founded, 2 partly, 5 unfounded, 1 withdrawn, 1 mediated.
        assert_eq!(outcome(ComplaintOutcome::Unfounded), Shown::Value(5));
        assert_eq!(outcome(ComplaintOutcome::Founded), Shown::Suppressed);
        assert_eq!(outcome(ComplaintOutcome::Mediated), Shown::Suppressed);
    }

    #[test]
    fn figures_from_enough_complaints_are_shown() {
        let cal = StatutoryCalendar::default();
        // The twelve decided ones alone: no open complaint to protect.
        let set: Vec<Complaint> = set().into_iter().filter(|c| c.decision.is_some()).collect();
        let a = analyse(&cal, &set, 2026, Threshold::MIN);
        assert_eq!(a.received, Shown::Value(12));
        assert_eq!(a.decided, Shown::Value(12));
        assert_eq!(a.open, Shown::Value(0));
        // Days sorted: 10, 20×6, 30, 40, 50, 60, 70 → the 6th and 7th are 20 and 20.
        assert_eq!(a.median_days, Shown::Value(Some(20)));
        // Within 42 days: 10, six of 20, 30, 40 = 9 of 12 = 75 %.
        assert_eq!(a.within_term_percent, Shown::Value(Some(75)));
        assert_eq!(
            a.measures,
            Shown::Value(vec![
                "Terugbellen binnen twee werkdagen".to_string(),
                "Training bejegening voor het team".to_string(),
                "Vaste contactpersoon per gezin".to_string(),
            ])
        );
        // A stricter threshold hides the treatment theme (5 < 6) and the privacy one,
        // which cannot then be told from the total: two hidden cells.
        let strict = analyse(&cal, &set, 2026, Threshold::new(6).unwrap());
        assert_eq!(strict.by_theme[0].1, Shown::Suppressed);
    }

    #[test]
    fn a_year_with_few_complaints_shows_only_that_there_were_few() {
        let cal = StatutoryCalendar::default();
        let few: Vec<Complaint> = set().into_iter().take(3).collect();
        let a = analyse(&cal, &few, 2026, Threshold::MIN);
        assert_eq!(a.received, Shown::Suppressed);
        assert_eq!(a.decided, Shown::Suppressed);
        assert_eq!(a.median_days, Shown::Suppressed);
        assert_eq!(a.within_term_percent, Shown::Suppressed);
        assert_eq!(a.measures, Shown::Suppressed);
        let none = analyse(&cal, &[], 2026, Threshold::MIN);
        assert_eq!(none.received, Shown::Value(0));
        assert_eq!(none.median_days, Shown::Value(None));
        assert_eq!(none.within_term_percent, Shown::Value(None));
    }
}
