//! `/save-op-locatie/overleg/{id}`: one consultation, for the worker on site and the
//! one who asked, with the advice form (the worker, on or after the day) and the cancel
//! form. What the page offers follows from the domain's transitions, not a copy of
//! them; a form sent to a step someone else took first comes back as a conflict with
//! what was typed.

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::save_on_site::{self, ConsultationState, NextStep, OnSiteError};

use super::{ADVICE_FIELDS, Line, advice_from, advice_inputs, line, refused_at};
use crate::flows::save_on_site::access::log_named_reads;
use crate::flows::save_on_site::ops::{self, Settle};
use crate::flows::save_on_site::texts::{OnSiteTexts, texts};
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData, Input, TextField, code_label, text_errors};
use crate::kit::form_status;
use crate::kit::render::step_status;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, PageError, Shell, render};

#[derive(Template)]
#[template(path = "save_on_site/consultation.html")]
struct ConsultationPage {
    shell: Shell,
    x: &'static OnSiteTexts,
    /// Sent to a form the consultation no longer offers (someone else advised or
    /// cancelled first): the message and what was typed.
    conflict: Option<(&'static str, String)>,
    c: Line,
    advice: String,
    steps: Vec<NextStep>,
    result: Option<String>,
    cancel_reason: String,
    held: bool,
    cancelled: bool,
    can_advise: bool,
    advise_later: bool,
    can_cancel: bool,
    advice_inputs: Vec<Input>,
    cancel_input: Input,
    /// The messages of the forms the page shows (a form gone meanwhile is the conflict).
    summary: ErrorSummary,
}

async fn consultation_page(
    ctx: &Ctx,
    id: &str,
    form: Option<(&FormData, &Errors)>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let t = ctx.t();
    let x = texts(lang);
    let c = ctx
        .store()
        .read()
        .await?
        .on_site_consultation(id, &p.user_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let data = "GET /save-op-locatie/overleg/{id}";
    log_named_reads(&ctx.state, p, &[&c], data, &ctx.client.0).await?;
    let empty_data = FormData(vec![]);
    let empty_errs = Errors::new();
    let (d, errs) = form.unwrap_or((&empty_data, &empty_errs));
    let rule = c.domain(&[]);
    let moment = save_on_site::advice_moment(&rule, p.user_id.as_str(), today());
    let cancel_errors = errs.contains_key("reason");
    let advice_errors = !errs.is_empty() && !cancel_errors;
    let can_advise = moment.is_ok();
    let can_cancel = save_on_site::may_cancel(&rule, p.user_id.as_str()).is_ok();
    let gone = (advice_errors && !can_advise) || (cancel_errors && !can_cancel);
    let conflict = gone.then(|| {
        let typed: Vec<String> =
            d.0.iter()
                .filter(|(name, value)| {
                    (ADVICE_FIELDS.contains(&name.as_str()) || name == "reason")
                        && !value.trim().is_empty()
                })
                .map(|(_, value)| value.clone())
                .collect();
        (t.err_step_meanwhile, typed.join("\n\n"))
    });
    let advice_inputs = advice_inputs(x, lang, d, errs);
    let cancel_input = Input::Text(TextField::typed("reason", x.so_cancelled_because, d, errs));
    let mut summary = ErrorSummary::new(lang);
    if can_advise {
        summary = summary.with_inputs(&advice_inputs);
    }
    if can_cancel {
        summary = summary.with_inputs(std::slice::from_ref(&cancel_input));
    }
    Ok(render(
        step_status(gone, form_status(errs.is_empty())),
        &ConsultationPage {
            shell: ctx.shell(&format!("/save-op-locatie/overleg/{id}")),
            x,
            conflict,
            advice: c.advice.clone(),
            steps: c.next_steps.clone(),
            result: c.result.map(|r| code_label(lang, r)),
            cancel_reason: c.cancel_reason.clone(),
            held: c.state == ConsultationState::Held,
            cancelled: c.state == ConsultationState::Cancelled,
            can_advise,
            advise_later: matches!(moment, Err(OnSiteError::NotYetHeld(_))),
            can_cancel,
            advice_inputs,
            cancel_input,
            summary,
            c: line(lang, x, &c),
        },
    ))
}

pub async fn consultation(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    consultation_page(&ctx, &id, None).await
}

pub async fn advice(ctx: Ctx, Path(id): Path<String>, d: FormData) -> Result<Response, PageError> {
    let t = ctx.t();
    let mut errs = text_errors(&d, t, &ADVICE_FIELDS);
    let advice = advice_from(t, &d, &mut errs);
    settle(&ctx, &id, advice.as_ref().map(Settle::Advice), (&d, errs)).await
}

pub async fn cancel(ctx: Ctx, Path(id): Path<String>, d: FormData) -> Result<Response, PageError> {
    let errs = text_errors(&d, ctx.t(), &["reason"]);
    let reason = d.get("reason");
    settle(&ctx, &id, Some(Settle::Cancel(&reason)), (&d, errs)).await
}

/// The advice or the cancelling as its form sent it (`None`: not readable, the messages
/// are in `errs`): done, on to the consultation (advised) or the list (cancelled);
/// otherwise the page again with the messages, the cancel form's all at its reason.
async fn settle(
    ctx: &Ctx,
    id: &str,
    step: Option<Settle<'_>>,
    (d, mut errs): (&FormData, Errors),
) -> Result<Response, PageError> {
    if let Some(step) = step.filter(|_| errs.is_empty()) {
        match ops::settle(ctx.store(), ctx.principal()?, id, step).await {
            Ok(()) => {
                let to = match step {
                    Settle::Advice(_) => &format!("/save-op-locatie/overleg/{id}"),
                    Settle::Cancel(_) => "/save-op-locatie",
                };
                return Ok(Redirect::to(to).into_response());
            }
            Err(e) => refused_at(e, ctx.lang, &mut errs, |field| match step {
                Settle::Advice(_) => field,
                Settle::Cancel(_) => "reason",
            })?,
        }
    }
    consultation_page(ctx, id, Some((d, &errs))).await
}
