//! The public side: the complaint form (no sign-in; CSRF by the pre-session token, as
//! the sign-in form), the page with the reference and the code, and the status page.

use askama::Template;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use eenplan_domain::calendar::written_date;
use eenplan_domain::complaint::{ComplaintState, procedure_for};
use eenplan_domain::text::{TextKind, check_text};
use eenplan_store::{ComplaintRecord, NewComplaint};

use super::texts::{ComplaintTexts, complaints};
use crate::auth::ensure_presession_token;
use crate::kit::dates::today;
use crate::kit::form::{ChoiceField, Errors, FormData, Input, TextField, code_label, text_errors};
use crate::kit::summary::ErrorSummary;
use crate::kit::texts::fill;
use crate::kit::{Ctx, Lang, PageError, Shell, form_status, render};

#[derive(Template)]
#[template(path = "complaints/form.html")]
struct FormPage {
    shell: Shell,
    x: &'static ComplaintTexts,
    csrf: String,
    summary: ErrorSummary,
    inputs: Vec<Input>,
}

#[derive(Template)]
#[template(path = "complaints/filed.html")]
struct FiledPage {
    shell: Shell,
    x: &'static ComplaintTexts,
    reference: String,
    code: String,
    term: String,
}

#[derive(Template)]
#[template(path = "complaints/status.html")]
struct StatusPage {
    shell: Shell,
    x: &'static ComplaintTexts,
    csrf: String,
    summary: ErrorSummary,
    inputs: Vec<Input>,
    unknown: bool,
    status: Option<Status>,
}

/// A complaint's status in sentences.
pub struct Status {
    pub about: String,
    pub state: String,
    pub term: Option<String>,
    pub measures: Vec<String>,
}

fn written(lang: Lang, d: jiff::civil::Date) -> String {
    written_date(d, lang == Lang::En)
}

/// The form's token: the session's when signed in, else the pre-session cookie's.
fn token(ctx: &Ctx, headers: &HeaderMap, shell: &Shell) -> (String, Option<header::HeaderValue>) {
    if shell.csrf.is_empty() {
        ensure_presession_token(&ctx.state.auth, headers)
    } else {
        (shell.csrf.clone(), None)
    }
}

fn with_cookie(mut response: Response, cookie: Option<header::HeaderValue>) -> Response {
    if let Some(c) = cookie {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

async fn inputs(ctx: &Ctx, data: &FormData, errors: &Errors) -> Result<Vec<Input>, PageError> {
    let x = complaints(ctx.lang);
    let t = ctx.t();
    let mut orgs: Vec<_> = ctx
        .store()
        .read()
        .await?
        .organisations()
        .await?
        .into_iter()
        .filter(|o| procedure_for(o.kind).is_some())
        .collect();
    orgs.sort_by(|a, b| a.name.cmp(&b.name));
    let chosen = data.get("organisatie");
    let mut options = vec![crate::kit::form::Choice {
        value: String::new(),
        label: t.err_choose.to_owned(),
        selected: chosen.is_empty(),
    }];
    options.extend(orgs.iter().map(|o| crate::kit::form::Choice {
        value: o.id.to_string(),
        label: format!("{} ({})", o.name, code_label(ctx.lang, o.kind)),
        selected: o.id.as_str() == chosen,
    }));
    Ok(vec![
        Input::Select(ChoiceField {
            id: "organisatie",
            label: x.f_organisation,
            options,
            error: errors.get("organisatie").copied(),
        }),
        Input::Text(
            TextField::typed("medewerker", x.f_professional, data, errors)
                .hint(x.f_professional_hint),
        ),
        Input::Text(
            TextField::typed("wat", x.f_what, data, errors)
                .hint(x.f_what_hint)
                .kind("textarea"),
        ),
        Input::Text(TextField::typed("name", x.f_name, data, errors)),
        Input::Text(
            TextField::typed("email", x.f_email, data, errors)
                .hint(x.f_contact_hint)
                .kind("email"),
        ),
        Input::Text(TextField::typed("phone", x.f_phone, data, errors).kind("tel")),
    ])
}

pub async fn form(ctx: Ctx, headers: HeaderMap) -> Result<Response, PageError> {
    let shell = ctx.shell("/klacht");
    let (csrf, cookie) = token(&ctx, &headers, &shell);
    let inputs = inputs(&ctx, &FormData(Vec::new()), &Errors::new()).await?;
    Ok(with_cookie(
        render(
            StatusCode::OK,
            &FormPage {
                shell,
                x: complaints(ctx.lang),
                csrf,
                summary: ErrorSummary::new(ctx.lang),
                inputs,
            },
        ),
        cookie,
    ))
}

pub async fn submit(ctx: Ctx, headers: HeaderMap, data: FormData) -> Result<Response, PageError> {
    let (lang, t, x) = (ctx.lang, ctx.t(), complaints(ctx.lang));
    let mut errors = text_errors(&data, t, &["medewerker", "wat", "name", "email", "phone"]);
    let organisation = data.get("organisatie");
    let org = ctx
        .store()
        .read()
        .await?
        .organisations()
        .await?
        .into_iter()
        .find(|o| o.id.as_str() == organisation && procedure_for(o.kind).is_some());
    if org.is_none() {
        errors.insert("organisatie", t.err_choose);
    }
    for field in ["wat", "name"] {
        if data.get(field).is_empty() {
            errors.entry(field).or_insert(t.err_required);
        }
    }
    let (email, phone) = (data.get("email"), data.get("phone"));
    if email.is_empty() && phone.is_empty() {
        errors.entry("email").or_insert(x.err_contact);
    }
    if !errors.is_empty() {
        let shell = ctx.shell("/klacht");
        let (csrf, cookie) = token(&ctx, &headers, &shell);
        let inputs = inputs(&ctx, &data, &errors).await?;
        return Ok(with_cookie(
            render(
                form_status(false),
                &FormPage {
                    summary: ErrorSummary::of_inputs(lang, &inputs),
                    shell,
                    x,
                    csrf,
                    inputs,
                },
            ),
            cookie,
        ));
    }
    let org = org.expect("checked above");
    let optional = |v: String| (!v.is_empty()).then_some(v);
    let received = today();
    let mut tx = ctx.store().write().await?;
    let filed = tx
        .file_complaint(
            &NewComplaint {
                organisation_id: org.id.to_string(),
                professional_name: optional(data.get("medewerker")),
                what_happened: data.get("wat"),
                complainant_name: data.get("name"),
                contact_email: optional(email),
                contact_phone: optional(phone),
            },
            received,
        )
        .await?;
    let calendar = tx.statutory_calendar().await?;
    tx.commit().await?;
    let procedure = procedure_for(org.kind).expect("checked above");
    let due =
        eenplan_domain::complaint::procedure::decide_by(&calendar, procedure, received, false);
    Ok(render(
        StatusCode::OK,
        &FiledPage {
            shell: ctx.shell("/klacht"),
            x,
            reference: filed.reference,
            code: filed.code,
            term: fill(
                x.filed_term,
                &[("organisation", &org.name), ("date", &written(lang, due))],
            ),
        },
    ))
}

fn status_inputs(x: &ComplaintTexts, data: &FormData, errors: &Errors) -> Vec<Input> {
    vec![
        Input::Text(TextField::typed("kenmerk", x.reference, data, errors)),
        Input::Text(TextField::typed("code", x.code, data, errors)),
    ]
}

pub async fn status_form(ctx: Ctx, headers: HeaderMap) -> Result<Response, PageError> {
    let shell = ctx.shell("/klacht/status");
    let (csrf, cookie) = token(&ctx, &headers, &shell);
    let x = complaints(ctx.lang);
    Ok(with_cookie(
        render(
            StatusCode::OK,
            &StatusPage {
                shell,
                x,
                csrf,
                summary: ErrorSummary::new(ctx.lang),
                inputs: status_inputs(x, &FormData(Vec::new()), &Errors::new()),
                unknown: false,
                status: None,
            },
        ),
        cookie,
    ))
}

/// The status in sentences, for the complainant.
pub fn status_of(
    lang: Lang,
    r: &ComplaintRecord,
    calendar: &eenplan_domain::calendar::StatutoryCalendar,
) -> Status {
    let x = complaints(lang);
    let c = &r.course;
    let state = match c.state() {
        ComplaintState::Received => x.state_received.to_owned(),
        ComplaintState::ReceiptConfirmed => fill(
            x.state_confirmed,
            &[(
                "date",
                &c.confirmed_on.map(|d| written(lang, d)).unwrap_or_default(),
            )],
        ),
        ComplaintState::Extended => {
            let (on, reason) = c.extended.clone().unwrap_or_default();
            fill(
                x.state_extended,
                &[("date", &written(lang, on)), ("reason", &reason)],
            )
        }
        ComplaintState::Decided => {
            let d = c.decision.as_ref().expect("decided");
            fill(
                x.state_decided,
                &[
                    ("date", &written(lang, d.on)),
                    ("outcome", &code_label(lang, d.outcome).to_lowercase()),
                ],
            )
        }
    };
    Status {
        about: fill(
            x.status_about,
            &[
                ("organisation", &r.organisation_name),
                ("date", &written(lang, c.received_on)),
            ],
        ),
        state,
        term: (c.decision.is_none()).then(|| {
            fill(
                x.term_end,
                &[
                    ("date", &written(lang, c.decide_by(calendar))),
                    ("organisation", &r.organisation_name),
                ],
            )
        }),
        measures: c
            .decision
            .as_ref()
            .map(|d| d.measures.clone())
            .unwrap_or_default(),
    }
}

pub async fn status(ctx: Ctx, headers: HeaderMap, data: FormData) -> Result<Response, PageError> {
    let (lang, t, x) = (ctx.lang, ctx.t(), complaints(ctx.lang));
    let mut errors = Errors::new();
    for field in ["kenmerk", "code"] {
        if let Err(p) = check_text(TextKind::Line, &data.raw(field)) {
            errors.insert(field, crate::kit::form::page_message(t, p));
        } else if data.get(field).is_empty() {
            errors.insert(field, t.err_required);
        }
    }
    let mut unknown = false;
    let mut status = None;
    if errors.is_empty() {
        let mut tx = ctx.store().read().await?;
        match tx
            .complaint_by_code(&data.get("kenmerk"), &data.get("code"))
            .await?
        {
            Some(r) => {
                let calendar = tx.statutory_calendar().await?;
                status = Some(status_of(lang, &r, &calendar));
            }
            None => unknown = true,
        }
    }
    let shell = ctx.shell("/klacht/status");
    let (csrf, cookie) = token(&ctx, &headers, &shell);
    let inputs = status_inputs(x, &data, &errors);
    Ok(with_cookie(
        render(
            form_status(errors.is_empty()),
            &StatusPage {
                summary: ErrorSummary::of_inputs(lang, &inputs),
                shell,
                x,
                csrf,
                inputs,
                unknown,
                status,
            },
        ),
        cookie,
    ))
}
