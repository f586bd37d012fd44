//! Finding a file: by name, date of birth or postcode, within the visitor's circle.

use crate::flows::family::texts::{FamilyTexts, family_texts};
use crate::kit::form_status;
use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use eenplan_domain::family::Postcode;
use eenplan_domain::text::{TextKind, check_text};
use eenplan_store::FamilyQuery;
use serde::Deserialize;

use super::*;
use crate::auth::family::visible_families;
use crate::kit::Ctx;
use crate::kit::form::{Errors, Input, TextField};
use crate::kit::{PageError, Shell, render};

#[derive(Template)]
#[template(path = "family/search.html")]
struct SearchPage {
    x: &'static FamilyTexts,
    shell: Shell,
    inputs: Vec<Input>,
    results: Vec<eenplan_store::FamilySummary>,
}

#[derive(Debug, Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    naam: String,
    #[serde(default)]
    geboortedatum: String,
    #[serde(default)]
    postcode: String,
}

pub async fn search(ctx: Ctx, Query(q): Query<SearchQuery>) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let (t, ft) = (lang.texts(), family_texts(lang));
    let mut errs = Errors::new();
    // The search term is copied into the access log: short, one line, no control codes.
    if let Err(p) = check_text(TextKind::Search, &q.naam) {
        errs.insert("naam", crate::input::page_message(t, p));
    }
    let dob = if q.geboortedatum.trim().is_empty() {
        None
    } else {
        birth_date(
            &q.geboortedatum,
            ("geboortedatum", t.err_date),
            t,
            &mut errs,
        )
    };
    let postcode = if q.postcode.trim().is_empty() {
        None
    } else {
        Postcode::parse(&q.postcode)
            .map_err(|_| errs.insert("postcode", t.err_postcode))
            .ok()
    };
    // What was refused is not copied into the log: only that a search was refused.
    let logged = if errs.is_empty() {
        format!(
            "name={:?} birth={:?} postcode={:?}",
            q.naam, q.geboortedatum, q.postcode
        )
    } else {
        "refused input".to_owned()
    };
    let results = if errs.is_empty() {
        let query = FamilyQuery {
            name: q.naam.clone(),
            date_of_birth: dob,
            postcode,
        };
        let found = visible_families(&ctx.state, p, &query);
        match found.await {
            Ok(r) => r,
            Err(e) => return Err(e.into()),
        }
    } else {
        Vec::new()
    };
    if let Err(e) = log(
        &ctx,
        p,
        eenplan_domain::access_log::AccessEvent::Search,
        None,
        format!("{logged} results={}", results.len()),
    )
    .await
    {
        return Err(e.into());
    }
    let inputs = vec![
        Input::Text(TextField::new(
            "naam",
            ft.f_family_name,
            &q.naam,
            errs.get("naam").copied(),
        )),
        Input::Text(
            TextField::new(
                "geboortedatum",
                t.f_birth_date,
                &q.geboortedatum,
                errs.get("geboortedatum").copied(),
            )
            .kind("date"),
        ),
        Input::Text(TextField::new(
            "postcode",
            t.f_postcode,
            &q.postcode,
            errs.get("postcode").copied(),
        )),
    ];
    let status = form_status(errs.is_empty());
    Ok(render(
        status,
        &SearchPage {
            x: family_texts(lang),
            shell: ctx.shell("/gezinnen"),
            inputs,
            results,
        },
    ))
}
