//! The yearly complaints analysis of the officer's organisation: a page and a CSV
//! with the same figures and the same small-cell rule (the evaluation's threshold).

use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;
use eenplan_domain::complaint::{Analysis, analyse};
use eenplan_domain::evaluation::suppression::{Shown, Threshold};

use super::texts::{ComplaintTexts, complaints};
use crate::kit::csv::{Csv, Field};
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData, Input, TextField, code_label};
use crate::kit::summary::ErrorSummary;
use crate::kit::texts::fill;
use crate::kit::{Ctx, Lang, PageError, Shell, form_status, render};

#[derive(Template)]
#[template(path = "complaints/analysis.html")]
struct AnalysisPage {
    shell: Shell,
    x: &'static ComplaintTexts,
    title: String,
    intro: String,
    summary: ErrorSummary,
    inputs: Vec<Input>,
    csv_link: String,
    /// Sections of (label, value) rows.
    sections: Vec<(&'static str, Vec<(String, String)>)>,
    measures: Option<Vec<String>>,
}

/// The year asked for, or this year; `None` with an error for anything else.
fn year(data: &FormData) -> Option<i16> {
    let typed = data.get("jaar");
    if typed.is_empty() {
        return Some(today().year());
    }
    typed
        .parse::<i16>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
}

async fn load(ctx: &Ctx, year: i16) -> Result<(Analysis, Threshold, String), PageError> {
    let p = ctx.principal()?;
    let mut tx = ctx.store().read().await?;
    let courses = tx
        .complaint_courses(p.organisation_id.as_str(), year)
        .await?;
    let calendar = tx.statutory_calendar().await?;
    let threshold = tx.evaluation_threshold().await?;
    Ok((
        analyse(&calendar, &courses, year, threshold),
        threshold,
        p.organisation_name.clone(),
    ))
}

fn shown(lang: Lang, x: &ComplaintTexts, s: &Shown<u64>, threshold: Threshold) -> String {
    let _ = (lang, x);
    match s {
        Shown::Value(v) => v.to_string(),
        Shown::Suppressed => format!("<{}", threshold.get()),
    }
}

fn sections(
    lang: Lang,
    x: &'static ComplaintTexts,
    a: &Analysis,
    threshold: Threshold,
) -> Vec<(&'static str, Vec<(String, String)>)> {
    let n = |s: &Shown<u64>| shown(lang, x, s, threshold);
    let hidden = format!("<{}", threshold.get());
    let median = match &a.median_days {
        Shown::Value(Some(d)) => fill(x.a_days, &[("n", &d.to_string())]),
        Shown::Value(None) => x.a_none.to_owned(),
        Shown::Suppressed => hidden.clone(),
    };
    let within = match &a.within_term_percent {
        Shown::Value(Some(p)) => format!("{p}%"),
        Shown::Value(None) => x.a_none.to_owned(),
        Shown::Suppressed => hidden,
    };
    vec![
        (
            x.a_received,
            vec![
                (x.a_received.to_owned(), n(&a.received)),
                (x.a_decided.to_owned(), n(&a.decided)),
                (x.a_open.to_owned(), n(&a.open)),
                (x.a_median.to_owned(), median),
                (x.a_within.to_owned(), within),
            ],
        ),
        (
            x.a_by_theme,
            a.by_theme
                .iter()
                .map(|(t, s)| (code_label(lang, *t), n(s)))
                .collect(),
        ),
        (
            x.a_by_outcome,
            a.by_outcome
                .iter()
                .map(|(o, s)| (code_label(lang, *o), n(s)))
                .collect(),
        ),
    ]
}

pub async fn page(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let (lang, x) = (ctx.lang, complaints(ctx.lang));
    let query = query.unwrap_or_default();
    let data = FormData::parse(&axum::body::Bytes::from(query.clone()));
    let mut errors = Errors::new();
    let asked = year(&data);
    if asked.is_none() {
        errors.insert("jaar", x.err_year);
    }
    let y = asked.unwrap_or_else(|| today().year());
    let (analysis, threshold, organisation) = load(&ctx, y).await?;
    let mut field = TextField::typed("jaar", x.f_year, &data, &errors);
    if field.value.is_empty() {
        field.value = y.to_string();
    }
    let inputs = vec![Input::Text(field)];
    Ok(render(
        form_status(errors.is_empty()),
        &AnalysisPage {
            shell: ctx.shell("/klachten/analyse"),
            x,
            title: fill(x.analysis_title, &[("year", &y.to_string())]),
            intro: fill(
                x.analysis_intro,
                &[
                    ("organisation", &organisation),
                    ("year", &y.to_string()),
                    ("threshold", &threshold.get().to_string()),
                ],
            ),
            summary: ErrorSummary::of_inputs(lang, &inputs),
            inputs,
            csv_link: format!("/klachten/analyse.csv?jaar={y}"),
            sections: sections(lang, x, &analysis, threshold),
            measures: analysis.measures.value().cloned(),
        },
    ))
}

pub async fn csv(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let (lang, x) = (ctx.lang, complaints(ctx.lang));
    let data = FormData::parse(&axum::body::Bytes::from(query.unwrap_or_default()));
    let Some(y) = year(&data) else {
        return Ok(axum::response::IntoResponse::into_response(
            axum::response::Redirect::to("/klachten/analyse"),
        ));
    };
    let (analysis, threshold, _) = load(&ctx, y).await?;
    let mut csv = Csv::new();
    csv.texts(&[x.a_figure, x.a_value]);
    for (section, rows) in sections(lang, x, &analysis, threshold) {
        for (label, value) in rows {
            let field = match value.parse::<i64>() {
                Ok(n) => Field::Integer(n),
                Err(_) if value.starts_with('<') => Field::Hidden(threshold.get()),
                Err(_) => Field::text(value),
            };
            csv.line(&[Field::text(format!("{section}: {label}")), field]);
        }
    }
    match analysis.measures.value() {
        Some(measures) => {
            for m in measures {
                csv.line(&[Field::text(x.a_measures), Field::text(m.clone())]);
            }
        }
        None => {
            csv.line(&[Field::text(x.a_measures), Field::text(x.a_measures_hidden)]);
        }
    }
    Ok(csv.download(&format!("klachtenanalyse-{y}.csv")))
}
