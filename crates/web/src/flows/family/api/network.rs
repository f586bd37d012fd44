//! The network: adding and correcting its members.

use crate::kit::Ctx;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::NetworkRelation;
use eenplan_store::StoreError;
use serde::Deserialize;
use serde_json::json;

use crate::auth::family::FamilyGrant;
use crate::kit::ApiError;
use crate::kit::extract::json_body;
use crate::{AppState, Problem};

#[derive(Debug, Deserialize)]
struct NetworkIn {
    #[serde(default)]
    name: String,
    relation: String,
    #[serde(default)]
    safety_role: String,
    #[serde(default)]
    contact: String,
}

impl NetworkIn {
    fn details(&self, relation: NetworkRelation) -> eenplan_store::NetworkDetails {
        eenplan_store::NetworkDetails {
            name: self.name.clone(),
            relation,
            safety_role: self.safety_role.clone(),
            contact: self.contact.clone(),
        }
    }

    /// The relation, or the problem naming what to send.
    fn relation(&self) -> Result<NetworkRelation, ApiError> {
        let relation = self.relation.parse::<NetworkRelation>().map_err(|_| {
            ApiError::invalid(&[(
                "relation",
                "enum",
                "Gebruik family, friend, neighbour of other.",
            )])
        })?;
        if self.name.trim().is_empty() {
            return Err(ApiError::invalid(&[(
                "name",
                "required",
                "Vul een naam in.",
            )]));
        }
        Ok(relation)
    }
}

pub async fn add_network(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: NetworkIn = json_body(&bytes)?;
    let relation = input.relation()?;
    let added = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .add_network_member(&p.actor(), &grant.family_id, &input.details(relation))
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    Ok(match added.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(e) => return Err(e.into()),
    })
}

#[derive(Debug, Deserialize)]
struct NetworkCorrectionIn {
    #[serde(flatten)]
    details: NetworkIn,
    #[serde(default)]
    reason: String,
}

pub async fn correct_network(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, network_member)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: NetworkCorrectionIn = json_body(&bytes)?;
    let relation = input.details.relation()?;
    if input.reason.trim().is_empty() {
        return Ok(
            ApiError::invalid(&[("reason", "required", "Geef de reden van de correctie.")])
                .into_response(),
        );
    }
    let corrected = async {
        let mut tx = state.store.write().await?;
        tx.correct_network_member(
            &p.actor(),
            &grant.family_id,
            &network_member,
            &input.details.details(relation),
            &input.reason,
        )
        .await?;
        tx.commit().await
    };
    Ok(match corrected.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(StoreError::NotFound(_)) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen huidig netwerklid met dit id",
        )
        .into_response(),
        Err(e) => return Err(e.into()),
    })
}
