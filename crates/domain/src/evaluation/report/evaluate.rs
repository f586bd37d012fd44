//! Rows of many families as the published figures.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use super::consultations::{ConsultationCount, ConsultationTables, consultation_tables};
use super::{Aggregate, AreaFilter, EvaluationQuery, Metric, MetricRow};
use crate::evaluation::pilot::{AreaPilot, PilotKind};
use crate::evaluation::suppression::{CountTable, PublishedTable, Shown, Threshold, snap_period};

/// How many rows of one metric, area and month have one value: what the store's
/// aggregate query returns (rows without a value are never in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueCount {
    pub metric: Metric,
    pub area_id: Option<String>,
    /// The first day of the month the rows count in.
    pub month: Date,
    pub value: i64,
    pub rows: u64,
}

/// How many distinct families of one area have a row of `metric` with a value in the
/// period (`metric` `None`: any row at all, with or without a value: the files counted).
/// A family is in one area, so these add up over areas exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FamilyCount {
    pub metric: Option<Metric>,
    pub area_id: Option<String>,
    pub families: u64,
}

/// What the store reads for one period, area filter and organisation filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub values: Vec<ValueCount>,
    pub families: Vec<FamilyCount>,
    /// Held SAVE op locatie consultations per team (not from the families' rows: an
    /// anonymous consultation is about no family).
    pub consultations: Vec<ConsultationCount>,
}

impl Counts {
    /// The counts of `rows` for a period (inclusive) and areas: the reference the
    /// store's SQL must equal. The organisation filter is the caller's (it needs the
    /// families' organisations).
    pub fn from_rows<'a>(
        rows: impl IntoIterator<Item = &'a MetricRow>,
        from: Date,
        to: Date,
        areas: &AreaFilter,
    ) -> Counts {
        let mut values: BTreeMap<(Metric, Option<String>, Date, i64), u64> = BTreeMap::new();
        let mut families: BTreeMap<(Option<Metric>, Option<String>), BTreeSet<&str>> =
            BTreeMap::new();
        for row in rows {
            if row.on < from || row.on > to || !areas.admits(row.area_id.as_deref()) {
                continue;
            }
            let family = row.family_id.as_str();
            families
                .entry((None, row.area_id.clone()))
                .or_default()
                .insert(family);
            if let Some(value) = row.value {
                families
                    .entry((Some(row.metric), row.area_id.clone()))
                    .or_default()
                    .insert(family);
                let key = (
                    row.metric,
                    row.area_id.clone(),
                    row.on.first_of_month(),
                    value,
                );
                *values.entry(key).or_default() += 1;
            }
        }
        Counts::of(
            values,
            families
                .into_iter()
                .map(|(key, set)| (key, set.len() as u64))
                .collect(),
        )
    }

    /// Counts from rows per (metric, area, month, value) and distinct families per
    /// (metric, area), in key order; no consultations.
    pub(super) fn of(
        values: BTreeMap<(Metric, Option<String>, Date, i64), u64>,
        families: BTreeMap<(Option<Metric>, Option<String>), u64>,
    ) -> Counts {
        Counts {
            values: values
                .into_iter()
                .map(|((metric, area_id, month, value), rows)| ValueCount {
                    metric,
                    area_id,
                    month,
                    value,
                    rows,
                })
                .collect(),
            families: families
                .into_iter()
                .map(|((metric, area_id), families)| FamilyCount {
                    metric,
                    area_id,
                    families,
                })
                .collect(),
            consultations: Vec::new(),
        }
    }
}

/// One metric's figure over the whole period and all areas asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetricFigure {
    pub metric: Metric,
    pub aggregate: Aggregate,
    /// Families with a value for this metric in the period.
    pub families: Shown<u64>,
    /// Rows with a value: lead times, contacts, guidances, referrals, handovers….
    pub count: Shown<u64>,
    /// Median and 90th percentile (days, or a count per family); `None`: no values, or
    /// not this metric's kind of figure.
    pub median: Option<Shown<i64>>,
    pub p90: Option<Shown<i64>>,
    /// Share of rows with value 1, whole percent ([`Aggregate::Share`]).
    pub share_percent: Option<Shown<i64>>,
    /// Events per 100 files counted, rounded ([`Aggregate::PerHundredFiles`]).
    pub per_100_files: Option<Shown<i64>>,
}

/// One month of a lead time's series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesPoint {
    pub metric: Metric,
    /// The first day of the month.
    pub month: Date,
    pub families: Shown<u64>,
    pub median: Option<Shown<i64>>,
}

/// One area's files and handovers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaFigure {
    /// `None`: families without an area.
    pub area_id: Option<String>,
    /// The area's name; "" for families without an area (the web labels them).
    pub area_name: String,
    pub files: Shown<u64>,
    /// Handovers (the lead and partners') per 100 of the area's files; hidden with the
    /// area's files.
    pub handovers_per_100_files: Option<Shown<i64>>,
}

/// One group of a pilot comparison (pilot or other areas, before or after the start).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PilotCell {
    pub families: Shown<u64>,
    pub median: Option<Shown<i64>>,
}

/// One lead time compared between a pilot's areas and all other areas, before and
/// after the start. A pilot area's month counts by its own start; the other areas'
/// months are before when they end before the earliest possible start of any of the
/// pilot's areas and after from the latest; a month holding a start (or any month of a
/// year-only or unknown start) counts on neither side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PilotComparison {
    pub kind: PilotKind,
    pub metric: Metric,
    pub pilot_before: PilotCell,
    pub pilot_after: PilotCell,
    pub other_before: PilotCell,
    pub other_after: PilotCell,
}

/// A count table: one row per value of a tally metric, one column per area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TallyTable {
    pub metric: Metric,
    /// The table's rows: stored values, labelled with [`Metric::value_label`].
    pub values: Vec<i64>,
    /// The table's columns, in the order of [`Evaluation::areas`].
    pub areas: Vec<Option<String>>,
    pub table: PublishedTable,
}

/// The answer to an [`EvaluationQuery`]: every figure already suppressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// The period shown (inclusive); differs from the period asked when `snapped`.
    pub from: Date,
    pub to: Date,
    /// The period was widened to whole months because a figure was small.
    pub snapped: bool,
    pub threshold: Threshold,
    /// Files counted: families with any row in the period.
    pub files: Shown<u64>,
    pub metrics: Vec<MetricFigure>,
    /// Per lead time, every month of the period in order.
    pub series: Vec<SeriesPoint>,
    pub areas: Vec<AreaFigure>,
    pub pilots: Vec<PilotComparison>,
    pub tallies: Vec<TallyTable>,
    /// SAVE op locatie: held consultations per team, anonymous / by name and by result.
    pub consultations: ConsultationTables,
}

impl Evaluation {
    /// Whether any figure is hidden.
    pub fn has_suppressed(&self) -> bool {
        let hidden = |s: &Option<Shown<i64>>| s.is_some_and(|s| s.is_suppressed());
        self.files.is_suppressed()
            || self.metrics.iter().any(|m| {
                m.families.is_suppressed()
                    || m.count.is_suppressed()
                    || [m.median, m.p90, m.share_percent, m.per_100_files]
                        .iter()
                        .any(hidden)
            })
            || self
                .series
                .iter()
                .any(|p| p.families.is_suppressed() || hidden(&p.median))
            || self
                .areas
                .iter()
                .any(|a| a.files.is_suppressed() || hidden(&a.handovers_per_100_files))
            || self.pilots.iter().any(|p| {
                [
                    &p.pilot_before,
                    &p.pilot_after,
                    &p.other_before,
                    &p.other_after,
                ]
                .iter()
                .any(|c| c.families.is_suppressed() || hidden(&c.median))
            })
            || self.tallies.iter().any(|t| t.table.has_suppressed())
            || self.consultations.has_suppressed()
    }
}

/// The whole months around a custom period (`from` the first of its month, `to` the
/// last of its month); `None` when the period already is whole months.
pub fn whole_months(from: Date, to: Date) -> Option<(Date, Date)> {
    let months = snap_period(from, to, true);
    (months != (from, to)).then_some(months)
}

/// Which answer to publish for a custom period: the answer for its whole months
/// (`whole_months`, computed with `snapped` true) when either answer has a hidden
/// figure, otherwise the answer for the days asked. Checking the whole months too, not
/// only the days asked, stops the sub-month differencing attack: days of a month that
/// avoid a small family (no hidden figure there) would otherwise add up to the month's
/// shown figures minus the hidden one. `None` for `whole_months`: the period asked is
/// whole months already.
pub fn publishable(asked: Evaluation, whole_months: Option<Evaluation>) -> Evaluation {
    match whole_months {
        Some(months) if months.has_suppressed() || asked.has_suppressed() => months,
        _ => asked,
    }
}

/// The value at nearest rank ⌈p/100 × n⌉ of a histogram (value → rows), exactly as
/// [`percentile`](crate::evaluation::metrics::percentile) over the values themselves.
pub fn percentile_of(histogram: &BTreeMap<i64, u64>, p: u8) -> Option<i64> {
    let n: u64 = histogram.values().sum();
    if n == 0 {
        return None;
    }
    let rank = (u64::from(p.clamp(1, 100)) * n).div_ceil(100).max(1);
    let mut seen = 0;
    for (&value, &rows) in histogram {
        seen += rows;
        if seen >= rank {
            return Some(value);
        }
    }
    None
}

fn per_100(events: u64, files: u64) -> Option<i64> {
    (files > 0).then(|| i64::try_from((events * 200 + files) / (files * 2)).unwrap_or(i64::MAX))
}

/// Which side of a pilot's start a month lies: `Some(false)` before, `Some(true)` after,
/// `None` neither.
fn side(month: Date, span: Option<(Date, Date)>) -> Option<bool> {
    let (first, last) = span?;
    if month.last_of_month() < first {
        Some(false)
    } else if month.first_of_month() >= last {
        Some(true)
    } else {
        None
    }
}

/// The published figures of `counts`, read for `query` (its period is the one shown;
/// `snapped` says whether it was widened). `area_names` names the areas; `pilots` are
/// the areas' pilots.
pub fn evaluate(
    counts: &Counts,
    query: &EvaluationQuery,
    snapped: bool,
    pilots: &[AreaPilot],
    area_names: &BTreeMap<String, String>,
) -> Evaluation {
    let threshold = query.threshold;
    let families_of = |metric: Option<Metric>, area: Option<&Option<String>>| -> u64 {
        counts
            .families
            .iter()
            .filter(|f| f.metric == metric && area.is_none_or(|a| &f.area_id == a))
            .map(|f| f.families)
            .sum()
    };
    let histogram = |keep: &dyn Fn(&ValueCount) -> bool| -> BTreeMap<i64, u64> {
        let mut h = BTreeMap::new();
        for v in counts.values.iter().filter(|v| keep(v)) {
            *h.entry(v.value).or_insert(0) += v.rows;
        }
        h
    };
    let percentiles = |h: &BTreeMap<i64, u64>, families: u64| {
        let at = |p| percentile_of(h, p).map(|v| threshold.show(v, families));
        (at(50), at(90))
    };

    // The areas as a one-column count table of files, so a hidden area cannot be
    // recovered from the total.
    let areas: Vec<Option<String>> = counts
        .families
        .iter()
        .filter(|f| f.metric.is_none())
        .map(|f| f.area_id.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let files_table = CountTable::from_rows(
        &areas
            .iter()
            .map(|a| vec![families_of(None, Some(a))])
            .collect::<Vec<_>>(),
    )
    .expect("one column per row");
    let files_published = files_table.publish(threshold);
    let files_total = files_table.grand_total();
    let files = if areas.is_empty() {
        Shown::Value(0)
    } else {
        files_published.grand_total()
    };

    let metrics = Metric::ALL
        .iter()
        .map(|&metric| {
            let aggregate = metric.aggregate();
            let families = families_of(Some(metric), None);
            let h = histogram(&|v| v.metric == metric);
            let count: u64 = h.values().sum();
            let (mut median, mut p90, mut share_percent, mut per_100_files) =
                (None, None, None, None);
            match aggregate {
                Aggregate::Days | Aggregate::Distribution => {
                    (median, p90) = percentiles(&h, families);
                }
                Aggregate::Share if count > 0 => {
                    let yes = h.get(&1).copied().unwrap_or(0);
                    let share = i64::try_from((yes * 200 + count) / (count * 2)).unwrap_or(0);
                    share_percent = Some(threshold.show(share, families));
                }
                Aggregate::PerHundredFiles => {
                    let events: u64 = h.iter().map(|(v, n)| v.unsigned_abs() * n).sum();
                    per_100_files =
                        per_100(events, files_total).map(|r| threshold.show(r, files_total));
                }
                _ => {}
            }
            MetricFigure {
                metric,
                aggregate,
                families: threshold.show(families, families),
                count: threshold.show(count, families),
                median,
                p90,
                share_percent,
                per_100_files,
            }
        })
        .collect();

    let mut months = Vec::new();
    let mut month = query.from.first_of_month();
    while month <= query.to {
        months.push(month);
        match month.last_of_month().tomorrow() {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    let lead_times: Vec<Metric> = Metric::ALL
        .iter()
        .copied()
        .filter(|m| m.is_lead_time())
        .collect();
    // A lead time is one row per family, so its rows count its families exactly.
    let series = lead_times
        .iter()
        .flat_map(|&metric| months.iter().map(move |&month| (metric, month)))
        .map(|(metric, month)| {
            let h = histogram(&|v| v.metric == metric && v.month == month);
            let families: u64 = h.values().sum();
            SeriesPoint {
                metric,
                month,
                families: threshold.show(families, families),
                median: percentiles(&h, families).0,
            }
        })
        .collect();

    let handovers = |area: &Option<String>| -> u64 {
        counts
            .values
            .iter()
            .filter(|v| {
                matches!(v.metric, Metric::HandoversLead | Metric::HandoversPartner)
                    && &v.area_id == area
            })
            .map(|v| v.value.unsigned_abs() * v.rows)
            .sum()
    };
    let area_figures = areas
        .iter()
        .enumerate()
        .map(|(row, area)| {
            let files = files_published.cell(row, 0);
            let rate = per_100(handovers(area), files_table.cell(row, 0));
            AreaFigure {
                area_id: area.clone(),
                area_name: area
                    .as_ref()
                    .and_then(|a| area_names.get(a).cloned())
                    .unwrap_or_default(),
                files,
                handovers_per_100_files: rate.map(|r| match files {
                    Shown::Value(_) => Shown::Value(r),
                    Shown::Suppressed => Shown::Suppressed,
                }),
            }
        })
        .collect();

    let kinds: BTreeSet<PilotKind> = pilots.iter().map(|p| p.kind).collect();
    let mut comparisons = Vec::new();
    for kind in kinds {
        let own: BTreeMap<&str, &AreaPilot> = pilots
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| (p.area_id.as_str(), p))
            .collect();
        let spans: Vec<(Date, Date)> = own.values().filter_map(|p| p.start.span()).collect();
        let others_span = spans
            .iter()
            .map(|s| s.0)
            .min()
            .zip(spans.iter().map(|s| s.1).max());
        for &metric in &lead_times {
            let cell = |pilot: bool, after: bool| {
                let h = histogram(&|v| {
                    if v.metric != metric {
                        return false;
                    }
                    let area_pilot = v.area_id.as_deref().and_then(|a| own.get(a));
                    match (pilot, area_pilot) {
                        (true, Some(p)) => side(v.month, p.start.span()) == Some(after),
                        (false, None) => side(v.month, others_span) == Some(after),
                        _ => false,
                    }
                });
                let families: u64 = h.values().sum();
                PilotCell {
                    families: threshold.show(families, families),
                    median: percentiles(&h, families).0,
                }
            };
            comparisons.push(PilotComparison {
                kind,
                metric,
                pilot_before: cell(true, false),
                pilot_after: cell(true, true),
                other_before: cell(false, false),
                other_after: cell(false, true),
            });
        }
    }

    let tallies = Metric::ALL
        .iter()
        .copied()
        .filter(|m| m.aggregate() == Aggregate::Tally)
        .map(|metric| {
            let values: Vec<i64> = counts
                .values
                .iter()
                .filter(|v| v.metric == metric)
                .map(|v| v.value)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let cells: Vec<Vec<u64>> = values
                .iter()
                .map(|&value| {
                    areas
                        .iter()
                        .map(|area| {
                            counts
                                .values
                                .iter()
                                .filter(|v| {
                                    v.metric == metric && v.value == value && &v.area_id == area
                                })
                                .map(|v| v.rows)
                                .sum()
                        })
                        .collect()
                })
                .collect();
            let table = CountTable::from_rows(&cells).expect("one cell per area");
            TallyTable {
                metric,
                values,
                areas: areas.clone(),
                table: table.publish(threshold),
            }
        })
        .collect();

    Evaluation {
        from: query.from,
        to: query.to,
        snapped,
        threshold,
        files,
        metrics,
        series,
        areas: area_figures,
        pilots: comparisons,
        tallies,
        consultations: consultation_tables(&counts.consultations, threshold),
    }
}
