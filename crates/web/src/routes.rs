//! Every route, with the policy that guards it and, for the API, its documentation.
//! The router and the OpenAPI document are both built from this one table, and the
//! authorization-matrix test walks it: a route cannot exist without a policy.

use axum::http::Method;
use axum::routing::{delete, get, post, put};
use eenplan_domain::policy::{
    ADMIN, ANY_ADMIN, CARE_ROLE, CHAIN_ADMIN, PRIVACY_OFFICER, Policy, SIGNED_IN, TEAM_LEAD,
};

use crate::{api, assets, health, pages};

pub use crate::kit::route::{Access, ApiDoc, Route, Routes};
pub(crate) use crate::kit::route::{LEAD, api, page};

/// The OpenAPI document of every API route in the table.
pub fn openapi_document() -> serde_json::Value {
    crate::api::openapi::document(table().iter().map(|(r, _)| r))
}

async fn serve_openapi() -> axum::response::Response {
    use axum::response::IntoResponse;
    axum::Json(openapi_document()).into_response()
}

/// Every route: each way of working's own, chained. Adding a flow adds one line here.
pub fn table() -> Routes {
    [
        not_yet_in_a_flow(),
        crate::flows::crisis::routes(),
        crate::flows::family::routes(),
        crate::flows::veilig_thuis::routes(),
        crate::flows::protection_order::routes(),
        crate::flows::joint_assessment::routes(),
        crate::flows::save_guidance::routes(),
        crate::flows::evu::routes(),
        crate::flows::save_on_site::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The routes whose handlers have not moved into `flows/` yet.
fn not_yet_in_a_flow() -> Routes {
    use Policy::Public;
    vec![
        (page(Method::GET, "/", Public), get(pages::landing)),
        (page(Method::GET, "/healthz", Public), get(health::healthz)),
        (
            page(Method::GET, "/static/{*path}", Public),
            get(assets::serve),
        ),
        (
            page(Method::GET, "/taal/{code}", Public),
            get(pages::switch_language),
        ),
        (
            page(Method::GET, "/aanmelden", Public),
            get(pages::sign_in::show),
        ),
        (
            page(Method::POST, "/aanmelden", Public),
            post(pages::sign_in::submit),
        ),
        (
            page(Method::GET, "/aanmelden/code", Public),
            get(pages::sign_in::show_code),
        ),
        (
            page(Method::POST, "/aanmelden/code", Public),
            post(pages::sign_in::submit_code),
        ),
        (
            page(Method::GET, "/aanmelden/koppelen", Public),
            get(pages::sign_in::show_code),
        ),
        (
            page(Method::POST, "/aanmelden/koppelen", Public),
            post(pages::sign_in::submit_code),
        ),
        (
            page(Method::POST, "/aanmelden/inschrijfcode", Public),
            post(pages::sign_in::submit_enrolment_code),
        ),
        (
            page(Method::GET, "/aanmelden/wachtwoord", SIGNED_IN),
            get(pages::password::show),
        ),
        (
            page(Method::POST, "/aanmelden/wachtwoord", SIGNED_IN),
            post(pages::password::submit),
        ),
        (
            page(Method::POST, "/afmelden", SIGNED_IN),
            post(pages::sign_in::sign_out),
        ),
        (
            page(Method::POST, "/sessie/verlengen", SIGNED_IN),
            post(crate::auth::resume::extend),
        ),
        (
            page(Method::GET, "/hervatten", SIGNED_IN),
            get(crate::auth::resume::resume),
        ),
        (
            page(Method::GET, "/start", SIGNED_IN),
            get(pages::start::start),
        ),
        (
            page(Method::POST, "/start/zonder-regisseur/{id}", TEAM_LEAD),
            post(pages::start::assign_regisseur),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/toestemming", SIGNED_IN).family(LEAD),
            get(pages::consent::show),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/toestemming", SIGNED_IN).family(LEAD),
            post(pages::consent::record),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/toestemming/{consent}/intrekken",
                SIGNED_IN,
            )
            .family(LEAD),
            post(pages::consent::withdraw),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/kader", SIGNED_IN).family(LEAD),
            post(pages::consent::framework),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/inzage", SIGNED_IN).family(LEAD),
            get(pages::privacy::family_view),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/anoniem", SIGNED_IN).family(LEAD),
            get(pages::consent::anonymous),
        ),
        (
            page(Method::GET, "/noodtoegang", CARE_ROLE),
            get(pages::consent::emergency_form),
        ),
        (
            Route {
                access: Access::BreakGlass,
                ..page(Method::POST, "/noodtoegang", CARE_ROLE)
            },
            post(pages::consent::emergency),
        ),
        (
            page(Method::GET, "/privacy", PRIVACY_OFFICER),
            get(pages::privacy::show),
        ),
        (
            page(Method::GET, "/privacy/toegangslog.csv", PRIVACY_OFFICER),
            get(pages::privacy::export),
        ),
        (
            page(Method::POST, "/privacy/noodtoegang/{id}", PRIVACY_OFFICER),
            post(pages::privacy::review),
        ),
        (
            page(Method::GET, "/beheer", ANY_ADMIN),
            get(pages::admin::overview),
        ),
        (
            page(Method::GET, "/beheer/organisaties", CHAIN_ADMIN),
            get(pages::admin::organisations),
        ),
        (
            page(Method::POST, "/beheer/organisaties", CHAIN_ADMIN),
            post(pages::admin::create_organisation),
        ),
        (
            page(Method::GET, "/beheer/gebieden", CHAIN_ADMIN),
            get(pages::admin::areas),
        ),
        (
            page(Method::POST, "/beheer/gebieden", CHAIN_ADMIN),
            post(pages::admin::create_area),
        ),
        (
            page(Method::GET, "/beheer/teams", ADMIN),
            get(pages::admin::teams),
        ),
        (
            page(Method::POST, "/beheer/teams", ADMIN),
            post(pages::admin::create_team),
        ),
        (
            page(Method::GET, "/beheer/gebruikers", ADMIN),
            get(pages::admin::users),
        ),
        (
            page(Method::POST, "/beheer/gebruikers", ADMIN),
            post(pages::admin::create_user),
        ),
        (
            page(Method::GET, "/beheer/gebruikers/{id}/deactiveren", ADMIN),
            get(pages::admin::deactivate_form),
        ),
        (
            page(Method::POST, "/beheer/gebruikers/{id}/overdragen", ADMIN),
            post(pages::admin::hand_over),
        ),
        (
            page(Method::POST, "/beheer/gebruikers/{id}/alles-overdragen", ADMIN),
            post(pages::admin::hand_over_all),
        ),
        (
            page(Method::POST, "/beheer/gebruikers/{id}/deactiveren", ADMIN),
            post(pages::admin::deactivate_user),
        ),
        (
            page(Method::POST, "/beheer/gebruikers/{id}/tweede-factor", ADMIN),
            post(pages::admin::reset_second_factor),
        ),
        (
            api(
                Method::POST,
                "/api/v1/session",
                Public,
                ApiDoc {
                    operation_id: "createSession",
                    summary: "Aanmelden met e-mailadres, wachtwoord en TOTP-code; geeft een bearer-token",
                    request: Some("SessionRequest"),
                    responses: &[
                        (201, "Aangemeld", Some("Session")),
                        (400, "Ontbrekende of ongeldige velden", Some("Problem")),
                        (401, "Aanmelden mislukt", Some("Problem")),
                        (429, "Te veel pogingen", Some("Problem")),
                    ],
                },
            ),
            post(api::session::create),
        ),
        (
            api(
                Method::DELETE,
                "/api/v1/session",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "deleteSession",
                    summary: "Afmelden: het token werkt daarna niet meer",
                    request: None,
                    responses: &[
                        (204, "Afgemeld", None),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            delete(api::session::delete),
        ),
        (
            api(
                Method::GET,
                "/api/v1/me",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "getMe",
                    summary: "De aangemelde gebruiker met organisatie en rollen",
                    request: None,
                    responses: &[
                        (200, "De gebruiker", Some("Me")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(api::me::me),
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
            get(api::consent::list),
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
                        (201, "Vastgelegd", None),
                        (400, "Ongeldig of onvolledig (wie ontbreekt staat erbij)", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            post(api::consent::record),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/consents/{consent}/withdraw",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "withdrawConsent",
                    summary: "Een toestemming intrekken; gaat direct in",
                    request: Some("End"),
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
            post(api::consent::withdraw),
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
            put(api::consent::framework),
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
                        request: Some("End"),
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
            post(api::consent::break_glass),
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
            get(api::consent::anonymous),
        ),
        (
            api(
                Method::GET,
                "/api/v1/openapi.json",
                Public,
                ApiDoc {
                    operation_id: "getOpenApi",
                    summary: "Dit OpenAPI-document",
                    request: None,
                    responses: &[(200, "OpenAPI 3-document", None)],
                },
            ),
            get(serve_openapi),
        ),
    ]
}
