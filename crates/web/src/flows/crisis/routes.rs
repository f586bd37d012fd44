//! The crisis pages and the crisis-contact operation: public, for anyone.

use axum::http::Method;
use axum::routing::get;
use eenplan_domain::policy::Policy::Public;

use crate::kit::route::{ApiDoc, Routes, api, page};

pub fn routes() -> Routes {
    vec![
        (
            api(
                Method::GET,
                "/api/v1/crisis-contact",
                Public,
                ApiDoc {
                    operation_id: "getCrisisContact",
                    summary: "Wie bel je nu? Spoed- of crisiscontact, zonder aanmelden",
                    request: None,
                    responses: &[
                        (200, "Het antwoord", Some("CrisisContact")),
                        (
                            400,
                            "Parameter ontbreekt of is ongeldig (met naam)",
                            Some("Problem"),
                        ),
                    ],
                },
            ),
            get(super::api::contact),
        ),
        (
            page(Method::GET, "/spoed", Public),
            get(super::pages::spoed),
        ),
        (
            page(Method::GET, "/meldcode", Public),
            get(super::pages::meldcode),
        ),
    ]
}
