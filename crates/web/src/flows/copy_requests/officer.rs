//! The privacy officer's pages: the requests that landed with their organisation, with
//! the term the domain's `copy_due` computes, and one request with its two steps (extend
//! once with a reason, record the hand-over). The domain's checks decide both; every
//! read of a request is a line in the access log.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::access_log::AccessEvent;
use eenplan_domain::calendar::StatutoryCalendar;
use eenplan_domain::family::portal::{
    ExtensionError, HandOverError, check_extension, check_extension_allowed, check_hand_over,
    copy_due,
};
use eenplan_store::{CopyRequest, StoreError};

use super::texts::{OfficerTexts, officer as texts};
use crate::auth::family::access_entry;
use crate::kit::dates::{long_date, today};
use crate::kit::form::{Errors, FormData, Input, TextField, date, text_errors};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, Lang, PageError, Shell, form_status, render};

const LIST: &str = "/privacy/kopieverzoeken";

#[derive(Template)]
#[template(path = "copy_requests/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static OfficerTexts,
    rows: Vec<[String; 5]>,
    links: Vec<String>,
}

#[derive(Template)]
#[template(path = "copy_requests/show.html")]
struct ShowPage {
    shell: Shell,
    x: &'static OfficerTexts,
    summary: ErrorSummary,
    id: String,
    heading: String,
    facts: Vec<(&'static str, String)>,
    note: String,
    may_extend: bool,
    open: bool,
    extend_inputs: Vec<Input>,
    hand_over_inputs: Vec<Input>,
}

fn organisation(ctx: &Ctx) -> Result<String, PageError> {
    Ok(ctx.principal()?.organisation_id.to_string())
}

/// Where a request stands, in words: handed over (when), or open/extended, and late
/// once the term has passed.
pub fn state(lang: Lang, x: &OfficerTexts, cal: &StatutoryCalendar, c: &CopyRequest) -> String {
    if let Some(on) = c.handed_over_on {
        return format!("{} {}", x.state_done, long_date(lang, on));
    }
    let due = copy_due(cal, c.received_on, c.extended_on.is_some());
    let base = if c.extended_on.is_some() {
        x.state_extended
    } else {
        x.state_open
    };
    if due < today() {
        format!("{base}; {}", x.state_late)
    } else {
        base.to_owned()
    }
}

pub async fn list(ctx: Ctx) -> Result<Response, PageError> {
    let (lang, x) = (ctx.lang, texts(ctx.lang));
    let org = organisation(&ctx)?;
    let loaded = async {
        let mut tx = ctx.store().read().await?;
        let requests = tx.copy_requests_for(&org).await?;
        let cal = tx.statutory_calendar().await?;
        Ok::<_, StoreError>((requests, cal))
    };
    let (requests, cal) = loaded.await?;
    let rows = requests
        .iter()
        .map(|c| {
            [
                c.family_label.clone(),
                c.member_name.clone(),
                long_date(lang, c.received_on),
                long_date(lang, copy_due(&cal, c.received_on, c.extended_on.is_some())),
                state(lang, x, &cal, c),
            ]
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &ListPage {
            shell: ctx.shell(LIST),
            x,
            links: requests
                .iter()
                .map(|c| format!("{LIST}/{}", c.id))
                .collect(),
            rows,
        },
    ))
}

fn day_field(
    name: &'static str,
    label: &'static str,
    data: &FormData,
    errors: &Errors,
) -> TextField {
    let mut f = TextField::typed(name, label, data, errors).kind("date");
    if f.value.is_empty() {
        f.value = today().to_string();
    }
    f
}

async fn show_with(
    ctx: &Ctx,
    id: &str,
    step: &str,
    data: &FormData,
    errors: &Errors,
) -> Result<Response, PageError> {
    let (lang, x) = (ctx.lang, texts(ctx.lang));
    let (p, org) = (ctx.principal()?, organisation(ctx)?);
    let loaded = async {
        let mut tx = ctx.store().read().await?;
        let c = tx.copy_request(&org, id).await?;
        let cal = tx.statutory_calendar().await?;
        Ok::<_, StoreError>((c, cal))
    };
    let (Some(c), cal) = loaded.await? else {
        return Err(PageError::not_found());
    };
    let entry = access_entry(
        p,
        AccessEvent::Read,
        None,
        Some(c.family_id.clone()),
        format!("GET {LIST}/{id}: verzoek om een kopie van het dossier"),
        &ctx.client.0,
    );
    ctx.store().log_access(entry).await?;
    let empty = (FormData(Vec::new()), Errors::new());
    let (ed, ee) = if step == "verlengen" {
        (data, errors)
    } else {
        (&empty.0, &empty.1)
    };
    let (hd, he) = if step == "overhandigd" {
        (data, errors)
    } else {
        (&empty.0, &empty.1)
    };
    let extend_inputs = vec![
        Input::Text(day_field("told_on", x.f_told_on, ed, ee).hint(x.extend_hint)),
        Input::Text(TextField::typed("reason", x.f_reason, ed, ee).kind("textarea")),
    ];
    let hand_over_inputs = vec![Input::Text(day_field(
        "handed_over_on",
        x.f_handed_over_on,
        hd,
        he,
    ))];
    let due = copy_due(&cal, c.received_on, c.extended_on.is_some());
    let mut facts = vec![
        (x.col_family, c.family_label.clone()),
        (x.col_member, c.member_name.clone()),
        (x.col_received, long_date(lang, c.received_on)),
        (x.col_due, long_date(lang, due)),
        (x.col_state, state(lang, x, &cal, &c)),
    ];
    if let (Some(on), Some(reason)) = (c.extended_on, &c.extension_reason) {
        facts.push((x.extension, format!("{} — {reason}", long_date(lang, on))));
    }
    let summary = ErrorSummary::of_inputs(lang, &extend_inputs).with_inputs(&hand_over_inputs);
    Ok(render(
        form_status(errors.is_empty()),
        &ShowPage {
            shell: ctx.shell(LIST),
            x,
            summary,
            id: c.id.clone(),
            heading: format!("{} — {}", x.list_title, c.family_label),
            facts,
            note: c.note.clone(),
            may_extend: check_extension_allowed(
                c.extended_on.is_some(),
                c.handed_over_on.is_some(),
            )
            .is_ok(),
            open: c.handed_over_on.is_none(),
            extend_inputs,
            hand_over_inputs,
        },
    ))
}

pub async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    show_with(&ctx, &id, "", &FormData(Vec::new()), &Errors::new()).await
}

fn extension_error(
    x: &OfficerTexts,
    t: &crate::kit::i18n::Texts,
    e: ExtensionError,
) -> (&'static str, &'static str) {
    match e {
        ExtensionError::ReasonNeeded => ("reason", x.err_reason),
        ExtensionError::TooLate => ("told_on", x.err_too_late),
        ExtensionError::BeforeRequest => ("told_on", x.err_before),
        ExtensionError::InFuture => ("told_on", t.err_not_future),
        ExtensionError::AlreadyExtended => ("told_on", x.err_already_extended),
        ExtensionError::HandedOver => ("told_on", x.err_done),
    }
}

fn hand_over_error(
    x: &OfficerTexts,
    t: &crate::kit::i18n::Texts,
    e: HandOverError,
) -> &'static str {
    match e {
        HandOverError::BeforeRequest => x.err_before,
        HandOverError::InFuture => t.err_not_future,
        HandOverError::AlreadyHandedOver => x.err_done,
    }
}

/// Back to the request after a step; a step another officer made first in between (the
/// store's own check refused it) shows the request as it now stands.
fn settled(done: Result<(), StoreError>, id: &str) -> Result<Response, PageError> {
    match done {
        Ok(()) | Err(StoreError::Invalid(_)) => {
            Ok(Redirect::to(&format!("{LIST}/{id}")).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn load(
    ctx: &Ctx,
    org: &str,
    id: &str,
) -> Result<(CopyRequest, StatutoryCalendar), PageError> {
    let loaded = async {
        let mut tx = ctx.store().read().await?;
        let c = tx.copy_request(org, id).await?;
        let cal = tx.statutory_calendar().await?;
        Ok::<_, StoreError>((c, cal))
    };
    match loaded.await? {
        (Some(c), cal) => Ok((c, cal)),
        (None, _) => Err(PageError::not_found()),
    }
}

/// Extends the term: the domain decides (once, within the first month, with a reason);
/// a refusal is said at its field with everything typed kept.
pub async fn extend(
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), texts(ctx.lang));
    let (actor, org) = (ctx.principal()?.actor(), organisation(&ctx)?);
    let (c, cal) = load(&ctx, &org, &id).await?;
    let mut errors = text_errors(&data, t, &["reason"]);
    let told_on = date(&data, "told_on", t, &mut errors);
    let reason = data.raw("reason");
    if let (true, Some(on)) = (errors.is_empty(), told_on) {
        let checked = check_extension_allowed(c.extended_on.is_some(), c.handed_over_on.is_some())
            .and_then(|()| check_extension(&cal, c.received_on, on, &reason, today()));
        match checked {
            Err(e) => {
                let (field, message) = extension_error(x, t, e);
                errors.insert(field, message);
            }
            Ok(()) => {
                let done = ctx
                    .store()
                    .change(async |tx| {
                        tx.extend_copy_request(&actor, &org, &id, on, &reason, today())
                            .await
                    })
                    .await;
                return settled(done, &id);
            }
        }
    }
    show_with(&ctx, &id, "verlengen", &data, &errors).await
}

/// Records the hand-over on the date given (the domain checks it).
pub async fn hand_over(
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), texts(ctx.lang));
    let (actor, org) = (ctx.principal()?.actor(), organisation(&ctx)?);
    let (c, _) = load(&ctx, &org, &id).await?;
    let mut errors = text_errors(&data, t, &[]);
    let on = date(&data, "handed_over_on", t, &mut errors);
    if let (true, Some(on)) = (errors.is_empty(), on) {
        match check_hand_over(c.received_on, c.handed_over_on, on, today()) {
            Err(e) => {
                errors.insert("handed_over_on", hand_over_error(x, t, e));
            }
            Ok(()) => {
                let done = ctx
                    .store()
                    .change(async |tx| tx.hand_over_copy(&actor, &org, &id, on, today()).await)
                    .await;
                return settled(done, &id);
            }
        }
    }
    show_with(&ctx, &id, "overhandigd", &data, &errors).await
}
