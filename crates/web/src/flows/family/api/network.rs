//! The network: adding and correcting its members.

use crate::kit::Ctx;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use eenplan_domain::family::NetworkRelation;
use eenplan_store::StoreError;

use crate::auth::family::FamilyGrant;
use crate::flows::family::schemas::{NetworkCorrection, NewNetworkMember as NetworkIn};
use crate::kit::ApiError;
use crate::kit::body::Created;
use crate::kit::extract::json_body;
use crate::kit::fields;
use crate::{AppState, Problem};

/// The relation, or the problem naming what to send.
fn relation(input: &NetworkIn) -> Result<NetworkRelation, ApiError> {
    let relation: NetworkRelation = fields::code("relation", &input.relation)?;
    if input.name.trim().is_empty() {
        return Err(ApiError::invalid(&[(
            "name",
            "required",
            "Vul een naam in.",
        )]));
    }
    Ok(relation)
}

pub async fn add_network(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let p = ctx.caller()?;
    let input: NetworkIn = json_body(&bytes)?;
    let relation = relation(&input)?;
    let id = state
        .store
        .change(async |tx| {
            tx.add_network_member(&p.actor(), &grant.family_id, &input.details(relation))
                .await
        })
        .await?;
    Ok(Created::answer(id))
}

pub async fn correct_network(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, network_member)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<StatusCode, ApiError> {
    let p = ctx.caller()?;
    let input: NetworkCorrection = json_body(&bytes)?;
    let relation = relation(&input.details)?;
    if input.reason.trim().is_empty() {
        return Err(ApiError::invalid(&[(
            "reason",
            "required",
            "Geef de reden van de correctie.",
        )]));
    }
    let corrected = state
        .store
        .change(async |tx| {
            tx.correct_network_member(
                &p.actor(),
                &grant.family_id,
                &network_member,
                &input.details.details(relation),
                &input.reason,
            )
            .await
        })
        .await;
    match corrected {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::NotFound(_)) => Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen huidig netwerklid met dit id",
        )
        .into()),
        Err(e) => Err(e.into()),
    }
}
