//! The lead's page in the file.

use super::pages;
use crate::kit::route::{Entry, LEAD, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/gezinnen/{family}/informatieverzoeken", LEAD, pages::show),
        post(
            "/gezinnen/{family}/informatieverzoeken",
            LEAD,
            pages::record,
        ),
        post(
            "/gezinnen/{family}/informatieverzoeken/{id}/besluit",
            LEAD,
            pages::decide,
        ),
    ]
}
