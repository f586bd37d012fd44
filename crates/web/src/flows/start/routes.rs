//! The start page and the team lead's assignment of a new regisseur from it.

use eenplan_domain::policy::{SIGNED_IN, TEAM_LEAD};

use super::pages;
use crate::kit::route::{Entry, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/start", SIGNED_IN, pages::start),
        post(
            "/start/zonder-regisseur/{id}",
            TEAM_LEAD,
            pages::assign_regisseur,
        ),
    ]
}
