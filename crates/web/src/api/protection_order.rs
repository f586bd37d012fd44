//! Protection order requests in the API. The family side (make a request, follow it)
//! is lead work behind the family guard. The Raad's side is for professionals of a
//! Raad organisation (the route policy) and shows only the requests addressed to their
//! organisation: the Raad is not in the family's circle, the request carries what it
//! needs. Every Raad read and step of a request is written to the access log.

// Helpers return the ready error response for an early `return`; it is built once per
// request, so its size does not matter.
#![allow(clippy::result_large_err)]

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::protection_order::{Conclusion, Measure, OrderError};
use eenplan_store::{
    AccessEntry, CourtRuling, Principal, ProtectionOrderInput, ProtectionOrderRequest, StoreError,
};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Value, json};

use super::families::{body, internal, invalid, who};
use super::today;
use crate::auth::Visitor;
use crate::auth::family::{FamilyGrant, access_entry};
use crate::client::Client;
use crate::{AppState, Problem};

pub(crate) fn request_json(r: &ProtectionOrderRequest) -> Value {
    let d = |d: Option<Date>| d.map(|d| d.to_string());
    json!({
        "id": r.id, "family_id": r.family_id, "family_label": r.family_label,
        "rvdk": { "id": r.rvdk_organisation_id, "name": r.rvdk_name },
        "requested_by": { "name": r.requested_by_name, "email": r.requested_by_email, "organisation": r.requesting_organisation_name },
        "requested_on": r.requested_on.to_string(),
        "children": r.children.iter().map(|c| json!({ "id": c.id, "name": c.name, "date_of_birth": d(c.date_of_birth) })).collect::<Vec<_>>(),
        "grounds": r.grounds, "tried": r.tried, "state": r.state.code(),
        "investigation_on": d(r.investigation_on), "concluded_on": d(r.concluded_on),
        "no_measure_reason": r.no_measure_reason, "petitioned_measure": r.petitioned_measure.map(|m| m.code()),
        "decided_on": d(r.decided_on), "granted_measure": r.granted_measure.map(|m| m.code()), "ends_on": d(r.ends_on),
        "institution": r.institution_id.as_ref().map(|id| json!({ "id": id, "name": r.institution_name })),
    })
}

/// The access-log line for a Raad professional touching a request's family data: not
/// through the family's circle, but because the request is addressed to them.
pub(crate) fn raad_entry(
    p: &Principal,
    event: eenplan_domain::access_log::AccessEvent,
    family_id: &str,
    data: String,
    client: &str,
) -> AccessEntry {
    let mut entry = access_entry(p, event, None, Some(family_id.to_owned()), data, client);
    entry.basis = Some(eenplan_domain::access_log::AccessBasis::RvdkRequest);
    entry
}

/// Logs the reads of the requests shown, one line per request, committed together.
pub(crate) async fn log_raad_reads(
    state: &AppState,
    p: &Principal,
    requests: &[ProtectionOrderRequest],
    route: &str,
    client: &str,
) -> Result<(), StoreError> {
    let entries = requests
        .iter()
        .map(|r| {
            raad_entry(
                p,
                eenplan_domain::access_log::AccessEvent::Read,
                &r.family_id,
                format!("{route} (verzoek {})", r.id),
                client,
            )
        })
        .collect();
    state.store.log_access_all(entries).await
}

/// A request rule as an answer: a step the request's course does not allow is a
/// conflict; the rest names its field.
fn order_problem(e: &OrderError) -> Response {
    let field = match e {
        e if e.is_transition() => {
            return Problem::new(
                StatusCode::CONFLICT,
                "illegal-transition",
                "Deze stap kan niet (meer)",
            )
            .detail(e.to_string())
            .into_response();
        }
        OrderError::NoChild | OrderError::NotAChild(_) => "children",
        OrderError::GroundsNeeded => "grounds",
        OrderError::TriedNeeded => "tried",
        OrderError::NotRvdk => "rvdk_organisation_id",
        OrderError::ReasonNeeded => "reason",
        OrderError::MeasureNotPetitioned => "measure",
        OrderError::EndDateNeeded
        | OrderError::EndBeforeDecision
        | OrderError::TooLong
        | OrderError::NoEndForCustody => "ends_on",
        OrderError::NotCertified => "institution_id",
        // Dates: which one depends on the step; the caller renames.
        _ => "date",
    };
    invalid(&[(field, "rule", &e.to_string())])
}

fn date_problem(e: &OrderError, field: &str) -> Response {
    match e {
        OrderError::InFuture
        | OrderError::BeforeRequest
        | OrderError::BeforeInvestigation
        | OrderError::BeforePetition => invalid(&[(field, "rule", &e.to_string())]),
        _ => order_problem(e),
    }
}

fn not_found() -> Response {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "Geen verzoek met dit id aan jouw organisatie",
    )
    .into_response()
}

pub async fn list(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    match async {
        state
            .store
            .read()
            .await?
            .protection_order_requests(&grant.family_id)
            .await
    }
    .await
    {
        Ok(list) => Json(json!({ "requests": list.iter().map(request_json).collect::<Vec<_>>() }))
            .into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct RequestIn {
    #[serde(default)]
    rvdk_organisation_id: String,
    #[serde(default)]
    children: Vec<String>,
    #[serde(default)]
    grounds: String,
    #[serde(default)]
    tried: String,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: RequestIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let request = ProtectionOrderInput {
        rvdk_organisation_id: input.rvdk_organisation_id,
        children: input.children,
        grounds: input.grounds,
        tried: input.tried,
    };
    let made = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .request_protection_order(
                &p.actor(),
                &grant.family_id,
                (&p.user_id, &p.organisation_id),
                &request,
                today(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match made.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(StoreError::ProtectionOrder(e)) => order_problem(&e),
        Err(StoreError::NotFound(_)) => {
            invalid(&[("rvdk_organisation_id", "unknown", "Onbekende organisatie.")])
        }
        Err(e) => internal(&e),
    }
}

pub async fn raad_list(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let listed = async {
        let list = state
            .store
            .read()
            .await?
            .raad_requests(&p.organisation_id)
            .await?;
        log_raad_reads(&state, p, &list, "GET /api/v1/raad/requests", &client).await?;
        Ok::<_, StoreError>(list)
    };
    match listed.await {
        Ok(list) => Json(json!({ "requests": list.iter().map(request_json).collect::<Vec<_>>() }))
            .into_response(),
        Err(e) => internal(&e),
    }
}

/// Runs one step of the Raad on a request addressed to the visitor's organisation and
/// logs it; `None` when there is no such request there.
async fn raad_step<F>(
    state: &AppState,
    p: &Principal,
    request_id: &str,
    (route, client): (&str, &str),
    step: F,
) -> Result<Option<ProtectionOrderRequest>, StoreError>
where
    F: AsyncFnOnce(&mut eenplan_store::Tx) -> Result<(), StoreError>,
{
    let mut tx = state.store.write().await?;
    if tx
        .raad_request(&p.organisation_id, request_id)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    step(&mut tx).await?;
    let after = tx.raad_request(&p.organisation_id, request_id).await?;
    if let Some(r) = &after {
        let entry = raad_entry(
            p,
            eenplan_domain::access_log::AccessEvent::Update,
            &r.family_id,
            format!("POST {route} (verzoek {request_id})"),
            client,
        );
        tx.log_access(&entry).await?;
    }
    tx.commit().await?;
    Ok(after)
}

fn stepped(
    result: Result<Option<ProtectionOrderRequest>, StoreError>,
    date_field: &str,
) -> Response {
    match result {
        Ok(Some(r)) => Json(request_json(&r)).into_response(),
        Ok(None) | Err(StoreError::NotFound(_)) => not_found(),
        Err(StoreError::ProtectionOrder(e)) => date_problem(&e, date_field),
        Err(StoreError::Framework(e)) => invalid(&[("institution_id", "rule", &e.to_string())]),
        Err(e) => internal(&e),
    }
}

fn date_field(value: &str, field: &str) -> Result<Date, Response> {
    value
        .trim()
        .parse::<Date>()
        .map_err(|_| invalid(&[(field, "date", "Gebruik jjjj-mm-dd.")]))
}

#[derive(Debug, Deserialize)]
struct InvestigationIn {
    #[serde(default)]
    started_on: String,
}

pub async fn investigation(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(request_id): Path<String>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: InvestigationIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let on = match date_field(&input.started_on, "started_on") {
        Ok(d) => d,
        Err(r) => return r,
    };
    let route = "/api/v1/raad/requests/{request}/investigation";
    let result = raad_step(&state, p, &request_id, (route, &client), async |tx| {
        tx.start_investigation(
            &p.actor(),
            &p.organisation_id,
            &request_id,
            &p.user_id,
            on,
            today(),
        )
        .await
    })
    .await;
    stepped(result, "started_on")
}

#[derive(Debug, Deserialize)]
struct OutcomeIn {
    #[serde(default)]
    outcome: String,
    measure: Option<String>,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    concluded_on: String,
}

pub async fn outcome(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(request_id): Path<String>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: OutcomeIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let conclusion = match input.outcome.as_str() {
        "no_measure" => Conclusion::NoMeasure {
            reason: input.reason.clone(),
        },
        "petition" => match input.measure.as_deref().map(str::parse::<Measure>) {
            Some(Ok(measure)) => Conclusion::Petition { measure },
            _ => {
                return invalid(&[(
                    "measure",
                    "enum",
                    "Gebruik supervision_order, out_of_home_placement of custody_termination.",
                )]);
            }
        },
        _ => return invalid(&[("outcome", "enum", "Gebruik no_measure of petition.")]),
    };
    let on = match date_field(&input.concluded_on, "concluded_on") {
        Ok(d) => d,
        Err(r) => return r,
    };
    let route = "/api/v1/raad/requests/{request}/outcome";
    let result = raad_step(&state, p, &request_id, (route, &client), async |tx| {
        tx.conclude_investigation(
            &p.actor(),
            &p.organisation_id,
            &request_id,
            &p.user_id,
            &conclusion,
            on,
            today(),
        )
        .await
        .map(|_| ())
    })
    .await;
    stepped(result, "concluded_on")
}

#[derive(Debug, Deserialize)]
struct DecisionIn {
    #[serde(default)]
    decided_on: String,
    granted: bool,
    measure: Option<String>,
    ends_on: Option<String>,
    institution_id: Option<String>,
}

pub async fn court_decision(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(request_id): Path<String>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: DecisionIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let on = match date_field(&input.decided_on, "decided_on") {
        Ok(d) => d,
        Err(r) => return r,
    };
    let ruling = if input.granted {
        let Some(Ok(measure)) = input.measure.as_deref().map(str::parse::<Measure>) else {
            return invalid(&[(
                "measure",
                "enum",
                "Gebruik supervision_order, out_of_home_placement of custody_termination.",
            )]);
        };
        let Ok(ends_on) = super::optional_date(input.ends_on.as_deref()) else {
            return invalid(&[("ends_on", "date", "Gebruik jjjj-mm-dd.")]);
        };
        let Some(institution_id) = input.institution_id.filter(|i| !i.trim().is_empty()) else {
            return invalid(&[(
                "institution_id",
                "required",
                "Kies de gecertificeerde instelling die de maatregel uitvoert.",
            )]);
        };
        CourtRuling::Granted {
            measure,
            ends_on,
            institution_id,
        }
    } else {
        CourtRuling::Refused
    };
    let route = "/api/v1/raad/requests/{request}/court-decision";
    let result = raad_step(&state, p, &request_id, (route, &client), async |tx| {
        tx.record_court_decision(
            &p.actor(),
            &p.organisation_id,
            &request_id,
            &p.user_id,
            on,
            &ruling,
            today(),
        )
        .await
        .map(|_| ())
    })
    .await;
    if let (CourtRuling::Granted { .. }, Err(StoreError::NotFound(_))) = (&ruling, &result) {
        // The request exists (checked first): the unknown one is the institution.
        return invalid(&[("institution_id", "unknown", "Onbekende organisatie.")]);
    }
    stepped(result, "decided_on")
}
