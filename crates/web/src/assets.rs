//! Static files compiled into the binary, so a release runs from one file.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

struct Asset {
    path: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const CSS: &str = "text/css; charset=utf-8";

const ASSETS: &[Asset] = &[
    Asset {
        path: "eenplan.css",
        content_type: CSS,
        body: include_bytes!("../static/eenplan.css"),
    },
    Asset {
        path: "print.css",
        content_type: CSS,
        body: include_bytes!("../static/print.css"),
    },
    Asset {
        path: "vendor/utrecht-components.css",
        content_type: CSS,
        body: include_bytes!("../static/vendor/utrecht-components.css"),
    },
    Asset {
        path: "vendor/utrecht-design-tokens.css",
        content_type: CSS,
        body: include_bytes!("../static/vendor/utrecht-design-tokens.css"),
    },
    Asset {
        path: "vendor/htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/vendor/htmx.min.js"),
    },
    Asset {
        path: "session.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/session.js"),
    },
];

pub async fn serve(Path(path): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.path == path) {
        Some(asset) => {
            let mut response = asset.body.into_response();
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            );
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            response
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
