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
    required("name", &input.name, "Vul een naam in.")?;
    Ok(input.details(relation))
}

pub async fn add_network(
    fam: FamilyCtx,
    Body(input): Body<NetworkIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let p = fam.caller()?;
    let details = details(&input)?;
    let id = fam
        .store()
        .change(async |tx| {
            tx.add_network_member(&p.actor(), fam.family_id(), &details)
                .await
        })
        .await?;
    Ok(Created::answer(id))
}

pub async fn correct_network(
    fam: FamilyCtx,
    Path((_, network_member)): Path<(String, String)>,
    Body(input): Body<NetworkCorrection>,
) -> Result<StatusCode, ApiError> {
    let p = fam.caller()?;
    let details = details(&input.details)?;
    let reason = required("reason", &input.reason, "Geef de reden van de correctie.")?;
    fam.store()
        .change(async |tx| {
            tx.correct_network_member(
                &p.actor(),
                fam.family_id(),
                &network_member,
                &details,
                reason,
            )
            .await
        })
        .await
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(|e| match e {
            StoreError::NotFound(_) => not_found("Geen huidig netwerklid met dit id"),
            e => e.into(),
        })
}
