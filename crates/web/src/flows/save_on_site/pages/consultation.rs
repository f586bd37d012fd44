//! `/save-op-locatie/overleg/{id}`: one consultation, for the worker on site and the
//! one who asked, with the advice form (the worker, on or after the day) and the cancel
//! form. What the page offers follows from the domain's transitions, not a copy of
//! them; a form sent to a step someone else took first comes back as a conflict with
//! what was typed.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::save_on_site::{
    self, ConsultationResult, ConsultationState, NextStep, OnSiteError,
};
use eenplan_store::{AdviceInput, Principal, StoreError};

use super::{ADVICE_FIELDS, Line, advice_from, advice_inputs, field_of, line};
use crate::AppState;
use crate::flows::save_on_site::access::log_named_reads;
use crate::flows::save_on_site::texts::{OnSiteTexts, texts};
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData, Input, TextField, label_of, text_errors};
use crate::kit::form_status;
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
    advice_errors: bool,
    cancel_input: Input,
    cancel_errors: bool,
}

async fn consultation_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    form: Option<(&FormData, &Errors)>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let t = ctx.t();
    let x = texts(lang);
    let c = state
        .store
        .read()
        .await?
        .on_site_consultation(id, &p.user_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let data = "GET /save-op-locatie/overleg/{id}";
    log_named_reads(state, p, &[&c], data, &ctx.client.0).await?;
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
    Ok(render(
        if gone {
            StatusCode::CONFLICT
        } else {
            form_status(errs.is_empty())
        },
        &ConsultationPage {
            shell: ctx.shell(&format!("/save-op-locatie/overleg/{id}")),
            x,
            conflict,
            advice: c.advice.clone(),
            steps: c.next_steps.clone(),
            result: c.result.map(|r| {
                label_of(
                    lang,
                    r,
                    ConsultationResult::label_nl,
                    ConsultationResult::label_en,
                )
            }),
            cancel_reason: c.cancel_reason.clone(),
            held: c.state == ConsultationState::Held,
            cancelled: c.state == ConsultationState::Cancelled,
            can_advise,
            advise_later: matches!(moment, Err(OnSiteError::NotYetHeld(_))),
            can_cancel,
            advice_inputs: advice_inputs(x, lang, d, errs),
            advice_errors,
            cancel_input: Input::Text(TextField::typed("reason", x.so_cancelled_because, d, errs)),
            cancel_errors,
            c: line(lang, x, &c),
        },
    ))
}

pub async fn consultation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    consultation_page(&state, &ctx, &id, None).await
}

/// The advice (`Some`) or the cancelling, in one transaction.
async fn decided(
    state: &AppState,
    p: &Principal,
    id: &str,
    d: &FormData,
    advice: Option<AdviceInput>,
) -> Result<(), StoreError> {
    let now = UtcTime::now();
    state
        .store
        .change(async |tx| match advice {
            Some(a) => {
                tx.record_on_site_advice(&p.actor(), p, id, &a, today(), now)
                    .await
            }
            None => {
                tx.cancel_on_site(&p.actor(), p, id, &d.get("reason"), now)
                    .await
            }
        })
        .await
}

pub async fn advice(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &ADVICE_FIELDS);
    let advice = advice_from(t, &d, &mut errs);
    if let (Some(advice), true) = (advice, errs.is_empty()) {
        match decided(&state, p, &id, &d, Some(advice)).await {
            Ok(()) => {
                return Ok(Redirect::to(&format!("/save-op-locatie/overleg/{id}")).into_response());
            }
            Err(StoreError::SaveOnSite(e)) => {
                let (field, msg) = field_of(ctx.lang, &e);
                errs.insert(field, msg);
            }
            Err(e) => return Err(e.into()),
        }
    }
    consultation_page(&state, &ctx, &id, Some((&d, &errs))).await
}

pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, ctx.t(), &["reason"]);
    if errs.is_empty() {
        match decided(&state, p, &id, &d, None).await {
            Ok(()) => return Ok(Redirect::to("/save-op-locatie").into_response()),
            Err(StoreError::SaveOnSite(e)) => {
                let (_, msg) = field_of(ctx.lang, &e);
                errs.insert("reason", msg);
            }
            Err(e) => return Err(e.into()),
        }
    }
    consultation_page(&state, &ctx, &id, Some((&d, &errs))).await
}
