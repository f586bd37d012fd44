//! The public complaint form and status page, a signed-in family member's complaints,
//! and the complaints officer's pages.

use eenplan_domain::policy::Policy::Public;
use eenplan_domain::policy::{COMPLAINTS_OFFICER, FAMILY_MEMBER};

use super::{analysis, family, officer, public};
use crate::kit::route::{Entry, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/klacht", Public, public::form),
        get("/mijn-gezin/klacht", FAMILY_MEMBER, family::form),
        post("/mijn-gezin/klacht", FAMILY_MEMBER, family::submit),
        get("/mijn-gezin/klachten", FAMILY_MEMBER, family::list),
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
