//! Veilig Thuis's pages: the work list with the intake form, and one contact with the
//! radar and the safety assessment.

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::Postcode;
use eenplan_domain::veilig_thuis::{
    self, ContactKind, IntakeError, IntakeState, Outcome, Reporter,
};
use eenplan_store::{AssessmentInput, Contact, ContactChild, NewContact, StoreError};
use jiff::civil::{Date, Time};

use super::ops;
use super::texts::{VtTexts, veilig_thuis};
use crate::kit::dates::{dutch_date, local_time, today, when};
use crate::kit::form;
use crate::kit::form::{
    ChoiceField, Errors, FormData, Input, TextField, code_choices, code_label, code_select,
    with_none, yes_box,
};
use crate::kit::i18n::Texts;
use crate::kit::outcome::Forms;
use crate::kit::paging::PageNav;
use crate::kit::summary::ErrorSummary;
use crate::kit::texts::fill;
use crate::kit::{Ctx, Lang, PageError, Refusal, Shell, render};

/// One line of the work list or the radar, in words.
struct Line {
    id: String,
    received: String,
    kind: String,
    child: String,
    due: String,
    follow_up: String,
    overdue: bool,
    state: String,
}

/// A child as a person reads it: the name and, when known, the Dutch date of birth.
fn child_words(lang: Lang, x: &VtTexts, name: &str, birth: Option<Date>) -> String {
    match (name, birth) {
        ("", None) => "—".to_owned(),
        ("", Some(dob)) => fill(x.vt_born, &[("date", &dutch_date(lang, dob))]),
        (name, Some(dob)) => format!(
            "{name} ({})",
            fill(x.vt_born, &[("date", &dutch_date(lang, dob))])
        ),
        (name, None) => name.to_owned(),
    }
}

fn line(lang: Lang, x: &VtTexts, c: &Contact, today: Date) -> Line {
    Line {
        id: c.id.clone(),
        received: dutch_date(lang, c.received_on),
        kind: code_label(lang, c.kind),
        child: child_words(lang, x, &c.child_name, c.child_birth),
        due: match (c.due_on, c.state) {
            (Some(due), IntakeState::AwaitingAssessment) => dutch_date(lang, due),
            _ => String::new(),
        },
        follow_up: c
            .follow_up_on
            .map(|d| dutch_date(lang, d))
            .unwrap_or_default(),
        overdue: c.overdue(today),
        state: match c.state {
            IntakeState::AdviceGiven => x.vt_advice_given.to_owned(),
            IntakeState::AwaitingAssessment => lang.texts().vt_awaiting.to_owned(),
            IntakeState::Assessed(o) => format!("{}: {}", x.vt_assessed, code_label(lang, o)),
        },
    }
}

/// The names of the child rows of the intake form, the first first: fixed names so a
/// message can stand at the row it is about.
const CHILD_ROWS: [(&str, &str); 6] = [
    ("child_name", "child_birth"),
    ("child_name_2", "child_birth_2"),
    ("child_name_3", "child_birth_3"),
    ("child_name_4", "child_birth_4"),
    ("child_name_5", "child_birth_5"),
    ("child_name_6", "child_birth_6"),
];

/// One child row of the intake form.
struct ChildRow {
    legend: String,
    inputs: Vec<Input>,
}

/// How many child rows the form shows: every row filled in, one empty row to add a
/// child, and one more when "another child" was pressed; at least two.
fn child_rows(d: &FormData) -> usize {
    let filled = CHILD_ROWS
        .iter()
        .rposition(|(name, birth)| !d.get(name).is_empty() || !d.get(birth).is_empty())
        .map_or(0, |last| last + 1);
    let more = usize::from(!d.get("add_child").is_empty());
    (filled + 1 + more).clamp(2, CHILD_ROWS.len())
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
    children: Vec<ChildRow>,
    rest: Vec<Input>,
    summary: ErrorSummary,
}

/// The intake form's fields before the children, the child rows, and the fields after.
fn intake_inputs(
    (t, x): (&'static Texts, &'static VtTexts),
    lang: Lang,
    d: &FormData,
    errs: &Errors,
) -> (Vec<Input>, Vec<ChildRow>, Vec<Input>) {
    let err = |id: &str| errs.get(id).copied();
    let first = vec![
        code_select::<ContactKind>("kind", x.vt_kind, lang, d, errs),
        yes_box("acute", x.vt_acute, d),
        Input::Text(
            TextField::typed("received_at", x.vt_received_at, d, errs)
                .kind("date")
                .hint(x.vt_received_hint),
        ),
        Input::Text(TextField::typed("received_time", x.vt_received_time, d, errs).kind("time")),
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
    ];
    let children = CHILD_ROWS
        .iter()
        .take(child_rows(d))
        .enumerate()
        .map(|(i, (name, birth))| ChildRow {
            legend: fill(x.vt_child_n, &[("n", &(i + 1).to_string())]),
            inputs: vec![
                Input::Text(TextField::typed(name, t.f_child_name, d, errs)),
                Input::Text(TextField::typed(birth, t.f_birth_date, d, errs).kind("date")),
            ],
        })
        .collect();
    let rest = vec![
        Input::Text(TextField::typed("postcode", t.f_postcode, d, errs)),
        Input::Text(TextField::typed("house_number", t.f_house_number, d, errs)),
        Input::Text(TextField::typed("concern", x.vt_concern, d, errs).kind("textarea")),
    ];
    (first, children, rest)
}

/// The moment a person gave as a Dutch date and a time of day, in Amsterdam.
fn amsterdam_moment(day: Date, time: Time) -> Option<UtcTime> {
    let tz = jiff::tz::TimeZone::get("Europe/Amsterdam").ok()?;
    let zoned = day.to_datetime(time).to_zoned(tz).ok()?;
    Some(UtcTime::from_timestamp(zoned.timestamp()))
}

/// The moment of receipt the form holds: empty is now; a date needs its time.
fn received_moment(d: &FormData, (t, x): (&Texts, &VtTexts), errs: &mut Errors) -> Option<UtcTime> {
    let day = form::optional_date(d, "received_at", t, errs);
    let time = match d.get("received_time") {
        s if s.is_empty() => None,
        s => s
            .parse::<Time>()
            .map_err(|_| errs.insert("received_time", x.err_vt_time))
            .ok(),
    };
    match (day, time) {
        (Some(day), Some(time)) => amsterdam_moment(day, time),
        (Some(_), None) => {
            errs.entry("received_time").or_insert(x.err_vt_time);
            None
        }
        (None, Some(_)) if !errs.contains_key("received_at") => {
            errs.insert("received_at", t.err_date);
            None
        }
        _ => None,
    }
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
    let (inputs, children, rest) = intake_inputs((ctx.t(), x), lang, &form.data, &form.errs);
    let summary = children
        .iter()
        .fold(ErrorSummary::of_inputs(lang, &inputs), |s, c| {
            s.with_inputs(&c.inputs)
        })
        .with_inputs(&rest)
        .or_refused(form.has_errors(), &inputs);
    Ok(render(
        status,
        &ListPage {
            shell: ctx.shell("/veilig-thuis"),
            x,
            lines: page.items.iter().map(|c| line(lang, x, c, today)).collect(),
            nav: PageNav::new(lang, &page, total_words, "/veilig-thuis", query),
            bad_cursor: seek.is_err(),
            inputs,
            children,
            rest,
            summary,
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
    // The moment of receipt starts as now, to the minute: a report taken by phone is
    // recorded at once; one typed in later gets its own moment.
    let now = UtcTime::now();
    let moment = eenplan_domain::time::amsterdam_date(now).to_string();
    let mut form = Form::fresh();
    form.data = FormData(vec![
        ("received_at".to_owned(), moment),
        ("received_time".to_owned(), local_time(now)),
    ]);
    list_page(&ctx, &form, (q.cursor.as_deref(), raw.as_deref())).await
}

pub async fn receive(ctx: Ctx, data: FormData) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let x = veilig_thuis(ctx.lang);
    let fields = [
        "reporter_name",
        "reporter_contact",
        "child_name",
        "child_name_2",
        "child_name_3",
        "child_name_4",
        "child_name_5",
        "child_name_6",
        "postcode",
        "house_number",
        "concern",
    ];
    let mut form = Form::sent((), data, t, &fields);
    // "Another child": the same form with one more row, everything typed kept.
    if !form.data.get("add_child").is_empty() {
        return list_page(&ctx, &form, (None, None)).await;
    }
    let (d, errs) = (&form.data, &mut form.errs);
    let received_at = received_moment(d, (t, x), errs);
    let mut children = Vec::new();
    for (name, birth) in CHILD_ROWS {
        let born = form::optional_date(d, birth, t, errs);
        // Each child's date is held to the domain's rule at its own row.
        if let Some(born) = born
            && let Err(e) =
                veilig_thuis::check_child_birth(born, received_at.unwrap_or_else(UtcTime::now))
        {
            errs.insert(birth, e.text(ctx.lang));
        }
        children.push(ContactChild {
            name: d.get(name),
            birth: born,
        });
    }
    let mut children = children.into_iter();
    let first = children.next().unwrap_or(ContactChild {
        name: String::new(),
        birth: None,
    });
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
        child_name: first.name,
        child_birth: first.birth,
        more_children: children.collect(),
        postcode,
        house_number: d.get("house_number"),
        concern: d.get("concern"),
        received_at,
    };
    let lang = ctx.lang;
    let write = ctx
        .store()
        .change(async |tx| ops::receive(tx, p, &contact).await);
    // Only a refusal about a field can be put right on the form.
    let received = form.attempt(write, |e, errs| match e {
        StoreError::Intake(
            e @ (IntakeError::ReporterNeeded
            | IntakeError::ChildBirthImplausible(_)
            | IntakeError::ReceivedInFuture
            | IntakeError::ReceivedImplausible(_)),
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
    /// The moment of receipt, date and time.
    received: String,
    reporter: String,
    reporter_name: String,
    reporter_contact: String,
    children: Vec<String>,
    concern: String,
    findings: Option<String>,
    reasoning: Option<String>,
    file: Option<String>,
    earlier: Vec<Line>,
    inputs: Vec<Input>,
    can_assess: bool,
    summary: ErrorSummary,
    /// What the reporter is told, once assessed.
    feedback: Option<&'static str>,
}

async fn contact_page(ctx: &Ctx, id: &str, form: &Form) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let x = veilig_thuis(lang);
    let today = today();
    let detail = ops::detail(ctx.store(), p, id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let c = &detail.contact;
    let (data, errs) = (&form.data, &form.errs);
    let inputs = vec![
        code_select::<Outcome>("outcome", x.vt_outcome, lang, data, errs),
        Input::Text(TextField::typed("findings", x.vt_findings, data, errs).kind("textarea")),
        Input::Text(TextField::typed("reasoning", x.vt_reasoning, data, errs).kind("textarea")),
        Input::Text(TextField::typed("follow_up_on", x.vt_follow_up_on, data, errs).kind("date")),
    ];
    let or_unknown = |s: &str| {
        if s.is_empty() {
            x.vt_reporter_unknown.to_owned()
        } else {
            s.to_owned()
        }
    };
    Ok(render(
        form.status(),
        &ContactPage {
            shell: ctx.shell(&format!("/veilig-thuis/{id}")),
            x,
            can_assess: c.state == IntakeState::AwaitingAssessment,
            feedback: match c.state {
                IntakeState::Assessed(o) => Some(lang.pick(veilig_thuis::reporter_feedback(o))),
                _ => None,
            },
            received: when(lang, &detail.received_at.to_rfc3339()),
            reporter: c
                .reporter
                .map_or_else(|| x.vt_reporter_unknown.to_owned(), |r| code_label(lang, r)),
            reporter_name: or_unknown(&detail.reporter_name),
            reporter_contact: or_unknown(&detail.reporter_contact),
            children: detail
                .children
                .iter()
                .map(|k| child_words(lang, x, &k.name, k.birth))
                .collect(),
            concern: c.concern.clone(),
            findings: detail.findings.clone(),
            reasoning: detail.reasoning.clone(),
            contact: line(lang, x, c, today),
            file: detail.file.clone(),
            earlier: detail
                .earlier
                .iter()
                .map(|e| line(lang, x, e, today))
                .collect(),
            summary: ErrorSummary::of_inputs(lang, &inputs).or_refused(form.has_errors(), &inputs),
            inputs,
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
    let mut form = Form::sent((), data, t, &["follow_up_on", "findings", "reasoning"]);
    let outcome = form::chosen::<Outcome>(&form.data, "outcome", t, &mut form.errs);
    let follow_up_on = form::optional_date(&form.data, "follow_up_on", t, &mut form.errs);
    let (findings, reasoning) = (form.data.get("findings"), form.data.get("reasoning"));
    if let Some(outcome) = outcome {
        let lang = ctx.lang;
        let input = AssessmentInput {
            outcome,
            follow_up_on,
            findings: &findings,
            reasoning: &reasoning,
        };
        let write = ctx
            .store()
            .change(async |tx| ops::assess(tx, p, &id, &input).await);
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
