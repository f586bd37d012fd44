//! The scores over the plan's newest versions, drawn on the server.

use super::*;

/// The scores over the plan's versions as a small chart, drawn on the server: one line
/// per person (the family's own bold), oldest version on the left, 0 at the bottom and
/// 10 at the top. The same numbers are in a table beside it for those who cannot see it.
pub struct ScoreChart {
    pub svg: String,
    pub versions: Vec<i64>,
    /// (who, score per version, empty where none was given).
    pub rows: Vec<(String, Vec<String>)>,
    /// "De laatste 12 versies" when the plan has more versions than the chart draws.
    pub latest: Option<String>,
}

/// How many versions the scores over time draw: the newest, so a plan saved a hundred
/// times stays readable (and its page reads a dozen plans, not a hundred).
pub(super) const CHART_VERSIONS: i64 = 12;

/// The chart of `recent` (newest first, at most [`CHART_VERSIONS`]) out of `all`
/// versions.
pub(super) fn score_chart(lang: Lang, recent: &[(i64, Plan)], all: usize) -> Option<ScoreChart> {
    let pt = plan_texts(lang);
    let oldest_first: Vec<&(i64, Plan)> = recent.iter().rev().collect();
    let mut series: Vec<(ScoreBy, Vec<Option<u8>>)> = Vec::new();
    for (i, (_, plan)) in oldest_first.iter().enumerate() {
        for (by, score) in plan.scores() {
            let at = match series.iter().position(|(s, _)| s.same(&by)) {
                Some(at) => at,
                None => {
                    series.push((by, vec![None; oldest_first.len()]));
                    series.len() - 1
                }
            };
            series[at].1[i] = Some(score);
        }
    }
    if series.is_empty() {
        return None;
    }
    let (w, h, left, top, bottom) = (480.0_f64, 180.0_f64, 28.0_f64, 10.0_f64, 24.0_f64);
    let n = oldest_first.len().max(2) - 1;
    let x = |i: usize| left + (w - left - 10.0) * (i as f64) / (n as f64);
    let y = |s: u8| top + (h - top - bottom) * (1.0 - f64::from(s) / f64::from(MAX_SCALE));
    let mut svg = format!(
        r#"<svg class="plan-chart" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="scores-title"><title id="scores-title">{}</title>"#,
        escape(pt.scores_over_time)
    );
    for s in [0, 5, 10] {
        svg.push_str(&format!(
            r#"<line x1="{left}" x2="{}" y1="{y}" y2="{y}" class="plan-chart__grid"/><text x="4" y="{}" class="plan-chart__label">{s}</text>"#,
            w - 10.0,
            y(s) + 4.0,
            y = y(s)
        ));
    }
    for (i, v) in oldest_first.iter().enumerate() {
        svg.push_str(&format!(
            r#"<text x="{}" y="{}" class="plan-chart__label" text-anchor="middle">{}</text>"#,
            x(i),
            h - 6.0,
            v.0
        ));
    }
    let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 5"];
    for (k, (by, scores)) in series.iter().enumerate() {
        let points: Vec<String> = scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| format!("{:.1},{:.1}", x(i), y(s))))
            .collect();
        let family = matches!(by, ScoreBy::Family);
        let dash = dashes[k % dashes.len()];
        svg.push_str(&format!(
            r#"<polyline points="{}" class="plan-chart__line{}" stroke-dasharray="{dash}"/>"#,
            points.join(" "),
            if family {
                " plan-chart__line--family"
            } else {
                ""
            }
        ));
        for p in &points {
            if let Some((px, py)) = p.split_once(',') {
                svg.push_str(&format!(
                    r#"<circle cx="{px}" cy="{py}" r="3" class="plan-chart__dot"/>"#
                ));
            }
        }
    }
    svg.push_str("</svg>");
    Some(ScoreChart {
        svg,
        versions: oldest_first.iter().map(|v| v.0).collect(),
        latest: (all > recent.len())
            .then(|| pt.scores_latest.replace("{n}", &recent.len().to_string())),
        rows: series
            .iter()
            .map(|(by, scores)| {
                let who = match by {
                    ScoreBy::Family => pt.family_score_short.to_owned(),
                    ScoreBy::Person(p) => p.name.clone(),
                };
                let scores = scores
                    .iter()
                    .map(|s| s.map(|s| s.to_string()).unwrap_or_default())
                    .collect();
                (who, scores)
            })
            .collect(),
    })
}

/// Text for inside the chart's markup, which the template shows as it is.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
