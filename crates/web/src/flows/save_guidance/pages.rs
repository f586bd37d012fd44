//! The family's SAVE-begeleiding page: what runs and ran, the start form for the lead,
//! and review and end forms for the SAVE organisation giving it (or the lead). Refusals
//! show at their field, or at the top for the state of things.

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::Expertise;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::save_guidance::{self, GuidanceError, GuidanceOutcome, MAX_REVIEW_MONTHS};
use eenplan_store::{Guidance, NewGuidance, ReviewInput, StoreError, Tx};
use jiff::civil::Date;

use super::ops;
use super::texts::{GuidanceTexts, texts};
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::kit::dates::{dutch_date, today};
use crate::kit::form;
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, code_label, code_select,
};
use crate::kit::listing::Listing;
use crate::kit::outcome::Forms;
use crate::kit::route::PLAN;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Lang, PageError, Refusal, Shell, render};

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
    list: Listing<Card>,
    nav: SubNav,
    /// A refusal about the state of things, not one field.
    problem: Option<&'static str>,
    summary: ErrorSummary,
}

/// Which form was sent, so its errors show there and nowhere else.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sent<'a> {
    Start,
    Review(&'a str),
    End(&'a str),
}

async fn page(fam: &FamilyCtx, forms: Forms<Sent<'_>>) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let lang = fam.lang;
    let t = fam.t();
    let c = texts(lang);
    let (family, list, workers) = {
        let mut tx = fam.store().read().await?;
        let family = tx.family(fam.family_id()).await?;
        let list = tx.save_guidances(fam.family_id()).await?;
        let workers = tx
            .professionals(Some(OrganisationKind::CertifiedInstitution))
            .await?;
        (family, list, workers)
    };
    let family = family.ok_or_else(PageError::not_found)?;
    let today = today();
    let cards: Vec<Card> = list
        .iter()
        .map(|g| {
            let mine = save_guidance::may_act(
                p.organisation_id.as_str(),
                g.organisation_id.as_str(),
                fam.grant.lead,
            )
            .is_ok();
            let (rd, re) = forms.of(Sent::Review(&g.id));
            let (ed, ee) = forms.of(Sent::End(&g.id));
            Card {
                id: g.id.clone(),
                worker: format!("{} ({})", g.worker_name, g.organisation_name),
                expertise: code_label(lang, g.expertise),
                goals: g.goals.clone(),
                started: g.started_on.to_string(),
                planned_end: g.planned_end.to_string(),
                next_review: g.next_review_on.to_string(),
                review_due: g.review_due(today),
                ended: g.ended_on.map(|on| {
                    let outcome = g.outcome.map(|o| code_label(lang, o)).unwrap_or_default();
                    match g.end_reason.as_str() {
                        "" => format!("{}: {outcome}", dutch_date(lang, on)),
                        why => format!("{}: {outcome} ({why})", dutch_date(lang, on)),
                    }
                }),
                reviews: g
                    .reviews
                    .iter()
                    .map(|r| (dutch_date(lang, r.reviewed_on), r.note.clone()))
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
    let start_inputs = (fam.grant.lead
        && save_guidance::one_at_a_time(list.iter().any(Guidance::running)).is_ok())
    .then(|| {
        let (sd, se) = forms.of(Sent::Start);
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
            code_select::<Expertise>("expertise", c.sg_expertise, lang, sd, se),
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
                        label: crate::kit::texts::plural(
                            i64::from(m),
                            c.sg_month_one,
                            c.sg_month_more,
                        ),
                        selected: months == m.to_string(),
                    })
                    .collect(),
                error: err("review_months"),
            }),
        ]
    });
    let summary = cards.iter().fold(
        ErrorSummary::of_inputs(lang, start_inputs.as_deref().unwrap_or_default()),
        |s, card| {
            s.with_inputs(&card.review_inputs)
                .with_inputs(&card.end_inputs)
        },
    );
    Ok(render(
        forms.status(),
        &Page {
            shell: fam.shell(&format!("/gezinnen/{}/save-begeleiding", fam.family_id())),
            x: c,
            nav: sub_nav(fam, "/save-begeleiding", &family.label),
            list: Listing::new(&family, cards, start_inputs, &forms.errs),
            problem: forms.problem,
            summary,
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
    vec![
        code_select::<GuidanceOutcome>("outcome", c.sg_outcome, lang, d, errs),
        Input::Text(
            TextField::new(
                "reason",
                c.sg_reason,
                &d.raw("reason"),
                errs.get("reason").copied(),
            )
            .suffix(&g.id)
            .kind("textarea"),
        ),
    ]
}

pub async fn show(fam: FamilyCtx) -> Result<Response, PageError> {
    page(&fam, Forms::fresh()).await
}

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

/// The form's one change, made in its own transaction when what it needs (`input`)
/// could be read from it: done, back to the page (or to `shut` when the change closed
/// the file to the visitor); otherwise the page with the form as it came back.
async fn finish<I, T>(
    fam: &FamilyCtx,
    mut forms: Forms<Sent<'_>>,
    input: Option<I>,
    shut: Option<&str>,
    change: impl AsyncFnOnce(&mut Tx, &I) -> Result<T, StoreError>,
) -> Result<Response, PageError> {
    let lang = fam.lang;
    if let Some(input) = input {
        let write = fam.store().change(async |tx| change(tx, &input).await);
        if forms
            .attempt(write, |e, errs| place(lang, e, errs))
            .await?
            .is_some()
        {
            let page = format!("/gezinnen/{}/save-begeleiding", fam.family_id());
            let to = match shut {
                Some(elsewhere) if !fam.still_opens(PLAN).await? => elsewhere,
                _ => &page,
            };
            return Ok(Redirect::to(to).into_response());
        }
    }
    page(fam, forms).await
}

pub async fn start(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let t = fam.t();
    let mut forms = Forms::sent(Sent::Start, data, t, &["goals", "planned_end"]);
    let (d, errs) = (&forms.data, &mut forms.errs);
    if d.get("worker_id").is_empty() {
        errs.insert("worker_id", t.err_choose);
    }
    let expertise = form::chosen::<Expertise>(d, "expertise", t, errs);
    let planned_end = form::date(d, "planned_end", t, errs);
    let g = expertise
        .zip(planned_end)
        .map(|(expertise, planned_end)| NewGuidance {
            worker_id: d.get("worker_id"),
            expertise,
            goals: d.raw("goals").lines().map(str::to_owned).collect(),
            planned_end,
            review_months: d.get("review_months").parse::<u8>().ok(),
        });
    finish(&fam, forms, g, None, async |tx, g| {
        ops::start(tx, p, &fam.grant, g).await
    })
    .await
}

pub async fn review(
    fam: FamilyCtx,
    Path((_, guidance_id)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let t = fam.t();
    let fields = ["reviewed_on", "planned_end", "note"];
    let mut forms = Forms::sent(Sent::Review(&guidance_id), data, t, &fields);
    let (d, errs) = (&forms.data, &mut forms.errs);
    // Left empty, the review is today's.
    let reviewed_on = form::optional_date(d, "reviewed_on", t, errs).unwrap_or_else(today);
    let review = form::date(d, "planned_end", t, errs).map(|planned_end| ReviewInput {
        reviewed_on,
        planned_end,
        note: d.get("note"),
        reviewed_by: p.user_id.to_string(),
    });
    finish(&fam, forms, review, None, async |tx, r| {
        ops::review(tx, p, &fam.grant, &guidance_id, r).await
    })
    .await
}

pub async fn end(
    fam: FamilyCtx,
    Path((_, guidance_id)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let t = fam.t();
    let mut forms = Forms::sent(Sent::End(&guidance_id), data, t, &["reason"]);
    let outcome = form::chosen::<GuidanceOutcome>(&forms.data, "outcome", t, &mut forms.errs);
    let end = outcome.map(|o| (o, forms.data.get("reason")));
    // Whoever ends it and thereby leaves the circle (SAVE does) would come back to a
    // file that no longer opens for them: the start page says it ended instead.
    let shut = Some("/start?beeindigd=save-begeleiding");
    finish(&fam, forms, end, shut, async |tx, (o, reason)| {
        ops::end(tx, p, &fam.grant, &guidance_id, (*o, reason)).await
    })
    .await
}
