//! Who works with the family: joining, handovers, and ending a part.

use crate::kit::Ctx;
use crate::kit::Refusal;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::{Expertise, InvolvementError, InvolvementRole, Placement};
use eenplan_store::{NewInvolvement, StoreError};
use serde::Deserialize;
use serde_json::json;

use crate::auth::family::FamilyGrant;
use crate::kit::ApiError;
use crate::kit::extract::json_body;
use crate::{AppState, Problem};

#[derive(Debug, Deserialize)]
struct InvolvementIn {
    user_id: String,
    role: String,
    expertise: Option<String>,
    takes_over: Option<String>,
    reason: Option<String>,
}

pub async fn add_involvement(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: InvolvementIn = json_body(&bytes)?;
    let Ok(role) = input.role.parse::<InvolvementRole>() else {
        return Ok(
            ApiError::invalid(&[("role", "enum", "Gebruik regisseur of partner.")]).into_response(),
        );
    };
    let expertise = match input
        .expertise
        .as_deref()
        .map(str::parse::<Expertise>)
        .transpose()
    {
        Ok(e) => e,
        Err(_) => {
            return Ok(
                ApiError::invalid(&[("expertise", "enum", "Onbekend expertisegebied.")])
                    .into_response(),
            );
        }
    };
    let person = match async { state.store.read().await?.principal(&input.user_id).await }.await {
        Ok(Some(u)) if u.active => u,
        Ok(_) => {
            return Ok(ApiError::invalid(&[(
                "user_id",
                "unknown",
                "Geen actieve professional met dit id.",
            )])
            .into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let new = NewInvolvement {
        role,
        organisation_id: person.organisation_id,
        user_id: person.user_id,
        expertise,
        takes_over: input.takes_over,
        reason: input.reason,
    };
    let added = async {
        let mut tx = state.store.write().await?;
        let out = tx
            .add_involvement(&p.actor(), &grant.family_id, new)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(out)
    };
    Ok(match added.await {
        Ok((id, placement)) => (StatusCode::CREATED, Json(json!({ "id": id, "handover": matches!(placement, Placement::Handover { .. }) }))).into_response(),
        Err(StoreError::ConsentNeeded(step)) => Problem::new(StatusCode::FORBIDDEN, "consent-needed", "Toestemming nodig")
            .detail(format!("Het gezin heeft nog geen toestemming gegeven voor deze organisatie: leg eerst de stap '{}' vast.", step.label_nl()))
            .with(json!({ "consentStep": step.code() })),
        Err(StoreError::Involvement(e)) => ApiError::from(e.problem()).into_response(),
        Err(e) => return Err(e.into()),
    })
}

#[derive(Debug, Deserialize)]
struct EndIn {
    #[serde(default)]
    reason: String,
}

/// Which part of the family's circle an end request is about.
#[derive(Debug, Clone, Copy)]
enum Part {
    Member,
    Network,
    Involvement,
}

async fn end_part(
    state: &AppState,
    ctx: &Ctx,
    family_id: &str,
    part: Part,
    id: &str,
    bytes: &Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: EndIn = json_body(bytes)?;
    if input.reason.trim().is_empty() {
        return Err(ApiError::invalid(&[(
            "reason",
            "required",
            "Geef de reden.",
        )]));
    }
    let ended = async {
        let mut tx = state.store.write().await?;
        match part {
            Part::Member => {
                tx.end_member(&p.actor(), family_id, id, &input.reason)
                    .await?
            }
            Part::Network => {
                tx.end_network_member(&p.actor(), family_id, id, &input.reason)
                    .await?
            }
            Part::Involvement => {
                tx.end_involvement(&p.actor(), family_id, id, &input.reason)
                    .await?
            }
        }
        tx.commit().await
    };
    match ended.await {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(StoreError::Involvement(InvolvementError::RegisseurCannotLeave)) => Err(Problem::new(StatusCode::CONFLICT, "handover-required", "De regisseur beëindig je niet")
            .detail("Een andere lokale professional neemt over: POST .../involvements met takes_over en reason.")
            .into()),
        Err(StoreError::NotFound(_) | StoreError::Involvement(_)) => Err(Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden in dit dossier").into()),
        Err(e) => Err(e.into()),
    }
}

pub async fn end_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    end_part(&state, &ctx, &grant.family_id, Part::Member, &id, &bytes).await
}

pub async fn end_network(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    end_part(&state, &ctx, &grant.family_id, Part::Network, &id, &bytes).await
}

pub async fn end_involvement(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    end_part(
        &state,
        &ctx,
        &grant.family_id,
        Part::Involvement,
        &id,
        &bytes,
    )
    .await
}
