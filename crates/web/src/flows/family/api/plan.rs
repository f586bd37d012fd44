//! The plan with ETag / If-Match: a stale version gets 412 with what changed.

use crate::kit::Ctx;
use crate::kit::Lang;
use crate::kit::Refusal;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use eenplan_domain::family::AgreementError;
use eenplan_domain::family::PlanError;
use eenplan_store::{PlanSave, StoreError};
use serde_json::json;

use crate::auth::family::FamilyGrant;
use crate::flows::family::schemas::{
    Agreement as AgreementIn, AgreementRecorded, Plan, PlanDocument,
};
use crate::kit::ApiError;
use crate::kit::body::Version;
use crate::kit::extract::json_body;
use crate::{AppState, Problem};

fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"v{version}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"v0\""))
}

/// The ETag header of an answer about plan version `version`.
type Tagged = [(HeaderName, HeaderValue); 1];

fn tagged(version: i64) -> Tagged {
    [(header::ETAG, etag(version))]
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
) -> Result<(Tagged, Json<PlanDocument>), ApiError> {
    let (version, plan) = state
        .store
        .read()
        .await?
        .current_plan(&grant.family_id)
        .await?;
    Ok((tagged(version), Json(PlanDocument::new(version, plan))))
}

pub async fn put_plan(
    State(state): State<AppState>,
    headers: HeaderMap,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<(Tagged, Json<Version>), ApiError> {
    let p = ctx.caller()?;
    let based_on = match if_match(&headers) {
        IfMatch::Absent => {
            return Err(Problem::new(StatusCode::PRECONDITION_REQUIRED, "if-match-required", "If-Match ontbreekt")
                .detail("Stuur de ETag van het plan dat je bewerkte mee als If-Match, zodat niemands wijziging verloren gaat.")
                .into());
        }
        IfMatch::Malformed => {
            return Err(ApiError::invalid(&[(
                "If-Match",
                "etag",
                "Gebruik de ETag uit GET .../plan, bijvoorbeeld \"v3\".",
            )]));
        }
        IfMatch::Weak => {
            return Err(Problem::new(StatusCode::PRECONDITION_FAILED, "weak-etag", "Zwakke ETag")
                .detail("If-Match vergelijkt sterk: een zwakke ETag (W/...) past nooit. Stuur de ETag uit GET .../plan zoals die is, bijvoorbeeld \"v3\".")
                .invalid_param("If-Match", "weak-etag", "Gebruik de sterke ETag, zonder W/.")
                .into());
        }
        IfMatch::Version(v) => v,
    };
    let plan: eenplan_domain::family::Plan = json_body::<Plan>(&bytes)?.into();
    let saved = state
        .store
        .change(async |tx| {
            tx.save_plan(&p.actor(), &p.user_id, &grant.family_id, based_on, &plan)
                .await
        })
        .await;
    match saved {
        Ok(PlanSave::Saved { version }) => Ok((tagged(version), Json(Version { version }))),
        Ok(PlanSave::Conflict { current, changes }) => {
            let mut r = Problem::new(StatusCode::PRECONDITION_FAILED, "stale-plan", "Het plan is intussen gewijzigd")
                .detail(format!("Je bewerkte versie {based_on}; de huidige is versie {current}. Bekijk de wijzigingen en sla opnieuw op met If-Match \"v{current}\"."))
                .with(json!({ "current_version": current, "changes": changes }));
            r.headers_mut().insert(header::ETAG, etag(current));
            Err(r.into())
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
            Err(ApiError::invalid(&[(&field, e.code(), e.text(Lang::Nl))]))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn plan_version(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, version)): Path<(String, i64)>,
) -> Result<Json<PlanDocument>, ApiError> {
    let stored = state
        .store
        .read()
        .await?
        .plan_version(&grant.family_id, version)
        .await?;
    match stored {
        Some(plan) => Ok(Json(PlanDocument::new(version, plan))),
        None => Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Deze versie bestaat niet",
        )
        .into()),
    }
}

/// A refused agreement: the field to fix, and who may not agree or is missing.
fn agreement_problem(e: &AgreementError) -> ApiError {
    let problem = e.problem();
    match e {
        AgreementError::Incomplete {
            not_entitled,
            missing,
        } => problem.with(json!({
            "notEntitled": not_entitled.iter().map(|n| json!({ "member_id": n.member_id, "name": n.name })).collect::<Vec<_>>(),
            "missing": missing.iter().map(|m| json!({ "member_id": m.member_id, "name": m.name })).collect::<Vec<_>>(),
        })).into(),
        _ => problem.into(),
    }
}

pub async fn agree(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<AgreementRecorded>), ApiError> {
    let p = ctx.caller()?;
    let input: AgreementIn = json_body(&bytes)?;
    let agreed = state
        .store
        .change(async |tx| {
            tx.record_plan_agreement(
                &p.actor(),
                &p.user_id,
                &grant.family_id,
                input.version,
                &input.member_ids,
                &input.view,
            )
            .await
        })
        .await;
    match agreed {
        Ok(recorded) => Ok((
            StatusCode::CREATED,
            Json(AgreementRecorded::from(&recorded)),
        )),
        Err(StoreError::Agreement(e)) => Err(agreement_problem(&e)),
        Err(StoreError::Duplicate(m)) => Err(ApiError::invalid(&[("member_ids", "rule", &m)])),
        Err(StoreError::NotFound(_)) => Err(ApiError::invalid(&[(
            "version",
            "unknown",
            "Deze versie van het plan bestaat niet.",
        )])),
        Err(e) => Err(e.into()),
    }
}
