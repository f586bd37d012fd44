//! Opening a new file.

use crate::kit::Ctx;
use crate::kit::Lang;
use crate::kit::Refusal;
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
    let mut errs: Vec<(&str, &str, &str)> = Vec::new();
    for (name, value) in [
        ("label", &input.label),
        ("street", &input.street),
        ("house_number", &input.house_number),
        ("city", &input.city),
    ] {
        if value.trim().is_empty() {
            errs.push((name, "required", "Vul dit veld in."));
        }
    }
    let postcode = Postcode::parse(&input.postcode)
        .map_err(|_| {
            errs.push((
                "postcode",
                "postcode",
                "Gebruik vier cijfers en twee letters, zoals 3581 AB.",
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
                "Elk kind heeft een geboortedatum als jjjj-mm-dd.",
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
                return Err(Problem::new(StatusCode::CONFLICT, "possible-duplicate", "Mogelijk bestaat er al een dossier")
                    .detail("Eén gezin, één dossier: er bestaat mogelijk al een dossier over dit kind of op dit adres. Neem contact op met de organisatie die de regie heeft; is het een ander gezin, stuur dan confirm_not_duplicate: true mee.")
                    .with(json!({ "duplicates": listed }))
                    .into());
            }
            Ok(Checked::Answer(_)) => {}
            Ok(Checked::RateLimited(wait)) => {
                let mut r = Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too-many-duplicate-checks",
                    "Te veel dossiercontroles",
                )
                .detail("Je vond het afgelopen uur te vaak dossiers van andere organisaties. Probeer het later opnieuw.")
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
        Ok(id) => Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/families/{id}"))], Json(Created::id(id)))),
        // A child's details broke a member rule: nothing was opened (one transaction).
        Err(StoreError::Member(e)) => Err(ApiError::invalid(&[("children", e.code(), e.text(Lang::Nl))])),
        // The store refuses an area the organisation does not work in (the domain's rule).
        Err(StoreError::AreaOutside(_)) => Err(ApiError::invalid(&[(
            "area_id",
            "outside",
            "Kies een wijk of gemeente waar jouw organisatie werkt.",
        )])),
        Err(StoreError::Involvement(InvolvementError::RegisseurMustBeLocalTeam)) => Err(Problem::new(StatusCode::FORBIDDEN, "not-a-local-team", "Alleen een lokaal team opent een dossier")
            .detail("De professional die een dossier opent wordt de regisseur; dat is altijd iemand van een lokaal team.")
            .into()),
        Err(e) => Err(e.into()),
    }
}
