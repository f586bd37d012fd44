//! The family's SAVE-begeleiding page: what runs and ran, the start form for the lead,
//! and review and end forms for the SAVE organisation giving it (or the lead). Refusals
//! show at their field, or at the top for the state of things.

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::Expertise;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::save_guidance::{self, GuidanceError, GuidanceOutcome, MAX_REVIEW_MONTHS};
use eenplan_store::{Guidance, NewGuidance, ReviewInput, StoreError};
use jiff::civil::Date;

use super::ops;
use super::texts::{GuidanceTexts, texts};
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::kit::dates::today;
use crate::kit::form;
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, label_of, text_errors,
};
use crate::kit::form_status;
use crate::kit::{Ctx, Lang, PageError, Refusal, Shell, render};

/// One guidance in words, with the forms its viewer may use.
struct Card {
    id: String,
    worker: String,
    expertise: String,
    goals: Vec<String>,
    started: String,
    planned_end: String,
    next_review: String,
    review_due: bool,
    ended: Option<String>,
    reviews: Vec<(String, String)>,
    review_inputs: Vec<Input>,
    end_inputs: Vec<Input>,
}

#[derive(Template)]
#[template(path = "save_guidance/show.html")]
struct Page {
    shell: Shell,
    x: &'static GuidanceTexts,
    family_id: String,
    family_label: String,
    cards: Vec<Card>,
    start_inputs: Option<Vec<Input>>,
    /// A refusal about the state of things, not one field.
    problem: Option<&'static str>,
    has_errors: bool,
}

/// Which form was sent, so its errors show there and nowhere else.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sent<'a> {
    Nothing,
    Start,
    Review(&'a str),
    End(&'a str),
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    ctx: &Ctx,
    grant: &FamilyGrant,
    sent: Sent<'_>,
    d: &FormData,
    errs: &Errors,
    problem: Option<&'static str>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let t = ctx.t();
    let c = texts(lang);
    let (family, list, workers) = {
        let mut tx = state.store.read().await?;
        let family = tx.family(&grant.family_id).await?;
        let list = tx.save_guidances(&grant.family_id).await?;
        let workers = tx
            .professionals(Some(OrganisationKind::CertifiedInstitution))
            .await?;
        (family, list, workers)
    };
    let family = family.ok_or_else(PageError::not_found)?;
    let today = today();
    let empty = FormData(vec![]);
    let none = Errors::new();
    let for_form = |which: Sent<'_>| {
        if which == sent {
            (d, errs)
        } else {
            (&empty, &none)
        }
    };
    let cards = list
        .iter()
        .map(|g| {
            let mine = save_guidance::may_act(
                p.organisation_id.as_str(),
                g.organisation_id.as_str(),
                grant.lead,
            )
            .is_ok();
            let (rd, re) = for_form(Sent::Review(&g.id));
            let (ed, ee) = for_form(Sent::End(&g.id));
            Card {
                id: g.id.clone(),
                worker: format!("{} ({})", g.worker_name, g.organisation_name),
                expertise: label_of(lang, g.expertise, Expertise::label_nl, Expertise::label_en),
                goals: g.goals.clone(),
                started: g.started_on.to_string(),
                planned_end: g.planned_end.to_string(),
                next_review: g.next_review_on.to_string(),
                review_due: g.review_due(today),
                ended: g.ended_on.map(|on| {
                    let outcome = g
                        .outcome
                        .map(|o| {
                            label_of(
                                lang,
                                o,
                                GuidanceOutcome::label_nl,
                                GuidanceOutcome::label_en,
                            )
                        })
                        .unwrap_or_default();
                    match g.end_reason.as_str() {
                        "" => format!("{on}: {outcome}"),
                        why => format!("{on}: {outcome} ({why})"),
                    }
                }),
                reviews: g
                    .reviews
                    .iter()
                    .map(|r| (r.reviewed_on.to_string(), r.note.clone()))
                    .collect(),
                review_inputs: if mine && g.running() {
                    review_inputs(c, g, today, rd, re)
                } else {
                    Vec::new()
                },
                end_inputs: if mine && g.running() {
                    end_inputs(c, lang, g, ed, ee)
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let start_inputs = (grant.lead
        && save_guidance::one_at_a_time(list.iter().any(Guidance::running)).is_ok())
    .then(|| {
        let (sd, se) = for_form(Sent::Start);
        let err = |id: &str| se.get(id).copied();
        let mut worker_options = vec![Choice {
            value: String::new(),
            label: t.none.to_owned(),
            selected: sd.get("worker_id").is_empty(),
        }];
        worker_options.extend(workers.iter().map(|w| Choice {
            selected: sd.get("worker_id") == w.user_id,
            value: w.user_id.clone(),
            label: format!("{} ({})", w.name, w.organisation_name),
        }));
        let months = match sd.get("review_months") {
            m if m.is_empty() => MAX_REVIEW_MONTHS.to_string(),
            m => m,
        };
        vec![
            Input::Select(ChoiceField {
                id: "worker_id",
                label: c.sg_worker,
                options: worker_options,
                error: err("worker_id"),
            }),
            Input::Select(ChoiceField {
                id: "expertise",
                label: c.sg_expertise,
                options: choices(
                    Expertise::ALL,
                    |e| e.code().into(),
                    |e| label_of(lang, *e, Expertise::label_nl, Expertise::label_en),
                    &sd.get("expertise"),
                ),
                error: err("expertise"),
            }),
            Input::Text(
                TextField::new("goals", c.sg_goals, &sd.raw("goals"), err("goals"))
                    .hint(c.sg_goals_hint)
                    .kind("textarea"),
            ),
            Input::Text(TextField::typed("planned_end", c.sg_planned_end, sd, se).kind("date")),
            Input::Select(ChoiceField {
                id: "review_months",
                label: c.sg_review_months,
                options: (1..=MAX_REVIEW_MONTHS)
                    .rev()
                    .map(|m| Choice {
                        value: m.to_string(),
                        label: format!("{m} {}", c.sg_months),
                        selected: months == m.to_string(),
                    })
                    .collect(),
                error: err("review_months"),
            }),
        ]
    });
    Ok(render(
        form_status(errs.is_empty() && problem.is_none()),
        &Page {
            shell: ctx.shell(&format!("/gezinnen/{}/save-begeleiding", grant.family_id)),
            x: c,
            family_id: grant.family_id.to_string(),
            family_label: family.label,
            cards,
            start_inputs,
            problem,
            has_errors: !errs.is_empty(),
        },
    ))
}

fn review_inputs(
    c: &'static GuidanceTexts,
    g: &Guidance,
    today: Date,
    d: &FormData,
    errs: &Errors,
) -> Vec<Input> {
    let err = |id: &str| errs.get(id).copied();
    // The stored dates fill a fresh form; a form that was sent shows what was sent, an
    // emptied field included.
    let or = |name: &str, default: String| {
        if d.0.is_empty() { default } else { d.get(name) }
    };
    vec![
        Input::Text(
            TextField::new(
                "reviewed_on",
                c.sg_reviewed_on,
                &or("reviewed_on", today.to_string()),
                err("reviewed_on"),
            )
            .suffix(&g.id)
            .kind("date"),
        ),
        Input::Text(
            TextField::new(
                "planned_end",
                c.sg_planned_end,
                &or("planned_end", g.planned_end.to_string()),
                err("planned_end"),
            )
            .suffix(&g.id)
            .kind("date"),
        ),
        Input::Text(
            TextField::new("note", c.sg_note, &d.raw("note"), err("note"))
                .suffix(&g.id)
                .kind("textarea"),
        ),
    ]
}

fn end_inputs(
    c: &'static GuidanceTexts,
    lang: Lang,
    g: &Guidance,
    d: &FormData,
    errs: &Errors,
) -> Vec<Input> {
    let err = |id: &str| errs.get(id).copied();
    vec![
        Input::Select(ChoiceField {
            id: "outcome",
            label: c.sg_outcome,
            options: choices(
                GuidanceOutcome::ALL,
                |o| o.code().into(),
                |o| {
                    label_of(
                        lang,
                        *o,
                        GuidanceOutcome::label_nl,
                        GuidanceOutcome::label_en,
                    )
                },
                &d.get("outcome"),
            ),
            error: err("outcome"),
        }),
        Input::Text(
            TextField::new("reason", c.sg_reason, &d.raw("reason"), err("reason"))
                .suffix(&g.id)
                .kind("textarea"),
        ),
    ]
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, PageError> {
    page(
        &state,
        &ctx,
        &grant,
        Sent::Nothing,
        &FormData(vec![]),
        &Errors::new(),
        None,
    )
    .await
}

/// Puts a refusal where it belongs: at its field, or (returned) at the top of the page;
/// hands back a store error that is not a refusal.
fn place(lang: Lang, e: StoreError, errs: &mut Errors) -> Result<Option<&'static str>, StoreError> {
    match e {
        StoreError::Guidance(g) => Ok(g.place(lang, errs)),
        StoreError::ConsentNeeded(_) => Ok(Some(GuidanceError::ConsentNeeded.text(lang))),
        StoreError::UnknownUser(_) => {
            errs.insert("worker_id", lang.texts().err_choose);
            Ok(None)
        }
        e => Err(e),
    }
}

/// After a change the guidance page shows it (post, redirect, get).
fn back(family_id: &str) -> Response {
    Redirect::to(&format!("/gezinnen/{family_id}/save-begeleiding")).into_response()
}

pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let t = lang.texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["goals", "planned_end"]);
    if d.get("worker_id").is_empty() {
        errs.insert("worker_id", t.err_choose);
    }
    let expertise = d
        .get("expertise")
        .parse::<Expertise>()
        .map_err(|_| errs.insert("expertise", t.err_choose))
        .ok();
    let planned_end = form::date(&d, "planned_end", t, &mut errs);
    let review_months = d.get("review_months").parse::<u8>().ok();
    let mut problem = None;
    if let (Some(expertise), Some(planned_end), true) = (expertise, planned_end, errs.is_empty()) {
        let g = NewGuidance {
            worker_id: d.get("worker_id"),
            expertise,
            goals: d.raw("goals").lines().map(str::to_owned).collect(),
            planned_end,
            review_months,
        };
        let started = ops::start(&state.store, p, &grant, &g).await;
        match started {
            Ok(_) => return Ok(back(grant.family_id.as_str())),
            Err(e) => problem = place(lang, e, &mut errs)?,
        }
    }
    page(&state, &ctx, &grant, Sent::Start, &d, &errs, problem).await
}

pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, guidance_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let t = lang.texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["reviewed_on", "planned_end", "note"]);
    let today = today();
    let reviewed_on = match d.get("reviewed_on") {
        s if s.is_empty() => Some(today),
        s => s
            .parse::<Date>()
            .map_err(|_| errs.insert("reviewed_on", t.err_date))
            .ok(),
    };
    let planned_end = form::date(&d, "planned_end", t, &mut errs);
    let mut problem = None;
    if let (Some(reviewed_on), Some(planned_end), true) =
        (reviewed_on, planned_end, errs.is_empty())
    {
        let review = ReviewInput {
            reviewed_on,
            planned_end,
            note: d.get("note"),
            reviewed_by: p.user_id.to_string(),
        };
        let reviewed = ops::review(&state.store, p, &grant, &guidance_id, &review).await;
        match reviewed {
            Ok(_) => return Ok(back(grant.family_id.as_str())),
            Err(e) => problem = place(lang, e, &mut errs)?,
        }
    }
    page(
        &state,
        &ctx,
        &grant,
        Sent::Review(&guidance_id),
        &d,
        &errs,
        problem,
    )
    .await
}

pub async fn end(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, guidance_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, lang.texts(), &["reason"]);
    let outcome = d
        .get("outcome")
        .parse::<GuidanceOutcome>()
        .map_err(|_| errs.insert("outcome", lang.texts().err_choose))
        .ok();
    let mut problem = None;
    if let (Some(outcome), true) = (outcome, errs.is_empty()) {
        let reason = d.get("reason");
        let ended = ops::end(&state.store, p, &grant, &guidance_id, (outcome, &reason)).await;
        match ended {
            Ok(_) => return Ok(back(grant.family_id.as_str())),
            Err(e) => problem = place(lang, e, &mut errs)?,
        }
    }
    page(
        &state,
        &ctx,
        &grant,
        Sent::End(&guidance_id),
        &d,
        &errs,
        problem,
    )
    .await
}
