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

/// A range of days, both inclusive.
pub type Days = (Date, Date);

/// A period that is not whole months, cut into what the cells count and what only the
/// rows can: the days before its first whole month (`head`), its whole months
/// (`months`), and the days after its last whole month (`tail`). The parts are in
/// order, do not overlap, and together are the period; a period inside two months has
/// no `months`, and a period inside one month only a `head`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodParts {
    pub head: Option<Days>,
    pub months: Option<Days>,
    pub tail: Option<Days>,
}

impl PeriodParts {
    /// The parts of the period `from`..=`to` (`from` not after `to`).
    pub fn of(from: Date, to: Date) -> PeriodParts {
        let day_before = |d: Date| d.yesterday().unwrap_or(d);
        let day_after = |d: Date| d.tomorrow().unwrap_or(d);
        let first = if from.day() == 1 {
            from
        } else {
            day_after(from.last_of_month())
        };
        let last = if to == to.last_of_month() {
            to
        } else {
            day_before(to.first_of_month())
        };
        if first <= last {
            PeriodParts {
                head: (from < first).then(|| (from, day_before(first))),
                months: Some((first, last)),
                tail: (last < to).then(|| (day_after(last), to)),
            }
        } else {
            let end = to.min(from.last_of_month());
            PeriodParts {
                head: Some((from, end)),
                months: None,
                tail: (end < to).then(|| (day_after(end), to)),
            }
        }
    }

    /// Each part the cells cannot count, with the days of the period before or after
    /// it whose families are already counted elsewhere: for the head the whole months
    /// (the tail counts its own), for the tail everything before it. A family is
    /// counted in the first part of the period it has rows in, so its rows in an edge
    /// count it only when it has none of the same metric and area in those days.
    pub fn edges(&self) -> Vec<(Days, Option<Days>)> {
        let mut edges = Vec::new();
        if let Some(head) = self.head {
            edges.push((head, self.months));
        }
        if let Some(tail) = self.tail {
            let start = self.head.or(self.months).map(|(from, _)| from);
            let before = tail.0.yesterday().ok();
            edges.push((tail, start.zip(before)));
        }
        edges
    }
}

impl Counts {
    /// The counts of a whole period from the counts of its parts, when each part's
    /// families are only those not counted in an earlier part (as [`PeriodParts::edges`]
    /// asks of the store): then rows per value and distinct families both add up.
    /// The consultations are the caller's (they are counted over the whole period).
    pub fn of_parts(parts: impl IntoIterator<Item = Counts>) -> Counts {
        let mut values: BTreeMap<(Metric, Option<String>, Date, i64), u64> = BTreeMap::new();
        let mut families: BTreeMap<(Option<Metric>, Option<String>), u64> = BTreeMap::new();
        for part in parts {
            for v in part.values {
                *values
                    .entry((v.metric, v.area_id, v.month, v.value))
                    .or_insert(0) += v.rows;
            }
            for f in part.families {
                *families.entry((f.metric, f.area_id)).or_insert(0) += f.families;
            }
        }
        families.retain(|_, n| *n > 0);
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

    /// What the store reads for an edge of a period: its rows' values, and its families
    /// that have no row of the same metric (or any row) and area in `counted`.
    fn edge_counts(
        rows: &[MetricRow],
        (from, to): (Date, Date),
        counted: Option<(Date, Date)>,
        areas: &AreaFilter,
    ) -> Counts {
        let mut counts = Counts::from_rows(rows, from, to, areas);
        for f in &mut counts.families {
            f.families = rows
                .iter()
                .filter(|r| {
                    (from..=to).contains(&r.on)
                        && r.area_id == f.area_id
                        && f.metric.is_none_or(|m| r.metric == m && r.value.is_some())
                })
                .map(|r| r.family_id.as_str())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .filter(|family| {
                    !rows.iter().any(|x| {
                        x.family_id == *family
                            && x.area_id == f.area_id
                            && f.metric.is_none_or(|m| x.metric == m && x.value.is_some())
                            && counted.is_some_and(|(s, e)| (s..=e).contains(&x.on))
                    })
                })
                .count() as u64;
        }
        counts
    }

    fn day(i: u16) -> Date {
        month(0)
            .checked_add(jiff::Span::new().days(i64::from(i)))
            .unwrap()
    }

    proptest! {
        /// The parts of any period are in order, do not overlap, cover it, and only
        /// `months` is whole months.
        #[test]
        fn the_parts_of_a_period_are_the_period(start in 0u16..900, length in 0u16..120) {
            let (from, to) = (day(start), day(start + length));
            let parts = PeriodParts::of(from, to);
            let all: Vec<(Date, Date)> =
                [parts.head, parts.months, parts.tail].into_iter().flatten().collect();
            prop_assert_eq!(all.first().map(|p| p.0), Some(from));
            prop_assert_eq!(all.last().map(|p| p.1), Some(to));
            for pair in all.windows(2) {
                prop_assert_eq!(pair[0].1.tomorrow().unwrap(), pair[1].0);
            }
            for (a, b) in all {
                prop_assert!(a <= b);
            }
            if let Some((a, b)) = parts.months {
                prop_assert!(a.day() == 1 && b == b.last_of_month());
            }
        }

        /// A period that is not whole months, counted as the cells of its whole months
        /// plus its edges' new families, equals the same counted from the rows.
        #[test]
        fn cells_and_edges_count_what_the_rows_count(
            rows in rows(),
            start in 0u16..880,
            length in 0u16..200,
            areas in filter(),
        ) {
            let (from, to) = (day(start), day((start + length).min(880)));
            let parts = PeriodParts::of(from, to);
            let cells = cells_of(&rows);
            let mut counts = Vec::new();
            if let Some((a, b)) = parts.months {
                counts.push(Counts::from_cells(cells.iter().map(|(c, n)| (c, *n)), a, b, &areas));
            }
            for (edge, counted) in parts.edges() {
                counts.push(edge_counts(&rows, edge, counted, &areas));
            }
            prop_assert_eq!(Counts::of_parts(counts), Counts::from_rows(&rows, from, to, &areas));
        }

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
