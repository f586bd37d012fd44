//! Charts drawn on the server as SVG, without JavaScript, and always with a table of
//! the same numbers: a chart is for the eye, the table for everyone (a screen reader,
//! a keyboard, a narrow phone, a printer without colour). [`line_chart`] and
//! [`bar_chart`] each give a [`Figure`] — the drawing and its table — which
//! `templates/kit/figure.html` shows one after the other.
//!
//! What a chart must never do is turn a hidden number into a drawn one: a value shown
//! as "<5" (too few families, see `eenplan_domain::evaluation::suppression`) is a gap
//! in its line or a bar that is not drawn, and a note under the chart says why. It is
//! never drawn as zero, which would be a number that is not true.
//!
//! The drawings scale with the page (a `viewBox`, no fixed size) and are laid out for a
//! 400-unit width, so at 320 px their text is still about 11 px: labels are few (at
//! most five months along an axis), series differ by dash and marker as well as by
//! colour, and a bar's label stands above the bar rather than beside it.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::kit::dates::months;
use crate::kit::texts::{Lang, fill};

crate::texts! {
    /// What every chart says about itself.
    pub struct ChartTexts, chart_texts {
        line_desc: "Lijndiagram met {series} over {n} maanden, van {from} tot en met {to}. Dezelfde cijfers staan in de tabel onder het diagram.",
            "Line chart of {series} over {n} months, from {from} to {to}. The same numbers are in the table below the chart.";
        bar_desc: "Staafdiagram met {n} staven: {bars}. Dezelfde cijfers staan in de tabel onder het diagram.",
            "Bar chart with {n} bars: {bars}. The same numbers are in the table below the chart.";
        gap_note: "Een onderbreking in een lijn of een ontbrekende staaf betekent: minder dan {threshold} gezinnen, dus niet getoond (\"{hidden}\" in de tabel). Het is geen nul.",
            "A break in a line or a missing bar means: fewer than {threshold} families, so not shown (\"{hidden}\" in the table). It is not zero.";
        none: "geen",
            "none";
        month: "Maand",
            "Month";
    }
}

/// One value of a chart: a number, a number hidden because too few families are behind
/// it, or nothing to show (no family at all, so no median either).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Point {
    Value(f64),
    Hidden,
    Missing,
}

impl Point {
    fn value(self) -> Option<f64> {
        match self {
            Point::Value(v) if v.is_finite() => Some(v),
            _ => None,
        }
    }
}

/// One line of a line chart: its name (in the legend and the table's header) and a
/// point per month.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
}

/// One bar of a bar chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: Point,
}

/// How the figure's numbers read: the decimals, the unit after the number in the
/// table's header, and how a hidden number reads ("<5").
#[derive(Debug, Clone)]
pub struct Numbers {
    pub lang: Lang,
    pub decimals: usize,
    /// What the numbers count or measure, for the table's column: "mediaan in dagen".
    pub unit: String,
    /// The threshold hidden numbers are below; the label is "<threshold".
    pub threshold: u32,
}

impl Numbers {
    /// How a hidden number reads everywhere: "<5".
    pub fn hidden(&self) -> String {
        format!("<{}", self.threshold)
    }

    fn cell(&self, point: Point) -> String {
        match point {
            Point::Value(v) if v.is_finite() => decimal(self.lang, v, self.decimals),
            Point::Hidden => self.hidden(),
            _ => chart_texts(self.lang).none.to_owned(),
        }
    }
}

/// A table of the numbers a chart draws: a caption, the header of the row names, the
/// column headers, and per row its name and cells (as they read).
#[derive(Debug, Clone)]
pub struct Table {
    pub caption: String,
    pub corner: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
}

/// A chart and its table, for `templates/kit/figure.html`.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Unique in the page: the drawing's title and description are named after it.
    pub id: String,
    pub title: String,
    /// The drawing, escaped where it holds text; the template shows it as it is.
    pub svg: String,
    /// Why a line breaks or a bar is missing, when one does.
    pub note: Option<String>,
    pub table: Table,
}

const WIDTH: f64 = 400.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 30.0;
const PLOT_HEIGHT: f64 = 170.0;
const LEGEND_ROW: f64 = 20.0;
const AXIS_BELOW: f64 = 26.0;
/// Dash patterns and markers per series, so a line is told apart without colour.
const DASHES: [&str; 4] = ["", "7 4", "2 4", "10 4 2 4"];
const MARKERS: [Marker; 4] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
];

#[derive(Debug, Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

fn marker(kind: Marker, x: f64, y: f64, class: &str) -> String {
    match kind {
        Marker::Circle => format!(r#"<circle class="{class}" cx="{x:.1}" cy="{y:.1}" r="4"/>"#),
        Marker::Square => format!(
            r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="8" height="8"/>"#,
            x - 4.0,
            y - 4.0
        ),
        Marker::Triangle => format!(
            r#"<path class="{class}" d="M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z"/>"#,
            y - 5.0,
            x + 5.0,
            y + 4.0,
            x - 5.0,
            y + 4.0
        ),
        Marker::Diamond => format!(
            r#"<path class="{class}" d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z"/>"#,
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0
        ),
    }
}

/// A month as the axis and the table read it: "jan 2024".
pub fn month_label(lang: Lang, month: Date) -> String {
    let name = months(lang)[usize::try_from(month.month() - 1).unwrap_or(0).min(11)];
    format!("{name} {}", month.year())
}

/// `value` with `places` decimals as a person reads it: a decimal comma and a dot
/// between thousands in Dutch ("1.234,5"), the other way round in English.
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{:.*}", places, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = if lang == Lang::Nl {
        ('.', ',')
    } else {
        (',', '.')
    };
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{fraction}")
    }
}

/// Text for inside the drawing, which the template shows as it is.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The top of the value axis and its step: a round step (1, 2 or 5 times a power of
/// ten) so that four steps reach at least `max`.
fn scale(max: f64) -> (f64, f64) {
    let rough = (max / 4.0).max(1e-9);
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let step = if max <= 0.0 { 1.0 } else { step };
    (step * (max / step).ceil().max(1.0), step)
}

fn open_svg(id: &str, title: &str, desc: &str, height: f64) -> String {
    format!(
        r#"<svg class="ev-chart" viewBox="0 0 {WIDTH} {height:.0}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    )
}

fn gap_note(numbers: &Numbers, any_hidden: bool) -> Option<String> {
    any_hidden.then(|| {
        fill(
            chart_texts(numbers.lang).gap_note,
            &[
                ("threshold", &numbers.threshold.to_string()),
                ("hidden", &numbers.hidden()),
            ],
        )
    })
}

/// A line chart of values over months (`months` are the months' first days, in order;
/// each series has a point per month), with its table: a row per month, a column per
/// series.
pub fn line_chart(
    id: &str,
    title: &str,
    months: &[Date],
    series: &[Series],
    numbers: &Numbers,
) -> Figure {
    let (lang, x_texts) = (numbers.lang, chart_texts(numbers.lang));
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let desc = fill(
        x_texts.line_desc,
        &[
            ("series", &names.join(", ")),
            ("n", &months.len().to_string()),
            (
                "from",
                &months
                    .first()
                    .map_or_else(String::new, |m| month_label(lang, *m)),
            ),
            (
                "to",
                &months
                    .last()
                    .map_or_else(String::new, |m| month_label(lang, *m)),
            ),
        ],
    );
    let legend = LEGEND_ROW * series.len() as f64 + 8.0;
    let (top, height) = (legend + 8.0, legend + 8.0 + PLOT_HEIGHT + AXIS_BELOW);
    let bottom = top + PLOT_HEIGHT;
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|p| p.value()))
        .fold(0.0, f64::max);
    let (axis_top, step) = scale(max);
    let x = |i: usize| {
        if months.len() < 2 {
            (LEFT + WIDTH - RIGHT) / 2.0
        } else {
            LEFT + (WIDTH - LEFT - RIGHT) * i as f64 / (months.len() - 1) as f64
        }
    };
    let y = |v: f64| bottom - PLOT_HEIGHT * (v / axis_top);
    let mut svg = open_svg(id, title, &desc, height);
    for (k, s) in series.iter().enumerate() {
        let row = 8.0 + LEGEND_ROW * k as f64 + LEGEND_ROW / 2.0;
        let class = format!("ev-chart__series ev-chart__series--{}", k % DASHES.len());
        let _ = write!(
            svg,
            r#"<g class="{class}"><path class="ev-chart__line" d="M{LEFT} {row:.1}H{:.1}" stroke-dasharray="{}"/>{}<text class="ev-chart__legend" x="{:.1}" y="{:.1}">{}</text></g>"#,
            LEFT + 36.0,
            DASHES[k % DASHES.len()],
            marker(
                MARKERS[k % MARKERS.len()],
                LEFT + 18.0,
                row,
                "ev-chart__marker"
            ),
            LEFT + 44.0,
            row + 4.5,
            escape(&s.name)
        );
    }
    let mut tick = 0.0;
    while tick <= axis_top + step / 2.0 {
        let _ = write!(
            svg,
            r#"<path class="ev-chart__grid" d="M{LEFT} {:.1}H{:.1}"/><text class="ev-chart__label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            y(tick),
            WIDTH - RIGHT,
            LEFT - 6.0,
            y(tick) + 4.5,
            decimal(lang, tick, if step < 1.0 { 1 } else { 0 })
        );
        tick += step;
    }
    let every = months.len().div_ceil(5).max(1);
    for (i, m) in months.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let _ = write!(
            svg,
            r#"<text class="ev-chart__label" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x(i),
            bottom + 18.0,
            escape(&month_label(lang, *m))
        );
    }
    for (k, s) in series.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<g class="ev-chart__series ev-chart__series--{}">"#,
            k % DASHES.len()
        );
        // A hidden or missing point ends the line; the next value starts a new one.
        let mut path = String::new();
        let mut pen_down = false;
        for (i, p) in s.points.iter().enumerate().take(months.len()) {
            match p.value() {
                Some(v) => {
                    let _ = write!(
                        path,
                        "{}{:.1} {:.1}",
                        if pen_down { "L" } else { "M" },
                        x(i),
                        y(v)
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        if !path.is_empty() {
            let _ = write!(
                svg,
                r#"<path class="ev-chart__line" d="{path}" stroke-dasharray="{}"/>"#,
                DASHES[k % DASHES.len()]
            );
        }
        for (i, v) in s
            .points
            .iter()
            .enumerate()
            .take(months.len())
            .filter_map(|(i, p)| p.value().map(|v| (i, v)))
        {
            svg.push_str(&marker(
                MARKERS[k % MARKERS.len()],
                x(i),
                y(v),
                "ev-chart__marker",
            ));
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    let any_hidden = series.iter().any(|s| s.points.contains(&Point::Hidden));
    Figure {
        id: id.to_owned(),
        title: title.to_owned(),
        svg,
        note: gap_note(numbers, any_hidden),
        table: Table {
            caption: title.to_owned(),
            corner: x_texts.month.to_owned(),
            columns: names,
            rows: months
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let cells = series
                        .iter()
                        .map(|s| numbers.cell(s.points.get(i).copied().unwrap_or(Point::Missing)))
                        .collect();
                    (month_label(lang, *m), cells)
                })
                .collect(),
        },
    }
}

/// A horizontal bar chart (each bar's label above it, so a long area name fits on a
/// phone), with its table: a row per bar, one column of `numbers.unit`.
pub fn bar_chart(id: &str, title: &str, corner: &str, bars: &[Bar], numbers: &Numbers) -> Figure {
    const ROW: f64 = 46.0;
    let lang = numbers.lang;
    let desc = fill(
        chart_texts(lang).bar_desc,
        &[
            ("n", &bars.len().to_string()),
            (
                "bars",
                &bars
                    .iter()
                    .map(|b| format!("{} {}", b.label, numbers.cell(b.value)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ],
    );
    let height = ROW * bars.len().max(1) as f64 + 8.0;
    let max = bars
        .iter()
        .filter_map(|b| b.value.value())
        .fold(0.0, f64::max);
    let (axis_top, _) = scale(max);
    let (left, room) = (4.0, WIDTH - 4.0 - 64.0);
    let mut svg = open_svg(id, title, &desc, height);
    for (i, b) in bars.iter().enumerate() {
        let row = 4.0 + ROW * i as f64;
        let _ = write!(
            svg,
            r#"<text class="ev-chart__legend" x="{left}" y="{:.1}">{}</text>"#,
            row + 15.0,
            escape(&b.label)
        );
        let text_x = match b.value.value() {
            Some(v) => {
                let w = (room * v / axis_top).max(1.0);
                let _ = write!(
                    svg,
                    r#"<rect class="ev-chart__bar" x="{left}" y="{:.1}" width="{w:.1}" height="18"/>"#,
                    row + 21.0
                );
                left + w + 6.0
            }
            None => left,
        };
        let _ = write!(
            svg,
            r#"<text class="ev-chart__label" x="{text_x:.1}" y="{:.1}">{}</text>"#,
            row + 35.0,
            escape(&numbers.cell(b.value))
        );
    }
    svg.push_str("</svg>");
    Figure {
        id: id.to_owned(),
        title: title.to_owned(),
        svg,
        note: gap_note(numbers, bars.iter().any(|b| b.value == Point::Hidden)),
        table: Table {
            caption: title.to_owned(),
            corner: corner.to_owned(),
            columns: vec![numbers.unit.clone()],
            rows: bars
                .iter()
                .map(|b| (b.label.clone(), vec![numbers.cell(b.value)]))
                .collect(),
        },
    }
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
