//! Reading one file.

use axum::Json;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::DataCategory;

use crate::auth::family::FamilyCtx;
use crate::flows::family::schemas::Family;
use crate::kit::ApiError;

pub async fn read(fam: FamilyCtx) -> Result<Response, ApiError> {
    let found = fam.read(async |tx, family| tx.family(family).await).await?;
    match found {
        Some(f) => {
            let mut body = Family::from(&f);
            if !fam.grant.sees(DataCategory::Network) {
                body.network.clear();
            }
            Ok(Json(body).into_response())
        }
        None => Ok(StatusCode::NOT_FOUND.into_response()),
    }
}
