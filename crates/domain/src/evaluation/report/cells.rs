//! Month cells: counts kept beside the rows so that a report over whole months reads
//! a few thousand numbers instead of every family's rows (issue 16 §3: one region-year
//! at a million families).
//!
//! A histogram of values adds up over months and areas, so [`Cell::Value`] is simply
//! the number of rows per metric, area, month and value. Distinct families do not add
//! up: a family with rows in March and in May is one family in the spring, not two.
//! [`Cell::Family`] therefore counts each family once per month in which it has rows,
//! together with the previous month in which it had them. A family has rows in the
//! months from `s` to `e` exactly when one of its months in that range has its previous
//! month before `s` (or none), and exactly one of them does: the first. So the distinct
//! families of any whole-month period are a sum of cells
//! ([`Counts::from_cells`]), equal to [`Counts::from_rows`] (a property test holds them
//! equal).
//!
//! The store applies [`cell_changes`] of a family's old and new rows in the transaction
//! that rewrites the rows, so the cells are as current as the rows.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::{AreaFilter, Counts, Metric, MetricRow};

/// One kept count.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cell {
    /// Rows of `metric` with `value` in an area and month.
    Value {
        metric: Metric,
        area_id: Option<String>,
        month: Date,
        value: i64,
    },
    /// Families with rows in an area and month (of `metric` with a value; `None`: any
    /// row at all, the files counted) whose previous such month was `previous`.
    Family {
        metric: Option<Metric>,
        area_id: Option<String>,
        month: Date,
        previous: Option<Date>,
    },
}

/// One family's rows of one metric (`None`: any row) in one area: the months it has
/// rows in are one series of family cells.
type Series<'a> = (&'a str, Option<Metric>, &'a Option<String>);

/// The cells `rows` make up, with their counts (all positive). The rows may be of
/// several families.
pub fn cells_of(rows: &[MetricRow]) -> BTreeMap<Cell, i64> {
    let mut cells = BTreeMap::new();
    let mut months: BTreeMap<Series<'_>, BTreeSet<Date>> = BTreeMap::new();
    for row in rows {
        let month = row.on.first_of_month();
        let family = row.family_id.as_str();
        months
            .entry((family, None, &row.area_id))
            .or_default()
            .insert(month);
        if let Some(value) = row.value {
            months
                .entry((family, Some(row.metric), &row.area_id))
                .or_default()
                .insert(month);
            *cells
                .entry(Cell::Value {
                    metric: row.metric,
                    area_id: row.area_id.clone(),
                    month,
                    value,
                })
                .or_insert(0) += 1;
        }
    }
    for ((_, metric, area_id), set) in months {
        let mut previous = None;
        for month in set {
            *cells
                .entry(Cell::Family {
                    metric,
                    area_id: area_id.clone(),
                    month,
                    previous,
                })
                .or_insert(0) += 1;
            previous = Some(month);
        }
    }
    cells
}

/// What changes in the cells when the rows `old` are replaced by `new` (of the same
/// families): new minus old, cells that stay the same left out, in cell order (so
/// concurrent writers update shared cells in one order).
pub fn cell_changes(old: &[MetricRow], new: &[MetricRow]) -> Vec<(Cell, i64)> {
    let mut changes = cells_of(new);
    for (cell, n) in cells_of(old) {
        *changes.entry(cell).or_insert(0) -= n;
    }
    changes.into_iter().filter(|(_, n)| *n != 0).collect()
}

impl Counts {
    /// The counts of the whole months from `from`'s month to `to`'s month (inclusive),
    /// for `areas`, from kept cells: equal to [`Counts::from_rows`] over the rows the
    /// cells were made of, for that period. Cells with a count of 0 or less count for
    /// nothing.
    pub fn from_cells<'a>(
        cells: impl IntoIterator<Item = (&'a Cell, i64)>,
        from: Date,
        to: Date,
        areas: &AreaFilter,
    ) -> Counts {
        let (first, last) = (from.first_of_month(), to.first_of_month());
        let mut values: BTreeMap<(Metric, Option<String>, Date, i64), u64> = BTreeMap::new();
        let mut families: BTreeMap<(Option<Metric>, Option<String>), u64> = BTreeMap::new();
        for (cell, n) in cells {
            let Ok(n) = u64::try_from(n) else { continue };
            match cell {
                Cell::Value {
                    metric,
                    area_id,
                    month,
                    value,
                } if n > 0
                    && (first..=last).contains(month)
                    && areas.admits(area_id.as_deref()) =>
                {
                    *values
                        .entry((*metric, area_id.clone(), *month, *value))
                        .or_insert(0) += n;
                }
                Cell::Family {
                    metric,
                    area_id,
                    month,
                    previous,
                } if n > 0
                    && (first..=last).contains(month)
                    && previous.is_none_or(|p| p < first)
                    && areas.admits(area_id.as_deref()) =>
                {
                    *families.entry((*metric, area_id.clone())).or_insert(0) += n;
                }
                _ => {}
            }
        }
        Counts::of(values, families)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn month(i: u8) -> Date {
        Date::new(2024 + i16::from(i / 12), (i % 12 + 1) as i8, 1).unwrap()
    }

    prop_compose! {
        fn a_row()(
            family in 0u8..6,
            metric in 0usize..4,
            item in 0u8..3,
            m in 0u8..30,
            day in 1i8..29,
            area in prop::option::of(0u8..3),
            value in prop::option::of(0i64..4),
        ) -> MetricRow {
            let metrics = [
                Metric::LeadJointJudgement,
                Metric::HandoversLead,
                Metric::Framework,
                Metric::FacesProfessionals,
            ];
            let on = month(m);
            MetricRow {
                family_id: format!("f{family}"),
                metric: metrics[metric],
                item: item.to_string(),
                on: Date::new(on.year(), on.month(), day).unwrap(),
                // A family's rows share its area, as the store writes them.
                area_id: area.map(|a| format!("a{}", (a + family) % 3)),
                value,
            }
        }
    }

    fn rows() -> impl Strategy<Value = Vec<MetricRow>> {
        prop::collection::vec(a_row(), 0..40).prop_map(|rows| {
            // One row per (family, metric, item), as the store's key has it.
            let mut seen = BTreeSet::new();
            rows.into_iter()
                .filter(|r| seen.insert((r.family_id.clone(), r.metric, r.item.clone())))
                .collect()
        })
    }

    fn filter() -> impl Strategy<Value = AreaFilter> {
        let some = prop::collection::vec((0u8..3).prop_map(|a| format!("a{a}")), 0..3);
        prop_oneof![
            Just(AreaFilter::All),
            some.clone().prop_map(AreaFilter::Within),
            some.prop_map(AreaFilter::Outside),
        ]
    }

    fn add(cells: &mut BTreeMap<Cell, i64>, changes: Vec<(Cell, i64)>) {
        for (cell, n) in changes {
            *cells.entry(cell).or_insert(0) += n;
        }
        cells.retain(|_, n| *n != 0);
    }

    proptest! {
        /// The reason cells exist: any whole-month period and any areas counted from
        /// the cells equal the same counted from the rows, distinct families included.
        #[test]
        fn cells_count_what_the_rows_count(
            rows in rows(),
            start in 0u8..30,
            length in 0u8..30,
            areas in filter(),
        ) {
            let from = month(start);
            let to = month(start.saturating_add(length).min(29)).last_of_month();
            let cells = cells_of(&rows);
            prop_assert_eq!(
                Counts::from_cells(cells.iter().map(|(c, n)| (c, *n)), from, to, &areas),
                Counts::from_rows(&rows, from, to, &areas)
            );
        }

        /// Kept up to date change by change, the cells equal the cells of the rows as
        /// they are now.
        #[test]
        fn changes_keep_the_cells_of_the_current_rows(
            before in rows(),
            after in rows(),
            family in 0u8..6,
        ) {
            let family = format!("f{family}");
            let (mine, others): (Vec<_>, Vec<_>) =
                before.iter().cloned().partition(|r| r.family_id == family);
            let mut now = others.clone();
            now.extend(after.iter().filter(|r| r.family_id == family).cloned());
            let new: Vec<MetricRow> =
                after.iter().filter(|r| r.family_id == family).cloned().collect();
            let mut cells = cells_of(&before);
            add(&mut cells, cell_changes(&mine, &new));
            prop_assert_eq!(cells, cells_of(&now));
        }
    }

    #[test]
    fn a_family_with_rows_in_two_months_of_a_period_is_one_family() {
        let row = |on: &str| MetricRow {
            family_id: "f".into(),
            metric: Metric::FacesOrganisations,
            item: on.into(),
            on: on.parse().unwrap(),
            area_id: Some("a".into()),
            value: Some(2),
        };
        let rows = [row("2025-03-04"), row("2025-05-20")];
        let cells = cells_of(&rows);
        let counts = Counts::from_cells(
            cells.iter().map(|(c, n)| (c, *n)),
            "2025-01-01".parse().unwrap(),
            "2025-12-31".parse().unwrap(),
            &AreaFilter::All,
        );
        let files: Vec<u64> = counts.families.iter().map(|f| f.families).collect();
        assert_eq!(files, [1, 1], "{counts:#?}");
        // From May on, May is the family's first month in the period.
        let may = Counts::from_cells(
            cells.iter().map(|(c, n)| (c, *n)),
            "2025-05-01".parse().unwrap(),
            "2025-12-31".parse().unwrap(),
            &AreaFilter::All,
        );
        assert_eq!(may.families.len(), 2);
        assert!(may.families.iter().all(|f| f.families == 1));
    }
}
