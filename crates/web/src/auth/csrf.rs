//! CSRF protection for every state-changing request a browser can send with cookies.
//!
//! Signed in (or half-way through signing in), the token is bound to the session
//! (synchroniser token). Before that, a random cookie must match the form field
//! (double submit; the cookie is `__Host-` prefixed, HttpOnly and SameSite=Strict).
//! The API is exempt: it authenticates with a bearer token only, which a browser never
//! attaches by itself, and ignores the session cookie (see `auth::resolve`).

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;
use eenplan_domain::session::token_hash;

use super::{AuthConfig, CSRF_FIELD as FIELD, constant_time_eq, cookies, new_token};
use crate::AppState;

/// The largest form body a page sends. Derived from the text rule, not guessed: the plan
/// form holds six free-text fields of up to 20,000 characters, and an accented letter is
/// six bytes once form-encoded, so a plan within the rules is about 720 KB. Anything
/// larger is answered with 413, never mistaken for a forged form.
pub(super) const MAX_FORM_BYTES: usize = 1024 * 1024;
pub const HEADER: &str = "x-csrf-token";

pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    // A document upload form may be as large as a document.
    let limit = crate::input::body_limit(req.method(), req.uri().path(), &state.documents)
        .max(MAX_FORM_BYTES);
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return crate::kit::errors::for_status(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            &parts.headers,
            &super::Visitor::default(),
            "/",
            None,
        );
    };
    let submitted = parts
        .headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| form_field(&bytes, FIELD))
        .or_else(|| {
            crate::kit::multipart::parse(&parts.headers, &bytes)
                .and_then(|m| m.part(FIELD).map(|_| m.text(FIELD)))
        });
    let expected = match expected_token(&state, &parts.headers).await {
        Ok(t) => t,
        Err(e) => {
            return crate::kit::errors::store_failed(
                false,
                &parts.headers,
                &e,
                "reading the session for the CSRF check",
            );
        }
    };
    match (submitted, expected) {
        (Some(s), Some(e)) if !e.is_empty() && constant_time_eq(s.as_bytes(), e.as_bytes()) => {
            let visitor = parts
                .extensions
                .get::<super::Visitor>()
                .cloned()
                .unwrap_or_default();
            let (headers, path) = (parts.headers.clone(), parts.uri.path().to_owned());
            let response = next
                .run(Request::from_parts(parts, Body::from(bytes.clone())))
                .await;
            super::resume::offer_again_if_busy(response, &headers, &visitor, &path, &bytes)
        }
        (submitted, _) => {
            let path = parts.uri.path();
            match super::resume::keep_if_expired(
                &state,
                &parts.headers,
                path,
                submitted.as_deref(),
                &bytes,
            )
            .await
            {
                Ok(Some(kept)) => kept,
                Ok(None) => crate::kit::errors::csrf(&parts.headers),
                Err(e) => crate::kit::errors::store_failed(
                    false,
                    &parts.headers,
                    &e,
                    "keeping a form after its session ended",
                ),
            }
        }
    }
}

async fn expected_token(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<String>, eenplan_store::StoreError> {
    if let Some(token) = cookies::get(headers, state.auth.session_cookie()) {
        let mut tx = state.store.read().await?;
        let hash = token_hash(&token);
        if let Some(session) = tx.session(&hash).await?
            && !session.ended
        {
            return Ok(Some(session.csrf_token));
        }
        // A family account's session rides the same cookie (issue 17 §1).
        if let Some(session) = tx.family_session(&hash).await?
            && !session.ended
        {
            return Ok(Some(session.csrf_token));
        }
    }
    Ok(cookies::get(headers, state.auth.presession_cookie()))
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// For forms shown before sign-in: the visitor's pre-session token, and the cookie to
/// set when there was none yet.
pub fn ensure_presession_token(
    auth: &AuthConfig,
    headers: &HeaderMap,
) -> (String, Option<axum::http::HeaderValue>) {
    match cookies::get(headers, auth.presession_cookie()).filter(|t| t.len() >= 32) {
        Some(token) => (token, None),
        None => {
            let token = new_token();
            let cookie = cookies::set(auth.presession_cookie(), &token, auth.secure_cookies);
            (token, Some(cookie))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_and_form_parsing() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert_eq!(
            form_field(b"email=a%40b.nl&csrf=x%2By", "csrf").as_deref(),
            Some("x+y")
        );
        assert_eq!(form_field(b"email=a", "csrf"), None);
    }
}
