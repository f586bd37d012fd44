//! Who works with the family: joining, handovers, and ending a part.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::UserId;
use eenplan_domain::family::{Expertise, InvolvementError, InvolvementRole, Placement};
use eenplan_store::{NewInvolvement, StoreError};
use serde_json::json;

use crate::Problem;
use crate::auth::family::FamilyCtx;
use crate::extract::Path;
use crate::flows::family::schemas::NewInvolvement as InvolvementIn;
use crate::kit::body::{Created, Reason};
use crate::kit::extract::Body;
use crate::kit::respond::{not_found, required};
use crate::kit::{ApiError, Refusal, fields};

pub async fn add_involvement(
    fam: FamilyCtx,
    Body(input): Body<InvolvementIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let p = fam.caller()?;
    let role: InvolvementRole = fields::code("role", &input.role)?;
    let expertise: Option<Expertise> =
        fields::optional_code("expertise", input.expertise.as_deref())?;
    let user_id = UserId::from(input.user_id.as_str());
    let person = fam
        .store()
        .read()
        .await?
        .principal(&user_id)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| {
            ApiError::invalid(&[(
                "user_id",
                "unknown",
                "Geen actieve professional met dit id.",
            )])
        })?;
    let new = NewInvolvement {
        role,
        organisation_id: person.organisation_id.to_string(),
        user_id: person.user_id.to_string(),
        expertise,
        takes_over: input.takes_over,
        reason: input.reason,
    };
    fam.store()
        .change(async |tx| tx.add_involvement(&p.actor(), fam.family_id(), new).await)
        .await
        .map(|(id, placement)| {
            let handover = matches!(placement, Placement::Handover { .. });
            (StatusCode::CREATED, Json(Created { id, handover: Some(handover) }))
        })
        .map_err(|e| match e {
            StoreError::ConsentNeeded(step) => Problem::new(StatusCode::FORBIDDEN, "consent-needed", "Toestemming nodig")
                .detail(format!("Het gezin heeft nog geen toestemming gegeven voor deze organisatie: leg eerst de stap '{}' vast.", step.label_nl()))
                .with(json!({ "consentStep": step.code() }))
                .into(),
            StoreError::Involvement(e) => e.problem().into(),
            e => e.into(),
        })
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
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
    Body(input): Body<Reason>,
) -> Result<StatusCode, ApiError> {
    let (p, family_id) = (fam.caller()?, fam.family_id());
    let reason = required("reason", &input.reason, "Geef de reden.")?;
    fam.store()
        .change(async |tx| match part {
            Part::Member => tx.end_member(&p.actor(), family_id, &id, reason).await,
            Part::Network => tx.end_network_member(&p.actor(), family_id, &id, reason).await,
            Part::Involvement => tx.end_involvement(&p.actor(), family_id, &id, reason).await,
        })
        .await
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(|e| match e {
            StoreError::Involvement(InvolvementError::RegisseurCannotLeave) => Problem::new(StatusCode::CONFLICT, "handover-required", "De regisseur beëindig je niet")
                .detail("Een andere lokale professional neemt over: POST .../involvements met takes_over en reason.")
                .into(),
            StoreError::NotFound(_) | StoreError::Involvement(_) => {
                not_found("Niet gevonden in dit dossier")
            }
            e => e.into(),
        })
}
