//! The request to the Raad's routes: lead work on the family's side, the Raad's own
//! routes for Raad professionals only.

use axum::http::Method;
use axum::routing::{get, post};
use eenplan_domain::policy::{RVDK, SIGNED_IN};

use crate::kit::route::{ApiDoc, LEAD, Routes, api, page};

pub fn routes() -> Routes {
    vec![
        (
            page(Method::GET, "/gezinnen/{family}/verzoek-raad", SIGNED_IN).family(LEAD),
            get(super::pages::family),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/verzoek-raad", SIGNED_IN).family(LEAD),
            post(super::pages::request),
        ),
        (page(Method::GET, "/raad", RVDK), get(super::pages::list)),
        (
            page(Method::GET, "/raad/{request}", RVDK),
            get(super::pages::show),
        ),
        (
            page(Method::POST, "/raad/{request}/onderzoek", RVDK),
            post(super::pages::investigation),
        ),
        (
            page(Method::POST, "/raad/{request}/uitkomst", RVDK),
            post(super::pages::outcome),
        ),
        (
            page(Method::POST, "/raad/{request}/beslissing", RVDK),
            post(super::pages::decision),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/protection-order-requests",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "listProtectionOrderRequests",
                    summary: "De verzoeken tot onderzoek aan de Raad voor de Kinderbescherming en hoe ze ervoor staan",
                    request: None,
                    responses: &[
                        (200, "De verzoeken", Some("ProtectionOrderRequests")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            get(super::api::list),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/protection-order-requests",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "requestProtectionOrder",
                    summary: "Verzoek tot onderzoek aan de Raad: welke kinderen, waarom vrijwillige hulp niet tot veiligheid leidde, wat geprobeerd is",
                    request: Some("NewProtectionOrderRequest"),
                    responses: &[
                        (201, "Ingediend", Some("Created")),
                        (400, "Ongeldige invoer (met veldnaam)", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (409, "Er loopt al een verzoek", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            post(super::api::create),
        ),
        (
            api(
                Method::GET,
                "/api/v1/raad/requests",
                RVDK,
                ApiDoc {
                    operation_id: "raadWorkList",
                    summary: "Raad voor de Kinderbescherming: de verzoeken aan jouw organisatie, nieuwe eerst",
                    request: None,
                    responses: &[
                        (200, "De werklijst", Some("ProtectionOrderRequests")),
                        (403, "Alleen voor de Raad", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(super::api::raad_list),
        ),
        (
            api(
                Method::POST,
                "/api/v1/raad/requests/{request}/investigation",
                RVDK,
                ApiDoc {
                    operation_id: "startRaadInvestigation",
                    summary: "Raad: het verzoek in onderzoek nemen (met datum)",
                    request: Some("RaadInvestigation"),
                    responses: &[
                        (200, "In onderzoek", Some("ProtectionOrderRequest")),
                        (400, "Ongeldige datum", Some("Problem")),
                        (403, "Alleen voor de Raad", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (409, "Al in onderzoek genomen", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(super::api::investigation),
        ),
        (
            api(
                Method::POST,
                "/api/v1/raad/requests/{request}/outcome",
                RVDK,
                ApiDoc {
                    operation_id: "recordRaadOutcome",
                    summary: "Raad: de uitkomst van het onderzoek: geen maatregel (met reden) of een verzoek aan de kinderrechter",
                    request: Some("RaadOutcome"),
                    responses: &[
                        (200, "Vastgelegd", Some("ProtectionOrderRequest")),
                        (400, "Ongeldige invoer (met veldnaam)", Some("Problem")),
                        (403, "Alleen voor de Raad", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (409, "Nog niet in onderzoek, of de uitkomst is er al", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(super::api::outcome),
        ),
        (
            api(
                Method::POST,
                "/api/v1/raad/requests/{request}/court-decision",
                RVDK,
                ApiDoc {
                    operation_id: "recordCourtDecision",
                    summary: "Raad: de beslissing van de kinderrechter; toegewezen wordt het kader 'maatregel' met de gecertificeerde instelling",
                    request: Some("CourtDecision"),
                    responses: &[
                        (200, "Vastgelegd", Some("ProtectionOrderRequest")),
                        (400, "Ongeldige invoer (met veldnaam)", Some("Problem")),
                        (403, "Alleen voor de Raad", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (409, "Geen verzoek aan de rechter, of al beslist", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(super::api::court_decision),
        ),
    ]
}
