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
//! A team lead asks for their own organisation: the families any of whose
//! organisations ever worked with them (`organisations_of`). So every cell has an
//! organisation too: a family's cells are counted once for every organisation together
//! (`organisation_id` `None`) and once more under each organisation of the family,
//! and an organisation's evaluation is a sum of its own cells like the region's
//! (issue 18: at a million families reading the organisation's rows took 25 s). A
//! family with k organisations thus makes k + 1 times its cells.
//!
//! The store applies [`cell_changes`] of a family's old and new rows and organisations
//! in the transaction that rewrites them, so the cells are as current as the rows.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::{AreaFilter, Counts, Metric, MetricRow};

/// One kept count.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cell {
    /// Rows of `metric` with `value` in an area and month, of the families of an
    /// organisation (`None`: of every family).
    Value {
        organisation_id: Option<String>,
        metric: Metric,
        area_id: Option<String>,
        month: Date,
        value: i64,
    },
    /// Families with rows in an area and month (of `metric` with a value; `None`: any
    /// row at all, the files counted) whose previous such month was `previous`, of an
    /// organisation's families (`None`: of every family).
    Family {
        organisation_id: Option<String>,
        metric: Option<Metric>,
        area_id: Option<String>,
        month: Date,
        previous: Option<Date>,
    },
}

/// One family's rows of one metric (`None`: any row) in one area: the months it has
/// rows in are one series of family cells.
type Series<'a> = (&'a str, Option<Metric>, &'a Option<String>);

/// The organisations of each family (`organisations_of`), by family id: the
/// organisations its cells are counted under besides every organisation together. A
/// family not in it has none.
pub type FamilyOrganisations = BTreeMap<String, BTreeSet<String>>;

/// The organisation keys a family's cells are counted under: `None` (every
/// organisation) and each of its own.
fn keys_of(family: &str, organisations: &FamilyOrganisations) -> Vec<Option<String>> {
    std::iter::once(None)
        .chain(
            organisations
                .get(family)
                .into_iter()
                .flatten()
                .map(|o| Some(o.clone())),
        )
        .collect()
}

/// The cells `rows` make up, with their counts (all positive), each under every
/// organisation together and under each organisation of its family in
/// `organisations`. The rows may be of several families.
pub fn cells_of(rows: &[MetricRow], organisations: &FamilyOrganisations) -> BTreeMap<Cell, i64> {
    let mut cells = BTreeMap::new();
    let mut months: BTreeMap<Series<'_>, BTreeSet<Date>> = BTreeMap::new();
    let mut keys: BTreeMap<&str, Vec<Option<String>>> = BTreeMap::new();
    for row in rows {
        let month = row.on.first_of_month();
        let family = row.family_id.as_str();
        let keys = keys
            .entry(family)
            .or_insert_with(|| keys_of(family, organisations));
        months
            .entry((family, None, &row.area_id))
            .or_default()
            .insert(month);
        if let Some(value) = row.value {
            months
                .entry((family, Some(row.metric), &row.area_id))
                .or_default()
                .insert(month);
            for organisation_id in keys.iter() {
                *cells
                    .entry(Cell::Value {
                        organisation_id: organisation_id.clone(),
                        metric: row.metric,
                        area_id: row.area_id.clone(),
                        month,
                        value,
                    })
                    .or_insert(0) += 1;
            }
        }
    }
    for ((family, metric, area_id), set) in months {
        let keys = &keys[family];
        let mut previous = None;
        for month in set {
            for organisation_id in keys {
                *cells
                    .entry(Cell::Family {
                        organisation_id: organisation_id.clone(),
                        metric,
                        area_id: area_id.clone(),
                        month,
                        previous,
                    })
                    .or_insert(0) += 1;
            }
            previous = Some(month);
        }
    }
    cells
}

/// What changes in the cells when the rows `old` of families with the organisations
/// `old_organisations` are replaced by `new` with `new_organisations` (of the same
/// families): new minus old, cells that stay the same left out, in cell order (so
/// concurrent writers update shared cells in one order). A family that gains an
/// organisation adds all its cells under it, rows unchanged or not.
pub fn cell_changes(
    old: &[MetricRow],
    old_organisations: &FamilyOrganisations,
    new: &[MetricRow],
    new_organisations: &FamilyOrganisations,
) -> Vec<(Cell, i64)> {
    let mut changes = cells_of(new, new_organisations);
    for (cell, n) in cells_of(old, old_organisations) {
        *changes.entry(cell).or_insert(0) -= n;
    }
    changes.into_iter().filter(|(_, n)| *n != 0).collect()
}

impl Counts {
    /// The counts of the whole months from `from`'s month to `to`'s month (inclusive),
    /// for `areas` and the families of `organisation` (`None`: every family), from kept
    /// cells: equal to [`Counts::from_rows`] over the rows of those families the cells
    /// were made of, for that period. Cells with a count of 0 or less count for nothing.
    pub fn from_cells<'a>(
        cells: impl IntoIterator<Item = (&'a Cell, i64)>,
        from: Date,
        to: Date,
        areas: &AreaFilter,
        organisation: Option<&str>,
    ) -> Counts {
        let (first, last) = (from.first_of_month(), to.first_of_month());
        let mut values: BTreeMap<(Metric, Option<String>, Date, i64), u64> = BTreeMap::new();
        let mut families: BTreeMap<(Option<Metric>, Option<String>), u64> = BTreeMap::new();
        for (cell, n) in cells {
            let Ok(n) = u64::try_from(n) else { continue };
            match cell {
                Cell::Value {
                    organisation_id,
                    metric,
                    area_id,
                    month,
                    value,
                } if n > 0
                    && organisation_id.as_deref() == organisation
                    && (first..=last).contains(month)
                    && areas.admits(area_id.as_deref()) =>
                {
                    *values
                        .entry((*metric, area_id.clone(), *month, *value))
                        .or_insert(0) += n;
                }
                Cell::Family {
                    organisation_id,
                    metric,
                    area_id,
                    month,
                    previous,
                } if n > 0
                    && organisation_id.as_deref() == organisation
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
#[path = "cells_tests.rs"]
mod tests;
