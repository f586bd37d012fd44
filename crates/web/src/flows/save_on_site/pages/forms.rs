//! What the forms of `/save-op-locatie` do when sent: the worker's walk-in, the lead's
//! part-day added or ended, the local professional's booking. Each goes to the page it
//! came from when done, or back to `/save-op-locatie` with its messages.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::save_on_site::{OnSiteDay, PartOfDay};
use eenplan_domain::{FamilyId, UserId};
use eenplan_store::{Ask, NewSlot, StoreError};
use jiff::civil::Date;

use super::show::show_page;
use super::{ADVICE_FIELDS, Which, advice_from, field_of};
use crate::AppState;
use crate::flows::save_on_site::ops::{self, Asked};
use crate::flows::save_on_site::texts::texts;
use crate::kit::dates::today;
use crate::kit::form;
use crate::kit::form::{Errors, FormData, text_errors};
use crate::kit::{Ctx, Lang, PageError};

/// A walk-in, written down on the day or shortly after, with the advice given.
pub async fn walk_in(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let t = ctx.t();
    let client = ctx.client.0.as_str();
    let d = FormData::parse(&body);
    let typed: Vec<&'static str> = std::iter::once("question").chain(ADVICE_FIELDS).collect();
    let mut errs = text_errors(&d, t, &typed);
    if d.get("slot").is_empty() {
        errs.insert("slot", t.err_choose);
    }
    if d.get("asked_by").is_empty() {
        errs.insert("asked_by", t.err_choose);
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
        return show_page(&state, &ctx, Some((Which::WalkIn, &d, &errs))).await;
    };
    let ask = Ask {
        slot_id,
        on,
        family_id: Some(d.get("family"))
            .filter(|f| !f.is_empty())
            .map(FamilyId::from),
        question: d.get("question"),
    };
    let asked_by = UserId::from(d.get("asked_by"));
    let route = ("POST /save-op-locatie/inloop", client);
    let recorded = ops::walk_in(&state.store, p, (&ask, &asked_by), &advice, route).await;
    if let Some(done) = answered(&state, lang, recorded, &mut errs, ("when", "slot")).await? {
        return Ok(done);
    }
    show_page(&state, &ctx, Some((Which::WalkIn, &d, &errs))).await
}

pub async fn add_slot(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["starts_on", "ends_on"]);
    for field in ["worker", "team"] {
        if d.get(field).is_empty() {
            errs.insert(field, t.err_choose);
        }
    }
    let day = d
        .get("day")
        .parse::<OnSiteDay>()
        .map_err(|_| errs.insert("day", t.err_choose))
        .ok();
    let part = d
        .get("part")
        .parse::<PartOfDay>()
        .map_err(|_| errs.insert("part", t.err_choose))
        .ok();
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
        let added = state
            .store
            .change(async |tx| {
                tx.add_on_site_slot(&p.actor(), p, &new, UtcTime::now())
                    .await
            })
            .await;
        match added {
            Ok(_) => return Ok(Redirect::to("/save-op-locatie").into_response()),
            Err(StoreError::SaveOnSite(e)) => {
                let (field, msg) = field_of(ctx.lang, &e);
                errs.insert(field, msg);
            }
            Err(e) => return Err(e.into()),
        }
    }
    show_page(&state, &ctx, Some((Which::Slot, &d, &errs))).await
}

pub async fn end_slot(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slot_id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["ends_on"]);
    match d.get("ends_on").parse::<Date>() {
        _ if !errs.is_empty() => {}
        Err(_) => {
            errs.insert("ends_on", t.err_date);
        }
        Ok(ends_on) => {
            let ended = state
                .store
                .change(async |tx| {
                    tx.end_on_site_slot(&p.actor(), p, &slot_id, ends_on, today())
                        .await
                })
                .await;
            match ended {
                Ok(()) => return Ok(Redirect::to("/save-op-locatie").into_response()),
                Err(StoreError::SaveOnSite(e)) => {
                    let (_, msg) = field_of(ctx.lang, &e);
                    errs.insert("ends_on", msg);
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    show_page(&state, &ctx, Some((Which::End(slot_id), &d, &errs))).await
}

/// A consultation booked at one of the team's coming on-site days.
pub async fn book(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let t = ctx.t();
    let client = ctx.client.0.as_str();
    let d = FormData::parse(&body);
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
        return show_page(&state, &ctx, Some((Which::Booking, &d, &errs))).await;
    };
    let ask = Ask {
        slot_id,
        on,
        family_id: Some(d.get("family"))
            .filter(|f| !f.is_empty())
            .map(FamilyId::from),
        question: d.get("question"),
    };
    let route = ("POST /save-op-locatie/boeken", client);
    let booked = ops::book(&state.store, p, &ask, route).await;
    // At the booking form the team rule is about the part-day chosen.
    if let Some(done) = answered(&state, lang, booked, &mut errs, ("asked_by", "when")).await? {
        return Ok(done);
    }
    show_page(&state, &ctx, Some((Which::Booking, &d, &errs))).await
}

/// What became of a walk-in or a booking: the consultation when it was written
/// (`Some`), otherwise its message at the form's field (`None`). `part_day` renames
/// the field a domain refusal names to the field where this form chooses the part-day;
/// an unknown part-day is refused there too.
async fn answered(
    state: &AppState,
    lang: Lang,
    outcome: Result<Asked, StoreError>,
    errs: &mut Errors,
    part_day: (&str, &'static str),
) -> Result<Option<Response>, PageError> {
    match outcome {
        Ok(Asked::Done(id)) => {
            return Ok(Some(
                Redirect::to(&format!("/save-op-locatie/overleg/{id}")).into_response(),
            ));
        }
        Ok(Asked::NoAccess(entry)) => {
            state.store.log_access(entry).await?;
            errs.insert("family", texts(lang).err_so_family);
        }
        Err(StoreError::SaveOnSite(e)) => {
            let (field, msg) = field_of(lang, &e);
            let field = if field == part_day.0 {
                part_day.1
            } else {
                field
            };
            errs.insert(field, msg);
        }
        Err(StoreError::NotFound(_)) => {
            errs.insert(part_day.1, lang.texts().err_choose);
        }
        Err(e) => return Err(e.into()),
    }
    Ok(None)
}
