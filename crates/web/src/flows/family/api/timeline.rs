//! The timeline from the journal.

use axum::Extension;
use axum::Json;
use axum::extract::State;

use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::flows::family::schemas::{Timeline, TimelineEvent};
use crate::kit::ApiError;

pub async fn timeline(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Json<Timeline>, ApiError> {
    let entries = state.store.read().await?.timeline(&grant.family_id).await?;
    Ok(Json(Timeline::new(
        entries
            .iter()
            .filter(|e| grant.sees_event(&e.kind))
            .map(TimelineEvent::new),
    )))
}
