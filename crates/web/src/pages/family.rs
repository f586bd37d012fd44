//! What the pages not yet moved into `flows/` used from the family pages. The family
//! flow lives in `flows/family`; this goes when the last of them has moved.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_store::{Principal, StoreError};

use super::errors;
use crate::auth::Visitor;
pub(super) use crate::kit::dates::today;
pub(super) use crate::kit::form::{label_of, optional_date};

/// What a store error becomes on a page when the handler has no better place for it: an
/// id in the path that names nothing (or nothing in this file) is a 404, never a 500.
pub(super) fn failed(e: &StoreError, headers: &HeaderMap) -> Response {
    if let StoreError::NotFound(_) = e {
        return errors::for_status(
            StatusCode::NOT_FOUND,
            headers,
            &Visitor::default(),
            "/",
            None,
        );
    }
    if let Some(r) = errors::text_refused(e, false, headers) {
        return r;
    }
    tracing::error!(error = %e, "family page failed on the database");
    errors::internal(false, headers)
}

pub(super) fn principal(visitor: &Visitor) -> Option<&Principal> {
    visitor.principal.as_ref()
}

pub(super) fn back(family_id: &str) -> Response {
    Redirect::to(&format!("/gezinnen/{family_id}")).into_response()
}
