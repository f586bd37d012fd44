//! The EVU's pages: the family's referrals with the local team's form to call in the
//! EVU, and the coordinator's list and referral page, where a combination of workers is
//! assigned at once. The rules are `domain::evu`; refusals show at their field.

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::evu::{self, ReferralSource, ReferralState};
use eenplan_store::{EvuReferral, Referrer, StoreError};

use super::family::{failed, label_of, principal, today};
use super::form::text_errors;
use super::form::{Choice, ChoiceField, Errors, FormData, Input, TextField};
use super::{Shell, errors, render};
use crate::AppState;
use crate::api::evu::{evu_access, field_of, log_evu_reads};
use crate::auth::Visitor;
use crate::auth::family::FamilyGrant;
use crate::chain_texts::evu_error;
use crate::client::Client;
use crate::i18n::Lang;

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

/// Puts a refusal at its field, or at the top of the page.
#[allow(clippy::result_large_err)] // built once, on the error path
fn place(
    lang: Lang,
    e: StoreError,
    errs: &mut Errors,
    headers: &HeaderMap,
) -> Result<Option<String>, Response> {
    match e {
        StoreError::Evu(evu) => match field_of(&evu) {
            Some(field) => {
                errs.insert(field, evu_error(lang, &evu));
                Ok(None)
            }
            None => Ok(Some(evu_error(lang, &evu).to_owned())),
        },
        StoreError::UnknownUser(_) => {
            errs.insert("user_ids", lang.texts().err_choose);
            Ok(None)
        }
        // Someone in the combination cannot join yet: named, with the consent step.
        StoreError::JoinRefused {
            worker,
            organisation,
            step,
        } => Ok(Some(crate::chain_texts::join_refused(
            lang,
            &worker,
            &organisation,
            step,
        ))),
        e => Err(failed(&e, headers)),
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
    family_id: String,
    family_label: String,
    lines: Vec<Line>,
    refer_inputs: Option<Vec<Input>>,
    problem: Option<String>,
}

async fn family_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    grant: &FamilyGrant,
    d: &FormData,
    errs: &Errors,
    problem: Option<String>,
) -> Response {
    let lang = Lang::from_headers(headers);
    let c = crate::chain_texts::texts(lang);
    let loaded = async {
        let mut tx = state.store.read().await?;
        Ok::<_, StoreError>((
            tx.family(&grant.family_id).await?,
            tx.evu_referrals_of(&grant.family_id).await?,
        ))
    };
    let (family, list) = match loaded.await {
        Ok((Some(f), l)) => (f, l),
        Ok((None, _)) => return errors::not_found_page(headers, visitor, "/gezinnen"),
        Err(e) => return failed(&e, headers),
    };
    let open = list.iter().any(|r| r.state.is_open());
    render(
        if errs.is_empty() && problem.is_none() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        },
        &FamilyPage {
            shell: Shell::new(
                headers,
                visitor,
                &format!("/gezinnen/{}/evu", grant.family_id),
            ),
            family_id: grant.family_id.clone(),
            family_label: family.label,
            lines: list.iter().map(|r| line(lang, r)).collect(),
            refer_inputs: (grant.lead && !open)
                .then(|| vec![reason_input(c.evu_reason, d, errs, "refer")]),
            problem,
        },
    )
}

pub async fn family(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    family_page(
        &state,
        &headers,
        &visitor,
        &grant,
        &FormData(vec![]),
        &Errors::new(),
        None,
    )
    .await
}

pub async fn refer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let lang = Lang::from_headers(&headers);
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, lang.texts(), &["reason"]);
    let referred = async {
        let mut tx = state.store.write().await?;
        tx.refer_to_evu(
            &p.actor(),
            &grant.family_id,
            Referrer {
                organisation_id: &p.organisation_id,
                user_id: &p.user_id,
            },
            None,
            &d.get("reason"),
            today(),
        )
        .await?;
        tx.commit().await
    };
    let outcome = if errs.is_empty() {
        Some(referred.await)
    } else {
        None
    };
    let problem = match outcome {
        None => None,
        Some(Ok(())) => {
            return Redirect::to(&format!("/gezinnen/{}/evu", grant.family_id)).into_response();
        }
        Some(Err(e)) => match place(lang, e, &mut errs, &headers) {
            Ok(top) => top,
            Err(r) => return r,
        },
    };
    family_page(&state, &headers, &visitor, &grant, &d, &errs, problem).await
}

#[derive(Template)]
#[template(path = "evu/list.html")]
struct ListPage {
    shell: Shell,
    new: Vec<Line>,
    running: Vec<Line>,
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let lang = Lang::from_headers(&headers);
    let loaded = async {
        let list = state.store.read().await?.evu_work_list().await?;
        log_evu_reads(&state, p, &list, "GET /evu", &client).await?;
        Ok::<_, StoreError>(list)
    }
    .await;
    let list = match loaded {
        Ok(l) => l,
        Err(e) => return failed(&e, &headers),
    };
    let (new, running): (Vec<_>, Vec<_>) =
        list.iter().map(|r| line(lang, r)).partition(|l| l.is_new);
    render(
        StatusCode::OK,
        &ListPage {
            shell: Shell::new(&headers, &visitor, "/evu"),
            new,
            running,
        },
    )
}

#[derive(Template)]
#[template(path = "evu/referral.html")]
struct ReferralPage {
    shell: Shell,
    referral: Line,
    combination: Vec<Input>,
    decline: Vec<Input>,
    close: Vec<Input>,
    problem: Option<String>,
    /// What was typed into a form the referral no longer offers (someone else acted
    /// first): shown, so nothing typed is lost.
    kept: Option<String>,
}

/// Which form was sent, so its errors show there and nowhere else.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sent {
    Nothing,
    Combination,
    Decline,
    Close,
}

#[allow(clippy::too_many_arguments)]
async fn referral_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    client: &str,
    id: &str,
    sent: Sent,
    d: &FormData,
    errs: &Errors,
    problem: Option<String>,
) -> Response {
    let lang = Lang::from_headers(headers);
    let c = crate::chain_texts::texts(lang);
    let loaded = async {
        let mut tx = state.store.read().await?;
        Ok::<_, StoreError>((tx.evu_referral(id).await?, tx.professionals(None).await?))
    };
    let (r, candidates) = match loaded.await {
        Ok((Some(r), c)) => (r, c),
        Ok((None, _)) => return errors::not_found_page(headers, visitor, "/evu"),
        Err(e) => return failed(&e, headers),
    };
    if let Some(p) = principal(visitor)
        && let Err(e) = log_evu_reads(
            state,
            p,
            std::slice::from_ref(&r),
            &format!("GET /evu/{id}"),
            client,
        )
        .await
    {
        return failed(&e, headers);
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
    render(
        if gone {
            StatusCode::CONFLICT
        } else if errs.is_empty() && problem.is_none() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        },
        &ReferralPage {
            shell: Shell::new(headers, visitor, &format!("/evu/{id}")),
            referral: line(lang, &r),
            combination,
            decline,
            close,
            problem,
            kept,
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
) -> Response {
    referral_page(
        &state,
        &headers,
        &visitor,
        &client,
        &id,
        Sent::Nothing,
        &FormData(vec![]),
        &Errors::new(),
        None,
    )
    .await
}

async fn act(
    state: AppState,
    headers: HeaderMap,
    visitor: Visitor,
    client: String,
    id: String,
    body: Bytes,
    sent: Sent,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let lang = Lang::from_headers(&headers);
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, lang.texts(), &["reason"]);
    let done = async {
        let mut tx = state.store.write().await?;
        let (family, step) = match sent {
            Sent::Combination => (
                tx.assign_evu_combination(&p.actor(), &id, &p.user_id, &d.all("user_ids"), today())
                    .await?,
                "combinatie",
            ),
            Sent::Decline | Sent::Close => (
                tx.finish_evu_referral(
                    &p.actor(),
                    &id,
                    &p.user_id,
                    sent == Sent::Close,
                    &d.get("reason"),
                    today(),
                )
                .await?,
                if sent == Sent::Close {
                    "afsluiten"
                } else {
                    "afwijzen"
                },
            ),
            Sent::Nothing => return Ok(()),
        };
        let what = format!("POST /evu/{id}/{step}");
        tx.log_access(&evu_access(
            p,
            eenplan_domain::access_log::AccessEvent::Update,
            &family,
            what,
            &client,
        ))
        .await?;
        tx.commit().await
    };
    let outcome = if errs.is_empty() {
        Some(done.await)
    } else {
        None
    };
    let problem = match outcome {
        None => None,
        Some(Ok(())) => return Redirect::to(&format!("/evu/{id}")).into_response(),
        Some(Err(StoreError::NotFound(_))) => {
            return errors::not_found_page(&headers, &visitor, "/evu");
        }
        Some(Err(e)) => match place(lang, e, &mut errs, &headers) {
            Ok(top) => top,
            Err(r) => return r,
        },
    };
    referral_page(
        &state, &headers, &visitor, &client, &id, sent, &d, &errs, problem,
    )
    .await
}

pub async fn assign(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    act(state, headers, visitor, client, id, body, Sent::Combination).await
}

pub async fn decline(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    act(state, headers, visitor, client, id, body, Sent::Decline).await
}

pub async fn close(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    act(state, headers, visitor, client, id, body, Sent::Close).await
}
