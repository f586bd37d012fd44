//! Reading one file.

use axum::Extension;
use axum::Json;
use axum::extract::State;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::DataCategory;
use serde_json::json;

use super::family_json;
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::kit::ApiError;

pub async fn read(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, ApiError> {
    Ok(
        match async { state.store.read().await?.family(&grant.family_id).await }.await {
            Ok(Some(f)) => {
                let mut body = family_json(&f);
                if !grant.sees(DataCategory::Network) {
                    body["network"] = json!([]);
                }
                Json(body).into_response()
            }
            Ok(None) => StatusCode::NOT_FOUND.into_response(),
            Err(e) => return Err(e.into()),
        },
    )
}
