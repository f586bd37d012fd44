//! The timeline from the journal.

use axum::Json;

use crate::auth::family::FamilyCtx;
use crate::flows::family::schemas::{Timeline, TimelineEvent};
use crate::kit::ApiError;

pub async fn timeline(fam: FamilyCtx) -> Result<Json<Timeline>, ApiError> {
    let entries = fam.store().read().await?.timeline(fam.family_id()).await?;
    Ok(Json(Timeline::new(
        entries
            .iter()
            .filter(|e| fam.grant.sees_event(&e.kind))
            .map(TimelineEvent::new),
    )))
}
