//! The timeline from the journal.

use axum::Extension;
use axum::Json;
use axum::extract::State;

use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::kit::ApiError;

pub async fn timeline(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, ApiError> {
    Ok(match async { state.store.read().await?.timeline(&grant.family_id).await }.await {
        Ok(entries) => Json(
            json!({ "events": entries.iter().filter(|e| grant.sees_event(&e.kind)).map(|e| json!({
            "seq": e.seq, "at": e.recorded_at, "kind": e.kind, "actor": e.actor,
            "payload": eenplan_domain::journal::deep::event_data(&e.payload),
        })).collect::<Vec<_>>() }),
        )
        .into_response(),
        Err(e) => return Err(e.into()),
    })
}
