//! The timeline from the journal.

use axum::Json;

use crate::auth::family::FamilyCtx;
use crate::flows::family::schemas::{Timeline, TimelineEvent};
use crate::kit::ApiError;

pub async fn timeline(fam: FamilyCtx) -> Result<Json<Timeline>, ApiError> {
    let entries = fam
        .read(async |tx, family| tx.timeline(family).await)
        .await?;
    Ok(Json(Timeline::new(
        entries
            .iter()
            .filter(|e| fam.grant.sees_event(&e.kind))
            .map(TimelineEvent::new),
    )))
}
