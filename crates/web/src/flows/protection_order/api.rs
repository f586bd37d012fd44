//! Protection order requests in the API. The family side (make a request, follow it)
//! is lead work behind the family guard; the Raad's side shows only the requests
//! addressed to the caller's organisation, and logs every read and step.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use eenplan_domain::protection_order::{Conclusion, ConclusionKind, Measure};
use eenplan_store::{
    CourtRuling, Principal, ProtectionOrderInput, ProtectionOrderRequest, StoreError,
};

use super::access::log_raad_reads;
use super::ops::{self, RaadAct};
use super::refusal::InStep;
use super::schemas::{
    self, CourtDecision, NewProtectionOrderRequest, ProtectionOrderRequests, RaadInvestigation,
    RaadOutcome,
};
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::kit::body::Created;
use crate::kit::extract::{Path, json_body};
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
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "Geen verzoek met dit id aan jouw organisatie",
    )
    .into()
}

pub async fn list(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Json<ProtectionOrderRequests>, ApiError> {
    let list = state
        .store
        .read()
        .await?
        .protection_order_requests(&grant.family_id)
        .await?;
    Ok(Json(requests(&list)))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let p = ctx.caller()?;
    let input: NewProtectionOrderRequest = json_body(&bytes)?;
    let request = ProtectionOrderInput {
        rvdk_organisation_id: input.rvdk_organisation_id.into(),
        children: input.children,
        grounds: input.grounds,
        tried: input.tried,
    };
    let made = ops::request(&state.store, p, &grant.family_id, &request).await;
    match made {
        Ok(id) => Ok(Created::answer(id)),
        Err(StoreError::ProtectionOrder(e)) => Err(e.problem().into()),
        Err(StoreError::NotFound(_)) => Err(ApiError::invalid(&[(
            "rvdk_organisation_id",
            "unknown",
            "Onbekende organisatie.",
        )])),
        Err(e) => Err(e.into()),
    }
}

pub async fn raad_list(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<ProtectionOrderRequests>, ApiError> {
    let p = ctx.caller()?;
    let list = state
        .store
        .read()
        .await?
        .raad_requests(&p.organisation_id)
        .await?;
    log_raad_reads(&state, p, &list, "GET /api/v1/raad/requests", &ctx.client.0).await?;
    Ok(Json(requests(&list)))
}

/// Takes one of the Raad's steps on a request addressed to the caller's organisation
/// and logs it; the request after it, `None` when there is no such request there.
async fn raad_step(
    (state, ctx): (&AppState, &Ctx),
    p: &Principal,
    request_id: &str,
    route: &str,
    act: RaadAct<'_>,
) -> Result<Option<ProtectionOrderRequest>, StoreError> {
    let org = &p.organisation_id;
    state
        .store
        .change(async |tx| {
            let done = ops::raad_act(tx, p, request_id, act, (route, &ctx.client.0)).await?;
            match done {
                Some(_) => tx.raad_request(org, request_id).await,
                None => Ok(None),
            }
        })
        .await
}

/// The request after a step, or why the step was refused (date rules at `date_field`).
fn stepped(
    result: Result<Option<ProtectionOrderRequest>, StoreError>,
    date_field: &'static str,
) -> Result<Json<schemas::ProtectionOrderRequest>, ApiError> {
    match result {
        Ok(Some(r)) => Ok(Json(schemas::ProtectionOrderRequest::from(&r))),
        Ok(None) | Err(StoreError::NotFound(_)) => Err(not_found()),
        Err(StoreError::ProtectionOrder(e)) => Err(InStep(&e, date_field).problem().into()),
        Err(StoreError::Framework(e)) => Err(ApiError::invalid(&[(
            "institution_id",
            "rule",
            &e.to_string(),
        )])),
        Err(e) => Err(e.into()),
    }
}

/// The measures a petition or a decision names.
fn measure(value: Option<&str>) -> Result<Measure, ApiError> {
    fields::code("measure", value.unwrap_or_default())
}

pub async fn investigation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(request_id): Path<String>,
    bytes: Bytes,
) -> Result<Json<schemas::ProtectionOrderRequest>, ApiError> {
    let p = ctx.caller()?;
    let input: RaadInvestigation = json_body(&bytes)?;
    let on = fields::date("started_on", input.started_on.trim())?;
    let route = "/api/v1/raad/requests/{request}/investigation";
    let result = raad_step(
        (&state, &ctx),
        p,
        &request_id,
        route,
        RaadAct::Investigation(on),
    )
    .await;
    stepped(result, "started_on")
}

pub async fn outcome(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(request_id): Path<String>,
    bytes: Bytes,
) -> Result<Json<schemas::ProtectionOrderRequest>, ApiError> {
    let p = ctx.caller()?;
    let input: RaadOutcome = json_body(&bytes)?;
    let conclusion = match fields::code("outcome", &input.outcome)? {
        ConclusionKind::NoMeasure => Conclusion::NoMeasure {
            reason: input.reason.clone(),
        },
        ConclusionKind::Petition => Conclusion::Petition {
            measure: measure(input.measure.as_deref())?,
        },
    };
    let on = fields::date("concluded_on", input.concluded_on.trim())?;
    let route = "/api/v1/raad/requests/{request}/outcome";
    let act = RaadAct::Outcome(&conclusion, on);
    let result = raad_step((&state, &ctx), p, &request_id, route, act).await;
    stepped(result, "concluded_on")
}

pub async fn court_decision(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(request_id): Path<String>,
    bytes: Bytes,
) -> Result<Json<schemas::ProtectionOrderRequest>, ApiError> {
    let p = ctx.caller()?;
    let input: CourtDecision = json_body(&bytes)?;
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
                    "Kies de gecertificeerde instelling die de maatregel uitvoert.",
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
    let route = "/api/v1/raad/requests/{request}/court-decision";
    let act = RaadAct::Decision(&ruling, on);
    let result = raad_step((&state, &ctx), p, &request_id, route, act).await;
    if let (CourtRuling::Granted { .. }, Err(StoreError::NotFound(_))) = (&ruling, &result) {
        // The request exists (checked first): the unknown one is the institution.
        return Err(ApiError::invalid(&[(
            "institution_id",
            "unknown",
            "Onbekende organisatie.",
        )]));
    }
    stepped(result, "decided_on")
}
