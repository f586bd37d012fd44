//! HTTP framing for hostile clients: what the API accepts as a body, how long a URI may
//! be, that no dynamic response is cached, and that every error has its surface's shape
//! (problem+json under `/api/`, an HTML page in the visitor's language elsewhere), also
//! when axum or an extractor answered before a handler could.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::Problem;
use crate::auth::Visitor;
use crate::kit::error::ErrorMessage;
use crate::kit::errors;
use crate::kit::problem::{in_asked_language, said};
use crate::kit::texts::Lang;

/// Longer request targets are refused with 414. Browsers and proxies commonly stop
/// around 8 KiB; nothing eenplan links to comes near it.
pub const MAX_URI_BYTES: usize = 8 * 1024;

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// Outermost: the URI limit and `Cache-Control: no-store` on every response except the
/// static assets (which carry nothing personal and keep their own caching). Pages and
/// API answers alike may carry a file's data or a token; no-store everywhere is simpler
/// to trust than a list of the ones that do.
pub async fn outer(req: Request, next: Next) -> Response {
    let static_asset = req.uri().path().starts_with("/static/");
    let length = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    let mut response = if length > MAX_URI_BYTES {
        let status = StatusCode::URI_TOO_LONG;
        if is_api(req.uri().path()) {
            let lang = Lang::from_accept_language(req.headers());
            in_asked_language(lang, errors::problem_for(status, "").into_response())
        } else {
            errors::for_status(status, req.headers(), &Visitor::default(), "/", None)
        }
    } else {
        next.run(req).await
    };
    if !static_asset {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Innermost of the global layers (the visitor is known): an error response that is not
/// in its surface's shape is replaced by one that is, keeping headers such as `Allow`,
/// `Retry-After` and `WWW-Authenticate`; a problem is said in the language the client
/// asked for.
pub async fn shape_errors(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let headers = req.headers().clone();
    let visitor = req
        .extensions()
        .get::<Visitor>()
        .cloned()
        .unwrap_or_default();
    let response = next.run(req).await;
    let status = response.status();
    // The health check's 503 is for monitors, and already problem+json.
    if !(status.is_client_error() || status.is_server_error()) || path == "/healthz" {
        return response;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let shaped = if is_api(&path) {
        let lang = Lang::from_accept_language(&headers);
        if content_type.starts_with("application/problem+json") {
            return in_asked_language(lang, response);
        }
        in_asked_language(lang, errors::problem_for(status, &path).into_response())
    } else {
        if content_type.starts_with("text/html") {
            return response;
        }
        let message = response.extensions().get::<ErrorMessage>().copied();
        errors::for_status(status, &headers, &visitor, &path, message)
    };
    keep_headers(response.headers(), shaped)
}

fn keep_headers(original: &HeaderMap, mut shaped: Response) -> Response {
    for name in [
        header::ALLOW,
        header::RETRY_AFTER,
        header::WWW_AUTHENTICATE,
        header::ETAG,
    ] {
        if let Some(v) = original.get(&name) {
            shaped.headers_mut().insert(name, v.clone());
        }
    }
    for v in original.get_all(header::SET_COOKIE) {
        shaped.headers_mut().append(header::SET_COOKIE, v.clone());
    }
    shaped
}

/// Per API route: a request that carries a body, or goes to an operation that takes
/// one, must say `Content-Type: application/json` (parameters such as a charset
/// allowed). A browser sends `text/plain`, form and multipart bodies cross-origin
/// without asking first; JSON it only sends after a CORS preflight this server never
/// grants. An upload route (a document) takes `multipart/form-data` there alone; its
/// bearer token still keeps a browser's cross-origin form out.
pub async fn json_only(
    State((takes_body, multipart)): State<(bool, bool)>,
    req: Request,
    next: Next,
) -> Response {
    if multipart && is_multipart(req.headers()) {
        return next.run(req).await;
    }
    if (takes_body || carries_body(req.headers())) && !is_json(req.headers()) {
        return Problem::said(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            |t| t.json_only,
        )
        .detail_said(|t| t.json_only_detail)
        .invalid_param_in(
            "Content-Type",
            "media-type",
            said(|t| t.json_only_reason, &[]),
        )
        .into_response();
    }
    next.run(req).await
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

fn carries_body(headers: &HeaderMap) -> bool {
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    headers.contains_key(header::TRANSFER_ENCODING) || length.is_some_and(|n| n > 0)
}

fn is_json(headers: &HeaderMap) -> bool {
    let mut values = headers.get_all(header::CONTENT_TYPE).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return false;
    };
    value
        .to_str()
        .ok()
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ct(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(
                header::CONTENT_TYPE,
                HeaderValue::from_str(v).unwrap_or_else(|_| HeaderValue::from_static("x")),
            );
        }
        h
    }

    #[test]
    fn only_json_is_json() {
        assert!(is_json(&ct(&["application/json"])));
        assert!(is_json(&ct(&["Application/JSON ; charset=utf-8"])));
        assert!(!is_json(&ct(&[])));
        assert!(!is_json(&ct(&["text/plain"])));
        assert!(!is_json(&ct(&["application/jsonx"])));
        assert!(!is_json(&ct(&["application/problem+json"])));
        assert!(!is_json(&ct(&["application/json", "text/plain"])));
    }
}
