//! The request to the Raad's routes: lead work on the family's side, the Raad's own
//! routes for Raad professionals only.

use super::schemas::{
    CourtDecision, NewProtectionOrderRequest, ProtectionOrderRequest, ProtectionOrderRequests,
    RaadInvestigation, RaadOutcome,
};
use crate::kit::body::Created;
use eenplan_domain::policy::RVDK;

use super::{api, pages};
use crate::kit::route::{
    Entry, INVALID_FIELD, LEAD, LEAD_ONLY, NO_FILE, NOT_FOUND, Problem, get, post,
};

const RAAD_ONLY: Problem = (403, "Alleen voor de Raad");

pub fn routes() -> Vec<Entry> {
    vec![
        get("/gezinnen/{family}/verzoek-raad", LEAD, pages::family),
        post("/gezinnen/{family}/verzoek-raad", LEAD, pages::request),
        get("/raad", RVDK, pages::list),
        get("/raad/{request}", RVDK, pages::show),
        post("/raad/{request}/onderzoek", RVDK, pages::investigation),
        post("/raad/{request}/uitkomst", RVDK, pages::outcome),
        post("/raad/{request}/beslissing", RVDK, pages::decision),
        get("/api/v1/families/{family}/protection-order-requests", LEAD, api::list)
            .doc("listProtectionOrderRequests", "De verzoeken tot onderzoek aan de Raad voor de Kinderbescherming en hoe ze ervoor staan")
            .ok::<ProtectionOrderRequests>(200, "De verzoeken")
            .problems([LEAD_ONLY, NO_FILE]),
        post("/api/v1/families/{family}/protection-order-requests", LEAD, api::create)
            .doc("requestProtectionOrder", "Verzoek tot onderzoek aan de Raad: welke kinderen, waarom vrijwillige hulp niet tot veiligheid leidde, wat geprobeerd is")
            .body::<NewProtectionOrderRequest>()
            .ok::<Created>(201, "Ingediend")
            .problems([INVALID_FIELD, LEAD_ONLY, NO_FILE, (409, "Er loopt al een verzoek")]),
        get("/api/v1/raad/requests", RVDK, api::raad_list)
            .doc("raadWorkList", "Raad voor de Kinderbescherming: de verzoeken aan jouw organisatie, nieuwe eerst")
            .paged()
            .ok::<ProtectionOrderRequests>(200, "De werklijst")
            .problems([RAAD_ONLY]),
        post("/api/v1/raad/requests/{request}/investigation", RVDK, api::investigation)
            .doc("startRaadInvestigation", "Raad: het verzoek in onderzoek nemen (met datum)")
            .body::<RaadInvestigation>()
            .ok::<ProtectionOrderRequest>(200, "In onderzoek")
            .problems([
                (400, "Ongeldige datum"),
                RAAD_ONLY,
                NOT_FOUND,
                (409, "Al in onderzoek genomen"),
            ]),
        post("/api/v1/raad/requests/{request}/outcome", RVDK, api::outcome)
            .doc("recordRaadOutcome", "Raad: de uitkomst van het onderzoek: geen maatregel (met reden) of een verzoek aan de kinderrechter")
            .body::<RaadOutcome>()
            .ok::<ProtectionOrderRequest>(200, "Vastgelegd")
            .problems([
                INVALID_FIELD,
                RAAD_ONLY,
                NOT_FOUND,
                (409, "Nog niet in onderzoek, of de uitkomst is er al"),
            ]),
        post("/api/v1/raad/requests/{request}/court-decision", RVDK, api::court_decision)
            .doc("recordCourtDecision", "Raad: de beslissing van de kinderrechter; toegewezen wordt het kader 'maatregel' met de gecertificeerde instelling")
            .body::<CourtDecision>()
            .ok::<ProtectionOrderRequest>(200, "Vastgelegd")
            .problems([
                INVALID_FIELD,
                RAAD_ONLY,
                NOT_FOUND,
                (409, "Geen verzoek aan de rechter, of al beslist"),
            ]),
    ]
}
