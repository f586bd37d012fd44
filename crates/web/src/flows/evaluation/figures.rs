//! The domain's `Evaluation` as tables and charts: which figure goes in which table,
//! how a metric is named, which chart draws what. Pure: no store, no request, so the
//! unit tests feed it a hand-built evaluation. The numbers are the domain's, already
//! suppressed; nothing here computes a figure that could undo a suppression (the one
//! sum, "all other areas together", is only shown when both its parts are shown).

use eenplan_domain::evaluation::pilot::{AreaPilot, PilotKind};
use eenplan_domain::evaluation::report::{
    Aggregate, Evaluation, Metric, MetricFigure, PilotCell, PilotComparison,
};
use eenplan_domain::evaluation::suppression::{PublishedTable, Shown};
use eenplan_domain::save_on_site::ConsultationResult;
use jiff::civil::Date;

use super::grid::{Cell, Grid, Row};
use super::texts::{EvaluationTexts, evaluation};
use crate::kit::Lang;
use crate::kit::chart::{Bar, Figure, Numbers, Series, bar_chart, line_chart, month_label};
use crate::kit::form::code_label;
use crate::kit::texts::fill;

/// What the figures are built from.
pub struct Source<'a> {
    pub lang: Lang,
    /// The figures of the visitor's view.
    pub main: &'a Evaluation,
    /// A policy officer's comparison: all other areas together (never by area).
    pub others: Option<&'a Evaluation>,
    pub pilots: &'a [AreaPilot],
    /// Only this pilot's comparison; all pilots when `None`.
    pub pilot: Option<PilotKind>,
}

/// The tables and charts of one evaluation, in the order of the page.
pub struct Built {
    pub headline: Vec<Grid>,
    pub figures: Vec<(Figure, Grid)>,
    pub counts: Vec<Grid>,
}

fn count(shown: Shown<u64>) -> Cell {
    match shown {
        Shown::Value(v) => Cell::Number(v as f64, 0),
        Shown::Suppressed => Cell::Hidden,
    }
}

fn whole(shown: Option<Shown<i64>>) -> Cell {
    match shown {
        Some(Shown::Value(v)) => Cell::Number(v as f64, 0),
        Some(Shown::Suppressed) => Cell::Hidden,
        None => Cell::Missing,
    }
}

fn numbers(lang: Lang, unit: &str, threshold: u32) -> Numbers {
    Numbers {
        lang,
        decimals: 0,
        unit: unit.to_owned(),
        threshold,
    }
}

/// The headline tables: one per kind of figure, so each has only the columns that
/// mean something for its metrics. `suffix` names whose figures they are when there is
/// a comparison beside them.
fn headline(lang: Lang, ev: &Evaluation, id: &'static str, suffix: &str) -> Vec<Grid> {
    let x = evaluation(lang);
    let of = |aggregates: &[Aggregate]| -> Vec<&MetricFigure> {
        ev.metrics
            .iter()
            .filter(|m| aggregates.contains(&m.aggregate))
            .collect()
    };
    let grid = |caption: &str, columns: Vec<&str>, rows: Vec<Row>| Grid {
        id,
        caption: format!("{caption}{suffix}"),
        corner: x.col_metric.to_owned(),
        columns: columns.into_iter().map(str::to_owned).collect(),
        rows,
    };
    let row = |m: &MetricFigure, cells: Vec<Cell>| Row {
        key: m.metric.code().to_owned(),
        name: code_label(lang, m.metric),
        cells,
    };
    let mut grids = Vec::new();
    let mut counts = vec![Row {
        key: "files".to_owned(),
        name: x.files.to_owned(),
        cells: vec![count(ev.files)],
    }];
    counts.extend(
        of(&[Aggregate::Count])
            .into_iter()
            .map(|m| row(m, vec![count(m.count)])),
    );
    grids.push(grid(x.t_counts, vec![x.col_count], counts));
    let spread = |m: &MetricFigure| vec![count(m.families), whole(m.median), whole(m.p90)];
    grids.push(grid(
        x.t_days,
        vec![x.col_families, x.col_median_days, x.col_p90_days],
        of(&[Aggregate::Days])
            .into_iter()
            .map(|m| row(m, spread(m)))
            .collect(),
    ));
    grids.push(grid(
        x.t_per_family,
        vec![x.col_families, x.col_median, x.col_p90],
        of(&[Aggregate::Distribution])
            .into_iter()
            .map(|m| row(m, spread(m)))
            .collect(),
    ));
    grids.push(grid(
        x.t_handovers,
        vec![x.col_families, x.col_count, x.col_per_100],
        of(&[Aggregate::PerHundredFiles])
            .into_iter()
            .map(|m| {
                row(
                    m,
                    vec![count(m.families), count(m.count), whole(m.per_100_files)],
                )
            })
            .collect(),
    ));
    grids.push(grid(
        x.t_on_time,
        vec![x.col_families, x.col_share],
        of(&[Aggregate::Share])
            .into_iter()
            .map(|m| row(m, vec![count(m.families), whole(m.share_percent)]))
            .collect(),
    ));
    grids
}

/// The three lead times' medians per month, as a line chart and its table.
fn lead_times(lang: Lang, ev: &Evaluation, threshold: u32) -> (Figure, Grid) {
    let x = evaluation(lang);
    let metrics: Vec<Metric> = Metric::ALL
        .iter()
        .copied()
        .filter(|m| m.is_lead_time())
        .collect();
    let mut months: Vec<Date> = ev.series.iter().map(|p| p.month).collect();
    months.sort();
    months.dedup();
    let cell = |metric: Metric, month: Date| {
        ev.series
            .iter()
            .find(|p| p.metric == metric && p.month == month)
            .map_or(Cell::Missing, |p| whole(p.median))
    };
    let series: Vec<Series> = metrics
        .iter()
        .map(|&m| Series {
            name: short(x, m).to_owned(),
            points: months.iter().map(|&month| cell(m, month).point()).collect(),
        })
        .collect();
    let figure = line_chart(
        "doorlooptijden",
        x.chart_lead_times,
        &months,
        &series,
        &numbers(lang, x.unit_days, threshold),
    );
    let grid = Grid {
        id: "lead_times_by_month",
        caption: x.chart_lead_times.to_owned(),
        corner: crate::kit::chart::chart_texts(lang).month.to_owned(),
        columns: series.iter().map(|s| s.name.clone()).collect(),
        rows: months
            .iter()
            .map(|&month| Row {
                key: format!("{:04}-{:02}", month.year(), month.month()),
                name: month_label(lang, month),
                cells: metrics.iter().map(|&m| cell(m, month)).collect(),
            })
            .collect(),
    };
    (figure, grid)
}

/// A lead time's short name, for a legend.
fn short(x: &'static EvaluationTexts, metric: Metric) -> &'static str {
    match metric {
        Metric::LeadJointJudgement => x.short_joint_judgement,
        Metric::LeadAgreedPlan => x.short_agreed_plan,
        _ => x.short_help_started,
    }
}

/// Handovers per 100 files per area, and for a policy officer one bar for all other
/// areas together.
fn handovers(
    lang: Lang,
    ev: &Evaluation,
    others: Option<&Evaluation>,
    threshold: u32,
) -> (Figure, Grid) {
    let x = evaluation(lang);
    let mut rows: Vec<Row> = ev
        .areas
        .iter()
        .map(|a| Row {
            key: a.area_id.clone().unwrap_or_default(),
            name: if a.area_name.is_empty() {
                x.no_area.to_owned()
            } else {
                a.area_name.clone()
            },
            cells: vec![whole(a.handovers_per_100_files)],
        })
        .collect();
    if let Some(others) = others {
        rows.push(Row {
            key: "others".to_owned(),
            name: x.others_together.to_owned(),
            cells: vec![others_per_100(others)],
        });
    }
    let bars: Vec<Bar> = rows
        .iter()
        .map(|r| Bar {
            label: r.name.clone(),
            value: r.cells[0].point(),
        })
        .collect();
    let figure = bar_chart(
        "overdrachten",
        x.chart_handovers,
        x.col_area,
        &bars,
        &numbers(lang, x.unit_per_100, threshold),
    );
    let grid = Grid {
        id: "handovers_per_area",
        caption: x.chart_handovers.to_owned(),
        corner: x.col_area.to_owned(),
        columns: vec![x.unit_per_100.to_owned()],
        rows,
    };
    (figure, grid)
}

/// All other areas' handovers (the lead's and partners') per 100 files: the sum of
/// the two published rates, which share their denominator (the files counted), so it
/// differs from the areas' own rate by rounding at most; hidden when either is.
fn others_per_100(ev: &Evaluation) -> Cell {
    let rate = |metric: Metric| {
        ev.metrics
            .iter()
            .find(|m| m.metric == metric)
            .and_then(|m| m.per_100_files)
    };
    match (rate(Metric::HandoversLead), rate(Metric::HandoversPartner)) {
        (Some(Shown::Value(lead)), Some(Shown::Value(partner))) => {
            Cell::Number((lead + partner) as f64, 0)
        }
        (None, None) => Cell::Missing,
        _ => Cell::Hidden,
    }
}

/// Which of a comparison's four groups.
type Side = fn(&PilotComparison) -> &PilotCell;

/// One pilot's lead times in its areas and in the other areas, before and after its
/// start: a bar chart and a table of groups by lead time.
fn pilot(
    lang: Lang,
    kind: PilotKind,
    comparisons: &[&PilotComparison],
    pilots: &[AreaPilot],
    threshold: u32,
) -> (Figure, Grid) {
    let x = evaluation(lang);
    let english = lang == Lang::En;
    let mut starts: Vec<String> = pilots
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| format!("{} {}", p.area_name, p.start.shown(english)))
        .collect();
    starts.dedup();
    let title = fill(
        x.chart_pilot,
        &[
            ("pilot", &code_label(lang, kind)),
            ("start", &starts.join(", ")),
        ],
    );
    let groups: [(&str, Side); 4] = [
        (x.pilot_before, |c| &c.pilot_before),
        (x.pilot_after, |c| &c.pilot_after),
        (x.others_before, |c| &c.other_before),
        (x.others_after, |c| &c.other_after),
    ];
    let mut bars = Vec::new();
    for c in comparisons {
        for (name, cell) in &groups {
            bars.push(Bar {
                label: format!("{}: {}", short(x, c.metric), name.to_lowercase()),
                value: whole(cell(c).median).point(),
            });
        }
    }
    let id = match kind {
        PilotKind::SaveOnSite => "pilot-save",
        PilotKind::JeugdbeschermingUtrechtWest => "pilot-jbuw",
        PilotKind::Evu => "pilot-evu",
    };
    let mut figure = bar_chart(
        id,
        &title,
        x.col_group,
        &bars,
        &numbers(lang, x.unit_days, threshold),
    );
    figure.note = Some(match figure.note {
        Some(note) => format!("{} {note}", x.pilot_unclear),
        None => x.pilot_unclear.to_owned(),
    });
    let grid = Grid {
        id: match kind {
            PilotKind::SaveOnSite => "pilot_save_on_site",
            PilotKind::JeugdbeschermingUtrechtWest => "pilot_jb_utrecht_west",
            PilotKind::Evu => "pilot_evu",
        },
        caption: title,
        corner: x.col_group.to_owned(),
        columns: comparisons
            .iter()
            .map(|c| format!("{} ({})", short(x, c.metric), x.unit_days.to_lowercase()))
            .collect(),
        rows: groups
            .iter()
            .zip(["pilot_before", "pilot_after", "other_before", "other_after"])
            .map(|((name, cell), key)| Row {
                key: key.to_owned(),
                name: (*name).to_owned(),
                cells: comparisons.iter().map(|c| whole(cell(c).median)).collect(),
            })
            .collect(),
    };
    (figure, grid)
}

/// The count tables (outcomes, frameworks, transitions): a row per value, a column per
/// area, with their totals, as the domain published them (complementary suppression).
fn tallies(lang: Lang, ev: &Evaluation) -> Vec<Grid> {
    let x = evaluation(lang);
    let area_name = |id: &Option<String>| {
        ev.areas
            .iter()
            .find(|a| &a.area_id == id)
            .map(|a| a.area_name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| x.no_area.to_owned())
    };
    ev.tallies
        .iter()
        .filter(|t| t.table.rows() > 0)
        .map(|t| {
            let table = &t.table;
            let mut rows: Vec<Row> = t
                .values
                .iter()
                .enumerate()
                .map(|(r, value)| Row {
                    key: value.to_string(),
                    name: t
                        .metric
                        .value_label(*value, lang == Lang::En)
                        .unwrap_or_else(|| x.unknown_value.to_owned()),
                    cells: (0..table.cols())
                        .map(|c| count(table.cell(r, c)))
                        .chain([count(table.row_total(r))])
                        .collect(),
                })
                .collect();
            rows.push(Row {
                key: "total".to_owned(),
                name: x.col_total.to_owned(),
                cells: (0..table.cols())
                    .map(|c| count(table.col_total(c)))
                    .chain([count(table.grand_total())])
                    .collect(),
            });
            Grid {
                id: "counts",
                caption: code_label(lang, t.metric),
                corner: x.col_value.to_owned(),
                columns: t
                    .areas
                    .iter()
                    .map(area_name)
                    .chain([x.col_total.to_owned()])
                    .collect(),
                rows,
            }
        })
        .collect()
}

/// SAVE op locatie's consultations per team: anonymous or by name, and by result, as
/// the domain published them (complementary suppression), with their totals.
fn consultations(lang: Lang, ev: &Evaluation) -> Vec<Grid> {
    let x = evaluation(lang);
    let c = &ev.consultations;
    if c.teams.is_empty() {
        return Vec::new();
    }
    let grid = |id: &'static str, caption: &str, columns: Vec<String>, table: &PublishedTable| {
        let mut rows: Vec<Row> = c
            .teams
            .iter()
            .enumerate()
            .map(|(r, (team_id, name))| Row {
                key: team_id.clone(),
                name: name.clone(),
                cells: (0..table.cols())
                    .map(|col| count(table.cell(r, col)))
                    .chain([count(table.row_total(r))])
                    .collect(),
            })
            .collect();
        rows.push(Row {
            key: "total".to_owned(),
            name: x.col_total.to_owned(),
            cells: (0..table.cols())
                .map(|col| count(table.col_total(col)))
                .chain([count(table.grand_total())])
                .collect(),
        });
        Grid {
            id,
            caption: caption.to_owned(),
            corner: x.col_team.to_owned(),
            columns: columns
                .into_iter()
                .chain([x.col_total.to_owned()])
                .collect(),
            rows,
        }
    };
    vec![
        grid(
            "consultations_by_kind",
            x.t_consultations_kind,
            vec![x.col_anonymous.to_owned(), x.col_named.to_owned()],
            &c.by_kind,
        ),
        grid(
            "consultations_by_result",
            x.t_consultations_result,
            ConsultationResult::ALL
                .iter()
                .map(|r| code_label(lang, *r))
                .collect(),
            &c.by_result,
        ),
    ]
}

/// Everything the page, the CSV and the JSON show of `source`.
pub fn build(source: &Source<'_>) -> Built {
    let (lang, ev) = (source.lang, source.main);
    let x = evaluation(lang);
    let threshold = ev.threshold.get();
    let mut headline_grids = if source.others.is_some() {
        headline(lang, ev, "headline", &format!(" — {}", x.your_areas))
    } else {
        headline(lang, ev, "headline", "")
    };
    if let Some(others) = source.others {
        headline_grids.extend(headline(
            lang,
            others,
            "headline_others",
            &format!(" — {}", x.others_together),
        ));
    }
    let headline_grids = headline_grids
        .into_iter()
        .filter(|g| !g.rows.is_empty())
        .collect();
    let mut figures = vec![
        lead_times(lang, ev, threshold),
        handovers(lang, ev, source.others, threshold),
    ];
    for kind in PilotKind::ALL {
        if source.pilot.is_some_and(|p| p != *kind) {
            continue;
        }
        let comparisons: Vec<&PilotComparison> =
            ev.pilots.iter().filter(|p| p.kind == *kind).collect();
        if !comparisons.is_empty() {
            figures.push(pilot(lang, *kind, &comparisons, source.pilots, threshold));
        }
    }
    Built {
        headline: headline_grids,
        figures,
        counts: tallies(lang, ev)
            .into_iter()
            .chain(consultations(lang, ev))
            .collect(),
    }
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
