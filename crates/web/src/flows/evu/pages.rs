//! The EVU's pages: the family's referrals with the local team's form to call in the
//! EVU, and the coordinator's list and referral page, where a combination of workers is
//! assigned at once. Refusals show at their field, or at the top of the page.

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::evu::{self, ReferralSource, ReferralState};
use eenplan_store::{EvuReferral, StoreError};

use super::ops::{self, Decision};
use super::texts::{EvuTexts, texts};
use crate::AppState;
use crate::auth::evu::log_evu_reads;
use crate::auth::family::FamilyGrant;
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, label_of, text_errors,
};
use crate::kit::form_status;
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
        source: label_of(
            lang,
            r.source,
            ReferralSource::label_nl,
            ReferralSource::label_en,
        ),
        organisation: r.organisation_name.clone(),
        referred_on: r.referred_on.to_string(),
        reason: r.reason.clone(),
        state: label_of(
            lang,
            r.state,
            ReferralState::label_nl,
            ReferralState::label_en,
        ),
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
    family_id: String,
    family_label: String,
    lines: Vec<Line>,
    refer_inputs: Option<Vec<Input>>,
    problem: Option<String>,
}

async fn family_page(
    state: &AppState,
    ctx: &Ctx,
    grant: &FamilyGrant,
    d: &FormData,
    errs: &Errors,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let c = texts(lang);
    let (family, list) = {
        let mut tx = state.store.read().await?;
        (
            tx.family(&grant.family_id).await?,
            tx.evu_referrals_of(&grant.family_id).await?,
        )
    };
    let family = family.ok_or_else(PageError::not_found)?;
    let open = list.iter().any(|r| r.state.is_open());
    Ok(render(
        form_status(errs.is_empty() && problem.is_none()),
        &FamilyPage {
            shell: ctx.shell(&format!("/gezinnen/{}/evu", grant.family_id)),
            x: c,
            family_id: grant.family_id.to_string(),
            family_label: family.label,
            lines: list.iter().map(|r| line(lang, r)).collect(),
            refer_inputs: (grant.lead && !open)
                .then(|| vec![reason_input(c.evu_reason, d, errs, "refer")]),
            problem,
        },
    ))
}

pub async fn family(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, PageError> {
    family_page(
        &state,
        &ctx,
        &grant,
        &FormData(vec![]),
        &Errors::new(),
        None,
    )
    .await
}

pub async fn refer(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, lang.texts(), &["reason"]);
    // Nothing is written while the form has errors.
    let outcome = if errs.is_empty() {
        Some(
            state
                .store
                .change(async |tx| ops::refer(tx, p, &grant.family_id, &d.get("reason")).await)
                .await,
        )
    } else {
        None
    };
    let problem = match outcome {
        None => None,
        Some(Ok(_)) => {
            return Ok(Redirect::to(&format!("/gezinnen/{}/evu", grant.family_id)).into_response());
        }
        Some(Err(e)) => place(lang, e, &mut errs)?,
    };
    family_page(&state, &ctx, &grant, &d, &errs, problem).await
}

#[derive(Template)]
#[template(path = "evu/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static EvuTexts,
    new: Vec<Line>,
    running: Vec<Line>,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let list = state.store.read().await?.evu_work_list().await?;
    log_evu_reads(&state, p, &list, "GET /evu", &ctx.client.0).await?;
    let (new, running): (Vec<_>, Vec<_>) =
        list.iter().map(|r| line(lang, r)).partition(|l| l.is_new);
    Ok(render(
        StatusCode::OK,
        &ListPage {
            shell: ctx.shell("/evu"),
            x: texts(lang),
            new,
            running,
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
    problem: Option<String>,
    /// What was typed into a form the referral no longer offers (someone else acted
    /// first): shown, so nothing typed is lost.
    kept: Option<String>,
}

/// Which form was sent, so its errors show there and nowhere else; the three form
/// routes differ only in this, so they share one handler.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    Nothing,
    Combination,
    Decline,
    Close,
}

#[allow(clippy::too_many_arguments)]
async fn referral_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    sent: Sent,
    d: &FormData,
    errs: &Errors,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let c = texts(lang);
    let (r, candidates) = {
        let mut tx = state.store.read().await?;
        (tx.evu_referral(id).await?, tx.professionals(None).await?)
    };
    let r = r.ok_or_else(PageError::not_found)?;
    if let Some(p) = &ctx.visitor.principal {
        log_evu_reads(
            state,
            p,
            std::slice::from_ref(&r),
            &format!("GET /evu/{id}"),
            &ctx.client.0,
        )
        .await?;
    }
    let empty = FormData(vec![]);
    let none = Errors::new();
    let for_form = |which: Sent| {
        if which == sent {
            (d, errs)
        } else {
            (&empty, &none)
        }
    };
    let chosen = for_form(Sent::Combination).0.all("user_ids");
    let combination = if evu::may_staff(r.state).is_ok() {
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
            error: for_form(Sent::Combination).1.get("user_ids").copied(),
        })]
    } else {
        Vec::new()
    };
    let decline = if evu::may_staff(r.state).is_ok() {
        let (fd, fe) = for_form(Sent::Decline);
        vec![reason_input(c.evu_decision, fd, fe, "decline")]
    } else {
        Vec::new()
    };
    let close = if evu::may_close(r.state).is_ok() {
        let (fd, fe) = for_form(Sent::Close);
        vec![reason_input(c.evu_decision, fd, fe, "close")]
    } else {
        Vec::new()
    };
    // Sent, but that form is gone: someone else staffed, declined or closed it first.
    let gone = match sent {
        Sent::Nothing => false,
        Sent::Combination => combination.is_empty(),
        Sent::Decline => decline.is_empty(),
        Sent::Close => close.is_empty(),
    };
    let kept = Some(d.get("reason")).filter(|typed| gone && !typed.trim().is_empty());
    Ok(render(
        if gone {
            StatusCode::CONFLICT
        } else {
            form_status(errs.is_empty() && problem.is_none())
        },
        &ReferralPage {
            shell: ctx.shell(&format!("/evu/{id}")),
            x: c,
            referral: line(lang, &r),
            combination,
            decline,
            close,
            problem,
            kept,
        },
    ))
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    referral_page(
        &state,
        &ctx,
        &id,
        Sent::Nothing,
        &FormData(vec![]),
        &Errors::new(),
        None,
    )
    .await
}

pub async fn act(
    sent: Sent,
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let client = &ctx.client.0;
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, lang.texts(), &["reason"]);
    // Nothing is written while the form has errors.
    let outcome = if errs.is_empty() {
        Some(
            state
                .store
                .change(async |tx| {
                    let user_ids = d.all("user_ids");
                    let reason = d.get("reason");
                    let (decision, step) = match sent {
                        Sent::Combination => (Decision::Combination(&user_ids), "combinatie"),
                        Sent::Decline | Sent::Close => {
                            let close = sent == Sent::Close;
                            let reason = &reason;
                            let step = if close { "afsluiten" } else { "afwijzen" };
                            (Decision::Finish { close, reason }, step)
                        }
                        Sent::Nothing => return Ok(()),
                    };
                    let what = format!("POST /evu/{id}/{step}");
                    ops::decide(tx, p, &id, decision, (what, client)).await
                })
                .await,
        )
    } else {
        None
    };
    let problem = match outcome {
        None => None,
        Some(Ok(())) => return Ok(Redirect::to(&format!("/evu/{id}")).into_response()),
        Some(Err(StoreError::NotFound(_))) => return Err(PageError::not_found()),
        Some(Err(e)) => place(lang, e, &mut errs)?,
    };
    referral_page(&state, &ctx, &id, sent, &d, &errs, problem).await
}
