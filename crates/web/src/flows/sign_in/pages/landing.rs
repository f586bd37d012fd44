//! The front door for a visitor not signed in, and the language switch every page links to.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::flows::sign_in::texts::{SignInTexts, sign_in as texts};
use crate::kit::texts::LANG_COOKIE;
use crate::kit::{Ctx, Shell, render};

#[derive(Template)]
#[template(path = "sign_in/landing.html")]
struct Landing {
    shell: Shell,
    x: &'static SignInTexts,
}

pub async fn landing(ctx: Ctx) -> Response {
    if ctx.visitor.principal.is_some() {
        return Redirect::to("/start").into_response();
    }
    render(
        StatusCode::OK,
        &Landing {
            shell: ctx.shell("/"),
            x: texts(ctx.lang),
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    terug: Option<String>,
}

/// A return path this site may redirect to: a path on this site and nothing else. It
/// starts with a single `/` (`//host` and `/\\host` are other hosts to a browser, which
/// reads a backslash as a slash) and has no control characters (a line break would split
/// the `Location` header; browsers drop tabs and line breaks inside URLs, so `/\t/host`
/// would become `//host`).
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
}

/// Switches the language and goes back where the visitor was (only to a path on this
/// site, never to another host).
pub async fn switch_language(Path(code): Path<String>, Query(q): Query<LangQuery>) -> Response {
    let lang = if code == "en" { "en" } else { "nl" };
    let back = q
        .terug
        .filter(|p| is_local_path(p))
        .unwrap_or_else(|| "/".to_owned());
    let mut response = Redirect::to(&back).into_response();
    // Not HttpOnly-sensitive, but no script needs it either; one year.
    if let Ok(v) = header::HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={lang}; Path=/; SameSite=Strict; HttpOnly; Max-Age=31536000"
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}
