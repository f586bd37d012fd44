//! The start page and the team lead's assignment of a new regisseur from it.

use axum::http::Method;
use axum::routing::{get, post};
use eenplan_domain::policy::{SIGNED_IN, TEAM_LEAD};

use super::pages;
use crate::kit::route::{Routes, page};

pub fn routes() -> Routes {
    vec![
        (page(Method::GET, "/start", SIGNED_IN), get(pages::start)),
        (
            page(Method::POST, "/start/zonder-regisseur/{id}", TEAM_LEAD),
            post(pages::assign_regisseur),
        ),
    ]
}
