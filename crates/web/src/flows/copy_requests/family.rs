//! The family member's page: a short explanation, one button with an optional note, and
//! the member's own requests with where each stands. Whether the member may ask is the
//! domain's `check_copy_request` on the family's facts; the page only says it.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::FamilyId;
use eenplan_domain::calendar::StatutoryCalendar;
use eenplan_domain::family::portal::{
    CopyRequestError, RecordedFamily, check_copy_request, copy_due,
};
use eenplan_store::{CopyRequest, FamilyPrincipal, StoreError};
use serde::Deserialize;

use super::texts::{MemberTexts, member as texts};
use crate::auth::portal::member;
use crate::kit::dates::{long_date, today};
use crate::kit::extract::Query;
use crate::kit::form::{Errors, FormData, Input, TextField, text_errors};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, Lang, PageError, Shell, render};

const PAGE: &str = "/mijn-gezin/kopie";

/// One request as the member reads it: when asked, and where it stands in words.
struct Line {
    asked_on: String,
    state: String,
    reason: Option<String>,
}

#[derive(Template)]
#[template(path = "copy_requests/member.html")]
struct MemberPage {
    shell: Shell,
    m: &'static MemberTexts,
    /// Why the member cannot ask (now), instead of the form.
    cannot: Option<&'static str>,
    done: bool,
    inputs: Vec<Input>,
    summary: ErrorSummary,
    lines: Vec<Line>,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    klaar: Option<String>,
}

fn line(lang: Lang, m: &MemberTexts, cal: &StatutoryCalendar, c: &CopyRequest) -> Line {
    let due = long_date(lang, copy_due(cal, c.received_on, c.extended_on.is_some()));
    let state = match (c.handed_over_on, c.extended_on) {
        (Some(on), _) => format!("{} {}.", m.state_done, long_date(lang, on)),
        (None, Some(_)) => format!("{} {due}.", m.state_extended),
        (None, None) => format!("{} {due}.", m.state_waiting),
    };
    Line {
        asked_on: long_date(lang, c.received_on),
        state,
        reason: c.extension_reason.clone(),
    }
}

/// Why `member` cannot ask today, in words; `None` when they can.
fn cannot_ask(
    m: &MemberTexts,
    family: Option<(&eenplan_store::Family, &RecordedFamily)>,
    member: &FamilyPrincipal,
) -> Option<&'static str> {
    let Some((family, facts)) = family else {
        return Some(m.no_lead);
    };
    let today = today();
    match check_copy_request(facts.facts(), &member.member_id, today, today) {
        Err(CopyRequestError::TooYoung) => Some(m.too_young),
        Err(_) => Some(m.no_lead),
        Ok(()) if family.regisseur().is_none() => Some(m.no_lead),
        Ok(()) => None,
    }
}

async fn page(
    ctx: &Ctx,
    status: StatusCode,
    done: bool,
    note: &str,
    errors: &Errors,
) -> Result<Response, PageError> {
    let (lang, m) = (ctx.lang, texts(ctx.lang));
    let who = member(ctx)?;
    let loaded = async {
        let mut tx = ctx.store().read().await?;
        let family = tx.family(&FamilyId::from(who.family_id.as_str())).await?;
        let facts = tx.portal_family(&who.family_id).await?;
        let requests = tx
            .copy_requests_of_member(&who.family_id, &who.member_id)
            .await?;
        let cal = tx.statutory_calendar().await?;
        Ok::<_, StoreError>((family, facts, requests, cal))
    };
    let (family, facts, requests, cal) = loaded.await?;
    let inputs = vec![Input::Text(
        TextField::new("note", m.note_label, note, errors.get("note").copied())
            .hint(m.note_hint)
            .kind("textarea"),
    )];
    Ok(render(
        status,
        &MemberPage {
            shell: ctx.shell(PAGE),
            m,
            cannot: cannot_ask(m, family.as_ref().map(|f| (f, &facts)), who),
            done,
            summary: ErrorSummary::of_inputs(lang, &inputs),
            inputs,
            lines: requests.iter().map(|c| line(lang, m, &cal, c)).collect(),
        },
    ))
}

pub async fn show(ctx: Ctx, Query(done): Query<Done>) -> Result<Response, PageError> {
    page(
        &ctx,
        StatusCode::OK,
        done.klaar.is_some(),
        "",
        &Errors::new(),
    )
    .await
}

/// Records the request, received today. A member who cannot ask (a crafted form) gets
/// the page again with the reason and their note kept.
pub async fn ask(ctx: Ctx, data: FormData) -> Result<Response, PageError> {
    let who = member(&ctx)?.clone();
    let note = data.raw("note");
    let errors = text_errors(&data, ctx.t(), &["note"]);
    if !errors.is_empty() {
        return page(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
            &note,
            &errors,
        )
        .await;
    }
    let today = today();
    let asked = ctx
        .store()
        .change(async |tx| tx.request_copy(&who, &note, today, today).await)
        .await;
    match asked {
        Ok(_) => Ok(Redirect::to(&format!("{PAGE}?klaar=1")).into_response()),
        // Not allowed (too young, no lead): the page says why, the note stays.
        Err(StoreError::Invalid(_)) => {
            page(
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                false,
                &note,
                &Errors::new(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
