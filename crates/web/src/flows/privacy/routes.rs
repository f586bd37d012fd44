//! The privacy officer's routes (the access log, its export, the review of emergency
//! access) and the family's access overview, which the lead opens for the family.

use axum::http::Method;
use axum::routing::{get, post};
use eenplan_domain::policy::{PRIVACY_OFFICER, SIGNED_IN};

use super::pages;
use crate::kit::route::{LEAD, Routes, page};

pub fn routes() -> Routes {
    vec![
        (
            page(Method::GET, "/gezinnen/{family}/inzage", SIGNED_IN).family(LEAD),
            get(pages::family_view),
        ),
        (
            page(Method::GET, "/privacy", PRIVACY_OFFICER),
            get(pages::show),
        ),
        (
            page(Method::GET, "/privacy/toegangslog.csv", PRIVACY_OFFICER),
            get(pages::export),
        ),
        (
            page(Method::POST, "/privacy/noodtoegang/{id}", PRIVACY_OFFICER),
            post(pages::review),
        ),
    ]
}
