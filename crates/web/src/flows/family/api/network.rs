//! The network: adding and correcting its members.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::family::NetworkRelation;
use eenplan_store::{NetworkDetails, StoreError};

use crate::auth::family::FamilyCtx;
use crate::extract::Path;
use crate::flows::family::schemas::{NetworkCorrection, NewNetworkMember as NetworkIn};
use crate::kit::body::Created;
use crate::kit::extract::Body;
use crate::kit::respond::{not_found, required};
use crate::kit::{ApiError, fields};

/// The network member as the body describes them, or the problem naming what to send.
fn details(input: &NetworkIn) -> Result<NetworkDetails, ApiError> {
    let relation: NetworkRelation = fields::code("relation", &input.relation)?;
    required(
        "name",
        &input.name,
        super::FamilyApiTexts::both(|t| t.give_name),
    )?;
    Ok(input.details(relation))
}

pub async fn add_network(
    fam: FamilyCtx,
    Body(input): Body<NetworkIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let details = details(&input)?;
    let added = fam.write(ApiError::from, async |tx, by| {
        tx.add_network_member(&by.actor, by.family, &details).await
    });
    Ok(Created::answer(added.await?))
}

pub async fn correct_network(
    fam: FamilyCtx,
    Path((_, network_member)): Path<(String, String)>,
    Body(input): Body<NetworkCorrection>,
) -> Result<StatusCode, ApiError> {
    let details = details(&input.details)?;
    let reason = required(
        "reason",
        &input.reason,
        super::FamilyApiTexts::both(|t| t.give_correction_reason),
    )?;
    let refused = |e| match e {
        StoreError::NotFound(_) => not_found(super::FamilyApiTexts::both(|t| t.no_network_member)),
        e => e.into(),
    };
    fam.write(refused, async |tx, by| {
        tx.correct_network_member(&by.actor, by.family, &network_member, &details, reason)
            .await
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
