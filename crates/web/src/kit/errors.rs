//! Error pages (HTML) and their API counterparts (problem+json).

use askama::Template;
use axum::Extension;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::kit::error::ErrorMessage;
use crate::kit::problem::{Problem, Said, said};
use crate::kit::render::{Shell, render};
use crate::kit::visitor::Visitor;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    shell: Shell,
    heading: &'static str,
    message: &'static str,
}

fn page(
    status: StatusCode,
    headers: &HeaderMap,
    visitor: &Visitor,
    message: fn(&'static crate::kit::i18n::Texts) -> &'static str,
) -> Response {
    let shell = Shell::new(headers, visitor, "/");
    let heading = shell.t.error_title;
    let message = message(shell.t);
    render(
        status,
        &ErrorPage {
            shell,
            heading,
            message,
        },
    )
}

pub fn forbidden(headers: &HeaderMap, visitor: &Visitor) -> Response {
    page(StatusCode::FORBIDDEN, headers, visitor, |t| {
        t.error_forbidden
    })
}

pub fn csrf(headers: &HeaderMap) -> Response {
    page(StatusCode::FORBIDDEN, headers, &Visitor::default(), |t| {
        t.error_csrf
    })
}

/// A form field held text no field accepts (see `crate::input`).
pub fn invalid_text(headers: &HeaderMap, visitor: &Visitor) -> Response {
    page(StatusCode::UNPROCESSABLE_ENTITY, headers, visitor, |t| {
        t.error_invalid_text
    })
}

/// A database failure in a layer before the handler (the session lookup, the CSRF
/// check, the access check), which the error shaping does not reach: too busy is a 503
/// to retry, anything else is logged as `doing` failed and a 500. Handlers get the same
/// through `From<StoreError>`.
pub fn store_failed(
    api: bool,
    headers: &HeaderMap,
    e: &eenplan_store::StoreError,
    doing: &'static str,
) -> Response {
    if !e.is_busy() {
        tracing::error!(error = %e, doing, "a request failed on the database");
        return internal(api, headers);
    }
    tracing::warn!(error = %e, doing, "a request found the database too busy");
    if api {
        return crate::kit::error::ApiError::busy().into_response();
    }
    let mut page = page(
        StatusCode::SERVICE_UNAVAILABLE,
        headers,
        &Visitor::default(),
        |t| t.error_busy,
    );
    page.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        crate::kit::error::BUSY_RETRY_AFTER,
    );
    page
}

pub fn internal(api: bool, headers: &HeaderMap) -> Response {
    if api {
        return crate::kit::error::ApiError::internal().into_response();
    }
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        headers,
        &Visitor::default(),
        |t| t.error_internal,
    )
}

/// An unknown path, or an unknown id in a path.
pub fn not_found_page(headers: &HeaderMap, visitor: &Visitor, path: &str) -> Response {
    let shell = Shell::new(headers, visitor, path);
    let (heading, message) = (shell.t.not_found_title, shell.t.error_not_found);
    render(
        StatusCode::NOT_FOUND,
        &ErrorPage {
            shell,
            heading,
            message,
        },
    )
}

/// An error page for any status, in the visitor's language: what the error shaping in
/// [`crate::framing`] puts in place of a response that is not already a page.
pub fn for_status(
    status: StatusCode,
    headers: &HeaderMap,
    visitor: &Visitor,
    path: &str,
    message: Option<ErrorMessage>,
) -> Response {
    if let Some(ErrorMessage(message)) = message {
        return page(status, headers, visitor, message);
    }
    match status {
        StatusCode::NOT_FOUND => not_found_page(headers, visitor, path),
        StatusCode::FORBIDDEN => forbidden(headers, visitor),
        StatusCode::METHOD_NOT_ALLOWED => page(status, headers, visitor, |t| t.error_method),
        StatusCode::PAYLOAD_TOO_LARGE => page(status, headers, visitor, |t| t.error_too_large),
        StatusCode::URI_TOO_LONG => page(status, headers, visitor, |t| t.error_uri_too_long),
        StatusCode::REQUEST_TIMEOUT => page(status, headers, visitor, |t| t.error_timeout),
        s if s.is_server_error() => page(status, headers, visitor, |t| t.error_internal),
        _ => page(status, headers, visitor, |t| t.error_bad_request),
    }
}

/// The problem for a status that reached the API's edge without one (an extractor's or
/// the router's own answer).
pub fn problem_for(status: StatusCode, path: &str) -> Problem {
    let (kind, title, detail): (&str, Said, Said) = match status {
        StatusCode::NOT_FOUND => ("not-found", |t| t.not_found, |t| t.not_found_api),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method-not-allowed",
            |t| t.method_not_allowed,
            |t| t.method_not_allowed_detail,
        ),
        StatusCode::PAYLOAD_TOO_LARGE => {
            ("payload-too-large", |t| t.too_large, |t| t.too_large_detail)
        }
        StatusCode::URI_TOO_LONG => (
            "uri-too-long",
            |t| t.uri_too_long,
            |t| t.uri_too_long_detail,
        ),
        StatusCode::REQUEST_TIMEOUT => ("request-timeout", |t| t.timeout, |t| t.timeout_detail),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported-media-type",
            |t| t.json_only,
            |t| t.json_only_detail,
        ),
        s if s.is_server_error() => ("internal", |t| t.internal, |t| t.internal_detail),
        _ => ("bad-request", |t| t.bad_request, |t| t.bad_request_detail),
    };
    let problem = Problem::said(status, kind, title).detail_said(detail);
    if status == StatusCode::URI_TOO_LONG {
        problem
    } else {
        problem.instance(path.to_owned())
    }
}

/// Unknown paths: problem+json under the API, a readable page everywhere else.
pub async fn not_found(
    uri: Uri,
    headers: HeaderMap,
    visitor: Option<Extension<Visitor>>,
) -> Response {
    if uri.path().starts_with("/api/") {
        return Problem::said(StatusCode::NOT_FOUND, "not-found", |t| t.not_found)
            .detail_in(said(|t| t.not_found_at, &[("path", uri.path())]))
            .instance(uri.path().to_owned())
            .into_response();
    }
    let visitor = visitor.map(|Extension(v)| v).unwrap_or_default();
    not_found_page(&headers, &visitor, uri.path())
}
