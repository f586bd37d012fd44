//! The privacy officer's routes (the access log, its export, the review of emergency
//! access) and the family's access overview, which the lead opens for the family.

use eenplan_domain::policy::PRIVACY_OFFICER;

use super::{export, pages};
use crate::kit::route::{Entry, LEAD, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/gezinnen/{family}/inzage", LEAD, pages::family_view),
        get("/privacy", PRIVACY_OFFICER, pages::show),
        get("/privacy/toegangslog.csv", PRIVACY_OFFICER, export::export),
        post("/privacy/noodtoegang/{id}", PRIVACY_OFFICER, pages::review),
    ]
}
