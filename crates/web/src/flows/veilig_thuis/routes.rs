//! Veilig Thuis's work list and contacts, for its own professionals only.

use axum::http::Method;
use axum::routing::{get, post};
use eenplan_domain::policy::VEILIG_THUIS;

use crate::kit::route::{ApiDoc, Routes, api, page};

pub fn routes() -> Routes {
    vec![
        (
            page(Method::GET, "/veilig-thuis", VEILIG_THUIS),
            get(super::pages::list),
        ),
        (
            page(Method::POST, "/veilig-thuis", VEILIG_THUIS),
            post(super::pages::receive),
        ),
        (
            page(Method::GET, "/veilig-thuis/{contact}", VEILIG_THUIS),
            get(super::pages::show),
        ),
        (
            page(
                Method::POST,
                "/veilig-thuis/{contact}/beoordeling",
                VEILIG_THUIS,
            ),
            post(super::pages::assess),
        ),
        (
            api(
                Method::POST,
                "/api/v1/veilig-thuis/contacts",
                VEILIG_THUIS,
                ApiDoc {
                    operation_id: "receiveVtContact",
                    summary: "Veilig Thuis: een adviesvraag of melding vastleggen; de radar toont eerdere signalen",
                    request: Some("VtContact"),
                    responses: &[
                        (201, "Vastgelegd, met de radar", Some("VtReceived")),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (403, "Alleen voor Veilig Thuis", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(super::api::receive),
        ),
        (
            api(
                Method::GET,
                "/api/v1/veilig-thuis/contacts",
                VEILIG_THUIS,
                ApiDoc {
                    operation_id: "vtWorkList",
                    summary: "Veilig Thuis: de werklijst (veiligheidsbeoordelingen, termijn en te laat; terugkoppelmomenten)",
                    request: None,
                    responses: &[
                        (200, "De werklijst", Some("VtWorkList")),
                        (403, "Alleen voor Veilig Thuis", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(super::api::work_list),
        ),
        (
            api(
                Method::POST,
                "/api/v1/veilig-thuis/contacts/{contact}/assessment",
                VEILIG_THUIS,
                ApiDoc {
                    operation_id: "assessVtContact",
                    summary: "Veilig Thuis: de veiligheidsbeoordeling met haar uitkomst",
                    request: Some("VtAssessment"),
                    responses: &[
                        (200, "Beoordeeld", Some("VtAssessed")),
                        (400, "Ongeldige invoer of uitkomst", Some("Problem")),
                        (409, "Al beoordeeld, of een adviesvraag", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (403, "Alleen voor Veilig Thuis", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(super::api::assess),
        ),
    ]
}
