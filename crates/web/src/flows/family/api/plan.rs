//! The plan with ETag / If-Match: a stale version gets 412 with what changed.

use crate::kit::Refusal;
use axum::Json;

use crate::extract::Path;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use eenplan_domain::family::AgreementError;
use eenplan_domain::family::{LifeDomain, PlanError};
use eenplan_store::{PlanSave, StoreError};
use serde_json::json;

use crate::Problem;
use crate::auth::family::FamilyCtx;
use crate::flows::family::schemas::{
    Agreement as AgreementIn, AgreementRecorded, Plan, PlanDocument, PlanVersions,
};
use crate::kit::ApiError;
use crate::kit::body::Version;
use crate::kit::extract::Body;
use crate::kit::extract::Query;
use crate::kit::paging::{TOTAL_COUNT, api_paging, window, with_links};
use crate::kit::respond::not_found;
use axum::extract::RawQuery;
use axum::response::Response;

fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"v{version}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"v0\""))
}

/// The ETag header of an answer about plan version `version`.
type Tagged = [(HeaderName, HeaderValue); 1];

fn tagged(version: i64) -> Tagged {
    [(header::ETAG, etag(version))]
}

/// The plan version the caller edited, from its `If-Match`: a strong `"vN"`. An
/// extractor, so a missing or unusable tag is answered before the body is read.
pub struct BasedOn(i64);

impl<S: Send + Sync> FromRequestParts<S> for BasedOn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::IF_MATCH) else {
            return Err(Problem::titled(
                StatusCode::PRECONDITION_REQUIRED,
                "if-match-required",
                super::FamilyApiTexts::both(|t| t.if_match_missing),
            )
            .detail_in(super::FamilyApiTexts::both(|t| t.if_match_missing_detail))
            .into());
        };
        let raw = value.to_str().unwrap_or_default().trim();
        // RFC 9110 13.1.1: If-Match compares strongly, and a weak tag never matches.
        if raw.starts_with("W/") {
            return Err(Problem::titled(
                StatusCode::PRECONDITION_FAILED,
                "weak-etag",
                super::FamilyApiTexts::both(|t| t.weak_etag),
            )
            .detail_in(super::FamilyApiTexts::both(|t| t.weak_etag_detail))
            .invalid_param_in(
                "If-Match",
                "weak-etag",
                super::FamilyApiTexts::both(|t| t.weak_etag_reason),
            )
            .into());
        }
        raw.strip_prefix("\"v")
            .and_then(|r| r.strip_suffix('"'))
            .and_then(|v| v.parse().ok())
            .map(BasedOn)
            .ok_or_else(|| {
                ApiError::invalid(&[(
                    "If-Match",
                    "etag",
                    super::FamilyApiTexts::both(|t| t.etag_reason),
                )])
            })
    }
}

pub async fn plan(fam: FamilyCtx) -> Result<(Tagged, Json<PlanDocument>), ApiError> {
    let (version, plan) = fam
        .read(async |tx, family| tx.current_plan(family).await)
        .await?;
    Ok((tagged(version), Json(PlanDocument::new(version, plan))))
}

pub async fn put_plan(
    fam: FamilyCtx,
    BasedOn(based_on): BasedOn,
    Body(plan): Body<Plan>,
) -> Result<(Tagged, Json<Version>), ApiError> {
    let plan: eenplan_domain::family::Plan = plan.into();
    let saved = fam.change(fam.caller()?, async |tx, by| {
        tx.save_plan(&by.actor, by.user, by.family, based_on, &plan)
            .await
    });
    saved_answer(saved.await, based_on, &plan)
}

/// A save's answer: the new version with its ETag, 412 with what changed since
/// `based_on`, or the domain's refusal at the element of `plan` it is about.
fn saved_answer(
    saved: Result<PlanSave, StoreError>,
    based_on: i64,
    plan: &eenplan_domain::family::Plan,
) -> Result<(Tagged, Json<Version>), ApiError> {
    match saved {
        Ok(PlanSave::Saved { version }) => Ok((tagged(version), Json(Version { version }))),
        Ok(PlanSave::Conflict { current, changes }) => {
            let (based_on_text, current_text) = (based_on.to_string(), current.to_string());
            let mut r = Problem::titled(
                StatusCode::PRECONDITION_FAILED,
                "stale-plan",
                super::FamilyApiTexts::both(|t| t.stale_plan),
            )
            .detail_in(super::said(
                |t| t.stale_plan_detail,
                &[("based_on", &based_on_text), ("current", &current_text)],
            ))
            .with(json!({ "current_version": current, "changes": changes }));
            r.headers_mut().insert(header::ETAG, etag(current));
            Err(r.into())
        }
        Err(StoreError::Plan(e)) => {
            // The field as the request body names it, so a client can point at it.
            let in_domain = |domain: &LifeDomain| {
                plan.domains
                    .iter()
                    .position(|d| d.domain == *domain)
                    .unwrap_or(0)
            };
            let field = match &e {
                PlanError::ReviewDateImplausible(_) => "review_date".to_owned(),
                PlanError::DueDateImplausible { domain, index, .. } => {
                    format!("domains[{}].actions[{index}].due", in_domain(domain))
                }
                PlanError::ActionWhoMissing { domain, index }
                | PlanError::ActionWhoUnknown { domain, index, .. } => {
                    format!("domains[{}].actions[{index}].who", in_domain(domain))
                }
                PlanError::ScaleOutOfRange { index, .. } => format!("scales[{index}].score"),
                PlanError::ScaleWhoMissing { index } | PlanError::ScaleWhoUnknown { index, .. } => {
                    format!("scales[{index}].who")
                }
                PlanError::ScaleDateImplausible { index, .. } => format!("scales[{index}].on"),
                PlanError::FamilyScoreOutOfRange(_) => "family_score".to_owned(),
                PlanError::EmptyItem(section) => (*section).to_owned(),
                PlanError::DomainTwice(_) => "domains".to_owned(),
            };
            Err(ApiError::refused_at(&field, &e))
        }
        Err(e) => Err(e.into()),
    }
}

/// Restores an older version as the newest: a new version with the old one's content,
/// journaled as a restore. Like a save it names the version it was based on
/// (`If-Match`), so a restore never overwrites a save it did not see.
pub async fn restore_plan(
    fam: FamilyCtx,
    BasedOn(based_on): BasedOn,
    Path((_, version)): Path<(String, i64)>,
) -> Result<(Tagged, Json<Version>), ApiError> {
    let restored = fam.change(fam.caller()?, async |tx, by| {
        tx.restore_plan(&by.actor, by.user, by.family, based_on, version)
            .await
    });
    match restored.await {
        Err(StoreError::NotFound(_)) => {
            Err(not_found(super::FamilyApiTexts::both(|t| t.no_version)))
        }
        saved => saved_answer(saved, based_on, &Default::default()),
    }
}

pub async fn plan_version(
    fam: FamilyCtx,
    Path((_, version)): Path<(String, i64)>,
) -> Result<Json<PlanDocument>, ApiError> {
    let plan = fam.read(async |tx, family| tx.plan_version(family, version).await);
    let plan = plan
        .await?
        .ok_or_else(|| not_found(super::FamilyApiTexts::both(|t| t.no_version)))?;
    Ok(Json(PlanDocument::new(version, plan)))
}

#[derive(Debug, serde::Deserialize)]
pub struct VersionsParams {
    limit: Option<String>,
    cursor: Option<String>,
}

/// The cursor's sort: the versions, newest first.
const VERSIONS_SORT: &str = "versions";

/// The plan's versions, newest first, a page at a time: who saved each and when.
pub async fn plan_versions(
    fam: FamilyCtx,
    RawQuery(raw): RawQuery,
    Query(q): Query<VersionsParams>,
) -> Result<Response, ApiError> {
    let (limit, seek) = api_paging(q.limit.as_deref(), q.cursor.as_deref(), VERSIONS_SORT)?;
    let (rows, total) = fam
        .read(async |tx, family| {
            let rows = tx.plan_versions_page(family, &seek, limit + 1).await?;
            Ok((rows, tx.plan_version_count(family).await?))
        })
        .await?;
    let page = window(rows, limit, &seek, VERSIONS_SORT, |(_, k)| k.clone());
    let versions: Vec<_> = page.items.iter().map(|(v, _)| v.clone()).collect();
    let path = format!("/api/v1/families/{}/plan/versions", fam.family_id());
    let mut response = with_links(
        Json(PlanVersions::new(&versions)),
        &page,
        &path,
        raw.as_deref(),
    );
    response.headers_mut().insert(TOTAL_COUNT, total.into());
    Ok(response)
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
    fam: FamilyCtx,
    Body(input): Body<AgreementIn>,
) -> Result<(StatusCode, Json<AgreementRecorded>), ApiError> {
    let refused = |e| match e {
        StoreError::Agreement(e) => agreement_problem(&e),
        StoreError::Duplicate(_) => ApiError::invalid(&[(
            "member_ids",
            "rule",
            super::FamilyApiTexts::both(|t| t.member_once),
        )]),
        StoreError::NotFound(_) => ApiError::invalid(&[(
            "version",
            "unknown",
            super::FamilyApiTexts::both(|t| t.no_plan_version),
        )]),
        e => e.into(),
    };
    let (version, members) = (input.version, &input.member_ids);
    let recorded = fam.write(refused, async |tx, by| {
        tx.record_plan_agreement(&by.actor, by.user, by.family, version, members, &input.view)
            .await
    });
    let recorded = AgreementRecorded::from(&recorded.await?);
    Ok((StatusCode::CREATED, Json(recorded)))
}
