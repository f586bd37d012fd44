use axum::Extension;
use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::auth::Visitor;

/// `GET /api/v1/me`: who the token belongs to.
pub async fn me(Extension(visitor): Extension<Visitor>) -> Response {
    let Some(p) = visitor.principal else {
        return axum::http::StatusCode::UNAUTHORIZED.into_response();
    };
    Json(json!({
        "id": p.user_id,
        "email": p.email,
        "name": p.name,
        "organisation": { "id": p.organisation_id, "slug": p.organisation_slug, "name": p.organisation_name },
        "roles": p.roles.iter().map(|r| r.code()).collect::<Vec<_>>(),
    }))
    .into_response()
}
