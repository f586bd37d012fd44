//! Typed work survives an expired session.
//!
//! A page form sent after its session timed out is not thrown away: when its CSRF token
//! is the one of the session that just ended (so it came from that person's own page,
//! not from another site), the form is sealed with a fresh random key, kept in the
//! database for [`KEEP_UNSENT_FORM`] under the session's user, and the key goes to the
//! browser in a cookie. After signing in again as the same person, `/hervatten` opens
//! it once (and deletes it) and offers to send it on. A copy of the database alone
//! reveals nothing of what was typed, and nothing of it is ever logged.

use askama::Template;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use data_encoding::BASE64URL_NOPAD;
use eenplan_domain::UtcTime;
use eenplan_domain::session::{KEEP_UNSENT_FORM, token_hash};
use eenplan_store::{SessionKind, SessionStage, StoreError};

use super::{AuthConfig, cookies};
use crate::AppState;
use crate::kit::render::{Shell, render};
use crate::kit::{Ctx, errors};

impl AuthConfig {
    pub fn unsent_form_cookie(&self) -> &'static str {
        self.cookie_name("__Host-eenplan_unsent")
    }
}

/// The form's fields, bound to its author and destination so a sealed form cannot be
/// replayed for someone else or somewhere else.
fn associated(user_id: &str, path: &str) -> Vec<u8> {
    format!("eenplan unsent form v1\n{user_id}\n{path}").into_bytes()
}

/// Each key seals exactly one form, so the all-zero nonce is never reused under a key.
fn cipher(key: &[u8; 32]) -> ChaCha20Poly1305 {
    ChaCha20Poly1305::new(&Key::from(*key))
}

fn seal(fields: &[(String, String)], user_id: &str, path: &str) -> Option<(String, [u8; 32])> {
    let key = eenplan_store::ids::random_bytes::<32>();
    let plain = serde_json::to_vec(fields).ok()?;
    let aad = associated(user_id, path);
    let sealed = cipher(&key)
        .encrypt(
            &Nonce::default(),
            Payload {
                msg: &plain,
                aad: &aad,
            },
        )
        .ok()?;
    Some((BASE64URL_NOPAD.encode(&sealed), key))
}

fn open(sealed: &str, key: &[u8; 32], user_id: &str, path: &str) -> Option<Vec<(String, String)>> {
    let sealed = BASE64URL_NOPAD.decode(sealed.as_bytes()).ok()?;
    let aad = associated(user_id, path);
    let plain = cipher(key)
        .decrypt(
            &Nonce::default(),
            Payload {
                msg: &sealed,
                aad: &aad,
            },
        )
        .ok()?;
    serde_json::from_slice(&plain).ok()
}

/// The cookie's value: the kept form's id and its key.
fn cookie_value(id: &str, key: &[u8; 32]) -> String {
    format!("{id}.{}", BASE64URL_NOPAD.encode(key))
}

fn parse_cookie(value: &str) -> Option<(String, [u8; 32])> {
    let (id, key) = value.split_once('.')?;
    let key: [u8; 32] = BASE64URL_NOPAD
        .decode(key.as_bytes())
        .ok()?
        .try_into()
        .ok()?;
    Some((id.to_owned(), key))
}

/// For an unsafe page request whose CSRF check failed: if it came from the page of a
/// session that has ended, keep what was typed and send the person to sign in again.
/// `None` when the request is not such a form (the ordinary CSRF refusal follows).
pub(super) async fn keep_if_expired(
    state: &AppState,
    headers: &HeaderMap,
    path: &str,
    submitted_csrf: Option<&str>,
    body: &[u8],
) -> Result<Option<Response>, StoreError> {
    let (Some(token), Some(submitted)) = (
        cookies::get(headers, state.auth.session_cookie()),
        submitted_csrf,
    ) else {
        return Ok(None);
    };
    let mut tx = state.store.read().await?;
    let Some(session) = tx.session(&token_hash(&token)).await? else {
        return Ok(None);
    };
    drop(tx);
    let from_its_own_page = session.ended
        && session.kind == SessionKind::Web
        && session.stage == SessionStage::Active
        && super::constant_time_eq(submitted.as_bytes(), session.csrf_token.as_bytes());
    if !from_its_own_page {
        return Ok(None);
    }
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k != super::CSRF_FIELD)
        .collect();
    let mut response = Redirect::to("/aanmelden?verlopen=1").into_response();
    if fields.is_empty() || path.starts_with("/api/") || path == "/afmelden" {
        return Ok(Some(response));
    }
    let Some((sealed, key)) = seal(&fields, session.user_id.as_str(), path) else {
        return Ok(Some(response));
    };
    let mut tx = state.store.write().await?;
    let id = tx
        .keep_unsent_form(&session.user_id, path, &sealed, UtcTime::now())
        .await?;
    tx.commit().await?;
    response = Redirect::to("/aanmelden?verlopen=1&bewaard=1").into_response();
    let cookie = format!(
        "{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}",
        state.auth.unsent_form_cookie(),
        cookie_value(&id, &key),
        KEEP_UNSENT_FORM.as_secs(),
        if state.auth.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(Some(response))
}

/// Where a completed sign-in goes: back to the kept form if there is one.
pub fn after_sign_in(auth: &AuthConfig, headers: &HeaderMap) -> &'static str {
    if cookies::get(headers, auth.unsent_form_cookie()).is_some() {
        "/hervatten"
    } else {
        "/start"
    }
}

#[derive(Template)]
#[template(path = "resume.html")]
struct ResumePage {
    shell: Shell,
    heading: &'static str,
    intro: &'static str,
    send: &'static str,
    /// The token the form is sent with: the session's, or the one the form was
    /// sent with when it comes back from a busy moment.
    csrf: String,
    action: String,
    fields: Vec<(String, String)>,
}

/// `GET /hervatten`: the kept form, once, ready to send on.
pub async fn resume(ctx: Ctx, headers: HeaderMap) -> Response {
    let state = &ctx.state;
    let Some(p) = ctx.visitor.principal.as_ref() else {
        return errors::internal(false, &headers);
    };
    let kept = cookies::get(&headers, state.auth.unsent_form_cookie())
        .as_deref()
        .and_then(parse_cookie);
    let opened = match kept {
        Some((id, key)) => {
            let taken = async {
                let mut tx = state.store.write().await?;
                let form = tx.take_unsent_form(&id, &p.user_id, UtcTime::now()).await?;
                tx.commit().await?;
                Ok::<_, StoreError>(form)
            };
            match taken.await {
                Ok(form) => form.and_then(|f| {
                    open(&f.sealed, &key, p.user_id.as_str(), &f.path)
                        .map(|fields| (f.path, fields))
                }),
                Err(e) => {
                    tracing::error!(error = %e, "taking a kept form failed");
                    return errors::internal(false, &headers);
                }
            }
        }
        None => None,
    };
    let mut response = match opened {
        Some((action, fields)) => {
            let shell = ctx.shell("/hervatten");
            let (s, csrf) = (shell.s, shell.csrf.clone());
            render(
                StatusCode::OK,
                &ResumePage {
                    csrf,
                    shell,
                    heading: s.resume_title,
                    intro: s.resume_intro,
                    send: s.resume_send,
                    action,
                    fields,
                },
            )
        }
        None => Redirect::to("/start").into_response(),
    };
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(state.auth.unsent_form_cookie(), state.auth.secure_cookies),
    );
    response
}

/// A page form the database was too busy to take (a 503, see `StoreError::is_busy`)
/// comes back as a page holding what was typed, with its own CSRF token, to send again
/// in a few seconds: nothing typed is lost to a busy moment. `None` for a form that holds
/// a password (never sent back into a page), a file (multipart cannot ride in hidden
/// fields) or nothing but its token: those get the busy page alone.
pub(super) fn busy_form(
    headers: &HeaderMap,
    visitor: &crate::kit::visitor::Visitor,
    path: &str,
    body: &[u8],
) -> Option<Response> {
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form || path.starts_with("/api/") {
        return None;
    }
    let mut fields: Vec<(String, String)> =
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).ok()?;
    let csrf_at = fields.iter().position(|(k, _)| k == super::CSRF_FIELD)?;
    let (_, csrf) = fields.remove(csrf_at);
    if fields.is_empty() || fields.iter().any(|(k, _)| k.contains("password")) {
        return None;
    }
    let shell = Shell::new(headers, visitor, path);
    let s = shell.s;
    let mut page = render(
        StatusCode::SERVICE_UNAVAILABLE,
        &ResumePage {
            shell,
            heading: s.busy_title,
            intro: s.busy_intro,
            send: s.busy_send,
            csrf,
            action: path.to_owned(),
            fields,
        },
    );
    page.headers_mut()
        .insert(header::RETRY_AFTER, crate::kit::error::BUSY_RETRY_AFTER);
    Some(page)
}

/// A handler's 503 to a page form becomes [`busy_form`] where it can.
pub(super) fn offer_again_if_busy(
    response: Response,
    headers: &HeaderMap,
    visitor: &crate::kit::visitor::Visitor,
    path: &str,
    body: &[u8],
) -> Response {
    if response.status() != StatusCode::SERVICE_UNAVAILABLE {
        return response;
    }
    busy_form(headers, visitor, path, body).unwrap_or(response)
}

/// `POST /sessie/verlengen`: the page's "stay signed in" (WCAG 2.2.1). Reaching this
/// handler through the session check is activity; it is written back at once.
pub async fn extend(ctx: Ctx) -> Response {
    let Some(session) = ctx.visitor.session.as_ref() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let touched = async {
        let mut tx = ctx.store().write().await?;
        tx.touch_session(&session.token_hash, UtcTime::now())
            .await?;
        tx.commit().await
    };
    match touched.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "extending a session failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_form_opens_only_with_its_key_for_its_author_and_destination() {
        let fields = vec![
            ("worries".to_owned(), "Kim heeft schulden\nSam".to_owned()),
            ("scale_who".to_owned(), "Kim".to_owned()),
        ];
        let (sealed, key) = seal(&fields, "user-1", "/gezinnen/f/plan").expect("sealed");
        assert!(!sealed.contains("Kim"));
        assert_eq!(
            open(&sealed, &key, "user-1", "/gezinnen/f/plan"),
            Some(fields)
        );
        assert_eq!(open(&sealed, &key, "user-2", "/gezinnen/f/plan"), None);
        assert_eq!(open(&sealed, &key, "user-1", "/gezinnen/g/plan"), None);
        let mut other = key;
        other[0] ^= 1;
        assert_eq!(open(&sealed, &other, "user-1", "/gezinnen/f/plan"), None);
        let (id, back) = parse_cookie(&cookie_value("abc", &key)).expect("parses");
        assert_eq!((id.as_str(), back), ("abc", key));
    }
}
