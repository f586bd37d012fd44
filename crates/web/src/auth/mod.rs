//! Who is asking: the session behind a cookie (pages) or a bearer token (API), checked
//! against the timeouts on every request; and the per-route policy check.

mod csrf;
pub mod duplicates;
pub mod evu;
pub mod family;
pub mod family_nav;
pub mod family_sign_in;
pub mod portal;
pub mod resume;
pub mod sign_in;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::policy::{Decision, Policy, Who, decide, decide_family};
use eenplan_domain::session::{Liveness, Timeouts, liveness, token_hash, warn_before};
use eenplan_store::{SessionKind, SessionStage, StoreError};

pub use csrf::{ensure_presession_token, guard as csrf_guard};
// The visitor is the kit's (every handler reads it); the guard here puts it in place.
pub use crate::kit::cookies;
pub use crate::kit::ctx::{SessionClock, Surface, Visitor};

use crate::{AppState, Problem};

/// How sessions behave on this server.
#[derive(Debug, Clone, Copy)]
pub struct AuthConfig {
    /// `Secure` cookies (with the `__Host-` prefix). Off only when serving on loopback.
    pub secure_cookies: bool,
    pub timeouts: Timeouts,
}

impl AuthConfig {
    /// A cookie's name: `__Host-` (Secure, this host only, path `/`) when cookies are
    /// secure; browsers refuse that prefix on a plain-HTTP loopback server.
    fn cookie_name(&self, host_name: &'static str) -> &'static str {
        if self.secure_cookies {
            host_name
        } else {
            host_name.trim_start_matches("__Host-")
        }
    }

    pub fn session_cookie(&self) -> &'static str {
        self.cookie_name("__Host-eenplan_session")
    }

    pub fn presession_cookie(&self) -> &'static str {
        self.cookie_name("__Host-eenplan_csrf")
    }
}

/// The form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf";

/// Compares two secrets in a time that does not depend on where they differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 256 random bits, URL-safe: session tokens and CSRF tokens.
pub fn new_token() -> String {
    data_encoding::BASE64URL_NOPAD.encode(&eenplan_store::ids::random_bytes::<32>())
}

pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then(|| token.to_owned())
}

/// Middleware on every route: identifies the visitor. Never refuses; [`enforce`] does.
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    // Assets and the health check are public and personal to no one: no session lookup.
    let path = req.uri().path();
    if path.starts_with("/static/") || path == "/healthz" {
        req.extensions_mut().insert(Visitor::default());
        return next.run(req).await;
    }
    let api = path.starts_with("/api/");
    match visitor_for(&state, req.headers(), api).await {
        Ok(visitor) => {
            req.extensions_mut().insert(visitor);
            next.run(req).await
        }
        Err(e) if e.is_busy() && !api && req.method() == axum::http::Method::POST => {
            // The form's words come back to send again (`resume::busy_form`); the
            // visitor is not known, so the page has no menu.
            tracing::warn!(error = %e, "resolving the session found the database too busy");
            let (parts, body) = req.into_parts();
            let bytes = axum::body::to_bytes(body, csrf::MAX_FORM_BYTES)
                .await
                .unwrap_or_default();
            resume::busy_form(
                &parts.headers,
                &Visitor::default(),
                parts.uri.path(),
                &bytes,
            )
            .unwrap_or_else(|| {
                crate::kit::errors::store_failed(false, &parts.headers, &e, "resolving the session")
            })
        }
        Err(e) => crate::kit::errors::store_failed(api, req.headers(), &e, "resolving the session"),
    }
}

/// Under `/api/` only the `Authorization: Bearer` header counts and the page cookie is
/// ignored: a browser attaches the cookie to any same-site request by itself (another
/// port on the same host is same-site), so a cookie-authenticated API could be driven by
/// a hostile page without the CSRF token the pages demand. Elsewhere only the cookie
/// counts: a page is never opened with an API token.
async fn visitor_for(
    state: &AppState,
    headers: &HeaderMap,
    api: bool,
) -> Result<Visitor, StoreError> {
    let presented = if api {
        bearer(headers).map(|t| (t, SessionKind::Api))
    } else {
        cookies::get(headers, state.auth.session_cookie()).map(|t| (t, SessionKind::Web))
    };
    let Some((token, kind)) = presented else {
        return Ok(Visitor::default());
    };
    let hash = token_hash(&token);
    let mut tx = state.store.read().await?;
    let Some(session) = tx.session(&hash).await? else {
        // Not a professional's: perhaps a family member's (pages only; the API has no
        // family surface).
        drop(tx);
        return match kind {
            SessionKind::Web => family_visitor(state, &hash).await,
            SessionKind::Api => Ok(Visitor::default()),
        };
    };
    // A token only works where it was issued, and only once fully signed in.
    if session.ended || session.kind != kind || session.stage != SessionStage::Active {
        return Ok(Visitor::default());
    }
    let now = UtcTime::now();
    match liveness(
        state.auth.timeouts,
        session.created_at.timestamp(),
        session.last_seen_at.timestamp(),
        now.timestamp(),
    ) {
        Liveness::Alive { .. } => {
            let principal = tx.principal(&session.user_id).await?;
            // The bell's number: one indexed count per page, in the read that finds
            // the session anyway.
            let unread = match (&principal, kind) {
                (Some(p), SessionKind::Web) if p.active => {
                    Some(tx.unread_notifications(&p.user_id).await?)
                }
                _ => None,
            };
            drop(tx);
            let Some(principal) = principal.filter(|p| p.active) else {
                return Ok(Visitor::default());
            };
            let touched = state
                .auth
                .timeouts
                .needs_touch(session.last_seen_at.timestamp(), now.timestamp());
            if touched {
                let mut w = state.store.write().await?;
                w.touch_session(&hash, now).await?;
                w.commit().await?;
            }
            let last_seen = if touched { now } else { session.last_seen_at };
            let clock = (kind == SessionKind::Web).then(|| {
                let timeouts = state.auth.timeouts;
                let ends = (last_seen.timestamp() + timeouts.idle)
                    .min(session.created_at.timestamp() + timeouts.absolute);
                SessionClock {
                    ends_in: ends.duration_since(now.timestamp()).as_secs(),
                    idle: timeouts.idle.as_secs(),
                    warn_before: warn_before(timeouts.idle).as_secs(),
                }
            });
            Ok(Visitor {
                principal: Some(principal),
                session: Some(session),
                expired: false,
                emergency_until: None,
                clock,
                unread,
                family: None,
                family_session: None,
            })
        }
        ended @ (Liveness::IdleExpired | Liveness::AbsoluteExpired) => {
            drop(tx);
            let reason = if ended == Liveness::IdleExpired {
                "idle_timeout"
            } else {
                "absolute_timeout"
            };
            let mut w = state.store.write().await?;
            w.end_session(&session, reason).await?;
            w.commit().await?;
            Ok(Visitor {
                expired: true,
                ..Visitor::default()
            })
        }
    }
}

/// The visitor behind a family account's session: the same timeouts as a
/// professional's, a principal of its own kind.
async fn family_visitor(state: &AppState, hash: &str) -> Result<Visitor, StoreError> {
    let mut tx = state.store.read().await?;
    let Some(session) = tx.family_session(hash).await? else {
        return Ok(Visitor::default());
    };
    if session.ended || session.stage != eenplan_store::FamilyStage::Active {
        return Ok(Visitor::default());
    }
    let now = UtcTime::now();
    match liveness(
        state.auth.timeouts,
        session.created_at.timestamp(),
        session.last_seen_at.timestamp(),
        now.timestamp(),
    ) {
        Liveness::Alive { .. } => {
            let principal = tx.family_principal(&session.account_id).await?;
            drop(tx);
            let Some(principal) = principal else {
                return Ok(Visitor::default());
            };
            let touched = state
                .auth
                .timeouts
                .needs_touch(session.last_seen_at.timestamp(), now.timestamp());
            if touched {
                let mut w = state.store.write().await?;
                w.touch_family_session(hash, now).await?;
                w.commit().await?;
            }
            // No idle warning on the family's pages yet: extending a session is a
            // professional's route (a follow-up gives the family its own).
            Ok(Visitor {
                family: Some(principal),
                family_session: Some(session),
                ..Visitor::default()
            })
        }
        ended @ (Liveness::IdleExpired | Liveness::AbsoluteExpired) => {
            drop(tx);
            let reason = if ended == Liveness::IdleExpired {
                "idle_timeout"
            } else {
                "absolute_timeout"
            };
            let mut w = state.store.write().await?;
            w.end_family_session(&session, reason).await?;
            w.commit().await?;
            Ok(Visitor {
                expired: true,
                ..Visitor::default()
            })
        }
    }
}

/// Signs the visitor out, page or API: their session, if any, ends in its own
/// transaction.
pub async fn sign_out(ctx: &crate::kit::Ctx) -> Result<(), StoreError> {
    if let Some(family) = &ctx.visitor.family_session {
        let mut tx = ctx.store().write().await?;
        tx.end_family_session(family, "signed_out").await?;
        return tx.commit().await;
    }
    let Some(session) = &ctx.visitor.session else {
        return Ok(());
    };
    let mut tx = ctx.store().write().await?;
    tx.end_session(session, "signed_out").await?;
    tx.commit().await
}

/// The visitor [`resolve`] put in the request (for middleware, which has no `Ctx`).
pub(crate) fn visitor_of(req: &Request) -> Visitor {
    req.extensions()
        .get::<Visitor>()
        .cloned()
        .unwrap_or_default()
}

/// What an account that must first choose its own password may still reach: that page,
/// signing out, and keeping the session alive while typing it.
const PASSWORD_CHANGE_ROUTES: &[&str] =
    &["/aanmelden/wachtwoord", "/afmelden", "/sessie/verlengen"];

/// The API's answer until the account's holder has chosen their own password.
pub fn password_change_problem() -> Response {
    Problem::said(StatusCode::FORBIDDEN, "password-change-required", |t| {
        t.password_change
    })
    .detail_said(|t| t.password_change_detail)
    .into_response()
}

/// Per-route middleware: applies the route's declared [`Policy`].
pub async fn enforce(
    State((policy, surface)): State<(Policy, Surface)>,
    req: Request,
    next: Next,
) -> Response {
    let visitor = visitor_of(&req);
    // A family member is a principal of its own kind: no professional's policy
    // applies to them, and the family's pages send the signed-out to their own door.
    if visitor.family.is_some() {
        return match (decide_family(policy), surface) {
            (Decision::Allow, _) => next.run(req).await,
            (_, Surface::Api) => {
                Problem::said(StatusCode::FORBIDDEN, "forbidden", |t| t.forbidden_role)
                    .into_response()
            }
            (_, Surface::Page) => crate::kit::errors::forbidden(req.headers(), &visitor),
        };
    }
    if policy == Policy::FamilyMember && visitor.principal.is_none() {
        let target = if visitor.expired {
            "/gezin/aanmelden?verlopen=1"
        } else {
            "/gezin/aanmelden"
        };
        return match surface {
            Surface::Page => Redirect::to(target).into_response(),
            Surface::Api => {
                Problem::said(StatusCode::UNAUTHORIZED, "unauthorized", |t| t.unauthorized)
                    .into_response()
            }
        };
    }
    let who = visitor.principal.as_ref().map(|p| Who {
        roles: &p.roles,
        organisation: p.organisation_kind,
    });
    let must_change_password = policy != Policy::Public
        && visitor
            .principal
            .as_ref()
            .is_some_and(|p| p.must_change_password)
        && !PASSWORD_CHANGE_ROUTES.contains(&req.uri().path());
    match (decide(policy, who), surface) {
        (Decision::Allow, Surface::Page) if must_change_password => {
            Redirect::to("/aanmelden/wachtwoord").into_response()
        }
        (Decision::Allow, Surface::Api) if must_change_password => password_change_problem(),
        (Decision::Allow, _) => next.run(req).await,
        (Decision::SignInFirst, Surface::Api) => {
            let problem =
                Problem::said(StatusCode::UNAUTHORIZED, "unauthorized", |t| t.unauthorized)
                    .detail_said(|t| t.unauthorized_detail);
            let mut response = problem.into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
            response
        }
        (Decision::SignInFirst, Surface::Page) => {
            let target = if visitor.expired {
                "/aanmelden?verlopen=1"
            } else {
                "/aanmelden"
            };
            Redirect::to(target).into_response()
        }
        (Decision::Forbidden, Surface::Api) => {
            Problem::said(StatusCode::FORBIDDEN, "forbidden", |t| t.forbidden_role).into_response()
        }
        (Decision::Forbidden, Surface::Page) => {
            crate::kit::errors::forbidden(req.headers(), &visitor)
        }
    }
}
