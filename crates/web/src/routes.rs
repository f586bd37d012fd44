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
    ]
    .into_iter()
    .flatten()
    .map(Entry::into)
    .collect()
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
