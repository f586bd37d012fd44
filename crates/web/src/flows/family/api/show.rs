//! Reading one file.

use axum::Extension;
use axum::Json;
use axum::extract::State;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::DataCategory;

use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::flows::family::schemas::Family;
use crate::kit::ApiError;

pub async fn read(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, ApiError> {
    let found = state.store.read().await?.family(&grant.family_id).await?;
    match found {
        Some(f) => {
            let mut body = Family::from(&f);
            if !grant.sees(DataCategory::Network) {
                body.network.clear();
            }
            Ok(Json(body).into_response())
        }
        None => Ok(StatusCode::NOT_FOUND.into_response()),
    }
}
