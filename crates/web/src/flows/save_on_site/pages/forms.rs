//! What the forms of `/save-op-locatie` do when sent: the worker's walk-in, the lead's
//! part-day added or ended, the local professional's booking. Each goes to the page it
//! came from when done, or back to `/save-op-locatie` with its messages.

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UserId;
use eenplan_domain::save_on_site::{OnSiteDay, PartOfDay};
use eenplan_store::{NewSlot, StoreError};
use jiff::civil::Date;

use super::show::show_page;
use super::{ADVICE_FIELDS, Which, advice_from, refused_at};
use crate::flows::save_on_site::ops::{self, Asked, SlotChange, ask};
use crate::flows::save_on_site::texts::texts;
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData, text_errors};
use crate::kit::{Ctx, PageError, form};

/// A walk-in, written down on the day or shortly after, with the advice given.
pub async fn walk_in(ctx: Ctx, d: FormData) -> Result<Response, PageError> {
    let t = ctx.t();
    let typed: Vec<&'static str> = std::iter::once("question").chain(ADVICE_FIELDS).collect();
    let mut errs = text_errors(&d, t, &typed);
    for field in ["slot", "asked_by"] {
        if d.get(field).is_empty() {
            errs.insert(field, t.err_choose);
        }
    }
    if d.get("question").is_empty() {
        errs.insert("question", t.err_required);
    }
    // "slot|day": the part-day and the day it was (a walk-in may be written down later).
    let chosen = d.get("slot");
    let (slot_id, on) = match chosen.split_once('|') {
        Some((slot, day)) => (
            slot.to_owned(),
            day.parse::<Date>().unwrap_or_else(|_| {
                errs.insert("slot", t.err_choose);
                today()
            }),
        ),
        None => (chosen.clone(), today()),
    };
    let advice = advice_from(t, &d, &mut errs);
    let Some(advice) = advice.filter(|_| errs.is_empty()) else {
        return show_page(&ctx, Some((Which::WalkIn, &d, &errs))).await;
    };
    let ask = ask(slot_id, on, Some(d.get("family")), d.get("question"));
    let asked_by = UserId::from(d.get("asked_by"));
    let route = ("POST /save-op-locatie/inloop", ctx.client.0.as_str());
    let p = ctx.principal()?;
    let recorded = ops::walk_in(ctx.store(), p, (&ask, &asked_by), &advice, route).await;
    answered(&ctx, recorded, (Which::WalkIn, &d, errs), ("when", "slot")).await
}

pub async fn add_slot(ctx: Ctx, d: FormData) -> Result<Response, PageError> {
    let t = ctx.t();
    let mut errs = text_errors(&d, t, &["starts_on", "ends_on"]);
    for field in ["worker", "team"] {
        if d.get(field).is_empty() {
            errs.insert(field, t.err_choose);
        }
    }
    let day = form::chosen::<OnSiteDay>(&d, "day", t, &mut errs);
    let part = form::chosen::<PartOfDay>(&d, "part", t, &mut errs);
    let starts_on = form::date(&d, "starts_on", t, &mut errs);
    let ends_on = form::optional_date(&d, "ends_on", t, &mut errs);
    if let (Some(day), Some(part), Some(starts_on), true) = (day, part, starts_on, errs.is_empty())
    {
        let new = NewSlot {
            worker_id: d.get("worker"),
            team_id: d.get("team"),
            day,
            part,
            starts_on,
            ends_on,
        };
        match ops::change_slot(ctx.store(), ctx.principal()?, SlotChange::Add(&new)).await {
            Ok(_) => return Ok(Redirect::to("/save-op-locatie").into_response()),
            Err(e) => refused_at(e, ctx.lang, &mut errs, |field| field)?,
        }
    }
    show_page(&ctx, Some((Which::Slot, &d, &errs))).await
}

pub async fn end_slot(
    ctx: Ctx,
    Path(slot_id): Path<String>,
    d: FormData,
) -> Result<Response, PageError> {
    let t = ctx.t();
    let mut errs = text_errors(&d, t, &["ends_on"]);
    match d.get("ends_on").parse::<Date>() {
        _ if !errs.is_empty() => {}
        Err(_) => {
            errs.insert("ends_on", t.err_date);
        }
        Ok(ends_on) => {
            let end = SlotChange::End(&slot_id, ends_on);
            match ops::change_slot(ctx.store(), ctx.principal()?, end).await {
                Ok(_) => return Ok(Redirect::to("/save-op-locatie").into_response()),
                Err(e) => refused_at(e, ctx.lang, &mut errs, |_| "ends_on")?,
            }
        }
    }
    show_page(&ctx, Some((Which::End(slot_id), &d, &errs))).await
}

/// A consultation booked at one of the team's coming on-site days.
pub async fn book(ctx: Ctx, d: FormData) -> Result<Response, PageError> {
    let t = ctx.t();
    let mut errs = text_errors(&d, t, &["question"]);
    let when = d.get("when");
    let parsed = when
        .split_once('|')
        .and_then(|(slot, day)| day.parse::<Date>().ok().map(|day| (slot.to_owned(), day)));
    if parsed.is_none() {
        errs.insert("when", t.err_choose);
    }
    if d.get("question").is_empty() {
        errs.insert("question", t.err_required);
    }
    let Some((slot_id, on)) = parsed.filter(|_| errs.is_empty()) else {
        return show_page(&ctx, Some((Which::Booking, &d, &errs))).await;
    };
    let ask = ask(slot_id, on, Some(d.get("family")), d.get("question"));
    let route = ("POST /save-op-locatie/boeken", ctx.client.0.as_str());
    let booked = ops::book(ctx.store(), ctx.principal()?, &ask, route).await;
    // At the booking form the team rule is about the part-day chosen.
    answered(
        &ctx,
        booked,
        (Which::Booking, &d, errs),
        ("asked_by", "when"),
    )
    .await
}

/// What became of a walk-in or a booking: the consultation when it was written,
/// otherwise the form again with the message at its field. `part_day` renames the
/// field a domain refusal names to the field where this form chooses the part-day; an
/// unknown part-day is refused there too.
async fn answered(
    ctx: &Ctx,
    outcome: Result<Asked, StoreError>,
    (which, d, mut errs): (Which, &FormData, Errors),
    part_day: (&str, &'static str),
) -> Result<Response, PageError> {
    match outcome {
        Ok(Asked::Done(id)) => {
            return Ok(Redirect::to(&format!("/save-op-locatie/overleg/{id}")).into_response());
        }
        Ok(Asked::NoAccess(entry)) => {
            ctx.store().log_access(entry).await?;
            errs.insert("family", texts(ctx.lang).err_so_family);
        }
        Err(StoreError::NotFound(_)) => {
            errs.insert(part_day.1, ctx.t().err_choose);
        }
        Err(e) => refused_at(e, ctx.lang, &mut errs, |field| {
            if field == part_day.0 {
                part_day.1
            } else {
                field
            }
        })?,
    }
    show_page(ctx, Some((which, d, &errs))).await
}
