//! The plan with ETag / If-Match: a stale version gets 412 with what changed.

use crate::kit::Ctx;
use crate::kit::Lang;
use crate::kit::Refusal;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::{Agreement, AgreementError};
use eenplan_domain::family::{Plan, PlanError};
use eenplan_store::{PlanSave, StoreError};
use serde::Deserialize;
use serde_json::json;

use crate::auth::family::FamilyGrant;
use crate::kit::ApiError;
use crate::kit::extract::json_body;
use crate::{AppState, Problem};

fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"v{version}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"v0\""))
}

/// What `If-Match` asks for: absent, unreadable, a weak tag, or the version of a
/// strong `"vN"`.
enum IfMatch {
    Absent,
    Malformed,
    /// RFC 9110 13.1.1: If-Match compares strongly, and a weak tag never matches.
    Weak,
    Version(i64),
}

fn if_match(headers: &HeaderMap) -> IfMatch {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return IfMatch::Absent;
    };
    let Ok(raw) = value.to_str() else {
        return IfMatch::Malformed;
    };
    let raw = raw.trim();
    if raw.starts_with("W/") {
        return IfMatch::Weak;
    }
    raw.strip_prefix("\"v")
        .and_then(|r| r.strip_suffix('"'))
        .and_then(|v| v.parse().ok())
        .map_or(IfMatch::Malformed, IfMatch::Version)
}

pub async fn plan(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, ApiError> {
    let (version, plan) = state
        .store
        .read()
        .await?
        .current_plan(&grant.family_id)
        .await?;
    let mut r = Json(json!({ "version": version, "plan": plan })).into_response();
    r.headers_mut().insert(header::ETAG, etag(version));
    Ok(r)
}

pub async fn put_plan(
    State(state): State<AppState>,
    headers: HeaderMap,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let based_on = match if_match(&headers) {
        IfMatch::Absent => {
            return Ok(Problem::new(StatusCode::PRECONDITION_REQUIRED, "if-match-required", "If-Match ontbreekt")
                .detail("Stuur de ETag van het plan dat je bewerkte mee als If-Match, zodat niemands wijziging verloren gaat.")
                .into_response());
        }
        IfMatch::Malformed => {
            return Ok(ApiError::invalid(&[(
                "If-Match",
                "etag",
                "Gebruik de ETag uit GET .../plan, bijvoorbeeld \"v3\".",
            )])
            .into_response());
        }
        IfMatch::Weak => {
            return Ok(Problem::new(StatusCode::PRECONDITION_FAILED, "weak-etag", "Zwakke ETag")
                .detail("If-Match vergelijkt sterk: een zwakke ETag (W/...) past nooit. Stuur de ETag uit GET .../plan zoals die is, bijvoorbeeld \"v3\".")
                .invalid_param("If-Match", "weak-etag", "Gebruik de sterke ETag, zonder W/.")
                .into_response());
        }
        IfMatch::Version(v) => v,
    };
    let plan: Plan = json_body(&bytes)?;
    let saved = async {
        let mut tx = state.store.write().await?;
        let out = tx
            .save_plan(&p.actor(), &p.user_id, &grant.family_id, based_on, &plan)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(out)
    };
    Ok(match saved.await {
        Ok(PlanSave::Saved { version }) => {
            let mut r = Json(json!({ "version": version })).into_response();
            r.headers_mut().insert(header::ETAG, etag(version));
            r
        }
        Ok(PlanSave::Conflict { current, changes }) => {
            let mut r = Problem::new(StatusCode::PRECONDITION_FAILED, "stale-plan", "Het plan is intussen gewijzigd")
                .detail(format!("Je bewerkte versie {based_on}; de huidige is versie {current}. Bekijk de wijzigingen en sla opnieuw op met If-Match \"v{current}\"."))
                .with(json!({ "current_version": current, "changes": changes }));
            r.headers_mut().insert(header::ETAG, etag(current));
            r
        }
        Err(StoreError::Plan(e)) => {
            // The field as the request body names it, so a client can point at it.
            let field = match &e {
                PlanError::ReviewDateImplausible(_) => "review_date".to_owned(),
                PlanError::DueDateImplausible { domain, index, .. } => {
                    let at = plan.domains.iter().position(|d| d.domain == *domain);
                    format!("domains[{}].actions[{index}].due", at.unwrap_or(0))
                }
                PlanError::ScaleOutOfRange { index, .. } => format!("scales[{index}].score"),
                _ => "plan".to_owned(),
            };
            ApiError::invalid(&[(&field, e.code(), e.text(Lang::Nl))]).into_response()
        }
        Err(e) => return Err(e.into()),
    })
}

pub async fn plan_version(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, version)): Path<(String, i64)>,
) -> Result<Response, ApiError> {
    let stored = state
        .store
        .read()
        .await?
        .plan_version(&grant.family_id, version)
        .await?;
    match stored {
        Some(plan) => Ok(Json(json!({ "version": version, "plan": plan })).into_response()),
        None => Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Deze versie bestaat niet",
        )
        .into()),
    }
}

#[derive(Debug, Deserialize)]
struct AgreementIn {
    version: i64,
    #[serde(default)]
    member_ids: Vec<String>,
    /// Under a court order: the family's view, recorded instead of an agreement.
    #[serde(default)]
    view: String,
}

/// A refused agreement: the field to fix, and who may not agree or is missing.
fn agreement_problem(e: &AgreementError) -> Response {
    let problem = e.problem();
    match e {
        AgreementError::Incomplete {
            not_entitled,
            missing,
        } => problem.with(json!({
            "notEntitled": not_entitled.iter().map(|n| json!({ "member_id": n.member_id, "name": n.name })).collect::<Vec<_>>(),
            "missing": missing.iter().map(|m| json!({ "member_id": m.member_id, "name": m.name })).collect::<Vec<_>>(),
        })),
        _ => problem.into_response(),
    }
}

pub async fn agree(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: AgreementIn = json_body(&bytes)?;
    let agreed = async {
        let mut tx = state.store.write().await?;
        let recorded = tx
            .record_plan_agreement(
                &p.actor(),
                &p.user_id,
                &grant.family_id,
                input.version,
                &input.member_ids,
                &input.view,
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(recorded)
    };
    Ok(match agreed.await {
        Ok(recorded) => (
            StatusCode::CREATED,
            Json(json!({ "recorded": match recorded {
                Agreement::Agreed { .. } => "agreement",
                Agreement::FamilyView => "family_view",
            } })),
        )
            .into_response(),
        Err(StoreError::Agreement(e)) => agreement_problem(&e),
        Err(StoreError::Duplicate(m)) => {
            ApiError::invalid(&[("member_ids", "rule", &m)]).into_response()
        }
        Err(StoreError::NotFound(_)) => ApiError::invalid(&[(
            "version",
            "unknown",
            "Deze versie van het plan bestaat niet.",
        )])
        .into_response(),
        Err(e) => return Err(e.into()),
    })
}
