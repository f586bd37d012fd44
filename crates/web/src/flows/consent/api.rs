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
use jiff::civil::Date;

use super::refusal::consent_answer;
use super::schemas::{AnonymousSummary, Consents, Emergency, FrameworkChange, NewConsent};
use crate::auth::family::FamilyGrant;
use crate::kit::body::{Created, Reason};
use crate::kit::dates::{parse_optional, today};
use crate::kit::extract::{Path, json_body};
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
    let Ok(step) = input.step.parse::<ConsentStep>() else {
        return Err(ApiError::invalid(&[(
            "step",
            "enum",
            "Gebruik een van de stappen uit het OpenAPI-document.",
        )]));
    };
    let Ok(form) = input.form.parse::<ConsentForm>() else {
        return Err(ApiError::invalid(&[(
            "form",
            "enum",
            "Gebruik spoken of written.",
        )]));
    };
    let Ok(categories) = input
        .categories
        .iter()
        .map(|c| c.parse::<DataCategory>())
        .collect::<Result<Vec<_>, _>>()
    else {
        return Err(ApiError::invalid(&[(
            "categories",
            "enum",
            "Gebruik identity, network, plan of notes.",
        )]));
    };
    let Ok(given_on) = input.given_on.parse::<Date>() else {
        return Err(ApiError::invalid(&[(
            "given_on",
            "date",
            "Gebruik jjjj-mm-dd.",
        )]));
    };
    let ends_on = match parse_optional(input.ends_on.as_deref()) {
        Ok(d) => d,
        Err(_) => {
            return Err(ApiError::invalid(&[(
                "ends_on",
                "date",
                "Gebruik jjjj-mm-dd.",
            )]));
        }
    };
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
    let recorded = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .record_consent(&p.actor(), &grant.family_id, &p.user_id, &consent, today())
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match recorded.await {
        Ok(id) => Ok((StatusCode::CREATED, Json(Created::id(id)))),
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
    let withdrawn = async {
        let mut tx = state.store.write().await?;
        tx.withdraw_consent(
            &p.actor(),
            &grant.family_id,
            &consent_id,
            &p.user_id,
            &input.reason,
        )
        .await?;
        tx.commit().await
    };
    match withdrawn.await {
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
    let Ok(framework) = input.framework.parse::<Framework>() else {
        return Err(ApiError::invalid(&[(
            "framework",
            "enum",
            "Gebruik voluntary, veilig_thuis of court_order.",
        )]));
    };
    let Ok(effective_on) = input.effective_on.parse::<Date>() else {
        return Err(ApiError::invalid(&[(
            "effective_on",
            "date",
            "Gebruik jjjj-mm-dd.",
        )]));
    };
    let changed = async {
        let mut tx = state.store.write().await?;
        tx.change_framework(
            &p.actor(),
            &grant.family_id,
            &FrameworkInput {
                framework,
                organisation_id: input
                    .organisation_id
                    .clone()
                    .filter(|o| !o.is_empty())
                    .map(OrganisationId::from),
                ground: input.ground.clone(),
                effective_on,
            },
            today(),
        )
        .await?;
        tx.commit().await
    };
    match changed.await {
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
    let opened = async {
        let mut tx = state.store.write().await?;
        let until = crate::auth::family::break_glass(
            &mut tx,
            p,
            &family_id,
            &input.reason,
            ("POST /api/v1/families/{family}/break-glass", client),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(until)
    };
    match opened.await {
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
