//! Every route, with the policy that guards it and, for the API, its documentation.
//! The router and the OpenAPI document are both built from this one table, and the
//! authorization-matrix test walks it: a route cannot exist without a policy.

use eenplan_domain::policy::Policy::Public;

pub use crate::kit::route::{Access, ApiDoc, Route, Routes};
use crate::kit::route::{Entry, get};
use crate::{assets, health};

/// The OpenAPI document of every API route in the table.
pub fn openapi_document() -> serde_json::Value {
    crate::openapi::document(table().iter().map(|(r, _)| r))
}

async fn serve_openapi() -> axum::response::Response {
    use axum::response::IntoResponse;
    axum::Json(openapi_document()).into_response()
}

/// Every route: each way of working's own, chained. Adding a flow adds one line here.
pub fn table() -> Routes {
    [
        platform(),
        crate::flows::crisis::routes(),
        crate::flows::family::routes(),
        crate::flows::family_portal::routes(),
        crate::flows::documents::routes(),
        crate::flows::veilig_thuis::routes(),
        crate::flows::protection_order::routes(),
        crate::flows::joint_assessment::routes(),
        crate::flows::save_guidance::routes(),
        crate::flows::evu::routes(),
        crate::flows::save_on_site::routes(),
        crate::flows::sign_in::routes(),
        crate::flows::privacy::routes(),
        crate::flows::consent::routes(),
        crate::flows::admin::routes(),
        crate::flows::start::routes(),
        crate::flows::notifications::routes(),
        crate::flows::mail_settings::routes(),
        crate::flows::evaluation::routes(),
        crate::flows::complaints::routes(),
        crate::flows::copy_requests::routes(),
        crate::flows::information_requests::routes(),
    ]
    .into_iter()
    .flatten()
    .map(Entry::into)
    .collect()
}

/// Every GET page route (no parameters filled in) with who may open it, as JSON: the
/// browser crawl opens each one, so a new page is crawled without anyone adding it to
/// a list. `policy` is the route's policy as written in the domain; `family` is the
/// need the family guard checks, or null for a page outside any file.
pub fn page_routes_json() -> serde_json::Value {
    let pages: Vec<serde_json::Value> = table()
        .iter()
        .map(|(r, _)| r)
        .filter(|r| r.method == axum::http::Method::GET && r.surface == crate::auth::Surface::Page)
        .filter(|r| {
            !r.path.starts_with("/static/") && !r.path.starts_with("/api/") && r.path != "/healthz"
        })
        .map(|r| {
            serde_json::json!({
                "path": r.path,
                "policy": format!("{:?}", r.policy),
                "family": match r.access {
                    Access::Family(need) => Some(format!("{need:?}")),
                    Access::BreakGlass => Some("BreakGlass".to_owned()),
                    Access::None => None,
                },
            })
        })
        .collect();
    serde_json::Value::Array(pages)
}

/// The routes of no way of working: health, the static files, the API document.
fn platform() -> Vec<Entry> {
    vec![
        get("/healthz", Public, health::healthz),
        get("/static/{*path}", Public, assets::serve),
        get("/api/v1/openapi.json", Public, serve_openapi)
            .doc("getOpenApi", "Dit OpenAPI-document")
            .empty(200, "OpenAPI 3-document"),
    ]
}
