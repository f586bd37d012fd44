//! Every route, with the policy that guards it and, for the API, its documentation.
//! The router and the OpenAPI document are both built from this one table, and the
//! authorization-matrix test walks it: a route cannot exist without a policy.

use axum::http::Method;
use axum::routing::get;
use eenplan_domain::policy::Policy;

use crate::{assets, health};

pub use crate::kit::route::{Access, ApiDoc, Route, Routes};
use crate::kit::route::{api, page};

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
    .collect()
}

/// The routes of no way of working: health, the static files, the API document.
fn platform() -> Routes {
    use Policy::Public;
    vec![
        (page(Method::GET, "/healthz", Public), get(health::healthz)),
        (
            page(Method::GET, "/static/{*path}", Public),
            get(assets::serve),
        ),
        (
            api(
                Method::GET,
                "/api/v1/openapi.json",
                Public,
                ApiDoc {
                    operation_id: "getOpenApi",
                    summary: "Dit OpenAPI-document",
                    request: None,
                    responses: &[(200, "OpenAPI 3-document", None)],
                },
            ),
            get(serve_openapi),
        ),
    ]
}
