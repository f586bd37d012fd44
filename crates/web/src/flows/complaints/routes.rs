//! The public complaint form and status page, and the complaints officer's pages.

use eenplan_domain::policy::COMPLAINTS_OFFICER;
use eenplan_domain::policy::Policy::Public;

use super::{analysis, officer, public};
use crate::kit::route::{Entry, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/klacht", Public, public::form),
        post("/klacht", Public, public::submit),
        get("/klacht/status", Public, public::status_form),
        post("/klacht/status", Public, public::status),
        get("/klachten", COMPLAINTS_OFFICER, officer::list),
        get("/klachten/analyse", COMPLAINTS_OFFICER, analysis::page),
        get("/klachten/analyse.csv", COMPLAINTS_OFFICER, analysis::csv),
        get("/klachten/{id}", COMPLAINTS_OFFICER, officer::show),
        post(
            "/klachten/{id}/ontvangst",
            COMPLAINTS_OFFICER,
            officer::confirm,
        ),
        post(
            "/klachten/{id}/verlenging",
            COMPLAINTS_OFFICER,
            officer::extend,
        ),
        post(
            "/klachten/{id}/afhandeling",
            COMPLAINTS_OFFICER,
            officer::decide,
        ),
    ]
}
