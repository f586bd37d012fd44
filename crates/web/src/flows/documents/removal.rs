//! Removing a document from the page: one form, opened from the document's row, that
//! asks only the reason. The document leaves the file (its content stays until a
//! retention rule destroys it); a missing reason comes back with the message at the
//! field and nothing typed lost. The rules are the domain's, through `ops::end`.

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::DocumentError;
use eenplan_store::{DocumentMeta, StoreError};

use super::ops;
use super::texts::{DocumentTexts, document_texts};
use crate::auth::family::FamilyCtx;
use crate::kit::dates::when;
use crate::kit::form::{Errors, FormData, Input, TextField, text_errors};
use crate::kit::summary::ErrorSummary;
use crate::kit::{PageError, Refusal, Shell, form_status, render};

#[derive(Template)]
#[template(path = "documents/end.html")]
struct EndPage {
    x: &'static DocumentTexts,
    shell: Shell,
    nav: crate::auth::family_nav::SubNav,
    back: String,
    action: String,
    document: String,
    added: String,
    summary: ErrorSummary,
    inputs: Vec<Input>,
}

/// The visible document `id` that the visitor may remove; anything else is not there.
async fn removable(fam: &FamilyCtx, id: &str) -> Result<DocumentMeta, PageError> {
    ops::visible_document(fam, id)
        .await?
        .filter(|d| ops::may_end(fam, d))
        .ok_or_else(PageError::not_found)
}

async fn page(
    fam: &FamilyCtx,
    doc: &DocumentMeta,
    reason: &str,
    errors: &Errors,
) -> Result<Response, PageError> {
    let (lang, family_id) = (fam.lang, fam.family_id());
    let x = document_texts(lang);
    let label = fam
        .read(async |tx, family| tx.family(family).await)
        .await?
        .ok_or_else(PageError::not_found)?
        .label;
    let inputs = vec![Input::Text(
        TextField::new("reason", x.f_reason, reason, errors.get("reason").copied())
            .hint(x.f_reason_hint)
            .kind("textarea"),
    )];
    let list = format!("/gezinnen/{family_id}/documenten");
    let page = EndPage {
        x,
        shell: fam.shell(&list),
        nav: crate::auth::family_nav::sub_nav(fam, "/documenten", &label),
        action: format!("{list}/{}/verwijderen", doc.id),
        back: list,
        document: doc.title.clone(),
        added: format!(
            "{} · {}",
            when(lang, &doc.uploaded_at),
            doc.uploaded_by_name
        ),
        summary: ErrorSummary::of_inputs(lang, &inputs),
        inputs,
    };
    Ok(render(form_status(errors.is_empty()), &page))
}

pub async fn form(
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let doc = removable(&fam, &id).await?;
    page(&fam, &doc, "", &Errors::new()).await
}

pub async fn end(
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, PageError> {
    let lang = fam.lang;
    let doc = removable(&fam, &id).await?;
    let reason = data.get("reason");
    let mut errors = text_errors(&data, lang.texts(), &["reason"]);
    if errors.is_empty() {
        match ops::end(&fam, &doc, &reason).await {
            // Removed in between by someone else: the list shows it removed.
            Ok(()) | Err(StoreError::Document(DocumentError::AlreadyEnded)) => {
                let list = format!("/gezinnen/{}/documenten", fam.family_id());
                return Ok(Redirect::to(&list).into_response());
            }
            Err(StoreError::Document(e)) => {
                errors.insert("reason", e.text(lang));
            }
            Err(e) => return Err(e.into()),
        }
    }
    page(&fam, &doc, &reason, &errors).await
}
