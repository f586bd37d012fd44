//! The crisis pages and the crisis-contact operation: public, for anyone.

use super::schemas::CrisisContact;
use eenplan_domain::policy::Policy::Public;

use super::{api, pages};
use crate::kit::route::{Entry, get};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/api/v1/crisis-contact", Public, api::contact)
            .doc(
                "getCrisisContact",
                "Wie bel je nu? Spoed- of crisiscontact, zonder aanmelden",
            )
            .ok::<CrisisContact>(200, "Het antwoord")
            .problems([(400, "Parameter ontbreekt of is ongeldig (met naam)")]),
        get("/spoed", Public, pages::spoed),
        get("/meldcode", Public, pages::meldcode),
    ]
}
