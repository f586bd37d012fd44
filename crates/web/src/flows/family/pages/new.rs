//! Opening a new file, after the duplicate check.

use crate::flows::family::ops::open_file;
use crate::flows::family::texts::{FamilyTexts, family_texts};
use crate::kit::Refusal;
use crate::kit::form_status;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::family::{InvolvementError, Postcode};
use eenplan_domain::text::check_text;
use eenplan_store::{NewFamily, StoreError};
use jiff::civil::Date;

use super::forms::confirm_box;
use super::*;
use crate::auth::duplicates::Checked;
use crate::kit::Ctx;
use crate::kit::dates::today;
use crate::kit::form::{ChoiceField, Errors, FormData, Input, TextField, choices, with_none};
use crate::kit::summary::ErrorSummary;
use crate::kit::{PageError, Shell, render};
use eenplan_domain::access_log::AccessEvent;

#[derive(Template)]
#[template(path = "family/new.html")]
struct NewPage {
    x: &'static FamilyTexts,
    shell: Shell,
    summary: ErrorSummary,
    /// Possible duplicates in the visitor's circle: (family id, label and address).
    in_circle: Vec<(eenplan_domain::FamilyId, String)>,
    /// Organisations leading a possible duplicate outside the circle: (name, phone).
    outside: Vec<(String, String)>,
    limited: bool,
    inputs: Vec<Input>,
}

/// What the duplicate check answered, for the page.
enum DuplicateAnswer {
    Nothing,
    Found(crate::auth::duplicates::Duplicates),
    Limited,
}

/// Where the visitor's organisation works: the places a new family can live.
async fn family_areas(ctx: &Ctx) -> Result<Vec<(String, String)>, StoreError> {
    match ctx.visitor.principal.as_ref() {
        Some(p) => {
            ctx.store()
                .read()
                .await?
                .areas_within(&p.organisation_id)
                .await
        }
        None => Ok(Vec::new()),
    }
}

async fn new_page(
    ctx: &Ctx,
    form: &FormData,
    errs: &Errors,
    duplicates: DuplicateAnswer,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let (t, ft) = (lang.texts(), family_texts(lang));
    let (in_circle, outside, limited) = match duplicates {
        DuplicateAnswer::Nothing => (vec![], vec![], false),
        DuplicateAnswer::Limited => (vec![], vec![], true),
        DuplicateAnswer::Found(d) => (
            d.in_circle
                .into_iter()
                .map(|f| {
                    let text = format!(
                        "{} — {} {}, {}",
                        f.label, f.postcode, f.house_number, f.city
                    );
                    (f.id, text)
                })
                .collect(),
            d.outside
                .into_iter()
                .map(|o| {
                    (
                        o.name,
                        o.phone.unwrap_or_else(|| ft.duplicates_no_phone.to_owned()),
                    )
                })
                .collect(),
            false,
        ),
    };
    let any_duplicate = !in_circle.is_empty() || !outside.is_empty();
    let areas = match family_areas(ctx).await {
        Ok(a) => a,
        Err(e) => return Err(e.into()),
    };
    let field = |id: &'static str, label: &'static str| {
        Input::Text(TextField::new(
            id,
            label,
            &form.get(id),
            errs.get(id).copied(),
        ))
    };
    let mut inputs = vec![
        Input::Text(TextField::typed("label", ft.f_label, form, errs).hint(ft.f_label_hint)),
        field("street", ft.f_street),
        field("house_number", t.f_house_number),
        field("postcode", t.f_postcode),
        field("city", ft.f_city),
        Input::Select(ChoiceField {
            id: "area_id",
            label: ft.f_family_area,
            options: with_none(
                t,
                choices(
                    &areas,
                    |(id, _)| id.clone(),
                    |(_, label)| label.clone(),
                    &form.get("area_id"),
                ),
                &form.get("area_id"),
            ),
            error: errs.get("area_id").copied(),
        }),
        field("child_name", t.f_child_name),
        Input::Text(TextField::typed("child_birth", ft.f_child_birth, form, errs).kind("date")),
    ];
    if any_duplicate {
        inputs.push(confirm_box((ft.duplicates_title, ft.duplicates_confirm)));
    }
    let status = if limited {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        form_status(errs.is_empty() && !any_duplicate)
    };
    Ok(render(
        status,
        &NewPage {
            x: family_texts(lang),
            shell: ctx.shell("/gezinnen/nieuw"),
            summary: ErrorSummary::of_inputs(lang, &inputs),
            in_circle,
            outside,
            limited,
            inputs,
        },
    ))
}

pub async fn new_form(ctx: Ctx) -> Result<Response, PageError> {
    new_page(
        &ctx,
        &FormData(vec![]),
        &Errors::new(),
        DuplicateAnswer::Nothing,
    )
    .await
}

pub async fn create(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let (t, ft) = (lang.texts(), family_texts(lang));
    let mut errs = Errors::new();
    for id in ["label", "street", "house_number", "city", "child_name"] {
        if let Err(p) = check_text(crate::input::field_kind(id), &form.raw(id)) {
            errs.insert(id, crate::input::page_message(t, p));
        } else if form.get(id).is_empty() && id != "child_name" {
            errs.insert(id, t.err_required);
        }
    }
    let postcode = Postcode::parse(&form.get("postcode"))
        .map_err(|_| errs.insert("postcode", t.err_postcode))
        .ok();
    let child_name = form.get("child_name");
    let child_birth = form.get("child_birth");
    let child = match (child_name.is_empty(), child_birth.is_empty()) {
        (true, true) => None,
        (false, false) => birth_date(
            &child_birth,
            ("child_birth", ft.err_birth_date),
            t,
            &mut errs,
        )
        .map(|d| (child_name.clone(), d)),
        (true, false) => {
            errs.insert("child_name", t.err_required);
            None
        }
        (false, true) => {
            errs.insert("child_birth", ft.err_birth_date);
            None
        }
    };
    let area_id = Some(form.get("area_id")).filter(|a| !a.is_empty());
    let Some(postcode) = postcode.filter(|_| errs.is_empty()) else {
        return new_page(&ctx, &form, &errs, DuplicateAnswer::Nothing).await;
    };
    if form.all("confirm").is_empty() {
        let children: Vec<(String, Date)> = child.iter().cloned().collect();
        let house_number = form.get("house_number");
        let checked = crate::auth::duplicates::check(
            &ctx.state,
            p,
            &children,
            (&postcode, &house_number),
            ("POST /gezinnen/nieuw", &ctx.client.0),
        );
        match checked.await {
            Ok(Checked::Answer(d)) if !d.is_empty() => {
                let found = DuplicateAnswer::Found(d);
                return new_page(&ctx, &form, &errs, found).await;
            }
            Ok(Checked::Answer(_)) => {}
            Ok(Checked::RateLimited(wait)) => {
                let limited = DuplicateAnswer::Limited;
                let mut r = new_page(&ctx, &form, &errs, limited).await?;
                if let Ok(v) = axum::http::HeaderValue::from_str(
                    &crate::auth::duplicates::retry_after_seconds(wait),
                ) {
                    r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
                }
                return Ok(r);
            }
            Err(e) => return Err(e.into()),
        }
    }
    let file = NewFamily {
        label: form.get("label"),
        street: form.get("street"),
        house_number: form.get("house_number"),
        postcode,
        city: form.get("city"),
        area_id,
    };
    let children: Vec<(String, Date)> = child.into_iter().collect();
    let opened = ctx
        .store()
        .change(async |tx| open_file(tx, p, file, &children, today()).await)
        .await;
    let (field, message) = match opened {
        Ok(id) => {
            let opened = "family file opened".into();
            log(&ctx, p, AccessEvent::Create, Some(id.to_string()), opened).await?;
            return Ok(back(id.as_str()));
        }
        Err(StoreError::Involvement(InvolvementError::RegisseurMustBeLocalTeam)) => {
            ("label", ft.err_not_local_team)
        }
        // An area the organisation does not work in (the domain's rule, in the store).
        Err(StoreError::AreaOutside(_)) => ("area_id", t.err_choose),
        // The child's details broke a member rule: nothing was opened (one transaction).
        Err(StoreError::Member(e)) => match e.field() {
            Some("name") => ("child_name", e.text(lang)),
            _ => ("child_birth", e.text(lang)),
        },
        Err(e) => return Err(e.into()),
    };
    errs.insert(field, message);
    new_page(&ctx, &form, &errs, DuplicateAnswer::Nothing).await
}
