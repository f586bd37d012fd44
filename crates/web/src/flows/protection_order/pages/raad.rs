//! The Raad's side: the work list of requests addressed to the visitor's Raad
//! organisation and one request with the step its course allows next.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::protection_order::{Conclusion, ConclusionKind, Measure, RaadStep};
use eenplan_store::{CourtRuling, StoreError};

use super::{Summary, measure_choices, place, required_date, summary};
use crate::AppState;
use crate::flows::protection_order::access::log_raad_reads;
use crate::flows::protection_order::ops::{self, RaadAct};
use crate::flows::protection_order::refusal::InStep;
use crate::flows::protection_order::texts::{PoTexts, protection_order};
use crate::kit::dates::today;
use crate::kit::form;
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, text_errors, with_none,
};
use crate::kit::form_status;
use crate::kit::{Ctx, PageError, Shell, render};

#[derive(Template)]
#[template(path = "protection_order/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static PoTexts,
    requests: Vec<Summary>,
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let x = protection_order(lang);
    let list = state
        .store
        .read()
        .await?
        .raad_requests(&p.organisation_id)
        .await?;
    log_raad_reads(&state, p, &list, "GET /raad", &ctx.client.0).await?;
    Ok(render(
        StatusCode::OK,
        &ListPage {
            shell: ctx.shell("/raad"),
            x,
            requests: list.iter().map(|r| summary(lang, x, r)).collect(),
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
    has_errors: bool,
}

async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    (step, d, errs): (Step, &FormData, &Errors),
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let (t, x) = (ctx.t(), protection_order(lang));
    let mut tx = state.store.read().await?;
    let request = tx.raad_request(&p.organisation_id, id).await?;
    let institutions: Vec<(String, String)> = tx
        .organisations()
        .await?
        .into_iter()
        .filter(|o| o.kind == OrganisationKind::CertifiedInstitution)
        .map(|o| (o.id.into_string(), o.name))
        .collect();
    drop(tx);
    let r = request.ok_or_else(PageError::not_found)?;
    log_raad_reads(
        state,
        p,
        std::slice::from_ref(&r),
        "GET /raad/{request}",
        &ctx.client.0,
    )
    .await?;
    let empty = FormData(vec![]);
    let d = |s: Step| if s == step { d } else { &empty };
    let err = |id: &str| errs.get(id).copied();
    let today_text = today().to_string();
    let date_value = |d: &FormData, field: &str| {
        if d.0.is_empty() {
            today_text.clone()
        } else {
            d.get(field)
        }
    };
    let form = match r.state.next_step() {
        Some(RaadStep::TakeUp) => {
            let d = d(Step::Accept);
            Some((
                "onderzoek",
                x.raad_accept,
                vec![Input::Text(
                    TextField::new(
                        "started_on",
                        x.raad_started_on,
                        &date_value(d, "started_on"),
                        err("started_on"),
                    )
                    .kind("date"),
                )],
            ))
        }
        Some(RaadStep::Conclude) => {
            let d = d(Step::Outcome);
            Some((
                "uitkomst",
                x.raad_outcome,
                vec![
                    Input::Select(ChoiceField {
                        id: "outcome",
                        label: x.raad_outcome_choice,
                        options: vec![
                            Choice {
                                value: ConclusionKind::Petition.code().into(),
                                label: x.raad_petition.into(),
                                selected: d.get("outcome") != ConclusionKind::NoMeasure.code(),
                            },
                            Choice {
                                value: ConclusionKind::NoMeasure.code().into(),
                                label: x.raad_no_measure.into(),
                                selected: d.get("outcome") == ConclusionKind::NoMeasure.code(),
                            },
                        ],
                        error: err("outcome"),
                    }),
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
                    Input::Text(
                        TextField::new(
                            "concluded_on",
                            x.raad_on,
                            &date_value(d, "concluded_on"),
                            err("concluded_on"),
                        )
                        .kind("date"),
                    ),
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
                    Input::Text(
                        TextField::new(
                            "decided_on",
                            x.raad_on,
                            &date_value(d, "decided_on"),
                            err("decided_on"),
                        )
                        .kind("date"),
                    ),
                    Input::Select(ChoiceField {
                        id: "ruling",
                        label: x.raad_ruling,
                        options: vec![
                            Choice {
                                value: "granted".into(),
                                label: x.raad_granted.into(),
                                selected: d.get("ruling") != "refused",
                            },
                            Choice {
                                value: "refused".into(),
                                label: x.raad_refused.into(),
                                selected: d.get("ruling") == "refused",
                            },
                        ],
                        error: err("ruling"),
                    }),
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
                        options: with_none(
                            t,
                            institutions
                                .iter()
                                .map(|(id, name)| Choice {
                                    selected: d.get("institution_id") == *id,
                                    value: id.clone(),
                                    label: name.clone(),
                                })
                                .collect(),
                            &d.get("institution_id"),
                        ),
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
    Ok(render(
        if gone {
            StatusCode::CONFLICT
        } else {
            form_status(errs.is_empty())
        },
        &ShowPage {
            shell: ctx.shell(&format!("/raad/{}", r.id)),
            x,
            request: summary(lang, x, &r),
            form,
            form_error: err("form").or(gone.then_some(t.err_step_meanwhile)),
            kept: Some(typed).filter(|typed| gone && !typed.trim().is_empty()),
            has_errors: !errs.is_empty() && !gone,
        },
    ))
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    show_page(
        &state,
        &ctx,
        &id,
        (Step::None, &FormData(vec![]), &Errors::new()),
    )
    .await
}

/// Runs one of the Raad's steps; on success back to the request, on a refusal the page
/// again with the error at its field.
async fn step(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    (step, date_field): (Step, &'static str),
    (d, mut errs): (&FormData, Errors),
    act: Option<RaadAct<'_>>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    if let (Some(act), true) = (act, errs.is_empty()) {
        let route = ("/raad/{request}", ctx.client.0.as_str());
        let done = state
            .store
            .change(async |tx| ops::raad_act(tx, p, id, act, route).await)
            .await;
        match done {
            Ok(Some(_)) => return Ok(Redirect::to(&format!("/raad/{id}")).into_response()),
            Ok(None) => return Err(PageError::not_found()),
            Err(StoreError::ProtectionOrder(e)) => {
                place(ctx.lang, &InStep(&e, date_field), &mut errs);
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
    show_page(state, ctx, id, (step, d, &errs)).await
}

pub async fn investigation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let t = ctx.t();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["started_on"]);
    let on = required_date(&d, "started_on", t, &mut errs);
    step(
        &state,
        &ctx,
        &id,
        (Step::Accept, "started_on"),
        (&d, errs),
        Some(RaadAct::Investigation(on.unwrap_or_default())),
    )
    .await
}

pub async fn outcome(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let t = ctx.t();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["concluded_on", "reason"]);
    let on = required_date(&d, "concluded_on", t, &mut errs);
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
                errs.insert("measure", t.err_choose);
                None
            }
        },
        _ => {
            errs.insert("outcome", t.err_choose);
            None
        }
    };
    step(
        &state,
        &ctx,
        &id,
        (Step::Outcome, "concluded_on"),
        (&d, errs),
        conclusion
            .as_ref()
            .map(|c| RaadAct::Outcome(c, on.unwrap_or_default())),
    )
    .await
}

pub async fn decision(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let t = ctx.t();
    let x = protection_order(ctx.lang);
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["decided_on", "ends_on"]);
    let on = required_date(&d, "decided_on", t, &mut errs);
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
        let ends_on = form::optional_date(&d, "ends_on", t, &mut errs);
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
    step(
        &state,
        &ctx,
        &id,
        (Step::Decision, "decided_on"),
        (&d, errs),
        ruling
            .as_ref()
            .map(|r| RaadAct::Decision(r, on.unwrap_or_default())),
    )
    .await
}
