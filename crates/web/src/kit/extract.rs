//! Query and path extractors for the API whose refusals are problem+json naming the
//! parameter at fault, where axum's own answer plain text.

use std::collections::HashSet;

use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::kit::problem::{Problem, Said, said};

fn invalid(name: &str, code: &str, reason: Said) -> Response {
    Problem::said(StatusCode::BAD_REQUEST, "invalid-params", |t| {
        t.invalid_param
    })
    .invalid_param_in(name, code, said(reason, &[]))
    .into_response()
}

/// The name between backticks in a serde message (`missing field `van``), if any.
fn named_in(message: &str) -> Option<&str> {
    message.split('`').nth(1).filter(|s| !s.is_empty())
}

/// The query string as `T`. A parameter given twice is refused: which of the two a
/// program meant is a guess, and a filter silently taking one is a way around it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.query().unwrap_or("");
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw)
            .map_err(|_| invalid("query", "malformed", |t| t.query_malformed))?;
        let mut seen = HashSet::new();
        if let Some((name, _)) = pairs.iter().find(|(k, _)| !seen.insert(k.as_str())) {
            return Err(invalid(name, "duplicate", |t| t.query_duplicate));
        }
        serde_urlencoded::from_str(raw).map(Query).map_err(|e| {
            let message = e.to_string();
            invalid(named_in(&message).unwrap_or("query"), "invalid", |t| {
                t.query_invalid
            })
        })
    }
}

/// The path parameters as `T`; a malformed one (not a number where one is expected,
/// not UTF-8 after percent-decoding) is a 400 naming the segment.
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => {
                let names: Vec<String> = RawPathParams::from_request_parts(parts, state)
                    .await
                    .map(|p| p.iter().map(|(k, _)| k.to_owned()).collect())
                    .unwrap_or_default();
                let name = match e.kind() {
                    ErrorKind::ParseErrorAtKey { key, .. }
                    | ErrorKind::InvalidUtf8InPathParam { key }
                    | ErrorKind::DeserializeError { key, .. } => key.clone(),
                    ErrorKind::ParseErrorAtIndex { index, .. } => names
                        .get(*index)
                        .cloned()
                        .unwrap_or_else(|| "path".to_owned()),
                    _ => "path".to_owned(),
                };
                Err(invalid(&name, "malformed", |t| t.path_malformed))
            }
            Err(other) => {
                let status = other.status();
                Err(Problem::said(status, "invalid-path", |t| t.invalid_path).into_response())
            }
        }
    }
}

/// A JSON body as `T`, or 400 saying why it is not one. (The router has already refused
/// a body that is not `application/json`.)
pub fn json_body<T: serde::de::DeserializeOwned>(
    bytes: &axum::body::Bytes,
) -> Result<T, crate::kit::error::ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        Problem::said(StatusCode::BAD_REQUEST, "invalid-json", |t| t.invalid_json)
            .detail_in(said(
                |t| t.invalid_json_detail,
                &[("error", &e.to_string())],
            ))
            .into()
    })
}

/// A JSON body as `T`: the extractor form of [`json_body`], so an API handler states
/// its request type in its signature and a malformed body never reaches it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Body<T>(pub T);

impl<T, S> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        json_body(&bytes)
            .map(Body)
            .map_err(IntoResponse::into_response)
    }
}

#[cfg(test)]
mod tests {
    use super::named_in;

    #[test]
    fn names_in_serde_messages() {
        assert_eq!(named_in("missing field `van`"), Some("van"));
        assert_eq!(named_in("invalid digit found in string"), None);
    }
}
