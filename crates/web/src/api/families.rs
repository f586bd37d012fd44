//! What the API modules not yet moved into `flows/` used from the family API. The family
//! flow lives in `flows/family`; this goes when the last of them has moved.

// Helpers return the ready error response for an early `return`; it is built once per
// request, so its size does not matter.
#![allow(clippy::result_large_err)]

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use eenplan_store::{Principal, StoreError};

use crate::Problem;
use crate::auth::Visitor;

/// What a store error becomes in the API when the handler has no better answer: an id
/// in the path that names nothing (or nothing in this file) is a 404, never a 500.
pub(super) fn internal(e: &StoreError) -> Response {
    if let StoreError::NotFound(_) = e {
        return Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden").into_response();
    }
    if let Some(r) = crate::pages::errors::text_refused(e, true, &HeaderMap::new()) {
        return r;
    }
    tracing::error!(error = %e, "family API failed on the database");
    crate::pages::errors::internal(true, &HeaderMap::new())
}

pub(super) fn invalid(params: &[(&str, &str, &str)]) -> Response {
    params
        .iter()
        .fold(
            Problem::new(
                StatusCode::BAD_REQUEST,
                "invalid-params",
                "Ongeldige invoer",
            ),
            |p, (name, code, reason)| p.invalid_param(name, code, reason),
        )
        .into_response()
}

pub(super) fn body<T: serde::de::DeserializeOwned>(bytes: &Bytes) -> Result<T, Response> {
    serde_json::from_slice(bytes).map_err(|e| {
        Problem::new(StatusCode::BAD_REQUEST, "invalid-json", "Ongeldige JSON")
            .detail(format!(
                "De body is geen geldig JSON-object voor deze operatie: {e}"
            ))
            .into_response()
    })
}

pub(super) fn who(visitor: &Visitor) -> Result<&Principal, Response> {
    visitor
        .principal
        .as_ref()
        .ok_or_else(|| StatusCode::UNAUTHORIZED.into_response())
}
