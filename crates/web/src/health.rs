use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::{AppState, Problem};

/// What the health check answers when all is well.
#[derive(Debug, Serialize)]
struct Health {
    database: &'static str,
    status: &'static str,
}

/// For load balancers and monitoring: 200 only when the database answers.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => Json(Health {
            status: "ok",
            database: "ok",
        })
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            Problem::said(
                StatusCode::SERVICE_UNAVAILABLE,
                "database-unavailable",
                |t| t.database_unavailable,
            )
            .detail_said(|t| t.database_unavailable_detail)
            .into_response()
        }
    }
}
