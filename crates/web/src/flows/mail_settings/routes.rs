//! The e-mail setting's page: the signed-in person's own, no one else's.

use eenplan_domain::policy::SIGNED_IN;

use super::pages;
use crate::kit::route::{Entry, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/berichten/e-mail", SIGNED_IN, pages::show),
        post("/berichten/e-mail", SIGNED_IN, pages::submit),
    ]
}
