//! Error pages (HTML) and their API counterparts (problem+json).

use askama::Template;
use axum::Extension;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::{Shell, render};
use crate::Problem;
use crate::auth::Visitor;

/// Used when even the error template cannot be rendered.
pub const PLAIN_INTERNAL: &str = "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Fout — eenplan</title></head><body><main><h1>Er ging iets mis</h1><p>Probeer het later opnieuw.</p></main></body></html>";

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
    message: fn(&crate::i18n::Texts) -> &'static str,
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

pub fn internal(api: bool, headers: &HeaderMap) -> Response {
    if api {
        return Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Interne fout",
        )
        .detail("Er ging iets mis aan onze kant; probeer het later opnieuw.")
        .into_response();
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
