//! Static files compiled into the binary, so a release runs from one file, and the
//! theme: the design tokens the pages are drawn with, replaceable per deployment.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;

struct Asset {
    path: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";

/// A file under `static/`, served at its path there.
macro_rules! asset {
    ($path:literal, $content_type:expr) => {
        Asset {
            path: $path,
            content_type: $content_type,
            body: include_bytes!(concat!("../static/", $path)),
        }
    };
}

const ASSETS: &[Asset] = &[
    asset!("eenplan.css", CSS),
    asset!("print.css", CSS),
    asset!("family.css", CSS),
    asset!("plan.css", CSS),
    asset!("evaluation.css", CSS),
    asset!("vendor/utrecht-components.css", CSS),
    asset!("vendor/htmx.min.js", JS),
    asset!("session.js", JS),
];

/// Where the pages load their design tokens from; [`Theme`] decides what it holds.
pub const THEME_PATH: &str = "theme.css";

/// The open NL Design System example tokens (EUPL-1.2), vendored by
/// `scripts/vendor-assets.sh`.
const VOORBEELD_TOKENS: &[u8] = include_bytes!("../static/vendor/voorbeeld-design-tokens.css");
/// eenplan's own choices on top of them (see the file).
const EENPLAN_TOKENS: &[u8] = include_bytes!("../static/eenplan-theme.css");

/// The design tokens served at `/static/theme.css`. By default eenplan's open theme (the
/// voorbeeld tokens with eenplan's own choices); a deployment can serve its own tokens
/// file instead (`--theme-css`), so a municipality can use its house style under its own
/// licence without that licence reaching the binary.
#[derive(Clone, Debug)]
pub struct Theme(Bytes);

impl Default for Theme {
    fn default() -> Self {
        Theme(Bytes::from(
            [VOORBEELD_TOKENS, b"\n", EENPLAN_TOKENS].concat(),
        ))
    }
}

impl Theme {
    /// Reads a deployment's tokens file once, at start: a file that cannot be read
    /// stops the server before it serves pages without their styling.
    pub fn from_file(path: &std::path::Path) -> std::io::Result<Self> {
        let body = std::fs::read(path)?;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the file is empty",
            ));
        }
        Ok(Theme(Bytes::from(body)))
    }

    pub fn css(&self) -> &[u8] {
        &self.0
    }
}

pub async fn serve(State(state): State<AppState>, Path(path): Path<String>) -> Response {
    if path == THEME_PATH {
        return respond(CSS, state.theme.0);
    }
    match ASSETS.iter().find(|a| a.path == path) {
        Some(asset) => respond(asset.content_type, asset.body),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn respond(content_type: &'static str, body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}
