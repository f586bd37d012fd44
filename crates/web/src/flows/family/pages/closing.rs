//! "Dossier afsluiten" and "Dossier heropenen": the lead's page to close a file whose
//! help has ended, and to reopen it. One form at a time: the closing form while the file
//! is open, its closing and the reopening form once it is closed. The rule (who, when it
//! is refused, the retention term) is the domain's `family::closing`; a refusal comes
//! back at its field, or above the form when the file cannot close now, with everything
//! typed kept.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::family::ClosingReason;
use eenplan_store::{Closed, StoreError};

use super::back;
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav_below_overview};
use crate::flows::family::closing_texts::{ClosingTexts, closing_texts};
use crate::kit::dates::dutch_date;
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, code_choices, code_label, text_errors,
};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Lang, PageError, Refusal, Shell, form_status, render};

/// A closed file's closing as the page shows it: Dutch dates and words, no codes.
struct ClosedView {
    on: String,
    reason: String,
    note: String,
    kept_until: String,
}

impl ClosedView {
    fn of(lang: Lang, c: &Closed) -> Self {
        ClosedView {
            on: dutch_date(lang, c.on),
            reason: code_label(lang, c.reason),
            note: c.note.clone().unwrap_or_default(),
            kept_until: dutch_date(lang, c.retention_ends_on()),
        }
    }
}

#[derive(Template)]
#[template(path = "family/closing.html")]
struct ClosingPage {
    c: &'static ClosingTexts,
    shell: Shell,
    nav: SubNav,
    title: &'static str,
    closed: Option<ClosedView>,
    action: String,
    submit: &'static str,
    inputs: Vec<Input>,
    summary: ErrorSummary,
    /// A refusal of the step as a whole (work still runs, closed meanwhile).
    error: Option<&'static str>,
}

/// `GET /gezinnen/{family}/afsluiten`.
pub async fn closing(fam: FamilyCtx) -> Result<Response, PageError> {
    closing_page(&fam, &FormData(Vec::new()), &Errors::new(), None).await
}

/// `POST /gezinnen/{family}/afsluiten`.
pub async fn close_file(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, lang) = (fam.principal()?, fam.lang);
    let mut errs = text_errors(&data, lang.texts(), &["note"]);
    // An empty or unknown choice is no reason: the domain says so at the field.
    let reason = data.get("reason").parse::<ClosingReason>().ok();
    let note = data.get("note");
    let mut error = None;
    if errs.is_empty() {
        let closed = fam
            .change(p, async |tx, by| {
                tx.close_file(&by.actor, by.family, reason, &note).await
            })
            .await;
        match closed {
            Ok(_) => return Ok(back(fam.family_id().as_str())),
            Err(StoreError::Closing(e)) => error = e.place(lang, &mut errs),
            Err(e) => return Err(e.into()),
        }
    }
    closing_page(&fam, &data, &errs, error).await
}

/// `POST /gezinnen/{family}/heropenen`.
pub async fn reopen_file(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, lang) = (fam.principal()?, fam.lang);
    let mut errs = text_errors(&data, lang.texts(), &["reason"]);
    let reason = data.get("reason");
    let mut error = None;
    if errs.is_empty() {
        let reopened = fam
            .change(p, async |tx, by| {
                tx.reopen_file(&by.actor, by.family, &reason).await
            })
            .await;
        match reopened {
            Ok(()) => return Ok(back(fam.family_id().as_str())),
            Err(StoreError::Closing(e)) => error = e.place(lang, &mut errs),
            Err(e) => return Err(e.into()),
        }
    }
    closing_page(&fam, &data, &errs, error).await
}

/// The page as the file stands now, with the form that fits it: as sent back when
/// `data` holds what was typed.
async fn closing_page(
    fam: &FamilyCtx,
    data: &FormData,
    errs: &Errors,
    error: Option<&'static str>,
) -> Result<Response, PageError> {
    let lang = fam.lang;
    let c = closing_texts(lang);
    let family = fam
        .read(async |tx, id| tx.family(id).await)
        .await?
        .ok_or_else(PageError::not_found)?;
    let id = fam.family_id().as_str();
    let (title, action, submit, inputs) = match &family.closed {
        None => {
            let chosen = data.get("reason");
            let mut options = vec![Choice {
                value: String::new(),
                label: c.choose.to_owned(),
                selected: chosen.is_empty(),
            }];
            options.extend(code_choices::<ClosingReason>(lang, &chosen));
            let inputs = vec![
                Input::Select(ChoiceField {
                    id: "reason",
                    label: c.reason,
                    options,
                    error: errs.get("reason").copied(),
                }),
                Input::Text(TextField::typed("note", c.note, data, errs).kind("textarea")),
            ];
            (
                c.title,
                format!("/gezinnen/{id}/afsluiten"),
                c.submit,
                inputs,
            )
        }
        Some(_) => {
            let inputs = vec![Input::Text(
                TextField::typed("reason", c.reopen_reason, data, errs).kind("textarea"),
            )];
            (
                c.closed_title,
                format!("/gezinnen/{id}/heropenen"),
                c.reopen_submit,
                inputs,
            )
        }
    };
    let summary = ErrorSummary::of_inputs(lang, &inputs);
    let status = if error.is_some() {
        StatusCode::CONFLICT
    } else {
        form_status(errs.is_empty())
    };
    let page = ClosingPage {
        c,
        shell: fam.shell(&format!("/gezinnen/{id}/afsluiten")),
        nav: sub_nav_below_overview(fam, &family.label),
        title,
        closed: family.closed.as_ref().map(|x| ClosedView::of(lang, x)),
        action,
        submit,
        inputs,
        summary,
        error,
    };
    Ok(render(status, &page))
}
