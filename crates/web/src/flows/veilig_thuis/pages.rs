//! Veilig Thuis's pages: the work list with the intake form, and one contact with the
//! radar and the safety assessment.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::Postcode;
use eenplan_domain::veilig_thuis::{ContactKind, IntakeError, IntakeState, Outcome, Reporter};
use eenplan_store::{Contact, NewContact, StoreError};
use jiff::civil::Date;

use super::ops;
use super::texts::{VtTexts, veilig_thuis};
use crate::AppState;
use crate::kit::dates::today;
use crate::kit::form;
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, label_of, text_errors,
    with_none,
};
use crate::kit::form_status;
use crate::kit::i18n::Texts;
use crate::kit::{Ctx, Lang, PageError, Refusal, Shell, render};

/// One line of the work list or the radar, in words.
struct Line {
    id: String,
    received: String,
    kind: String,
    child: String,
    due: String,
    overdue: bool,
    state: String,
}

fn line(lang: Lang, x: &VtTexts, c: &Contact, today: Date) -> Line {
    Line {
        id: c.id.clone(),
        received: c.received_on.to_string(),
        kind: label_of(lang, c.kind, ContactKind::label_nl, ContactKind::label_en),
        child: match (c.child_name.as_str(), c.child_birth) {
            ("", _) => "—".to_owned(),
            (name, Some(dob)) => format!("{name} ({dob})"),
            (name, None) => name.to_owned(),
        },
        due: match (c.due_on, c.follow_up_on, c.state) {
            (Some(due), _, IntakeState::AwaitingAssessment) => due.to_string(),
            (_, Some(check), _) => format!("{}: {check}", x.vt_follow_up),
            _ => String::new(),
        },
        overdue: c.overdue(today),
        state: match c.state {
            IntakeState::AdviceGiven => x.vt_advice_given.to_owned(),
            IntakeState::AwaitingAssessment => lang.texts().vt_awaiting.to_owned(),
            IntakeState::Assessed(o) => format!(
                "{}: {}",
                x.vt_assessed,
                label_of(lang, o, Outcome::label_nl, Outcome::label_en)
            ),
        },
    }
}

#[derive(Template)]
#[template(path = "veilig_thuis/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static VtTexts,
    lines: Vec<Line>,
    inputs: Vec<Input>,
    has_errors: bool,
}

fn intake_inputs(
    (t, x): (&'static Texts, &'static VtTexts),
    lang: Lang,
    d: &FormData,
    errs: &Errors,
) -> Vec<Input> {
    let err = |id: &str| errs.get(id).copied();
    vec![
        Input::Select(ChoiceField {
            id: "kind",
            label: x.vt_kind,
            options: choices(
                ContactKind::ALL,
                |k| k.code().into(),
                |k| label_of(lang, *k, ContactKind::label_nl, ContactKind::label_en),
                &d.get("kind"),
            ),
            error: err("kind"),
        }),
        Input::Checks(ChoiceField {
            id: "acute",
            label: x.vt_acute,
            options: vec![Choice {
                value: "ja".into(),
                label: x.vt_acute.into(),
                selected: !d.all("acute").is_empty(),
            }],
            error: None,
        }),
        Input::Select(ChoiceField {
            id: "reporter",
            label: x.vt_reporter,
            options: with_none(
                t,
                choices(
                    Reporter::ALL,
                    |r| r.code().into(),
                    |r| label_of(lang, *r, Reporter::label_nl, Reporter::label_en),
                    &d.get("reporter"),
                ),
                &d.get("reporter"),
            ),
            error: err("reporter"),
        }),
        Input::Text(TextField::typed(
            "reporter_name",
            x.vt_reporter_name,
            d,
            errs,
        )),
        Input::Text(TextField::typed(
            "reporter_contact",
            x.vt_reporter_contact,
            d,
            errs,
        )),
        Input::Text(TextField::typed("child_name", t.f_child_name, d, errs)),
        Input::Text(TextField::typed("child_birth", t.f_birth_date, d, errs).kind("date")),
        Input::Text(TextField::typed("postcode", t.f_postcode, d, errs)),
        Input::Text(TextField::typed("house_number", t.f_house_number, d, errs)),
        Input::Text(TextField::typed("concern", x.vt_concern, d, errs).kind("textarea")),
    ]
}

async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    data: &FormData,
    errs: &Errors,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let x = veilig_thuis(lang);
    let today = today();
    let list = state
        .store
        .read()
        .await?
        .vt_work_list(&p.organisation_id, today)
        .await?;
    Ok(render(
        form_status(errs.is_empty()),
        &ListPage {
            shell: ctx.shell("/veilig-thuis"),
            x,
            lines: list.iter().map(|c| line(lang, x, c, today)).collect(),
            inputs: intake_inputs((ctx.t(), x), lang, data, errs),
            has_errors: !errs.is_empty(),
        },
    ))
}

pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    list_page(&state, &ctx, &FormData(vec![]), &Errors::new()).await
}

pub async fn receive(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let d = FormData::parse(&body);
    let mut errs = text_errors(
        &d,
        t,
        &[
            "reporter_name",
            "reporter_contact",
            "child_name",
            "child_birth",
            "postcode",
            "house_number",
            "concern",
        ],
    );
    let kind = d
        .get("kind")
        .parse::<ContactKind>()
        .unwrap_or(ContactKind::Report);
    let reporter = d.get("reporter").parse::<Reporter>().ok();
    let child_birth = form::optional_date(&d, "child_birth", t, &mut errs);
    let postcode = match d.get("postcode") {
        s if s.is_empty() => None,
        s => Postcode::parse(&s)
            .map_err(|_| errs.insert("postcode", t.err_postcode))
            .ok(),
    };
    if d.get("concern").is_empty() {
        errs.entry("concern").or_insert(t.err_required);
    }
    if !errs.is_empty() {
        return list_page(&state, &ctx, &d, &errs).await;
    }
    let contact = NewContact {
        kind,
        acute: !d.all("acute").is_empty(),
        reporter,
        reporter_name: d.get("reporter_name"),
        reporter_contact: d.get("reporter_contact"),
        child_name: d.get("child_name"),
        child_birth,
        postcode,
        house_number: d.get("house_number"),
        concern: d.get("concern"),
    };
    let received = ops::receive(&state.store, p, &contact).await;
    match received {
        Ok((id, _)) => Ok(Redirect::to(&format!("/veilig-thuis/{id}")).into_response()),
        Err(StoreError::Intake(
            e @ (IntakeError::ReporterNeeded | IntakeError::ChildBirthImplausible(_)),
        )) => {
            e.place(ctx.lang, &mut errs);
            list_page(&state, &ctx, &d, &errs).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "veilig_thuis/contact.html")]
struct ContactPage {
    shell: Shell,
    x: &'static VtTexts,
    contact: Line,
    concern: String,
    file: Option<String>,
    earlier: Vec<Line>,
    inputs: Vec<Input>,
    can_assess: bool,
    has_errors: bool,
    /// What the reporter is told, once assessed.
    feedback: Option<&'static str>,
}

async fn contact_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    data: &FormData,
    errs: &Errors,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let x = veilig_thuis(lang);
    let today = today();
    let (c, file, earlier) = state
        .store
        .read()
        .await?
        .vt_contact(&p.organisation_id, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let err = |id: &str| errs.get(id).copied();
    let inputs = vec![
        Input::Select(ChoiceField {
            id: "outcome",
            label: x.vt_outcome,
            options: choices(
                Outcome::ALL,
                |o| o.code().into(),
                |o| label_of(lang, *o, Outcome::label_nl, Outcome::label_en),
                &data.get("outcome"),
            ),
            error: err("outcome"),
        }),
        Input::Text(TextField::typed("follow_up_on", x.vt_follow_up_on, data, errs).kind("date")),
    ];
    Ok(render(
        form_status(errs.is_empty()),
        &ContactPage {
            shell: ctx.shell(&format!("/veilig-thuis/{id}")),
            x,
            can_assess: c.state == IntakeState::AwaitingAssessment,
            feedback: match c.state {
                IntakeState::Assessed(o) => {
                    let (nl, en) = eenplan_domain::veilig_thuis::reporter_feedback(o);
                    Some(match lang {
                        Lang::Nl => nl,
                        Lang::En => en,
                    })
                }
                _ => None,
            },
            concern: c.concern.clone(),
            contact: line(lang, x, &c, today),
            file,
            earlier: earlier.iter().map(|e| line(lang, x, e, today)).collect(),
            inputs,
            has_errors: !errs.is_empty(),
        },
    ))
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    contact_page(&state, &ctx, &id, &FormData(vec![]), &Errors::new()).await
}

pub async fn assess(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["follow_up_on"]);
    let outcome = d
        .get("outcome")
        .parse::<Outcome>()
        .map_err(|_| errs.insert("outcome", t.err_choose))
        .ok();
    let follow_up_on = form::optional_date(&d, "follow_up_on", t, &mut errs);
    if let (Some(outcome), true) = (outcome, errs.is_empty()) {
        let assessed = ops::assess(&state.store, p, &id, outcome, follow_up_on).await;
        match assessed {
            Ok(_) => return Ok(Redirect::to("/veilig-thuis").into_response()),
            // A step the contact's course no longer allows is said at the outcome.
            Err(StoreError::Intake(e)) => {
                if let Some(top) = e.place(ctx.lang, &mut errs) {
                    errs.insert("outcome", top);
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    contact_page(&state, &ctx, &id, &d, &errs).await
}
