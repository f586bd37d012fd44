//! The pilots (the chain administrator): which way of working started in which area
//! and when, as precisely as it is known. The evaluation compares its figures between
//! these areas and the rest, before and after a start, so a start is entered as a
//! precision chosen first (day, month, year, not known) and then the matching fields: a
//! date, a month and a year from lists, a year; never a notation to learn.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use eenplan_domain::evaluation::pilot::{
    PILOT_YEARS, PilotKind, PilotStart, StartInputError, StartPrecision,
};
use eenplan_domain::journal::Actor;
use eenplan_store::{StoreError, Tx};
use serde::Deserialize;

use super::common::*;
use crate::flows::admin::texts::{AdminTexts, admin as admin_texts};
use crate::kit::PageError;
use crate::kit::dates::{month_name, today};
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, chosen, code_label,
    code_select, optional_date, text_errors, with_none,
};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Lang, Shell, form_status, render};

pub(super) const PILOTS: &str = "/beheer/pilots";

pub struct PilotRow {
    pub kind: String,
    pub area: String,
    pub start: String,
    pub edit: String,
}

#[derive(Template)]
#[template(path = "admin/pilots.html")]
struct PilotsPage {
    shell: Shell,
    x: &'static AdminTexts,
    saved: bool,
    summary: ErrorSummary,
    rows: Vec<PilotRow>,
    inputs: Vec<Input>,
}

/// Opening the page; `pilot` and `area_id` (a row's "Wijzigen") fill in which start
/// the form sets.
#[derive(Debug, Deserialize)]
pub struct PilotsQuery {
    pub opgeslagen: Option<String>,
    pub pilot: Option<String>,
    pub area_id: Option<String>,
}

/// The years a form offers: from the first plausible one to a few years ahead (a start
/// may be planned), newest first.
fn years(selected: &str) -> Vec<Choice> {
    let last = (today().year() + 5).min(*PILOT_YEARS.end());
    let years: Vec<i16> = (*PILOT_YEARS.start()..=last).rev().collect();
    choices(&years, i16::to_string, i16::to_string, selected)
}

fn months(lang: Lang, selected: &str) -> Vec<Choice> {
    let months: Vec<i8> = (1..=12).collect();
    choices(
        &months,
        i8::to_string,
        |m| month_name(lang, *m).to_owned(),
        selected,
    )
}

async fn pilots_page(
    ctx: &Ctx,
    form: &FormData,
    errors: &Errors,
    saved: bool,
) -> Result<Response, PageError> {
    let (t, x, lang) = (ctx.t(), admin_texts(ctx.lang), ctx.lang);
    let (pilots, areas) = {
        let mut tx = ctx.store().read().await?;
        (tx.pilots().await?, tx.areas().await?)
    };
    let rows = pilots
        .iter()
        .map(|p| PilotRow {
            kind: code_label(lang, p.kind),
            area: p.area_name.clone(),
            start: p.start.shown(lang == Lang::En),
            edit: format!(
                "{PILOTS}?pilot={}&area_id={}#pilot",
                p.kind.code(),
                p.area_id
            ),
        })
        .collect();
    let area = form.get("area_id");
    let select = |id, label, options, hint_error: Option<&'static str>| {
        Input::Select(ChoiceField {
            id,
            label,
            options,
            error: hint_error,
        })
    };
    let inputs = vec![
        code_select::<PilotKind>("pilot", x.f_pilot, lang, form, errors),
        select(
            "area_id",
            x.f_pilot_area,
            with_none(
                t,
                choices(&areas, |a| a.id.clone(), |a| a.name.clone(), &area),
                &area,
            ),
            errors.get("area_id").copied(),
        ),
        code_select::<StartPrecision>("precision", x.f_precision, lang, form, errors),
        Input::Text(
            TextField::typed("start_day", x.f_start_day, form, errors)
                .kind("date")
                .hint(x.f_start_day_hint),
        ),
        select(
            "start_month",
            x.f_start_month,
            with_none(
                t,
                months(lang, &form.get("start_month")),
                &form.get("start_month"),
            ),
            errors.get("start_month").copied(),
        ),
        select(
            "start_year",
            x.f_start_year,
            with_none(t, years(&form.get("start_year")), &form.get("start_year")),
            errors.get("start_year").copied(),
        ),
    ];
    Ok(render(
        form_status(errors.is_empty()),
        &PilotsPage {
            shell: ctx.shell(PILOTS),
            x,
            saved,
            summary: ErrorSummary::of_inputs(lang, &inputs),
            rows,
            inputs,
        },
    ))
}

pub async fn pilots(ctx: Ctx, Query(q): Query<PilotsQuery>) -> Result<Response, PageError> {
    let mut form = Vec::new();
    if let Some(pilot) = q.pilot {
        form.push(("pilot".to_owned(), pilot));
    }
    if let Some(area) = q.area_id {
        form.push(("area_id".to_owned(), area));
    }
    pilots_page(
        &ctx,
        &FormData(form),
        &Errors::new(),
        q.opgeslagen.is_some(),
    )
    .await
}

/// Sets a start: the precision chosen decides which fields count; each missing part
/// is named at its field and the form comes back as it was sent.
pub async fn set_pilot(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let mut errors = text_errors(&form, t, &["start_day"]);
    let kind = chosen::<PilotKind>(&form, "pilot", t, &mut errors);
    let area_id = form.get("area_id");
    if area_id.is_empty() {
        errors.insert("area_id", x.err_pilot_area);
    }
    let precision = chosen::<StartPrecision>(&form, "precision", t, &mut errors);
    let start = precision.and_then(|precision| {
        let mut parts = Errors::new();
        let day = match precision {
            StartPrecision::Day => optional_date(&form, "start_day", t, &mut parts),
            _ => None,
        };
        let month = form.get("start_month").parse::<i8>().ok();
        let year = form.get("start_year").parse::<i16>().ok();
        let start = PilotStart::from_parts(precision, day, month, year);
        if let Err(e) = start {
            let (field, message) = match e {
                StartInputError::Day => ("start_day", x.err_start_day),
                StartInputError::Month => ("start_month", x.err_start_month),
                StartInputError::Year => ("start_year", x.err_start_year),
            };
            parts.entry(field).or_insert(message);
        }
        errors.extend(parts);
        start.ok()
    });
    if let (Some(kind), Some(start), true) = (kind, start, errors.is_empty()) {
        let refused = |e: &StoreError| {
            matches!(e, StoreError::NotFound(_)).then_some(("area_id", x.err_pilot_area))
        };
        let write =
            async |tx: &mut Tx, by: &Actor| tx.set_pilot_start(by, kind, &area_id, start).await;
        if let Some(done) = create(&ctx, PILOTS, &mut errors, write, refused).await? {
            return Ok(done);
        }
    }
    pilots_page(&ctx, &form, &errors, false).await
}
