//! The member's request page and the privacy officer's pages.

use eenplan_domain::policy::{FAMILY_MEMBER, PRIVACY_OFFICER};

use super::{export, family, officer};
use crate::kit::route::{Entry, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/mijn-gezin/kopie", FAMILY_MEMBER, family::show),
        post("/mijn-gezin/kopie", FAMILY_MEMBER, family::ask),
        get("/privacy/kopieverzoeken", PRIVACY_OFFICER, officer::list),
        get(
            "/privacy/kopieverzoeken/{id}",
            PRIVACY_OFFICER,
            officer::show,
        ),
        get(
            "/privacy/kopieverzoeken/{id}/dossier.json",
            PRIVACY_OFFICER,
            export::download,
        ),
        post(
            "/privacy/kopieverzoeken/{id}/verlengen",
            PRIVACY_OFFICER,
            officer::extend,
        ),
        post(
            "/privacy/kopieverzoeken/{id}/overhandigd",
            PRIVACY_OFFICER,
            officer::hand_over,
        ),
    ]
}
