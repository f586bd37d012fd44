//! The few pages that exist before sign-in and the web shell arrive.

use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};

use crate::Problem;

pub async fn index() -> Html<&'static str> {
    Html(include_str!("../pages/index.html"))
}

/// Unknown paths: problem+json under the API, a readable page everywhere else.
pub async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden")
            .detail(format!("Er is geen API-bron op {}.", uri.path()))
            .instance(uri.path().to_owned())
            .into_response()
    } else {
        (
            StatusCode::NOT_FOUND,
            Html(include_str!("../pages/not_found.html")),
        )
            .into_response()
    }
}
