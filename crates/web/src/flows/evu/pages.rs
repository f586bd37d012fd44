//! The EVU's pages: the family's referrals with the local team's form to call in the
//! EVU, and the coordinator's list and referral page, where a combination of workers is
//! assigned at once. Refusals show at their field, or at the top of the page.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::evu;
use eenplan_store::{EvuReferral, StoreError};

use super::ops::{self, Decision};
use super::texts::{EvuTexts, texts};
use crate::auth::evu::log_evu_reads;
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::kit::form::{Choice, ChoiceField, Errors, FormData, Input, TextField, code_label};
use crate::kit::listing::Listing;
use crate::kit::outcome::Forms;
use crate::kit::render::step_status;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, Lang, PageError, Refusal, Shell, render};

/// A referral in words.
struct Line {
    id: String,
    family: String,
    source: String,
    organisation: String,
    referred_on: String,
    reason: String,
    state: String,
    is_new: bool,
    decision: String,
    workers: Vec<String>,
}

fn line(lang: Lang, r: &EvuReferral) -> Line {
    Line {
        id: r.id.clone(),
        family: r.family_label.clone(),
        source: code_label(lang, r.source),
        organisation: r.organisation_name.clone(),
        referred_on: r.referred_on.to_string(),
        reason: r.reason.clone(),
        state: code_label(lang, r.state),
        is_new: evu::may_staff(r.state).is_ok(),
        decision: r.decision_reason.clone(),
        workers: r
            .workers
            .iter()
            .map(|w| format!("{} ({})", w.name, w.organisation_name))
            .collect(),
    }
}

/// Puts a refusal at its field, or (returned) at the top of the page; hands back a
/// store error that is not a refusal.
fn place(lang: Lang, e: StoreError, errs: &mut Errors) -> Result<Option<String>, StoreError> {
    match e {
        StoreError::Evu(evu) => Ok(evu.place(lang, errs).map(str::to_owned)),
        StoreError::UnknownUser(_) => {
            errs.insert("user_ids", lang.texts().err_choose);
            Ok(None)
        }
        // Someone in the combination cannot join yet: named, with the consent step.
        StoreError::JoinRefused {
            worker,
            organisation,
            step,
        } => Ok(Some(crate::kit::chain_texts::join_refused(
            lang,
            &worker,
            &organisation,
            step,
        ))),
        e => Err(e),
    }
}

fn reason_input(label: &'static str, d: &FormData, errs: &Errors, suffix: &str) -> Input {
    Input::Text(
        TextField::new(
            "reason",
            label,
            &d.raw("reason"),
            errs.get("reason").copied(),
        )
        .suffix(suffix)
        .kind("textarea"),
    )
}

#[derive(Template)]
#[template(path = "evu/family.html")]
struct FamilyPage {
    shell: Shell,
    x: &'static EvuTexts,
    list: Listing<Line>,
    nav: SubNav,
    problem: Option<String>,
    summary: ErrorSummary,
}

/// The family's one form: calling in the EVU.
#[derive(PartialEq)]
struct Refer;

async fn family_page(fam: &FamilyCtx, forms: Forms<Refer, String>) -> Result<Response, PageError> {
    let lang = fam.lang;
    let c = texts(lang);
    let (family, list) = {
        let mut tx = fam.store().read().await?;
        (
            tx.family(fam.family_id()).await?,
            tx.evu_referrals_of(fam.family_id()).await?,
        )
    };
    let family = family.ok_or_else(PageError::not_found)?;
    let open = list.iter().any(|r| r.state.is_open());
    let (d, errs) = forms.of(Refer);
    let inputs =
        (fam.grant.lead && !open).then(|| vec![reason_input(c.evu_reason, d, errs, "refer")]);
    let lines = list.iter().map(|r| line(lang, r)).collect();
    let summary = ErrorSummary::of_inputs(lang, inputs.as_deref().unwrap_or_default());
    Ok(render(
        forms.status(),
        &FamilyPage {
            shell: fam.shell(&format!("/gezinnen/{}/evu", fam.family_id())),
            x: c,
            nav: sub_nav(fam, "/evu", &family.label),
            list: Listing::new(&family, lines, inputs, &forms.errs),
            problem: forms.problem,
            summary,
        },
    ))
}

pub async fn family(fam: FamilyCtx) -> Result<Response, PageError> {
    family_page(&fam, Forms::fresh()).await
}

pub async fn refer(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let lang = fam.lang;
    let mut forms = Forms::sent(Refer, data, lang.texts(), &["reason"]);
    let reason = forms.data.get("reason");
    let write = fam
        .store()
        .change(async |tx| ops::refer(tx, p, fam.family_id(), &reason).await);
    if forms
        .attempt(write, |e, errs| place(lang, e, errs))
        .await?
        .is_some()
    {
        return Ok(Redirect::to(&format!("/gezinnen/{}/evu", fam.family_id())).into_response());
    }
    family_page(&fam, forms).await
}

#[derive(Template)]
#[template(path = "evu/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static EvuTexts,
    new: Vec<Line>,
    running: Vec<Line>,
    nav: crate::kit::paging::PageNav,
    bad_cursor: bool,
}

#[derive(Debug, serde::Deserialize)]
pub struct ListQuery {
    cursor: Option<String>,
}

pub async fn list(
    ctx: Ctx,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    axum::extract::Query(q): axum::extract::Query<ListQuery>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let x = texts(lang);
    let seek = crate::kit::paging::decode(q.cursor.as_deref(), super::api::WORK_SORT);
    let (page, total) = match &seek {
        Ok(seek) => super::api::work_page(&ctx, seek, crate::kit::paging::DEFAULT_LIMIT).await?,
        Err(_) => (
            crate::kit::paging::Page {
                items: Vec::new(),
                next: None,
                previous: None,
            },
            0,
        ),
    };
    log_evu_reads(&ctx.state, p, &page.items, "GET /evu", &ctx.client.0).await?;
    let (new, running): (Vec<_>, Vec<_>) = page
        .items
        .iter()
        .map(|r| line(lang, r))
        .partition(|l| l.is_new);
    let words = if total == 1 {
        x.evu_one_on_list.to_owned()
    } else {
        x.evu_n_on_list.replace("{n}", &total.to_string())
    };
    Ok(render(
        if seek.is_ok() {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        },
        &ListPage {
            shell: ctx.shell("/evu"),
            x,
            new,
            running,
            nav: crate::kit::paging::PageNav::new(lang, &page, words, "/evu", raw.as_deref()),
            bad_cursor: seek.is_err(),
        },
    ))
}

#[derive(Template)]
#[template(path = "evu/referral.html")]
struct ReferralPage {
    shell: Shell,
    x: &'static EvuTexts,
    referral: Line,
    combination: Vec<Input>,
    decline: Vec<Input>,
    close: Vec<Input>,
    summary: ErrorSummary,
    problem: Option<String>,
    /// What was typed into a form the referral no longer offers (someone else acted
    /// first): shown, so nothing typed is lost.
    kept: Option<String>,
}

/// Which form was sent, so its errors show there and nowhere else; the three form
/// routes differ only in this, so they share one handler.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    Combination,
    Decline,
    Close,
}

async fn referral_page(
    ctx: &Ctx,
    id: &str,
    forms: Forms<Sent, String>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let c = texts(lang);
    let (r, candidates) = {
        let mut tx = ctx.store().read().await?;
        (tx.evu_referral(id).await?, tx.professionals(None).await?)
    };
    let r = r.ok_or_else(PageError::not_found)?;
    if let Some(p) = &ctx.visitor.principal {
        log_evu_reads(
            &ctx.state,
            p,
            std::slice::from_ref(&r),
            &format!("GET /evu/{id}"),
            &ctx.client.0,
        )
        .await?;
    }
    let staffable = evu::may_staff(r.state).is_ok();
    let combination = if staffable {
        let (cd, ce) = forms.of(Sent::Combination);
        let chosen = cd.all("user_ids");
        vec![Input::Checks(ChoiceField {
            id: "user_ids",
            label: c.evu_combination,
            options: candidates
                .iter()
                .map(|w| Choice {
                    selected: chosen.contains(&w.user_id),
                    value: w.user_id.clone(),
                    label: format!("{} ({})", w.name, w.organisation_name),
                })
                .collect(),
            error: ce.get("user_ids").copied(),
        })]
    } else {
        Vec::new()
    };
    let reason_form = |offered: bool, which: Sent, suffix: &str| {
        let (fd, fe) = forms.of(which);
        offered
            .then(|| reason_input(c.evu_decision, fd, fe, suffix))
            .into_iter()
            .collect::<Vec<_>>()
    };
    let decline = reason_form(staffable, Sent::Decline, "decline");
    let close = reason_form(evu::may_close(r.state).is_ok(), Sent::Close, "close");
    // Sent, but that form is gone: someone else staffed, declined or closed it first.
    let gone = match forms.which() {
        None => false,
        Some(Sent::Combination) => combination.is_empty(),
        Some(Sent::Decline) => decline.is_empty(),
        Some(Sent::Close) => close.is_empty(),
    };
    let summary = ErrorSummary::of_inputs(lang, &combination)
        .with_inputs(&decline)
        .with_inputs(&close);
    let kept = Some(forms.data.get("reason")).filter(|typed| gone && !typed.trim().is_empty());
    Ok(render(
        step_status(gone, forms.status()),
        &ReferralPage {
            shell: ctx.shell(&format!("/evu/{id}")),
            x: c,
            referral: line(lang, &r),
            combination,
            decline,
            close,
            summary,
            problem: forms.problem,
            kept,
        },
    ))
}

pub async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    referral_page(&ctx, &id, Forms::fresh()).await
}

pub async fn act(
    sent: Sent,
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let mut forms = Forms::sent(sent, data, lang.texts(), &["reason"]);
    let (user_ids, reason) = (forms.data.all("user_ids"), forms.data.get("reason"));
    let (decision, step) = match sent {
        Sent::Combination => (Decision::Combination(&user_ids), "combinatie"),
        Sent::Decline => (
            Decision::Finish {
                close: false,
                reason: &reason,
            },
            "afwijzen",
        ),
        Sent::Close => (
            Decision::Finish {
                close: true,
                reason: &reason,
            },
            "afsluiten",
        ),
    };
    let what = format!("POST /evu/{id}/{step}");
    let write = ctx
        .store()
        .change(async |tx| ops::decide(tx, p, &id, decision, (what, &ctx.client.0)).await);
    if forms
        .attempt(write, |e, errs| place(lang, e, errs))
        .await?
        .is_some()
    {
        return Ok(Redirect::to(&format!("/evu/{id}")).into_response());
    }
    referral_page(&ctx, &id, forms).await
}
