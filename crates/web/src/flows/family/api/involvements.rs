//! Who works with the family: joining, handovers, and ending a part.

use crate::kit::Ctx;
use crate::kit::Refusal;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use eenplan_domain::UserId;

use crate::extract::Path;
use axum::http::StatusCode;
use eenplan_domain::family::{Expertise, InvolvementError, InvolvementRole, Placement};
use eenplan_store::{NewInvolvement, StoreError};
use serde_json::json;

use crate::auth::family::FamilyGrant;
use crate::flows::family::schemas::NewInvolvement as InvolvementIn;
use crate::kit::ApiError;
use crate::kit::body::{Created, Reason};
use crate::kit::extract::json_body;
use crate::kit::fields;
use crate::{AppState, Problem};

pub async fn add_involvement(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let p = ctx.caller()?;
    let input: InvolvementIn = json_body(&bytes)?;
    let role: InvolvementRole = fields::code("role", &input.role)?;
    let expertise: Option<Expertise> =
        fields::optional_code("expertise", input.expertise.as_deref())?;
    let person = match async {
        state
            .store
            .read()
            .await?
            .principal(&UserId::from(input.user_id.as_str()))
            .await
    }
    .await
    {
        Ok(Some(u)) if u.active => u,
        Ok(_) => {
            return Err(ApiError::invalid(&[(
                "user_id",
                "unknown",
                "Geen actieve professional met dit id.",
            )]));
        }
        Err(e) => return Err(e.into()),
    };
    let new = NewInvolvement {
        role,
        organisation_id: person.organisation_id.to_string(),
        user_id: person.user_id.to_string(),
        expertise,
        takes_over: input.takes_over,
        reason: input.reason,
    };
    let added = state
        .store
        .change(async |tx| tx.add_involvement(&p.actor(), &grant.family_id, new).await)
        .await;
    match added {
        Ok((id, placement)) => Ok((
            StatusCode::CREATED,
            Json(Created {
                id,
                handover: Some(matches!(placement, Placement::Handover { .. })),
            }),
        )),
        Err(StoreError::ConsentNeeded(step)) => Err(Problem::new(StatusCode::FORBIDDEN, "consent-needed", "Toestemming nodig")
            .detail(format!("Het gezin heeft nog geen toestemming gegeven voor deze organisatie: leg eerst de stap '{}' vast.", step.label_nl()))
            .with(json!({ "consentStep": step.code() }))
            .into()),
        Err(StoreError::Involvement(e)) => Err(e.problem().into()),
        Err(e) => Err(e.into()),
    }
}

/// Which part of the family's circle an end request is about: the three end routes
/// differ only in this, so they share one handler.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Member,
    Network,
    Involvement,
}

pub async fn end(
    part: Part,
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<StatusCode, ApiError> {
    let family_id = &grant.family_id;
    let p = ctx.caller()?;
    let input: Reason = json_body(&bytes)?;
    if input.reason.trim().is_empty() {
        return Err(ApiError::invalid(&[(
            "reason",
            "required",
            "Geef de reden.",
        )]));
    }
    let ended = state
        .store
        .change(async |tx| match part {
            Part::Member => {
                tx.end_member(&p.actor(), family_id, &id, &input.reason)
                    .await
            }
            Part::Network => {
                tx.end_network_member(&p.actor(), family_id, &id, &input.reason)
                    .await
            }
            Part::Involvement => {
                tx.end_involvement(&p.actor(), family_id, &id, &input.reason)
                    .await
            }
        })
        .await;
    match ended {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::Involvement(InvolvementError::RegisseurCannotLeave)) => Err(Problem::new(StatusCode::CONFLICT, "handover-required", "De regisseur beëindig je niet")
            .detail("Een andere lokale professional neemt over: POST .../involvements met takes_over en reason.")
            .into()),
        Err(StoreError::NotFound(_) | StoreError::Involvement(_)) => Err(Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden in dit dossier").into()),
        Err(e) => Err(e.into()),
    }
}
