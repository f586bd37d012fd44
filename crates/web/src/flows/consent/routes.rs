//! The consent flow's routes: the lead's consent page and API, the anonymous summary,
//! and break the glass (not behind the family guard: it applies the emergency rule
//! itself and logs every ask).

use axum::http::Method;
use axum::routing::{get, post, put};
use eenplan_domain::policy::{CARE_ROLE, SIGNED_IN};

use super::pages;
use crate::kit::route::{Access, ApiDoc, LEAD, Route, Routes, api, page};

pub fn routes() -> Routes {
    vec![
        (
            page(Method::GET, "/gezinnen/{family}/toestemming", SIGNED_IN).family(LEAD),
            get(pages::show::show),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/toestemming", SIGNED_IN).family(LEAD),
            post(pages::record::record),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/toestemming/{consent}/intrekken",
                SIGNED_IN,
            )
            .family(LEAD),
            post(pages::record::withdraw),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/kader", SIGNED_IN).family(LEAD),
            post(pages::record::framework),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/anoniem", SIGNED_IN).family(LEAD),
            get(pages::anonymous::anonymous),
        ),
        (
            page(Method::GET, "/noodtoegang", CARE_ROLE),
            get(pages::emergency::emergency_form),
        ),
        (
            Route {
                access: Access::BreakGlass,
                ..page(Method::POST, "/noodtoegang", CARE_ROLE)
            },
            post(pages::emergency::emergency),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/consents",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "listConsents",
                    summary: "Het kader en alle toestemmingen van het gezin (ook ingetrokken)",
                    request: None,
                    responses: &[
                        (200, "Kader en toestemmingen", Some("Consents")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
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
                "/api/v1/families/{family}/consents",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "recordConsent",
                    summary: "Een toestemming vastleggen; geweigerd met wie er ontbreekt",
                    request: Some("NewConsent"),
                    responses: &[
                        (201, "Vastgelegd", Some("Created")),
                        (400, "Ongeldig of onvolledig (wie ontbreekt staat erbij)", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            post(super::api::record),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/consents/{consent}/withdraw",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "withdrawConsent",
                    summary: "Een toestemming intrekken; gaat direct in",
                    request: Some("Reason"),
                    responses: &[
                        (204, "Ingetrokken", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            post(super::api::withdraw),
        ),
        (
            api(
                Method::PUT,
                "/api/v1/families/{family}/framework",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "changeFramework",
                    summary: "Het kader wijzigen (vrijwillig, Veilig Thuis, maatregel) met grond en datum",
                    request: Some("FrameworkChange"),
                    responses: &[
                        (204, "Gewijzigd", None),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            put(super::api::framework),
        ),
        (
            Route {
                access: Access::BreakGlass,
                ..api(
                    Method::POST,
                    "/api/v1/families/{family}/break-glass",
                    CARE_ROLE,
                    ApiDoc {
                        operation_id: "breakGlass",
                        summary: "Noodtoegang: één uur toegang na een vermelde reden; de privacyfunctionaris beoordeelt",
                        request: Some("Reason"),
                        responses: &[
                            (201, "Noodtoegang tot", Some("Emergency")),
                            (400, "Reden te kort", Some("Problem")),
                            (403, "Geen zorgrol: noodtoegang is voor professionals in een zorgrol", Some("Problem")),
                            (409, "Je hebt al toegang", Some("Problem")),
                            (404, "Niet gevonden", Some("Problem")),
                            (401, "Niet aangemeld", Some("Problem")),
                        ],
                    },
                )
            },
            post(super::api::break_glass),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/anonymous-summary",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "getAnonymousSummary",
                    summary: "Samenvatting zonder identificerende gegevens, voor een anoniem consult",
                    request: None,
                    responses: &[
                        (200, "De samenvatting", Some("AnonymousSummary")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            get(super::api::anonymous),
        ),
    ]
}
