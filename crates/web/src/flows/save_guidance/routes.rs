//! SAVE-begeleiding's pages and API operations, with the policy that guards each: the
//! page and the list need the plan, starting is lead work, reviewing and ending need
//! the plan (the domain then asks whether the guidance is the caller's).

use super::schemas::{EndIn, NextReview, ReviewIn, SaveGuidanceList, StartIn};
use super::{api, pages};
use crate::kit::body::Created;
use crate::kit::route::{
    Entry, LEAD, LEAD_ONLY, NEEDS_CONSENT, NOT_FOUND, PLAN, Problem, get, post,
};

const INVALID_FIELD: Problem = (400, "Ongeldige invoer (veld genoemd)");
const NOT_YOURS: Problem = (403, "Niet jouw begeleiding of toestemming nodig");
const ENDED: Problem = (409, "Al beëindigd");

pub fn routes() -> Vec<Entry> {
    vec![
        get("/gezinnen/{family}/save-begeleiding", PLAN, pages::show),
        post("/gezinnen/{family}/save-begeleiding", LEAD, pages::start),
        post("/gezinnen/{family}/save-begeleiding/{guidance}/evaluatie", PLAN, pages::review),
        post("/gezinnen/{family}/save-begeleiding/{guidance}/einde", PLAN, pages::end),
        get("/api/v1/families/{family}/save-guidance", PLAN, api::list)
            .doc("listSaveGuidance", "SAVE-begeleiding van het gezin: doelen, evaluaties, einde")
            .ok::<SaveGuidanceList>(200, "De begeleidingen")
            .problems([NEEDS_CONSENT, NOT_FOUND]),
        post("/api/v1/families/{family}/save-guidance", LEAD, api::start)
            .doc("startSaveGuidance", "SAVE-begeleiding starten: op toestemming, naast de regisseur, met doelen in het plan en een einddatum")
            .body::<StartIn>()
            .ok::<Created>(201, "Gestart")
            .problems([
                INVALID_FIELD,
                (409, "Kan nu niet: toestemming ontbreekt, geen vrijwillig kader, of er loopt er al een"),
                LEAD_ONLY,
                NOT_FOUND,
            ]),
        post("/api/v1/families/{family}/save-guidance/{guidance}/reviews", PLAN, api::review)
            .doc("reviewSaveGuidance", "SAVE-begeleiding evalueren (uiterlijk elke drie maanden); de einddatum kan schuiven")
            .body::<ReviewIn>()
            .ok::<NextReview>(200, "Geëvalueerd, met de volgende evaluatiedatum")
            .problems([INVALID_FIELD, ENDED, NOT_YOURS, NOT_FOUND]),
        post("/api/v1/families/{family}/save-guidance/{guidance}/end", PLAN, api::end)
            .doc("endSaveGuidance", "SAVE-begeleiding beëindigen met een uitkomst (zonder resultaat: met reden)")
            .body::<EndIn>()
            .empty(204, "Beëindigd")
            .problems([INVALID_FIELD, ENDED, NOT_YOURS, NOT_FOUND]),
    ]
}
