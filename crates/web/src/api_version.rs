//! The NL API Design Rules ask every API answer to name the API's full version in an
//! `API-Version` header (/core/version-header), so a client can tell which version
//! answered without fetching the document. One outer layer sets it for everything under
//! `/api/`, errors included, so no handler can forget it.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The API's full (semantic) version: the OpenAPI document's `info.version` too.
pub const API_VERSION: &str = "1.0.0";

pub async fn header(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut response = next.run(req).await;
    if api {
        response.headers_mut().insert(
            HeaderName::from_static("api-version"),
            HeaderValue::from_static(API_VERSION),
        );
    }
    response
}
