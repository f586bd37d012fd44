//! Opening a new file.

use crate::kit::Ctx;
use axum::Json;

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{InvolvementError, Postcode};
use eenplan_domain::time::amsterdam_date;
use eenplan_store::{NewFamily, StoreError};
use jiff::civil::Date;
use serde_json::{Value, json};

use crate::Problem;
use crate::auth::duplicates::Checked;
use crate::auth::family::access_entry;
use crate::flows::family::ops::open_file;
use crate::flows::family::schemas::NewFamily as FamilyIn;
use crate::kit::ApiError;
use crate::kit::body::Created;
use crate::kit::extract::Body;

pub async fn create(
    ctx: Ctx,
    Body(input): Body<FamilyIn>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<Created>), ApiError> {
    let p = ctx.caller()?;
    let client = &ctx.client.0;
    let mut errs: Vec<(&str, &str, (&str, &str))> = Vec::new();
    for (name, value) in [
        ("label", &input.label),
        ("street", &input.street),
        ("house_number", &input.house_number),
        ("city", &input.city),
    ] {
        if value.trim().is_empty() {
            errs.push((
                name,
                "required",
                super::FamilyApiTexts::both(|t| t.required),
            ));
        }
    }
    let postcode = Postcode::parse(&input.postcode)
        .map_err(|_| {
            errs.push((
                "postcode",
                "postcode",
                super::FamilyApiTexts::both(|t| t.postcode),
            ))
        })
        .ok();
    let today = amsterdam_date(UtcTime::now());
    let mut children = Vec::new();
    for c in &input.children {
        match c.date_of_birth.parse::<Date>() {
            Ok(d) => children.push((c.name.trim().to_owned(), d)),
            Err(_) => errs.push((
                "children",
                "date",
                super::FamilyApiTexts::both(|t| t.birth_date),
            )),
        }
    }
    let area_id = input.area_id.clone().filter(|a| !a.is_empty());
    let Some(postcode) = postcode.filter(|_| errs.is_empty()) else {
        return Err(ApiError::invalid(&errs));
    };
    if !input.confirm_not_duplicate {
        let checked = crate::auth::duplicates::check(
            &ctx.state,
            p,
            &children,
            (&postcode, &input.house_number),
            ("POST /api/v1/families", client),
        );
        match checked.await {
            Ok(Checked::Answer(d)) if !d.is_empty() => {
                // In the circle: the file as today. Outside it: only whom to call.
                let listed: Vec<Value> = d
                    .in_circle
                    .iter()
                    .map(|f| json!({ "id": f.id, "label": f.label, "postcode": f.postcode, "house_number": f.house_number, "city": f.city }))
                    .chain(d.outside.iter().map(|o| {
                        json!({ "led_by": { "organisation": o.name, "phone": o.phone } })
                    }))
                    .collect();
                return Err(Problem::titled(
                    StatusCode::CONFLICT,
                    "possible-duplicate",
                    super::FamilyApiTexts::both(|t| t.possible_duplicate),
                )
                .detail_in(super::FamilyApiTexts::both(|t| t.possible_duplicate_detail))
                .with(json!({ "duplicates": listed }))
                .into());
            }
            Ok(Checked::Answer(_)) => {}
            Ok(Checked::RateLimited(wait)) => {
                let mut r = Problem::titled(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too-many-duplicate-checks",
                    super::FamilyApiTexts::both(|t| t.too_many_checks),
                )
                .detail_in(super::FamilyApiTexts::both(|t| t.too_many_checks_detail))
                .into_response();
                if let Ok(v) =
                    HeaderValue::from_str(&crate::auth::duplicates::retry_after_seconds(wait))
                {
                    r.headers_mut().insert(header::RETRY_AFTER, v);
                }
                return Err(r.into());
            }
            Err(e) => return Err(e.into()),
        }
    }
    let file = NewFamily {
        label: input.label.clone(),
        street: input.street.clone(),
        house_number: input.house_number.clone(),
        postcode,
        city: input.city.clone(),
        area_id,
    };
    let opened = ctx
        .store()
        .change(async |tx| {
            let id = open_file(tx, p, file, &children, today).await?;
            tx.log_access(&access_entry(
                p,
                eenplan_domain::access_log::AccessEvent::Create,
                None,
                Some(id.to_string()),
                "api family file opened".into(),
                client,
            ))
            .await?;
            Ok(id)
        })
        .await;
    match opened {
        Ok(id) => Ok((
            StatusCode::CREATED,
            [(header::LOCATION, format!("/api/v1/families/{id}"))],
            Json(Created::id(id)),
        )),
        // A child's details broke a member rule: nothing was opened (one transaction).
        Err(StoreError::Member(e)) => Err(ApiError::refused_at("children", &e)),
        // The store refuses an area the organisation does not work in (the domain's rule).
        Err(StoreError::AreaOutside(_)) => Err(ApiError::invalid(&[(
            "area_id",
            "outside",
            super::FamilyApiTexts::both(|t| t.area_outside),
        )])),
        Err(StoreError::Involvement(InvolvementError::RegisseurMustBeLocalTeam)) => {
            Err(Problem::titled(
                StatusCode::FORBIDDEN,
                "not-a-local-team",
                super::FamilyApiTexts::both(|t| t.local_team_only),
            )
            .detail_in(super::FamilyApiTexts::both(|t| t.local_team_only_detail))
            .into())
        }
        Err(e) => Err(e.into()),
    }
}
