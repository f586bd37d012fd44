//! The Raad's side: the work list of requests addressed to the visitor's Raad
//! organisation and one request with the step its course allows next.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::protection_order::{Conclusion, ConclusionKind, Measure, RaadStep};
use eenplan_store::{CourtRuling, StoreError};
use jiff::civil::Date;

use super::{Summary, either, measure_choices, organisations, place, required_date, summary};
use crate::flows::protection_order::ops::{self, RaadAct};
use crate::flows::protection_order::refusal::InStep;
use crate::flows::protection_order::texts::{PoTexts, protection_order};
use crate::kit::dates::today;
use crate::kit::form;
use crate::kit::form::{ChoiceField, Errors, FormData, Input, TextField, text_errors, with_none};
use crate::kit::form_status;
use crate::kit::render::step_status;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, PageError, Shell, render};

#[derive(Template)]
#[template(path = "protection_order/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static PoTexts,
    requests: Vec<Summary>,
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
    let x = protection_order(lang);
    let seek = crate::kit::paging::decode(q.cursor.as_deref(), ops::WORK_SORT);
    let limit = crate::kit::paging::DEFAULT_LIMIT;
    let (page, total) = match &seek {
        Ok(seek) => ops::raad_requests(&ctx, p, ("GET /raad", Ok((seek, limit)))).await?,
        Err(_) => (
            crate::kit::paging::Page {
                items: Vec::new(),
                next: None,
                previous: None,
            },
            0,
        ),
    };
    let words = if total == 1 {
        x.raad_one_request.to_owned()
    } else {
        x.raad_n_requests.replace("{n}", &total.to_string())
    };
    Ok(render(
        if seek.is_ok() {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        },
        &ListPage {
            shell: ctx.shell("/raad"),
            x,
            requests: page.items.iter().map(|r| summary(lang, x, r)).collect(),
            nav: crate::kit::paging::PageNav::new(lang, &page, words, "/raad", raw.as_deref()),
            bad_cursor: seek.is_err(),
        },
    ))
}

/// Which of the Raad's forms comes back with errors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    None,
    Accept,
    Outcome,
    Decision,
}

impl Step {
    /// The form's field for the date the step was taken.
    fn date_field(self) -> &'static str {
        match self {
            Step::Accept => "started_on",
            Step::Outcome => "concluded_on",
            Step::Decision => "decided_on",
            Step::None => "",
        }
    }
}

#[derive(Template)]
#[template(path = "protection_order/show.html")]
struct ShowPage {
    shell: Shell,
    x: &'static PoTexts,
    request: Summary,
    /// The form for the step the request's course allows next: (action, title, inputs).
    form: Option<(&'static str, &'static str, Vec<Input>)>,
    form_error: Option<&'static str>,
    /// What was typed into a step someone else took first.
    kept: Option<String>,
    summary: ErrorSummary,
}

async fn show_page(
    ctx: &Ctx,
    id: &str,
    (step, d, errs): (Step, &FormData, &Errors),
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let (t, x) = (ctx.t(), protection_order(lang));
    let empty = FormData(vec![]);
    let d = |s: Step| if s == step { d } else { &empty };
    let institution = d(Step::Decision).get("institution_id");
    let kind = OrganisationKind::CertifiedInstitution;
    let institutions = organisations(&mut ctx.store().read().await?, kind, &institution).await?;
    let (read, _) = ops::raad_requests(ctx, p, ("GET /raad/{request}", Err(id))).await?;
    let r = read
        .items
        .into_iter()
        .next()
        .ok_or_else(PageError::not_found)?;
    let err = |id: &str| errs.get(id).copied();
    let today_text = today().to_string();
    // A date field: today on a fresh form, else what was sent.
    let date = |d: &FormData, field: &'static str, label: &'static str| {
        let value = if d.0.is_empty() {
            today_text.clone()
        } else {
            d.get(field)
        };
        Input::Text(TextField::new(field, label, &value, err(field)).kind("date"))
    };
    let form = match r.state.next_step() {
        Some(RaadStep::TakeUp) => {
            let d = d(Step::Accept);
            let started_on = date(d, "started_on", x.raad_started_on);
            Some(("onderzoek", x.raad_accept, vec![started_on]))
        }
        Some(RaadStep::Conclude) => {
            let d = d(Step::Outcome);
            Some((
                "uitkomst",
                x.raad_outcome,
                vec![
                    either(
                        ("outcome", x.raad_outcome_choice),
                        d,
                        [
                            (ConclusionKind::Petition.code(), x.raad_petition),
                            (ConclusionKind::NoMeasure.code(), x.raad_no_measure),
                        ],
                        err("outcome"),
                    ),
                    Input::Select(ChoiceField {
                        id: "measure",
                        label: x.raad_measure,
                        options: measure_choices(lang, &d.get("measure")),
                        error: err("measure"),
                    }),
                    Input::Text(
                        TextField::new("reason", x.raad_reason, &d.raw("reason"), err("reason"))
                            .kind("textarea"),
                    ),
                    date(d, "concluded_on", x.raad_on),
                ],
            ))
        }
        Some(RaadStep::CourtDecision) => {
            let d = d(Step::Decision);
            let asked = r.petitioned_measure.map(|m| m.code()).unwrap_or_default();
            let measure = if d.0.is_empty() {
                asked.to_owned()
            } else {
                d.get("measure")
            };
            Some((
                "beslissing",
                x.raad_decision,
                vec![
                    date(d, "decided_on", x.raad_on),
                    either(
                        ("ruling", x.raad_ruling),
                        d,
                        [("granted", x.raad_granted), ("refused", x.raad_refused)],
                        err("ruling"),
                    ),
                    Input::Select(ChoiceField {
                        id: "measure",
                        label: x.raad_measure,
                        options: measure_choices(lang, &measure),
                        error: err("measure"),
                    }),
                    Input::Text(TextField::typed("ends_on", x.raad_ends_on, d, errs).kind("date")),
                    Input::Select(ChoiceField {
                        id: "institution_id",
                        label: x.raad_institution,
                        options: with_none(t, institutions, &institution),
                        error: err("institution_id"),
                    }),
                ],
            ))
        }
        None => None,
    };
    // Sent for a step the request is no longer at: someone else took it further first.
    let offered = match r.state.next_step() {
        Some(RaadStep::TakeUp) => Step::Accept,
        Some(RaadStep::Conclude) => Step::Outcome,
        Some(RaadStep::CourtDecision) => Step::Decision,
        None => Step::None,
    };
    let gone = step != Step::None && step != offered;
    let typed = d(step).get("reason");
    let form_error = err("form").or(gone.then_some(t.err_step_meanwhile));
    let inputs = form.as_ref().map(|f| f.2.as_slice()).unwrap_or_default();
    let errors = ErrorSummary::of_inputs(lang, inputs)
        .or_refused(!errs.is_empty() && !gone && form_error.is_none(), inputs);
    Ok(render(
        step_status(gone, form_status(errs.is_empty())),
        &ShowPage {
            shell: ctx.shell(&format!("/raad/{}", r.id)),
            x,
            request: summary(lang, x, &r),
            form,
            form_error,
            kept: Some(typed).filter(|typed| gone && !typed.trim().is_empty()),
            summary: errors,
        },
    ))
}

pub async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    show_page(&ctx, &id, (Step::None, &FormData(vec![]), &Errors::new())).await
}

/// One of the Raad's forms as sent: which step, what was typed, what is wrong with it
/// so far, and the date it names (a default when refused: the errors stop the step).
struct Sent<'a> {
    step: Step,
    d: &'a FormData,
    errs: Errors,
    on: Date,
}

impl<'a> Sent<'a> {
    /// `d` for `step`, its date and the free text in `typed` checked.
    fn new(ctx: &Ctx, step: Step, d: &'a FormData, typed: &[&'static str]) -> Self {
        let (t, field) = (ctx.t(), step.date_field());
        let typed: Vec<&'static str> = typed.iter().copied().chain([field]).collect();
        let mut errs = text_errors(d, t, &typed);
        let on = required_date(d, field, t, &mut errs).unwrap_or_default();
        Self { step, d, errs, on }
    }
}

/// Runs one of the Raad's steps; on success back to the request, on a refusal the page
/// again with the error at its field.
async fn step(
    ctx: &Ctx,
    id: &str,
    Sent {
        step, d, mut errs, ..
    }: Sent<'_>,
    act: Option<RaadAct<'_>>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    if let (Some(act), true) = (act, errs.is_empty()) {
        let route = ("/raad/{request}", ctx.client.0.as_str());
        let done = ctx
            .store()
            .change(async |tx| ops::raad_act(tx, p, id, act, route).await)
            .await;
        match done {
            Ok(Some(_)) => return Ok(Redirect::to(&format!("/raad/{id}")).into_response()),
            Ok(None) => return Err(PageError::not_found()),
            Err(StoreError::ProtectionOrder(e)) => {
                place(ctx.lang, &InStep(&e, step.date_field()), &mut errs);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert(
                    "institution_id",
                    protection_order(ctx.lang).err_po_institution,
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    show_page(ctx, id, (step, d, &errs)).await
}

pub async fn investigation(
    ctx: Ctx,
    Path(id): Path<String>,
    d: FormData,
) -> Result<Response, PageError> {
    let sent = Sent::new(&ctx, Step::Accept, &d, &[]);
    let act = RaadAct::Investigation(sent.on);
    step(&ctx, &id, sent, Some(act)).await
}

pub async fn outcome(ctx: Ctx, Path(id): Path<String>, d: FormData) -> Result<Response, PageError> {
    let t = ctx.t();
    let mut sent = Sent::new(&ctx, Step::Outcome, &d, &["reason"]);
    let kind = ConclusionKind::ALL
        .iter()
        .copied()
        .find(|k| k.code() == d.get("outcome"));
    let conclusion = match kind {
        Some(ConclusionKind::NoMeasure) => Some(Conclusion::NoMeasure {
            reason: d.raw("reason"),
        }),
        Some(ConclusionKind::Petition) => match d.get("measure").parse::<Measure>() {
            Ok(measure) => Some(Conclusion::Petition { measure }),
            Err(_) => {
                sent.errs.insert("measure", t.err_choose);
                None
            }
        },
        _ => {
            sent.errs.insert("outcome", t.err_choose);
            None
        }
    };
    let act = conclusion.as_ref().map(|c| RaadAct::Outcome(c, sent.on));
    step(&ctx, &id, sent, act).await
}

pub async fn decision(
    ctx: Ctx,
    Path(id): Path<String>,
    d: FormData,
) -> Result<Response, PageError> {
    let t = ctx.t();
    let x = protection_order(ctx.lang);
    let mut sent = Sent::new(&ctx, Step::Decision, &d, &["ends_on"]);
    let errs = &mut sent.errs;
    // The court's ruling is read from exactly one of its two values: anything else is
    // refused at the field, never taken as "granted".
    let ruling = if d.get("ruling") == "refused" {
        Some(CourtRuling::Refused)
    } else if d.get("ruling") != "granted" {
        errs.insert("ruling", t.err_choose);
        None
    } else {
        let measure = d
            .get("measure")
            .parse::<Measure>()
            .map_err(|_| errs.insert("measure", t.err_choose))
            .ok();
        let ends_on = form::optional_date(&d, "ends_on", t, errs);
        let institution_id = d.get("institution_id");
        if institution_id.is_empty() {
            errs.insert("institution_id", x.err_po_institution);
        }
        measure.map(|measure| CourtRuling::Granted {
            measure,
            ends_on,
            institution_id: institution_id.into(),
        })
    };
    let act = ruling.as_ref().map(|r| RaadAct::Decision(r, sent.on));
    step(&ctx, &id, sent, act).await
}
