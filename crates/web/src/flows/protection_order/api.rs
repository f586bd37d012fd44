//! Protection order requests in the API. The family side (make a request, follow it)
//! is lead work behind the family guard; the Raad's side shows only the requests
//! addressed to the caller's organisation, and logs every read and step.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::protection_order::{Conclusion, ConclusionKind, Measure};
use eenplan_store::{CourtRuling, ProtectionOrderInput, ProtectionOrderRequest, StoreError};

use super::ops::{self, RaadAct};
use super::refusal::InStep;
use super::schemas::{
    self, CourtDecision, NewProtectionOrderRequest, ProtectionOrderRequests, RaadInvestigation,
    RaadOutcome,
};
use crate::auth::family::FamilyCtx;
use crate::kit::body::Created;
use crate::kit::extract::{Body, Path};
use crate::kit::fields;
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Ctx, Refusal};

fn requests(list: &[ProtectionOrderRequest]) -> ProtectionOrderRequests {
    ProtectionOrderRequests {
        requests: list
            .iter()
            .map(schemas::ProtectionOrderRequest::from)
            .collect(),
    }
}

fn not_found() -> ApiError {
    Problem::titled(
        StatusCode::NOT_FOUND,
        "not-found",
        (
            "Geen verzoek met dit id aan jouw organisatie",
            "No request with this id to your organisation",
        ),
    )
    .into()
}

pub async fn list(fam: FamilyCtx) -> Result<Json<ProtectionOrderRequests>, ApiError> {
    let list = fam
        .read(async |tx, family| tx.protection_order_requests(family).await)
        .await?;
    Ok(Json(requests(&list)))
}

pub async fn create(
    fam: FamilyCtx,
    Body(input): Body<NewProtectionOrderRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let request = ProtectionOrderInput {
        rvdk_organisation_id: input.rvdk_organisation_id.into(),
        children: input.children,
        grounds: input.grounds,
        tried: input.tried,
    };
    match ops::request(&fam, fam.caller()?, &request).await {
        Ok(id) => Ok(Created::answer(id)),
        Err(StoreError::ProtectionOrder(e)) => Err(e.problem().into()),
        Err(StoreError::NotFound(_)) => Err(ApiError::invalid(&[(
            "rvdk_organisation_id",
            "unknown",
            ("Onbekende organisatie.", "Unknown organisation."),
        )])),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct RaadListParams {
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn raad_list(
    ctx: Ctx,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    crate::kit::extract::Query(q): crate::kit::extract::Query<RaadListParams>,
) -> Result<axum::response::Response, ApiError> {
    let p = ctx.caller()?;
    let (limit, seek) =
        crate::kit::paging::api_paging(q.limit.as_deref(), q.cursor.as_deref(), ops::WORK_SORT)?;
    let (page, total) =
        ops::raad_requests(&ctx, p, ("GET /api/v1/raad/requests", Ok((&seek, limit)))).await?;
    let mut response = crate::kit::paging::with_links(
        Json(requests(&page.items)),
        &page,
        "/api/v1/raad/requests",
        raw.as_deref(),
    );
    response
        .headers_mut()
        .insert(crate::kit::paging::TOTAL_COUNT, total.into());
    Ok(response)
}

/// A request as the Raad's steps answer it.
type Stepped = Result<Json<schemas::ProtectionOrderRequest>, ApiError>;

/// Takes one of the Raad's steps on a request addressed to the caller's organisation
/// and logs it (as at `route`); the request after it, or why the step was refused
/// (date rules at `date_field`).
async fn raad_step(
    ctx: &Ctx,
    request_id: &str,
    (route, date_field): (&str, &'static str),
    act: RaadAct<'_>,
) -> Stepped {
    let p = ctx.caller()?;
    let org = &p.organisation_id;
    // The request is looked up first: an unknown organisation after it is the
    // institution the court's grant names.
    let names_institution = matches!(act, RaadAct::Decision(CourtRuling::Granted { .. }, _));
    let stepped = ctx
        .store()
        .change(async |tx| {
            let done = ops::raad_act(tx, p, request_id, act, (route, &ctx.client.0)).await?;
            match done {
                Some(_) => tx.raad_request(org, request_id).await,
                None => Ok(None),
            }
        })
        .await;
    match stepped {
        Ok(Some(r)) => Ok(Json(schemas::ProtectionOrderRequest::from(&r))),
        Err(StoreError::NotFound(_)) if names_institution => Err(ApiError::invalid(&[(
            "institution_id",
            "unknown",
            ("Onbekende organisatie.", "Unknown organisation."),
        )])),
        Ok(None) | Err(StoreError::NotFound(_)) => Err(not_found()),
        Err(StoreError::ProtectionOrder(e)) => Err(InStep(&e, date_field).problem().into()),
        Err(StoreError::Framework(e)) => Err(ApiError::refused_at("institution_id", &e)),
        Err(e) => Err(e.into()),
    }
}

/// The measures a petition or a decision names.
fn measure(value: Option<&str>) -> Result<Measure, ApiError> {
    fields::code("measure", value.unwrap_or_default())
}

pub async fn investigation(
    ctx: Ctx,
    Path(request_id): Path<String>,
    Body(input): Body<RaadInvestigation>,
) -> Stepped {
    let on = fields::date("started_on", input.started_on.trim())?;
    let at = (
        "/api/v1/raad/requests/{request}/investigation",
        "started_on",
    );
    raad_step(&ctx, &request_id, at, RaadAct::Investigation(on)).await
}

pub async fn outcome(
    ctx: Ctx,
    Path(request_id): Path<String>,
    Body(input): Body<RaadOutcome>,
) -> Stepped {
    let conclusion = match fields::code("outcome", &input.outcome)? {
        ConclusionKind::NoMeasure => Conclusion::NoMeasure {
            reason: input.reason.clone(),
        },
        ConclusionKind::Petition => Conclusion::Petition {
            measure: measure(input.measure.as_deref())?,
        },
    };
    let on = fields::date("concluded_on", input.concluded_on.trim())?;
    let at = ("/api/v1/raad/requests/{request}/outcome", "concluded_on");
    raad_step(&ctx, &request_id, at, RaadAct::Outcome(&conclusion, on)).await
}

pub async fn court_decision(
    ctx: Ctx,
    Path(request_id): Path<String>,
    Body(input): Body<CourtDecision>,
) -> Stepped {
    let on = fields::date("decided_on", input.decided_on.trim())?;
    let ruling = if input.granted {
        let measure = measure(input.measure.as_deref())?;
        let ends_on = fields::optional_date("ends_on", input.ends_on.as_deref())?;
        let institution_id = input
            .institution_id
            .filter(|i| !i.trim().is_empty())
            .ok_or_else(|| {
                ApiError::invalid(&[(
                    "institution_id",
                    "required",
                    (
                        "Kies de gecertificeerde instelling die de maatregel uitvoert.",
                        "Choose the certified institution that carries out the measure.",
                    ),
                )])
            })?;
        CourtRuling::Granted {
            measure,
            ends_on,
            institution_id: institution_id.into(),
        }
    } else {
        CourtRuling::Refused
    };
    let at = (
        "/api/v1/raad/requests/{request}/court-decision",
        "decided_on",
    );
    raad_step(&ctx, &request_id, at, RaadAct::Decision(&ruling, on)).await
}
