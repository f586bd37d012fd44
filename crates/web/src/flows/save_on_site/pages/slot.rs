//! `/save-op-locatie/rooster/{slot}`: one part-day of the team lead's institution with
//! its bookings to come, each with a form to cancel it, so the lead can end the
//! part-day (which the rule refuses while bookings remain after its last day). The lead
//! is not in the families' circle: a booking shows its day, who asked and whether it is
//! by name, never the family or the question.

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};

use super::{part, refused_at, weekday};
use crate::flows::save_on_site::ops;
use crate::flows::save_on_site::texts::{OnSiteTexts, texts};
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData, Input, TextField, code_label, text_errors};
use crate::kit::form_status;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, PageError, Shell, render};

/// A booking as the lead sees it, with its cancel form.
struct Booking {
    id: String,
    date: String,
    asker: String,
    named: bool,
    reason: Input,
}

#[derive(Template)]
#[template(path = "save_on_site/slot.html")]
struct SlotPage {
    shell: Shell,
    x: &'static OnSiteTexts,
    slot_id: String,
    heading: String,
    bookings: Vec<Booking>,
    summary: ErrorSummary,
}

async fn slot_page(
    ctx: &Ctx,
    slot_id: &str,
    sent: Option<(&str, &FormData, &Errors)>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let x = texts(lang);
    let mut tx = ctx.store().read().await?;
    let slot = tx
        .on_site_slot(slot_id)
        .await?
        .filter(|s| s.slot.organisation_id == p.organisation_id.as_str())
        .ok_or_else(PageError::not_found)?;
    let list = tx
        .on_site_slot_bookings(&p.organisation_id, slot_id, today())
        .await?
        .unwrap_or_default();
    drop(tx);
    let ok = sent.is_none_or(|(_, _, errs)| errs.is_empty());
    let bookings = list
        .iter()
        .map(|c| {
            let (value, error) = match sent {
                Some((id, d, errs)) if id == c.id => (d.get("reason"), errs.get("reason").copied()),
                _ => (String::new(), None),
            };
            Booking {
                id: c.id.clone(),
                date: weekday(lang, c.on),
                asker: c.asked_by_name.clone(),
                named: c.family_id.is_some(),
                reason: Input::Text(
                    TextField::new("reason", x.so_cancelled_because, &value, error).suffix(&c.id),
                ),
            }
        })
        .collect::<Vec<Booking>>();
    let summary = bookings.iter().fold(ErrorSummary::new(lang), |s, b| {
        s.with_inputs(std::slice::from_ref(&b.reason))
    });
    Ok(render(
        form_status(ok),
        &SlotPage {
            shell: ctx.shell(&format!("/save-op-locatie/rooster/{slot_id}")),
            x,
            slot_id: slot_id.to_owned(),
            heading: format!(
                "{} — {}, {} {}",
                slot.worker_name,
                slot.team_name,
                code_label(lang, slot.slot.day),
                part(lang, slot.slot.part)
            ),
            bookings,
            summary,
        },
    ))
}

pub async fn slot(ctx: Ctx, Path(slot_id): Path<String>) -> Result<Response, PageError> {
    slot_page(&ctx, &slot_id, None).await
}

pub async fn lead_cancel(
    ctx: Ctx,
    Path((slot_id, id)): Path<(String, String)>,
    d: FormData,
) -> Result<Response, PageError> {
    let mut errs = text_errors(&d, ctx.t(), &["reason"]);
    if errs.is_empty() {
        let reason = d.get("reason");
        match ops::lead_cancel(ctx.store(), ctx.principal()?, (&slot_id, &id), &reason).await {
            Ok(()) => {
                return Ok(
                    Redirect::to(&format!("/save-op-locatie/rooster/{slot_id}")).into_response()
                );
            }
            Err(e) => refused_at(e, ctx.lang, &mut errs, |_| "reason")?,
        }
    }
    slot_page(&ctx, &slot_id, Some((&id, &d, &errs))).await
}
