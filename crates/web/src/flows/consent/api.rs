//! Consents, the framework and break the glass in the API: the same domain rules and
//! refusals as the pages, as problem+json.

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, EmergencyError, Framework};
use eenplan_domain::{FamilyId, OrganisationId};
use eenplan_store::{ConsentInput, FrameworkInput, StoreError};

use super::refusal::consent_answer;
use super::schemas::{AnonymousSummary, Consents, Emergency, FrameworkChange, NewConsent};
use crate::auth::family::FamilyGrant;
use crate::kit::body::{Created, Reason};
use crate::kit::dates::today;
use crate::kit::extract::{Path, json_body};
use crate::kit::fields;
use crate::kit::{ApiError, Ctx, Refusal};
use crate::{AppState, Problem};

pub async fn list(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Json<Consents>, ApiError> {
    let loaded = async {
        let mut tx = state.store.read().await?;
        let family = tx.family(&grant.family_id).await?;
        let consents = tx.consents(&grant.family_id).await?;
        Ok::<_, StoreError>((family, consents))
    };
    let (Some(family), consents) = loaded.await? else {
        return Err(ApiError::not_found());
    };
    Ok(Json(Consents::new(&family, &consents, today())))
}

pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let Some(p) = ctx.visitor.principal.as_ref() else {
        return Err(ApiError::unauthorized());
    };
    let input: NewConsent = json_body(&bytes)?;
    let step: ConsentStep = fields::code("step", &input.step)?;
    let form: ConsentForm = fields::code("form", &input.form)?;
    let categories = input
        .categories
        .iter()
        .map(|c| fields::code::<DataCategory>("categories", c))
        .collect::<Result<Vec<_>, _>>()?;
    let given_on = fields::date("given_on", &input.given_on)?;
    let ends_on = fields::optional_date("ends_on", input.ends_on.as_deref())?;
    let consent = ConsentInput {
        step,
        organisation_id: input
            .organisation_id
            .filter(|o| !o.is_empty())
            .map(OrganisationId::from),
        purpose: input.purpose,
        categories,
        children: input.children,
        given_by: input.given_by,
        form,
        given_on,
        ends_on,
    };
    let recorded = state
        .store
        .change(async |tx| {
            tx.record_consent(&p.actor(), &grant.family_id, &p.user_id, &consent, today())
                .await
        })
        .await;
    match recorded {
        Ok(id) => Ok(Created::answer(id)),
        Err(StoreError::Consent(e)) => Err(consent_answer(&e)),
        Err(StoreError::NotFound(_)) => Err(ApiError::invalid(&[(
            "organisation_id",
            "unknown",
            "Onbekende organisatie.",
        )])),
        Err(e) => Err(e.into()),
    }
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, consent_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<StatusCode, ApiError> {
    let Some(p) = ctx.visitor.principal.as_ref() else {
        return Err(ApiError::unauthorized());
    };
    let input: Reason = json_body(&bytes)?;
    if input.reason.trim().is_empty() {
        return Err(ApiError::invalid(&[(
            "reason",
            "required",
            "Zeg hoe de intrekking ging (wie zei wat).",
        )]));
    }
    let withdrawn = state
        .store
        .change(async |tx| {
            tx.withdraw_consent(
                &p.actor(),
                &grant.family_id,
                &consent_id,
                &p.user_id,
                &input.reason,
            )
            .await
        })
        .await;
    match withdrawn {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::NotFound(_)) => Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen geldige toestemming met dit id",
        )
        .into()),
        Err(e) => Err(e.into()),
    }
}

pub async fn framework(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<StatusCode, ApiError> {
    let Some(p) = ctx.visitor.principal.as_ref() else {
        return Err(ApiError::unauthorized());
    };
    let input: FrameworkChange = json_body(&bytes)?;
    let framework: Framework = fields::code("framework", &input.framework)?;
    let effective_on = fields::date("effective_on", &input.effective_on)?;
    let change = FrameworkInput {
        framework,
        organisation_id: input
            .organisation_id
            .filter(|o| !o.is_empty())
            .map(OrganisationId::from),
        ground: input.ground,
        effective_on,
    };
    let changed = state
        .store
        .change(async |tx| {
            tx.change_framework(&p.actor(), &grant.family_id, &change, today())
                .await
        })
        .await;
    match changed {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::Framework(e)) => Err(e.problem().into()),
        Err(StoreError::NotFound(_)) => Err(ApiError::invalid(&[(
            "organisation_id",
            "unknown",
            "Onbekende organisatie.",
        )])),
        Err(e) => Err(e.into()),
    }
}

/// Break the glass by file id. Not behind the family guard: a care role stating an
/// emergency may open any existing file for an hour; every attempt, refused or not, is
/// logged, and the granted ones are reviewed.
pub async fn break_glass(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(family_id): Path<FamilyId>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Emergency>), ApiError> {
    let Some(p) = ctx.visitor.principal.as_ref() else {
        return Err(ApiError::unauthorized());
    };
    let client = &ctx.client.0;
    let input: Reason = json_body(&bytes)?;
    let now = UtcTime::now();
    // Every ask that opens nothing is logged as refused, against the id asked for, with
    // never the reason text.
    let refuse = async |why: &str| {
        let mut entry = crate::auth::family::access_entry(
            p,
            eenplan_domain::access_log::AccessEvent::Emergency,
            None,
            Some(family_id.to_string()),
            format!("POST /api/v1/families/{{family}}/break-glass refused ({why})"),
            client,
        );
        entry.granted = false;
        state.store.log_access(entry).await
    };
    // The care role and the reason first, whether or not the file exists: only a care
    // role stating an emergency learns that much, and that is logged and reviewed.
    if let Err(e) = eenplan_domain::family::check_emergency_request(
        &p.roles,
        p.organisation_kind,
        &input.reason,
    ) {
        let why = match e {
            EmergencyError::NotACareRole => "not a care role",
            _ => "reason too short",
        };
        refuse(why).await?;
        return Err(e.problem().into());
    }
    let opened = state
        .store
        .change(async |tx| {
            crate::auth::family::break_glass(
                tx,
                p,
                &family_id,
                &input.reason,
                ("POST /api/v1/families/{family}/break-glass", client),
                now,
            )
            .await
        })
        .await;
    match opened {
        Ok(Some(until)) => Ok((StatusCode::CREATED, Json(Emergency::until(until)))),
        Ok(None) => {
            refuse("no such file").await?;
            Err(ApiError::not_found())
        }
        Err(StoreError::Emergency(e)) => Err(e.problem().into()),
        Err(e) => Err(e.into()),
    }
}

pub async fn anonymous(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Json<AnonymousSummary>, ApiError> {
    let summary = state
        .store
        .read()
        .await?
        .anonymous_summary(&grant.family_id, today())
        .await?;
    match summary {
        Some(s) => Ok(Json(AnonymousSummary::from(&s))),
        None => Err(ApiError::not_found()),
    }
}
