//! Error pages (HTML) and their API counterparts (problem+json).

use askama::Template;
use axum::Extension;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::kit::error::ErrorMessage;
use crate::kit::problem::Problem;
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
    let (kind, title, detail) = match status {
        StatusCode::NOT_FOUND => ("not-found", "Niet gevonden", "Er is hier geen API-bron."),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method-not-allowed",
            "Methode niet toegestaan",
            "Deze bron kent deze HTTP-methode niet; zie de Allow-header.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload-too-large",
            "Body te groot",
            "De body is groter dan deze bron aanneemt.",
        ),
        StatusCode::URI_TOO_LONG => (
            "uri-too-long",
            "URI te lang",
            "Het pad met de query is te lang; maak de zoekvraag korter.",
        ),
        StatusCode::REQUEST_TIMEOUT => (
            "request-timeout",
            "Body te traag",
            "De body kwam niet op tijd binnen; stuur de aanvraag opnieuw.",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported-media-type",
            "Alleen JSON",
            "Stuur de body als Content-Type: application/json.",
        ),
        s if s.is_server_error() => (
            "internal",
            "Interne fout",
            "Er ging iets mis aan onze kant; probeer het later opnieuw.",
        ),
        _ => (
            "bad-request",
            "Ongeldige aanvraag",
            "De aanvraag is onvolledig of klopt niet; zie het OpenAPI-document.",
        ),
    };
    let problem = Problem::new(status, kind, title).detail(detail);
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
        return Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden")
            .detail(format!("Er is geen API-bron op {}.", uri.path()))
            .instance(uri.path().to_owned())
            .into_response();
    }
    let visitor = visitor.map(|Extension(v)| v).unwrap_or_default();
    not_found_page(&headers, &visitor, uri.path())
}
