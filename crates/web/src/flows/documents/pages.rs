//! The documents page of a family file: the documents the visitor may see, each with
//! its download link, and one form to add a document. A refused upload comes back with
//! its title and kind as typed and the message at the field.

use askama::Template;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::DocumentCategory;
use eenplan_store::Seek;

use super::ops::{self, Found, Refused};
use super::texts::{DocumentTexts, document_texts};
use crate::auth::family::FamilyCtx;
use crate::kit::dates::{dutch_date, when};
use crate::kit::form::{ChoiceField, Errors, Input, TextField, choices, label_of, with_none};
use crate::kit::summary::ErrorSummary;
use crate::kit::texts::fill;
use crate::kit::{PageError, Refusal, Shell, form_status, render};

/// The most documents the page lists; the API pages through any number.
const SHOWN: i64 = 200;

struct Row {
    href: Option<String>,
    /// The removal form, for who may remove the document.
    remove: Option<String>,
    /// The removal link's name, naming the document.
    remove_label: String,
    title: String,
    category: String,
    kind: String,
    added: String,
    status: String,
}

#[derive(Template)]
#[template(path = "documents/list.html")]
struct ListPage {
    x: &'static DocumentTexts,
    shell: Shell,
    nav: crate::auth::family_nav::SubNav,
    family_id: String,
    label: String,
    summary: ErrorSummary,
    inputs: Vec<Input>,
    rows: Vec<Row>,
}

/// The upload form as it came back: category, title and plan version as chosen, the
/// messages.
struct Back {
    category: String,
    title: String,
    plan_version: String,
    errors: Errors,
}

async fn page(fam: &FamilyCtx, back: Option<Back>) -> Result<Response, PageError> {
    let (lang, family_id) = (fam.lang, fam.family_id());
    let x = document_texts(lang);
    let categories = ops::visible(fam);
    let signs = categories.contains(&DocumentCategory::SignedPlan);
    let (family, (docs, _), agreed) = {
        let mut tx = fam.store().read().await?;
        let family = tx
            .family(family_id)
            .await?
            .ok_or_else(PageError::not_found)?;
        let docs = tx
            .documents(family_id, &categories, &Seek::First, SHOWN)
            .await?;
        // Only who sees the plan chooses among its versions.
        let agreed = match signs {
            true => tx.agreed_plan_versions(family_id).await?,
            false => Vec::new(),
        };
        (family, docs, agreed)
    };
    let category = |c: DocumentCategory| {
        label_of(
            lang,
            c,
            DocumentCategory::label_nl,
            DocumentCategory::label_en,
        )
    };
    let rows = docs
        .iter()
        .map(|d| Row {
            href: d
                .destroyed_at
                .is_none()
                .then(|| format!("/gezinnen/{family_id}/documenten/{}", d.id)),
            remove: ops::may_end(fam, d)
                .then(|| format!("/gezinnen/{family_id}/documenten/{}/verwijderen", d.id)),
            remove_label: fill(x.remove_label, &[("title", &d.title)]),
            title: d.title.clone(),
            category: match d.plan_version {
                Some(v) => fill(
                    x.signed_version,
                    &[
                        ("category", &category(d.category)),
                        ("version", &v.to_string()),
                    ],
                ),
                None => category(d.category),
            },
            kind: format!(
                "{}, {} kB",
                label_of(
                    lang,
                    d.kind,
                    eenplan_domain::family::DocumentType::label_nl,
                    eenplan_domain::family::DocumentType::label_en
                ),
                (d.size + 1023) / 1024
            ),
            added: format!("{} · {}", when(lang, &d.uploaded_at), d.uploaded_by_name),
            status: if d.destroyed_at.is_some() {
                x.destroyed.to_owned()
            } else if let Some(reason) = &d.end_reason {
                fill(x.removed, &[("reason", reason)])
            } else {
                x.in_file.to_owned()
            },
        })
        .collect();
    let empty = Errors::new();
    let (typed_category, typed_title, typed_version, errors) =
        back.as_ref().map_or(("", "", "", &empty), |b| {
            (
                b.category.as_str(),
                b.title.as_str(),
                b.plan_version.as_str(),
                &b.errors,
            )
        });
    let mut inputs = vec![
        Input::Select(ChoiceField {
            id: "category",
            label: x.f_category,
            options: choices(
                &categories,
                |c| c.code().into(),
                |c| category(*c),
                typed_category,
            ),
            error: errors.get("category").copied(),
        }),
        Input::Text(TextField::new(
            "title",
            x.f_title,
            typed_title,
            errors.get("title").copied(),
        )),
        Input::Text(TextField::new("file", x.f_file, "", errors.get("file").copied()).kind("file")),
    ];
    if !agreed.is_empty() {
        let version = |(v, at): &(i64, String)| {
            let day = eenplan_domain::UtcTime::parse(at)
                .map(|t| dutch_date(lang, eenplan_domain::time::amsterdam_date(t)))
                .unwrap_or_default();
            fill(
                x.plan_version_choice,
                &[("version", &v.to_string()), ("day", &day)],
            )
        };
        let options = choices(&agreed, |(v, _)| v.to_string(), version, typed_version);
        inputs.insert(
            1,
            Input::Select(ChoiceField {
                id: "plan_version",
                label: x.f_plan_version,
                options: with_none(lang.texts(), options, typed_version),
                error: errors.get("plan_version").copied(),
            }),
        );
    }
    let page = ListPage {
        x,
        shell: fam.shell(&format!("/gezinnen/{family_id}/documenten")),
        nav: crate::auth::family_nav::sub_nav(fam, "/documenten", &family.label),
        family_id: family_id.to_string(),
        label: family.label,
        summary: ErrorSummary::of_inputs(lang, &inputs),
        inputs,
        rows,
    };
    Ok(render(form_status(back.is_none()), &page))
}

pub async fn list(fam: FamilyCtx) -> Result<Response, PageError> {
    page(&fam, None).await
}

pub async fn upload(
    fam: FamilyCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let lang = fam.lang;
    let x = document_texts(lang);
    let form = crate::kit::multipart::parse(&headers, &body).unwrap_or_default();
    let mut errors = Errors::new();
    match ops::upload(&fam, &form).await {
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("/gezinnen/{}/documenten", fam.family_id())).into_response(),
            );
        }
        Err(Refused::Field(field, e)) => {
            errors.insert(field, e.text(lang));
        }
        Err(Refused::Category) => {
            errors.insert("category", x.err_category);
        }
        Err(Refused::NoPlanVersion) => {
            errors.insert("plan_version", x.err_plan_version);
        }
        Err(Refused::ScannerDown) => {
            errors.insert("file", x.p_scanner_down);
        }
        Err(Refused::Store(e)) => return Err(e.into()),
    }
    let back = Back {
        category: form.text("category"),
        title: form.text("title"),
        plan_version: form.text("plan_version"),
        errors,
    };
    page(&fam, Some(back)).await
}

pub async fn download(
    fam: FamilyCtx,
    axum::extract::Path((_, id)): axum::extract::Path<(String, String)>,
) -> Result<Response, PageError> {
    match ops::download(&fam, &id).await? {
        Found::Content(doc, content) => Ok(ops::attachment(&doc, content)),
        Found::Destroyed => Err(PageError::from(StatusCode::GONE.into_response())),
        Found::Missing => Err(PageError::not_found()),
    }
}
