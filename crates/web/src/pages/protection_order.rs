//! The protection order request in the browser: on the family's side the request form
//! and how each request stands (lead work, behind the family guard); on the Raad's side
//! the work list of requests addressed to the visitor's Raad organisation and one
//! request with the step its course allows next (accept, outcome, court decision). The
//! rules are `domain::protection_order`.

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::MemberKind;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::protection_order::{Conclusion, Measure, OrderError, RaadStep, RequestState};
use eenplan_store::{CourtRuling, ProtectionOrderInput, ProtectionOrderRequest, StoreError};
use jiff::civil::Date;

use super::family::{failed, label_of, principal, today};
use super::form::text_errors;
use super::form::{Choice, ChoiceField, Errors, FormData, Input, TextField, choices, with_none};
use super::{Shell, errors, render};
use crate::AppState;
use crate::api::protection_order::{log_raad_reads, raad_entry};
use crate::auth::Visitor;
use crate::auth::family::FamilyGrant;
use crate::client::Client;
use crate::i18n::{Lang, Texts};

fn status(ok: bool) -> StatusCode {
    if ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// A request in words: the facts that are known so far, in order.
struct Summary {
    id: String,
    family: String,
    requested_on: String,
    children: String,
    requested_by: String,
    state: String,
    facts: Vec<(&'static str, String)>,
    grounds: String,
    tried: String,
}

fn summary(lang: Lang, t: &Texts, r: &ProtectionOrderRequest) -> Summary {
    let measure = |m: Measure| label_of(lang, m, Measure::label_nl, Measure::label_en);
    let mut facts: Vec<(&'static str, String)> = Vec::new();
    if let Some(d) = r.investigation_on {
        facts.push((t.po_investigation_on, d.to_string()));
    }
    if let Some(d) = r.concluded_on {
        facts.push((t.po_concluded_on, d.to_string()));
    }
    if let Some(reason) = &r.no_measure_reason {
        facts.push((t.po_no_measure_reason, reason.clone()));
    }
    if let Some(m) = r.petitioned_measure {
        facts.push((t.po_petitioned, measure(m)));
    }
    if let Some(d) = r.decided_on {
        facts.push((t.po_decided_on, d.to_string()));
    }
    if let Some(m) = r.granted_measure {
        facts.push((t.po_granted, measure(m)));
    }
    if let Some(d) = r.ends_on {
        facts.push((t.po_ends_on, d.to_string()));
    }
    if let Some(name) = &r.institution_name {
        facts.push((t.po_institution, name.clone()));
    }
    Summary {
        id: r.id.clone(),
        family: r.family_label.clone(),
        requested_on: r.requested_on.to_string(),
        children: r
            .children
            .iter()
            .map(|c| match c.date_of_birth {
                Some(d) => format!("{} ({d})", c.name),
                None => c.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        requested_by: format!(
            "{}, {} ({})",
            r.requested_by_name, r.requesting_organisation_name, r.requested_by_email
        ),
        state: label_of(
            lang,
            r.state,
            RequestState::label_nl,
            RequestState::label_en,
        ),
        facts,
        grounds: r.grounds.clone(),
        tried: r.tried.clone(),
    }
}

/// A rule of the request as (field, message) for the page.
fn order_error(
    t: &'static Texts,
    e: &OrderError,
    date_field: &'static str,
) -> (&'static str, &'static str) {
    match e {
        OrderError::NoChild | OrderError::NotAChild(_) => ("children", t.err_po_children),
        OrderError::GroundsNeeded => ("grounds", t.err_required),
        OrderError::TriedNeeded => ("tried", t.err_required),
        OrderError::NotRvdk => ("rvdk", t.err_po_raad),
        OrderError::OpenRequest => ("form", t.err_po_open),
        OrderError::AlreadyTakenUp
        | OrderError::NotYetInvestigated
        | OrderError::OutcomeGiven
        | OrderError::NotPetitioned
        | OrderError::AlreadyDecided => ("form", t.err_po_done),
        OrderError::InFuture => (date_field, t.err_po_future),
        OrderError::BeforeRequest
        | OrderError::BeforeInvestigation
        | OrderError::BeforePetition => (date_field, t.err_po_before),
        OrderError::ReasonNeeded => ("reason", t.err_required),
        OrderError::MeasureNotPetitioned => ("measure", t.err_po_measure),
        OrderError::EndDateNeeded | OrderError::EndBeforeDecision | OrderError::TooLong => {
            ("ends_on", t.err_po_end)
        }
        OrderError::NoEndForCustody => ("ends_on", t.err_po_no_end),
        OrderError::NotCertified => ("institution_id", t.err_po_institution),
    }
}

fn measure_choices(lang: Lang, selected: &str) -> Vec<Choice> {
    choices(
        Measure::ALL,
        |m| m.code().into(),
        |m| label_of(lang, *m, Measure::label_nl, Measure::label_en),
        selected,
    )
}

/// A required date field: empty or malformed is an error at the field.
fn required_date(
    d: &FormData,
    field: &'static str,
    t: &'static Texts,
    errs: &mut Errors,
) -> Option<Date> {
    match d.get(field) {
        s if s.is_empty() => {
            errs.insert(field, t.err_required);
            None
        }
        s => s
            .parse::<Date>()
            .map_err(|_| errs.insert(field, t.err_date))
            .ok(),
    }
}

// ---- the family's side ----

#[derive(Template)]
#[template(path = "protection_order/family.html")]
struct FamilyPage {
    shell: Shell,
    family_id: String,
    family_label: String,
    requests: Vec<Summary>,
    /// The form, unless a request is open.
    inputs: Option<Vec<Input>>,
    form_error: Option<&'static str>,
    has_errors: bool,
}

async fn family_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    grant: &FamilyGrant,
    d: &FormData,
    errs: &Errors,
) -> Response {
    let lang = Lang::from_headers(headers);
    let t = lang.texts();
    let loaded = async {
        let mut tx = state.store.read().await?;
        let family = tx.family(&grant.family_id).await?;
        let requests = tx.protection_order_requests(&grant.family_id).await?;
        let raden: Vec<(String, String)> = tx
            .organisations()
            .await?
            .into_iter()
            .filter(|o| o.kind == OrganisationKind::Rvdk)
            .map(|o| (o.id, o.name))
            .collect();
        Ok::<_, StoreError>((family, requests, raden))
    };
    let (family, requests, raden) = match loaded.await {
        Ok((Some(f), r, raden)) => (f, r, raden),
        Ok((None, ..)) => return errors::not_found_page(headers, visitor, "/gezinnen"),
        Err(e) => return failed(&e, headers),
    };
    let err = |id: &str| errs.get(id).copied();
    let open = requests.iter().any(|r| r.state.open());
    let chosen = d.all("children");
    let inputs = (!open).then(|| {
        vec![
            Input::Select(ChoiceField {
                id: "rvdk",
                label: t.po_raad,
                options: raden
                    .iter()
                    .map(|(id, name)| Choice {
                        selected: d.get("rvdk") == *id,
                        value: id.clone(),
                        label: name.clone(),
                    })
                    .collect(),
                error: err("rvdk"),
            }),
            Input::Checks(ChoiceField {
                id: "children",
                label: t.po_children,
                options: family
                    .members
                    .iter()
                    .filter(|m| !m.ended && m.kind == MemberKind::Child)
                    .map(|m| Choice {
                        selected: chosen.contains(&m.id),
                        value: m.id.clone(),
                        label: match m.date_of_birth {
                            Some(dob) => format!("{} ({dob})", m.name),
                            None => m.name.clone(),
                        },
                    })
                    .collect(),
                error: err("children"),
            }),
            Input::Text(
                TextField::new("grounds", t.po_grounds, &d.raw("grounds"), err("grounds"))
                    .kind("textarea"),
            ),
            Input::Text(
                TextField::new("tried", t.po_tried, &d.raw("tried"), err("tried")).kind("textarea"),
            ),
        ]
    });
    render(
        status(errs.is_empty()),
        &FamilyPage {
            shell: Shell::new(
                headers,
                visitor,
                &format!("/gezinnen/{}/verzoek-raad", grant.family_id),
            ),
            family_id: grant.family_id.clone(),
            family_label: family.label.clone(),
            requests: requests.iter().map(|r| summary(lang, t, r)).collect(),
            inputs,
            form_error: err("form"),
            has_errors: !errs.is_empty(),
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
    )
    .await
}

pub async fn request(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["grounds", "tried"]);
    let input = ProtectionOrderInput {
        rvdk_organisation_id: d.get("rvdk"),
        children: d.all("children"),
        grounds: d.raw("grounds"),
        tried: d.raw("tried"),
    };
    let made = async {
        let mut tx = state.store.write().await?;
        tx.request_protection_order(
            &p.actor(),
            &grant.family_id,
            (&p.user_id, &p.organisation_id),
            &input,
            today(),
        )
        .await?;
        tx.commit().await
    };
    if errs.is_empty() {
        match made.await {
            Ok(()) => {
                return Redirect::to(&format!("/gezinnen/{}/verzoek-raad", grant.family_id))
                    .into_response();
            }
            Err(StoreError::ProtectionOrder(e)) => {
                let (field, msg) = order_error(t, &e, "form");
                errs.insert(field, msg);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("rvdk", t.err_po_raad);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    family_page(&state, &headers, &visitor, &grant, &d, &errs).await
}

// ---- the Raad's side ----

#[derive(Template)]
#[template(path = "protection_order/list.html")]
struct ListPage {
    shell: Shell,
    requests: Vec<Summary>,
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
    let t = lang.texts();
    let listed = async {
        let list = state
            .store
            .read()
            .await?
            .raad_requests(&p.organisation_id)
            .await?;
        log_raad_reads(&state, p, &list, "GET /raad", &client).await?;
        Ok::<_, StoreError>(list)
    };
    match listed.await {
        Ok(list) => render(
            StatusCode::OK,
            &ListPage {
                shell: Shell::new(&headers, &visitor, "/raad"),
                requests: list.iter().map(|r| summary(lang, t, r)).collect(),
            },
        ),
        Err(e) => failed(&e, &headers),
    }
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
    request: Summary,
    /// The form for the step the request's course allows next: (action, title, inputs).
    form: Option<(&'static str, &'static str, Vec<Input>)>,
    form_error: Option<&'static str>,
    /// What was typed into a step someone else took first.
    kept: Option<String>,
    has_errors: bool,
}

#[allow(clippy::too_many_arguments)]
async fn show_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    client: &str,
    id: &str,
    step: Step,
    d: &FormData,
    errs: &Errors,
) -> Response {
    let Some(p) = principal(visitor) else {
        return errors::internal(false, headers);
    };
    let lang = Lang::from_headers(headers);
    let t = lang.texts();
    let loaded = async {
        let mut tx = state.store.read().await?;
        let request = tx.raad_request(&p.organisation_id, id).await?;
        let institutions: Vec<(String, String)> = tx
            .organisations()
            .await?
            .into_iter()
            .filter(|o| o.kind == OrganisationKind::CertifiedInstitution)
            .map(|o| (o.id, o.name))
            .collect();
        drop(tx);
        if let Some(r) = &request {
            log_raad_reads(
                state,
                p,
                std::slice::from_ref(r),
                "GET /raad/{request}",
                client,
            )
            .await?;
        }
        Ok::<_, StoreError>((request, institutions))
    };
    let (r, institutions) = match loaded.await {
        Ok((Some(r), i)) => (r, i),
        Ok((None, _)) => return errors::not_found_page(headers, visitor, "/raad"),
        Err(e) => return failed(&e, headers),
    };
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
                t.raad_accept,
                vec![Input::Text(
                    TextField::new(
                        "started_on",
                        t.raad_started_on,
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
                t.raad_outcome,
                vec![
                    Input::Select(ChoiceField {
                        id: "outcome",
                        label: t.raad_outcome_choice,
                        options: vec![
                            Choice {
                                value: "petition".into(),
                                label: t.raad_petition.into(),
                                selected: d.get("outcome") != "no_measure",
                            },
                            Choice {
                                value: "no_measure".into(),
                                label: t.raad_no_measure.into(),
                                selected: d.get("outcome") == "no_measure",
                            },
                        ],
                        error: err("outcome"),
                    }),
                    Input::Select(ChoiceField {
                        id: "measure",
                        label: t.raad_measure,
                        options: measure_choices(lang, &d.get("measure")),
                        error: err("measure"),
                    }),
                    Input::Text(
                        TextField::new("reason", t.raad_reason, &d.raw("reason"), err("reason"))
                            .kind("textarea"),
                    ),
                    Input::Text(
                        TextField::new(
                            "concluded_on",
                            t.raad_on,
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
                t.raad_decision,
                vec![
                    Input::Text(
                        TextField::new(
                            "decided_on",
                            t.raad_on,
                            &date_value(d, "decided_on"),
                            err("decided_on"),
                        )
                        .kind("date"),
                    ),
                    Input::Select(ChoiceField {
                        id: "ruling",
                        label: t.raad_ruling,
                        options: vec![
                            Choice {
                                value: "granted".into(),
                                label: t.raad_granted.into(),
                                selected: d.get("ruling") != "refused",
                            },
                            Choice {
                                value: "refused".into(),
                                label: t.raad_refused.into(),
                                selected: d.get("ruling") == "refused",
                            },
                        ],
                        error: err("ruling"),
                    }),
                    Input::Select(ChoiceField {
                        id: "measure",
                        label: t.raad_measure,
                        options: measure_choices(lang, &measure),
                        error: err("measure"),
                    }),
                    Input::Text(
                        TextField::new(
                            "ends_on",
                            t.raad_ends_on,
                            &d.get("ends_on"),
                            err("ends_on"),
                        )
                        .kind("date"),
                    ),
                    Input::Select(ChoiceField {
                        id: "institution_id",
                        label: t.raad_institution,
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
    render(
        if gone {
            StatusCode::CONFLICT
        } else {
            status(errs.is_empty())
        },
        &ShowPage {
            shell: Shell::new(headers, visitor, &format!("/raad/{}", r.id)),
            request: summary(lang, t, &r),
            form,
            form_error: err("form").or(gone.then_some(t.err_step_meanwhile)),
            kept: Some(typed).filter(|typed| gone && !typed.trim().is_empty()),
            has_errors: !errs.is_empty() && !gone,
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
    show_page(
        &state,
        &headers,
        &visitor,
        &client,
        &id,
        Step::None,
        &FormData(vec![]),
        &Errors::new(),
    )
    .await
}

/// Runs one of the Raad's steps; on success back to the request, on a refusal the page
/// again with the error at its field.
#[allow(clippy::too_many_arguments)]
async fn step<F>(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    client: &str,
    id: &str,
    (step, date_field): (Step, &'static str),
    d: &FormData,
    mut errs: Errors,
    run: F,
) -> Response
where
    F: AsyncFnOnce(&mut eenplan_store::Tx, &eenplan_store::Principal) -> Result<(), StoreError>,
{
    let Some(p) = principal(visitor) else {
        return errors::internal(false, headers);
    };
    let t = Lang::from_headers(headers).texts();
    if errs.is_empty() {
        let done = async {
            let mut tx = state.store.write().await?;
            let Some(r) = tx.raad_request(&p.organisation_id, id).await? else {
                return Ok(None);
            };
            run(&mut tx, p).await?;
            // The step and its log line are one: committed together or not at all.
            let entry = raad_entry(
                p,
                eenplan_domain::access_log::AccessEvent::Update,
                &r.family_id,
                format!("POST /raad/{{request}} (verzoek {id})"),
                client,
            );
            tx.log_access(&entry).await?;
            tx.commit().await?;
            Ok::<_, StoreError>(Some(r.family_id))
        };
        match done.await {
            Ok(Some(_)) => {
                return Redirect::to(&format!("/raad/{id}")).into_response();
            }
            Ok(None) => return errors::not_found_page(headers, visitor, "/raad"),
            Err(StoreError::ProtectionOrder(e)) => {
                let (field, msg) = order_error(t, &e, date_field);
                errs.insert(field, msg);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("institution_id", t.err_po_institution);
            }
            Err(e) => return failed(&e, headers),
        }
    }
    show_page(state, headers, visitor, client, id, step, d, &errs).await
}

pub async fn investigation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["started_on"]);
    let on = required_date(&d, "started_on", t, &mut errs);
    step(
        &state,
        &headers,
        &visitor,
        &client,
        &id,
        (Step::Accept, "started_on"),
        &d,
        errs,
        async |tx, p| {
            tx.start_investigation(
                &p.actor(),
                &p.organisation_id,
                &id,
                &p.user_id,
                on.unwrap_or_default(),
                today(),
            )
            .await
        },
    )
    .await
}

pub async fn outcome(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["concluded_on", "reason"]);
    let on = required_date(&d, "concluded_on", t, &mut errs);
    let conclusion = match d.get("outcome").as_str() {
        "no_measure" => Some(Conclusion::NoMeasure {
            reason: d.raw("reason"),
        }),
        "petition" => match d.get("measure").parse::<Measure>() {
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
        &headers,
        &visitor,
        &client,
        &id,
        (Step::Outcome, "concluded_on"),
        &d,
        errs,
        async |tx, p| {
            let Some(conclusion) = &conclusion else {
                return Ok(());
            };
            tx.conclude_investigation(
                &p.actor(),
                &p.organisation_id,
                &id,
                &p.user_id,
                conclusion,
                on.unwrap_or_default(),
                today(),
            )
            .await
            .map(|_| ())
        },
    )
    .await
}

pub async fn decision(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let t = Lang::from_headers(&headers).texts();
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
        let ends_on = match d.get("ends_on") {
            s if s.is_empty() => None,
            s => s
                .parse::<Date>()
                .map_err(|_| errs.insert("ends_on", t.err_date))
                .ok(),
        };
        let institution_id = d.get("institution_id");
        if institution_id.is_empty() {
            errs.insert("institution_id", t.err_po_institution);
        }
        measure.map(|measure| CourtRuling::Granted {
            measure,
            ends_on,
            institution_id,
        })
    };
    step(
        &state,
        &headers,
        &visitor,
        &client,
        &id,
        (Step::Decision, "decided_on"),
        &d,
        errs,
        async |tx, p| {
            let Some(ruling) = &ruling else {
                return Ok(());
            };
            tx.record_court_decision(
                &p.actor(),
                &p.organisation_id,
                &id,
                &p.user_id,
                on.unwrap_or_default(),
                ruling,
                today(),
            )
            .await
            .map(|_| ())
        },
    )
    .await
}
