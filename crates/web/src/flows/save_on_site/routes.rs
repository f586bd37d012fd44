//! SAVE op locatie's pages and API operations, with the policy that guards each: the
//! page and the consultations are for certified institutions and local teams, the
//! schedule's changes for a certified institution's team leads, and a family's
//! consultations by name for its circle (they are the family's notes).

use axum::http::Method;
use axum::routing::{get, post};
use eenplan_domain::policy::{SAVE_ON_SITE, SAVE_SCHEDULE, SIGNED_IN};

use super::{api, pages};
use crate::kit::route::{ApiDoc, NOTES, Routes, api, page};

pub fn routes() -> Routes {
    vec![
        (
            page(Method::GET, "/save-op-locatie", SAVE_ON_SITE),
            get(pages::show),
        ),
        (
            page(Method::POST, "/save-op-locatie/boeken", SAVE_ON_SITE),
            post(pages::book),
        ),
        (
            page(Method::POST, "/save-op-locatie/inloop", SAVE_ON_SITE),
            post(pages::walk_in),
        ),
        (
            page(Method::POST, "/save-op-locatie/rooster", SAVE_SCHEDULE),
            post(pages::add_slot),
        ),
        (
            page(
                Method::POST,
                "/save-op-locatie/rooster/{slot}/beeindigen",
                SAVE_SCHEDULE,
            ),
            post(pages::end_slot),
        ),
        (
            page(Method::GET, "/save-op-locatie/overleg/{id}", SAVE_ON_SITE),
            get(pages::consultation),
        ),
        (
            page(
                Method::POST,
                "/save-op-locatie/overleg/{id}/advies",
                SAVE_ON_SITE,
            ),
            post(pages::advice),
        ),
        (
            page(
                Method::POST,
                "/save-op-locatie/overleg/{id}/annuleren",
                SAVE_ON_SITE,
            ),
            post(pages::cancel),
        ),
        (
            api(
                Method::GET,
                "/api/v1/save-op-locatie/slots",
                SAVE_ON_SITE,
                ApiDoc {
                    operation_id: "listSaveOnSiteSlots",
                    summary: "SAVE op locatie: het rooster (eigen gecertificeerde instelling, of het eigen lokale team) met de komende dagen op locatie",
                    request: None,
                    responses: &[
                        (200, "Het rooster", Some("SaveOnSiteSlots")),
                        (
                            403,
                            "Alleen voor gecertificeerde instellingen en lokale teams",
                            Some("Problem"),
                        ),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(api::slots),
        ),
        (
            api(
                Method::POST,
                "/api/v1/save-op-locatie/slots",
                SAVE_SCHEDULE,
                ApiDoc {
                    operation_id: "addSaveOnSiteSlot",
                    summary: "SAVE op locatie: een wekelijks dagdeel van een eigen medewerker bij een lokaal team toevoegen (teamleider)",
                    request: Some("NewSaveOnSiteSlot"),
                    responses: &[
                        (201, "Toegevoegd", Some("Created")),
                        (400, "Ongeldige invoer (met veld)", Some("Problem")),
                        (
                            409,
                            "De medewerker is dan al elders op locatie",
                            Some("Problem"),
                        ),
                        (
                            403,
                            "Alleen voor teamleiders van een gecertificeerde instelling",
                            Some("Problem"),
                        ),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::add_slot),
        ),
        (
            api(
                Method::POST,
                "/api/v1/save-op-locatie/slots/{slot}/end",
                SAVE_SCHEDULE,
                ApiDoc {
                    operation_id: "endSaveOnSiteSlot",
                    summary: "SAVE op locatie: een dagdeel beëindigen (de laatste dag)",
                    request: Some("SaveOnSiteSlotEnd"),
                    responses: &[
                        (200, "Beëindigd", Some("SaveOnSiteSlotEnded")),
                        (400, "Ongeldige datum (met veld)", Some("Problem")),
                        (
                            409,
                            "Al beëindigd, of er staan nog overleggen na die datum",
                            Some("Problem"),
                        ),
                        (404, "Geen dagdeel van jouw organisatie", Some("Problem")),
                        (
                            403,
                            "Alleen voor teamleiders van een gecertificeerde instelling",
                            Some("Problem"),
                        ),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::end_slot),
        ),
        (
            api(
                Method::GET,
                "/api/v1/save-op-locatie/consultations",
                SAVE_ON_SITE,
                ApiDoc {
                    operation_id: "saveOnSiteDay",
                    summary: "SAVE op locatie: jouw lijst van een dag (als medewerker op locatie alle overleggen, als professional wat jij vroeg)",
                    request: None,
                    responses: &[
                        (200, "De lijst", Some("SaveOnSiteDay")),
                        (400, "Ongeldige datum (met veld)", Some("Problem")),
                        (
                            403,
                            "Alleen voor gecertificeerde instellingen en lokale teams",
                            Some("Problem"),
                        ),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(api::day),
        ),
        (
            api(
                Method::POST,
                "/api/v1/save-op-locatie/consultations",
                SAVE_ON_SITE,
                ApiDoc {
                    operation_id: "bookSaveConsultation",
                    summary: "SAVE op locatie: een overleg boeken, anoniem of op naam (met toestemming van het gezin)",
                    request: Some("NewSaveConsultation"),
                    responses: &[
                        (201, "Geboekt", Some("SaveConsultationState")),
                        (
                            400,
                            "Ongeldige invoer, geen dag op locatie, of geen toestemming (met veld)",
                            Some("Problem"),
                        ),
                        (
                            403,
                            "Alleen voor het lokale team van dit dagdeel",
                            Some("Problem"),
                        ),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::book),
        ),
        (
            api(
                Method::POST,
                "/api/v1/save-op-locatie/walk-ins",
                SAVE_ON_SITE,
                ApiDoc {
                    operation_id: "recordSaveWalkIn",
                    summary: "SAVE op locatie: een inloopoverleg vastleggen, meteen met het advies (de medewerker op locatie)",
                    request: Some("SaveWalkIn"),
                    responses: &[
                        (201, "Vastgelegd en gehouden", Some("SaveConsultationState")),
                        (400, "Ongeldige invoer (met veld)", Some("Problem")),
                        (403, "Alleen de medewerker op locatie", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::walk_in),
        ),
        (
            api(
                Method::GET,
                "/api/v1/save-op-locatie/consultations/{consultation}",
                SAVE_ON_SITE,
                ApiDoc {
                    operation_id: "getSaveConsultation",
                    summary: "SAVE op locatie: één overleg (voor de medewerker op locatie en wie het vroeg)",
                    request: None,
                    responses: &[
                        (200, "Het overleg", Some("SaveConsultation")),
                        (404, "Geen overleg dat jij mag zien", Some("Problem")),
                        (
                            403,
                            "Alleen voor gecertificeerde instellingen en lokale teams",
                            Some("Problem"),
                        ),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(api::consultation),
        ),
        (
            api(
                Method::POST,
                "/api/v1/save-op-locatie/consultations/{consultation}/advice",
                SAVE_ON_SITE,
                ApiDoc {
                    operation_id: "recordSaveAdvice",
                    summary: "SAVE op locatie: het advies, de vervolgstappen met wie ze zet, en de uitkomst (de medewerker op locatie)",
                    request: Some("SaveAdvice"),
                    responses: &[
                        (200, "Gehouden", Some("SaveConsultationState")),
                        (400, "Ongeldige invoer (met veld)", Some("Problem")),
                        (
                            409,
                            "Al gehouden, geannuleerd, of nog niet de dag",
                            Some("Problem"),
                        ),
                        (404, "Geen overleg dat jij mag zien", Some("Problem")),
                        (403, "Alleen de medewerker op locatie", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::advice),
        ),
        (
            api(
                Method::POST,
                "/api/v1/save-op-locatie/consultations/{consultation}/cancel",
                SAVE_ON_SITE,
                ApiDoc {
                    operation_id: "cancelSaveConsultation",
                    summary: "SAVE op locatie: een geboekt overleg annuleren, met de reden",
                    request: Some("Reason"),
                    responses: &[
                        (200, "Geannuleerd", Some("SaveConsultationState")),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (409, "Al gehouden of geannuleerd", Some("Problem")),
                        (404, "Geen overleg dat jij mag zien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::cancel),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/save-consultations",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "listFamilySaveConsultations",
                    summary: "De overleggen op naam met SAVE op locatie over dit gezin",
                    request: None,
                    responses: &[
                        (200, "De overleggen", Some("SaveConsultations")),
                        (403, "Toestemming nodig", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(NOTES),
            get(api::family_consultations),
        ),
    ]
}
