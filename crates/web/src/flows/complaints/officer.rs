//! The complaints officer's pages: the list of the organisation's complaints and one
//! complaint with its three steps (confirm receipt, extend with a reason, record the
//! outcome, theme and measures). Only the officer's own organisation; every read in
//! the access log (the store writes it).

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::calendar::written_date;
use eenplan_domain::complaint::handling::Decision;
use eenplan_domain::complaint::{ComplaintOutcome, HandlingError, Theme};
use eenplan_domain::journal::Actor;
use eenplan_store::{ComplaintReader, ComplaintRecord, StoreError};

use super::public::{Status, status_of};
use super::texts::{ComplaintTexts, complaints};
use crate::kit::dates::today;
use crate::kit::form::{
    Errors, FormData, Input, TextField, chosen, code_label, code_select, date, text_errors,
};
use crate::kit::summary::ErrorSummary;
use crate::kit::texts::fill;
use crate::kit::{Ctx, Lang, PageError, Shell, form_status, render};

#[derive(Template)]
#[template(path = "complaints/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static ComplaintTexts,
    rows: Vec<[String; 5]>,
    links: Vec<String>,
    analysis_link: String,
    analysis_text: String,
}

#[derive(Template)]
#[template(path = "complaints/show.html")]
struct ShowPage {
    shell: Shell,
    x: &'static ComplaintTexts,
    summary: ErrorSummary,
    id: String,
    reference: String,
    facts: Vec<(&'static str, String)>,
    what_happened: String,
    status: Status,
    term_source: String,
    open: bool,
    confirmed: bool,
    extended: bool,
    confirm_inputs: Vec<Input>,
    extend_inputs: Vec<Input>,
    decide_inputs: Vec<Input>,
}

pub(super) fn reader(ctx: &Ctx) -> Result<ComplaintReader, PageError> {
    let p = ctx.principal()?;
    Ok(ComplaintReader {
        user_id: p.user_id.to_string(),
        organisation_id: p.organisation_id.to_string(),
        role: eenplan_domain::role::Role::ComplaintsOfficer
            .code()
            .to_owned(),
        client_address: ctx.client.0.clone(),
    })
}

fn written(lang: Lang, d: jiff::civil::Date) -> String {
    written_date(d, lang == Lang::En)
}

pub async fn list(ctx: Ctx) -> Result<Response, PageError> {
    let (lang, x) = (ctx.lang, complaints(ctx.lang));
    let reader = reader(&ctx)?;
    let mut tx = ctx.store().write().await?;
    let records = tx.complaints_of(&reader, &reader.organisation_id).await?;
    let calendar = tx.statutory_calendar().await?;
    tx.commit().await?;
    let rows = records
        .iter()
        .map(|r| {
            let c = &r.course;
            [
                r.reference.clone(),
                written(lang, c.received_on),
                code_label(lang, c.state()),
                if c.decision.is_some() {
                    String::new()
                } else {
                    written(lang, c.decide_by(&calendar))
                },
                r.complainant_name.clone(),
            ]
        })
        .collect();
    Ok(render(
        axum::http::StatusCode::OK,
        &ListPage {
            shell: ctx.shell("/klachten"),
            x,
            links: records
                .iter()
                .map(|r| format!("/klachten/{}", r.id))
                .collect(),
            rows,
            analysis_link: format!("/klachten/analyse?jaar={}", today().year()),
            analysis_text: fill(x.analysis_title, &[("year", &today().year().to_string())]),
        },
    ))
}

fn day_field(x: &ComplaintTexts, suffix: &str, data: &FormData, errors: &Errors) -> Input {
    let mut f = TextField::typed("datum", x.f_date, data, errors)
        .kind("date")
        .suffix(suffix);
    if f.value.is_empty() {
        f.value = today().to_string();
    }
    Input::Text(f)
}

fn page(
    ctx: &Ctx,
    r: &ComplaintRecord,
    calendar: &eenplan_domain::calendar::StatutoryCalendar,
    step: &str,
    data: &FormData,
    errors: &Errors,
) -> ShowPage {
    let (lang, x) = (ctx.lang, complaints(ctx.lang));
    let empty = FormData(Vec::new());
    let no_errors = Errors::new();
    let for_step = |s: &str| {
        if s == step {
            (data, errors)
        } else {
            (&empty, &no_errors)
        }
    };
    let (cd, ce) = for_step("ontvangst");
    let (ed, ee) = for_step("verlenging");
    let (dd, de) = for_step("afhandeling");
    let c = &r.course;
    let mut facts = vec![
        (x.col_reference, r.reference.clone()),
        (x.col_received, written(lang, c.received_on)),
        (x.procedure, code_label(lang, c.procedure)),
        (x.col_complainant, r.complainant_name.clone()),
        (
            x.contact,
            [r.contact_email.clone(), r.contact_phone.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ];
    if let Some(p) = &r.professional_name {
        facts.push((x.about_professional, p.clone()));
    }
    let decide_inputs = vec![
        day_field(x, "afhandeling", dd, de),
        code_select::<ComplaintOutcome>("uitkomst", x.f_outcome, lang, dd, de),
        code_select::<Theme>("thema", x.f_theme, lang, dd, de),
        Input::Text(
            TextField::typed("maatregelen", x.f_measures, dd, de)
                .hint(x.f_measures_hint)
                .kind("textarea"),
        ),
    ];
    let inputs = [
        vec![day_field(x, "ontvangst", cd, ce)],
        vec![
            day_field(x, "verlenging", ed, ee),
            Input::Text(TextField::typed("reden", x.f_reason, ed, ee).hint(x.extend_hint)),
        ],
    ];
    let all: Vec<&Input> = inputs
        .iter()
        .flatten()
        .chain(decide_inputs.iter())
        .collect();
    let mut summary = ErrorSummary::new(lang);
    for i in all {
        if let Input::Text(f) = i
            && let Some(e) = f.error
        {
            summary = summary.item(&f.id, e);
        }
        if let Input::Select(f) = i
            && let Some(e) = f.error
        {
            summary = summary.item(f.id, e);
        }
    }
    let [confirm_inputs, extend_inputs] = inputs;
    ShowPage {
        shell: ctx.shell("/klachten"),
        x,
        summary,
        id: r.id.clone(),
        reference: r.reference.clone(),
        facts,
        what_happened: r.what_happened.clone(),
        status: status_of(lang, r, calendar),
        term_source: fill(x.term_source, &[("source", c.procedure.terms().source)]),
        open: c.decision.is_none(),
        confirmed: c.confirmed_on.is_some(),
        extended: c.extended.is_some(),
        confirm_inputs,
        extend_inputs,
        decide_inputs,
    }
}

async fn show_with(
    ctx: &Ctx,
    id: &str,
    step: &str,
    data: &FormData,
    errors: &Errors,
) -> Result<Response, PageError> {
    let reader = reader(ctx)?;
    let mut tx = ctx.store().write().await?;
    let record = tx.complaint_for_officer(&reader, id).await?;
    let calendar = tx.statutory_calendar().await?;
    tx.commit().await?;
    Ok(render(
        form_status(errors.is_empty()),
        &page(ctx, &record, &calendar, step, data, errors),
    ))
}

pub async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    show_with(&ctx, &id, "", &FormData(Vec::new()), &Errors::new()).await
}

fn organisation(ctx: &Ctx) -> Result<String, PageError> {
    Ok(ctx.principal()?.organisation_id.to_string())
}

fn actor(ctx: &Ctx) -> Result<Actor, PageError> {
    let p = ctx.principal()?;
    Ok(Actor::User {
        user_id: p.user_id.to_string(),
        organisation_id: p.organisation_id.to_string(),
    })
}

/// The domain's refusal as the message at the field it concerns.
fn handling_error(
    x: &ComplaintTexts,
    t: &crate::kit::i18n::Texts,
    e: HandlingError,
) -> (&'static str, &'static str) {
    match e {
        HandlingError::ReasonNeeded => ("reden", x.err_handling_reason),
        HandlingError::TooLate => ("datum", x.err_handling_late),
        HandlingError::BeforeReceipt => ("datum", x.err_handling_before),
        HandlingError::InFuture => ("datum", t.err_not_future),
        HandlingError::AlreadyDecided
        | HandlingError::AlreadyConfirmed
        | HandlingError::AlreadyExtended => ("datum", x.err_handling_done),
    }
}

/// After a step ran in `tx`: committed and back to the page, or the domain's refusal
/// at its field (nothing stored), or our failure.
async fn settle(
    ctx: &Ctx,
    id: &str,
    tx: eenplan_store::Tx,
    result: Result<(), StoreError>,
    errors: &mut Errors,
) -> Result<Option<Response>, PageError> {
    match result {
        Ok(()) => {
            tx.commit().await?;
            Ok(Some(
                Redirect::to(&format!("/klachten/{id}")).into_response(),
            ))
        }
        Err(StoreError::Complaint(e)) => {
            let (field, message) = handling_error(complaints(ctx.lang), ctx.t(), e);
            errors.insert(field, message);
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn confirm(
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, PageError> {
    let t = ctx.t();
    let (actor, org) = (actor(&ctx)?, organisation(&ctx)?);
    let mut errors = text_errors(&data, t, &[]);
    let on = date(&data, "datum", t, &mut errors);
    if let (true, Some(on)) = (errors.is_empty(), on) {
        let mut tx = ctx.store().write().await?;
        let result = tx
            .confirm_complaint_receipt(&actor, &org, &id, on, today())
            .await;
        if let Some(done) = settle(&ctx, &id, tx, result, &mut errors).await? {
            return Ok(done);
        }
    }
    show_with(&ctx, &id, "ontvangst", &data, &errors).await
}

pub async fn extend(
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, PageError> {
    let t = ctx.t();
    let (actor, org) = (actor(&ctx)?, organisation(&ctx)?);
    let mut errors = text_errors(&data, t, &["reden"]);
    let on = date(&data, "datum", t, &mut errors);
    if let (true, Some(on)) = (errors.is_empty(), on) {
        let mut tx = ctx.store().write().await?;
        let result = tx
            .extend_complaint(&actor, &org, &id, on, &data.get("reden"), today())
            .await;
        if let Some(done) = settle(&ctx, &id, tx, result, &mut errors).await? {
            return Ok(done);
        }
    }
    show_with(&ctx, &id, "verlenging", &data, &errors).await
}

pub async fn decide(
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, PageError> {
    let t = ctx.t();
    let (actor, org) = (actor(&ctx)?, organisation(&ctx)?);
    let mut errors = text_errors(&data, t, &["maatregelen"]);
    let on = date(&data, "datum", t, &mut errors);
    let outcome: Option<ComplaintOutcome> = chosen(&data, "uitkomst", t, &mut errors);
    let theme: Option<Theme> = chosen(&data, "thema", t, &mut errors);
    if let (true, Some(on), Some(outcome), Some(theme)) = (errors.is_empty(), on, outcome, theme) {
        let measures = data.raw("maatregelen").lines().map(str::to_owned).collect();
        let decision = Decision {
            on,
            outcome,
            theme,
            measures,
        };
        let mut tx = ctx.store().write().await?;
        let result = tx
            .decide_complaint(&actor, &org, &id, decision, today())
            .await;
        if let Some(done) = settle(&ctx, &id, tx, result, &mut errors).await? {
            return Ok(done);
        }
    }
    show_with(&ctx, &id, "afhandeling", &data, &errors).await
}
