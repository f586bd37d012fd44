//! Veilig Thuis's pages: the work list with the intake form, and one contact with the
//! radar and the safety assessment.

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::Postcode;
use eenplan_domain::veilig_thuis::{ContactKind, IntakeError, IntakeState, Outcome, Reporter};
use eenplan_store::{Contact, NewContact, StoreError};
use jiff::civil::Date;

use super::ops;
use super::texts::{VtTexts, veilig_thuis};
use crate::kit::dates::today;
use crate::kit::form;
use crate::kit::form::{
    ChoiceField, Errors, FormData, Input, TextField, code_choices, code_label, code_select,
    with_none, yes_box,
};
use crate::kit::i18n::Texts;
use crate::kit::outcome::Forms;
use crate::kit::paging::PageNav;
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
        kind: code_label(lang, c.kind),
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
            IntakeState::Assessed(o) => format!("{}: {}", x.vt_assessed, code_label(lang, o)),
        },
    }
}

#[derive(Template)]
#[template(path = "veilig_thuis/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static VtTexts,
    lines: Vec<Line>,
    nav: PageNav,
    /// The page's cursor could not be read: said instead of the list.
    bad_cursor: bool,
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
        code_select::<ContactKind>("kind", x.vt_kind, lang, d, errs),
        yes_box("acute", x.vt_acute, d),
        Input::Select(ChoiceField {
            id: "reporter",
            label: x.vt_reporter,
            options: with_none(
                t,
                code_choices::<Reporter>(lang, &d.get("reporter")),
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

/// Each of the two pages has one form.
type Form = Forms<()>;

/// The page of the work list a cursor asks (the first without one), with the form.
async fn list_page(
    ctx: &Ctx,
    form: &Form,
    (cursor, query): (Option<&str>, Option<&str>),
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let x = veilig_thuis(lang);
    let today = today();
    let seek = crate::kit::paging::decode(cursor, ops::WORK_SORT);
    let (page, total) = match &seek {
        Ok(seek) => {
            ops::work_page(
                ctx.store(),
                p,
                today,
                seek,
                crate::kit::paging::DEFAULT_LIMIT,
            )
            .await?
        }
        Err(_) => (
            crate::kit::paging::Page {
                items: Vec::new(),
                next: None,
                previous: None,
            },
            0,
        ),
    };
    let total_words = if total == 1 {
        x.vt_one_on_list.to_owned()
    } else {
        x.vt_n_on_list.replace("{n}", &total.to_string())
    };
    let status = if seek.is_err() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        form.status()
    };
    Ok(render(
        status,
        &ListPage {
            shell: ctx.shell("/veilig-thuis"),
            x,
            lines: page.items.iter().map(|c| line(lang, x, c, today)).collect(),
            nav: PageNav::new(lang, &page, total_words, "/veilig-thuis", query),
            bad_cursor: seek.is_err(),
            inputs: intake_inputs((ctx.t(), x), lang, &form.data, &form.errs),
            has_errors: form.has_errors(),
        },
    ))
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
    list_page(&ctx, &Form::fresh(), (q.cursor.as_deref(), raw.as_deref())).await
}

pub async fn receive(ctx: Ctx, data: FormData) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let fields = [
        "reporter_name",
        "reporter_contact",
        "child_name",
        "child_birth",
        "postcode",
        "house_number",
        "concern",
    ];
    let mut form = Form::sent((), data, t, &fields);
    let (d, errs) = (&form.data, &mut form.errs);
    let child_birth = form::optional_date(d, "child_birth", t, errs);
    let postcode = match d.get("postcode") {
        s if s.is_empty() => None,
        s => Postcode::parse(&s)
            .map_err(|_| errs.insert("postcode", t.err_postcode))
            .ok(),
    };
    if d.get("concern").is_empty() {
        errs.entry("concern").or_insert(t.err_required);
    }
    let contact = NewContact {
        kind: d.get("kind").parse().unwrap_or(ContactKind::Report),
        acute: !d.all("acute").is_empty(),
        reporter: d.get("reporter").parse::<Reporter>().ok(),
        reporter_name: d.get("reporter_name"),
        reporter_contact: d.get("reporter_contact"),
        child_name: d.get("child_name"),
        child_birth,
        postcode,
        house_number: d.get("house_number"),
        concern: d.get("concern"),
    };
    let lang = ctx.lang;
    let write = ctx
        .store()
        .change(async |tx| ops::receive(tx, p, &contact).await);
    // Only a refusal about a field can be put right on the form.
    let received = form.attempt(write, |e, errs| match e {
        StoreError::Intake(
            e @ (IntakeError::ReporterNeeded | IntakeError::ChildBirthImplausible(_)),
        ) => Ok(e.place(lang, errs)),
        e => Err(e),
    });
    match received.await? {
        Some((id, _)) => Ok(Redirect::to(&format!("/veilig-thuis/{id}")).into_response()),
        None => list_page(&ctx, &form, (None, None)).await,
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

async fn contact_page(ctx: &Ctx, id: &str, form: &Form) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let x = veilig_thuis(lang);
    let today = today();
    let (c, file, earlier) = ctx
        .store()
        .read()
        .await?
        .vt_contact(&p.organisation_id, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let (data, errs) = (&form.data, &form.errs);
    let inputs = vec![
        code_select::<Outcome>("outcome", x.vt_outcome, lang, data, errs),
        Input::Text(TextField::typed("follow_up_on", x.vt_follow_up_on, data, errs).kind("date")),
    ];
    Ok(render(
        form.status(),
        &ContactPage {
            shell: ctx.shell(&format!("/veilig-thuis/{id}")),
            x,
            can_assess: c.state == IntakeState::AwaitingAssessment,
            feedback: match c.state {
                IntakeState::Assessed(o) => {
                    Some(lang.pick(eenplan_domain::veilig_thuis::reporter_feedback(o)))
                }
                _ => None,
            },
            concern: c.concern.clone(),
            contact: line(lang, x, &c, today),
            file,
            earlier: earlier.iter().map(|e| line(lang, x, e, today)).collect(),
            inputs,
            has_errors: form.has_errors(),
        },
    ))
}

pub async fn show(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    contact_page(&ctx, &id, &Form::fresh()).await
}

pub async fn assess(
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let mut form = Form::sent((), data, t, &["follow_up_on"]);
    let outcome = form::chosen::<Outcome>(&form.data, "outcome", t, &mut form.errs);
    let follow_up_on = form::optional_date(&form.data, "follow_up_on", t, &mut form.errs);
    if let Some(outcome) = outcome {
        let lang = ctx.lang;
        let write = ctx
            .store()
            .change(async |tx| ops::assess(tx, p, &id, (outcome, follow_up_on)).await);
        // A step the contact's course no longer allows is said at the outcome.
        let assessed = form.attempt(write, |e, errs| match e {
            StoreError::Intake(e) => {
                if let Some(top) = e.place(lang, errs) {
                    errs.insert("outcome", top);
                }
                Ok(None)
            }
            e => Err(e),
        });
        if assessed.await?.is_some() {
            return Ok(Redirect::to("/veilig-thuis").into_response());
        }
    }
    contact_page(&ctx, &id, &form).await
}
