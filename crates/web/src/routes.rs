//! Every route, with the policy that guards it and, for the API, its documentation.
//! The router and the OpenAPI document are both built from this one table, and the
//! authorization-matrix test walks it: a route cannot exist without a policy.

use axum::http::Method;
use axum::routing::{get, post, put};
use eenplan_domain::policy::{EVU_COORDINATOR, Policy, SIGNED_IN};
// SAVE op locatie
use eenplan_domain::policy::{SAVE_ON_SITE, SAVE_SCHEDULE};

use crate::{api, assets, health, pages};

pub use crate::kit::route::{Access, ApiDoc, Route, Routes};
pub(crate) use crate::kit::route::{IDENTITY, LEAD, NOT_FOUND, NOTES, PLAN, SIGN_IN, api, page};

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
        ways_of_working(),
        crate::flows::crisis::routes(),
        crate::flows::veilig_thuis::routes(),
        crate::flows::protection_order::routes(),
        crate::flows::joint_assessment::routes(),
        crate::flows::sign_in::routes(),
        crate::flows::privacy::routes(),
        crate::flows::consent::routes(),
        crate::flows::admin::routes(),
        crate::flows::start::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The routes whose handlers have not moved into `flows/` yet.
fn not_yet_in_a_flow() -> Routes {
    use Policy::Public;
    vec![
        (page(Method::GET, "/healthz", Public), get(health::healthz)),
        (
            page(Method::GET, "/static/{*path}", Public),
            get(assets::serve),
        ),
        (
            page(Method::GET, "/gezinnen", SIGNED_IN),
            get(pages::family::search),
        ),
        (
            page(Method::GET, "/gezinnen/nieuw", SIGNED_IN),
            get(pages::family::new_form),
        ),
        (
            page(Method::POST, "/gezinnen/nieuw", SIGNED_IN),
            post(pages::family::create),
        ),
        (
            page(Method::GET, "/gezinnen/{family}", SIGNED_IN).family(IDENTITY),
            get(pages::family::show),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/leden", SIGNED_IN).family(LEAD),
            post(pages::family::add_member),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/netwerk", SIGNED_IN).family(LEAD),
            post(pages::family::add_network),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/betrokkenen", SIGNED_IN).family(IDENTITY),
            post(pages::family::add_involvement),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/plan", SIGNED_IN).family(PLAN),
            get(pages::plan::plan_show),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/plan", SIGNED_IN).family(PLAN),
            post(pages::plan::plan_save),
        ),
        (
            page(
                Method::GET,
                "/gezinnen/{family}/plan/vergelijken",
                SIGNED_IN,
            ).family(PLAN),
            get(pages::plan::plan_compare),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/plan/akkoord", SIGNED_IN).family(PLAN),
            post(pages::plan::plan_agree),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/plan/afdrukken", SIGNED_IN).family(PLAN),
            get(pages::plan::plan_print),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/notities", SIGNED_IN).family(NOTES),
            get(pages::family::notes),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/notities", SIGNED_IN).family(NOTES),
            post(pages::family::write_note),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/notities/{note}",
                SIGNED_IN,
            ).family(NOTES),
            post(pages::family::change_note),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/beeindigen", SIGNED_IN).family(IDENTITY),
            post(pages::family::end_someone),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/leden/corrigeren",
                SIGNED_IN,
            ).family(LEAD),
            post(pages::family::correct_member),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/netwerk/corrigeren",
                SIGNED_IN,
            ).family(LEAD),
            post(pages::family::correct_network),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/tijdlijn", SIGNED_IN).family(IDENTITY),
            get(pages::family::timeline),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "searchFamilies",
                    summary: "Zoeken in de gezinnen waarbij je betrokken bent (naam, date_of_birth, postcode)",
                    request: None,
                    responses: &[
                        (200, "Gevonden dossiers", Some("FamilyList")),
                        (400, "Ongeldige zoekvraag", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(api::families::search),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "createFamily",
                    summary: "Een dossier openen; je wordt de regisseur. Mogelijke dubbele dossiers geven 409",
                    request: Some("NewFamily"),
                    responses: &[
                        (201, "Geopend", Some("Created")),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (403, "Geen lokaal team", Some("Problem")),
                        (409, "Mogelijk dubbel dossier", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::families::create),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "getFamily",
                    summary: "Het dossier: gezinsleden, netwerk en betrokkenen",
                    request: None,
                    responses: &[
                        (200, "Het dossier", Some("Family")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(IDENTITY),
            get(api::families::read),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/members",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "addMember",
                    summary: "Een gezinslid toevoegen",
                    request: Some("NewMember"),
                    responses: &[
                        (201, "Toegevoegd", Some("Created")),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (403, "Alleen de regie wijzigt gezinsleden en netwerk", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(LEAD),
            post(api::families::add_member),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/network",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "addNetworkMember",
                    summary: "Een netwerklid toevoegen",
                    request: Some("NewNetworkMember"),
                    responses: &[
                        (201, "Toegevoegd", Some("Created")),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (403, "Alleen de regie wijzigt gezinsleden en netwerk", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(LEAD),
            post(api::families::add_network),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/involvements",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "addInvolvement",
                    summary: "Een betrokkene toevoegen (partner) of, met takes_over en reason, een overdracht",
                    request: Some("NewInvolvement"),
                    responses: &[
                        (201, "Toegevoegd", Some("Created")),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (409, "Overdracht nodig", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(IDENTITY),
            post(api::families::add_involvement),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/plan",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "getPlan",
                    summary: "Het huidige plan met ETag",
                    request: None,
                    responses: &[
                        (200, "Het plan", Some("PlanDocument")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(PLAN),
            get(api::families::plan),
        ),
        (
            api(
                Method::PUT,
                "/api/v1/families/{family}/plan",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "putPlan",
                    summary: "Het plan opslaan als nieuwe versie; If-Match verplicht",
                    request: Some("Plan"),
                    responses: &[
                        (200, "Opgeslagen", Some("Version")),
                        (400, "Ongeldig plan", Some("Problem")),
                        (412, "Verouderde versie: wat er veranderde", Some("Problem")),
                        (428, "If-Match ontbreekt", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(PLAN),
            put(api::families::put_plan),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/plan/versions/{version}",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "getPlanVersion",
                    summary: "Een eerdere versie van het plan",
                    request: None,
                    responses: &[
                        (200, "De versie", Some("PlanDocument")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(PLAN),
            get(api::families::plan_version),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/plan/agreements",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "agreePlan",
                    summary: "Vastleggen welke gezinsleden akkoord gingen met een versie",
                    request: Some("Agreement"),
                    responses: &[
                        (201, "Vastgelegd", None),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(PLAN),
            post(api::families::agree),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/notes",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "getNotes",
                    summary: "Notities met al hun versies",
                    request: None,
                    responses: &[
                        (200, "Notities", Some("Notes")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(NOTES),
            get(api::families::notes),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/notes",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "writeNote",
                    summary: "Een notitie schrijven",
                    request: Some("NewNote"),
                    responses: &[
                        (201, "Geschreven", Some("Created")),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(NOTES),
            post(api::families::write_note),
        ),
        (
            api(
                Method::PUT,
                "/api/v1/families/{family}/notes/{note}",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "changeNote",
                    summary: "Een notitie wijzigen (binnen 24 uur) of corrigeren (daarna, met reason)",
                    request: Some("NewNote"),
                    responses: &[
                        (200, "Nieuwe versie", Some("Version")),
                        (400, "Ongeldige invoer of reden ontbreekt", Some("Problem")),
                        (403, "Niet de auteur", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(NOTES),
            put(api::families::change_note),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/members/{member}/end",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "endMember",
                    summary: "Een gezinslid beëindigen (blijft bewaard)",
                    request: Some("End"),
                    responses: &[
                        (204, "Beëindigd", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (403, "Alleen de regie wijzigt gezinsleden en netwerk", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(LEAD),
            post(api::families::end_member),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/network/{member}/end",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "endNetworkMember",
                    summary: "Een netwerklid beëindigen (blijft bewaard)",
                    request: Some("End"),
                    responses: &[
                        (204, "Beëindigd", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (403, "Alleen de regie wijzigt gezinsleden en netwerk", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(LEAD),
            post(api::families::end_network),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/involvements/{involvement}/end",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "endInvolvement",
                    summary: "Een partner beëindigen; de regisseur alleen via een overdracht",
                    request: Some("End"),
                    responses: &[
                        (204, "Beëindigd", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(IDENTITY),
            post(api::families::end_involvement),
        ),
        (
            api(
                Method::PUT,
                "/api/v1/families/{family}/members/{member}",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "correctMember",
                    summary: "De gegevens van een gezinslid corrigeren (met reden; het journaal bewaart de oude)",
                    request: Some("MemberCorrection"),
                    responses: &[
                        (204, "Gecorrigeerd", None),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (403, "Alleen de regie wijzigt gezinsleden en netwerk", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(LEAD),
            put(api::families::correct_member),
        ),
        (
            api(
                Method::PUT,
                "/api/v1/families/{family}/network/{network_member}",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "correctNetworkMember",
                    summary: "De gegevens van een netwerklid corrigeren (met reden; het journaal bewaart de oude)",
                    request: Some("NetworkCorrection"),
                    responses: &[
                        (204, "Gecorrigeerd", None),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (403, "Alleen de regie wijzigt gezinsleden en netwerk", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(LEAD),
            put(api::families::correct_network),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/timeline",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "getTimeline",
                    summary: "De tijdlijn van het dossier uit het journaal",
                    request: None,
                    responses: &[
                        (200, "Gebeurtenissen", Some("Timeline")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(IDENTITY),
            get(api::families::timeline),
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
        // SAVE op locatie
        (
            page(Method::GET, "/save-op-locatie", SAVE_ON_SITE),
            get(pages::save_on_site::show),
        ),
        (
            page(Method::POST, "/save-op-locatie/boeken", SAVE_ON_SITE),
            post(pages::save_on_site::book),
        ),
        (
            page(Method::POST, "/save-op-locatie/inloop", SAVE_ON_SITE),
            post(pages::save_on_site::walk_in),
        ),
        (
            page(Method::POST, "/save-op-locatie/rooster", SAVE_SCHEDULE),
            post(pages::save_on_site::add_slot),
        ),
        (
            page(
                Method::POST,
                "/save-op-locatie/rooster/{slot}/beeindigen",
                SAVE_SCHEDULE,
            ),
            post(pages::save_on_site::end_slot),
        ),
        (
            page(Method::GET, "/save-op-locatie/overleg/{id}", SAVE_ON_SITE),
            get(pages::save_on_site::consultation),
        ),
        (
            page(
                Method::POST,
                "/save-op-locatie/overleg/{id}/advies",
                SAVE_ON_SITE,
            ),
            post(pages::save_on_site::advice),
        ),
        (
            page(
                Method::POST,
                "/save-op-locatie/overleg/{id}/annuleren",
                SAVE_ON_SITE,
            ),
            post(pages::save_on_site::cancel),
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
                        (403, "Alleen voor gecertificeerde instellingen en lokale teams", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(api::save_on_site::slots),
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
                        (409, "De medewerker is dan al elders op locatie", Some("Problem")),
                        (403, "Alleen voor teamleiders van een gecertificeerde instelling", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::save_on_site::add_slot),
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
                        (200, "Beëindigd", None),
                        (400, "Ongeldige datum (met veld)", Some("Problem")),
                        (409, "Al beëindigd, of er staan nog overleggen na die datum", Some("Problem")),
                        (404, "Geen dagdeel van jouw organisatie", Some("Problem")),
                        (403, "Alleen voor teamleiders van een gecertificeerde instelling", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::save_on_site::end_slot),
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
                        (403, "Alleen voor gecertificeerde instellingen en lokale teams", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(api::save_on_site::day),
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
                        (201, "Geboekt", Some("Created")),
                        (400, "Ongeldige invoer, geen dag op locatie, of geen toestemming (met veld)", Some("Problem")),
                        (403, "Alleen voor het lokale team van dit dagdeel", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::save_on_site::book),
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
                        (201, "Vastgelegd en gehouden", Some("Created")),
                        (400, "Ongeldige invoer (met veld)", Some("Problem")),
                        (403, "Alleen de medewerker op locatie", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::save_on_site::walk_in),
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
                        (403, "Alleen voor gecertificeerde instellingen en lokale teams", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            get(api::save_on_site::consultation),
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
                        (200, "Gehouden", None),
                        (400, "Ongeldige invoer (met veld)", Some("Problem")),
                        (409, "Al gehouden, geannuleerd, of nog niet de dag", Some("Problem")),
                        (404, "Geen overleg dat jij mag zien", Some("Problem")),
                        (403, "Alleen de medewerker op locatie", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::save_on_site::advice),
        ),
        (
            api(
                Method::POST,
                "/api/v1/save-op-locatie/consultations/{consultation}/cancel",
                SAVE_ON_SITE,
                ApiDoc {
                    operation_id: "cancelSaveConsultation",
                    summary: "SAVE op locatie: een geboekt overleg annuleren, met de reden",
                    request: Some("End"),
                    responses: &[
                        (200, "Geannuleerd", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (409, "Al gehouden of geannuleerd", Some("Problem")),
                        (404, "Geen overleg dat jij mag zien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ),
            post(api::save_on_site::cancel),
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
            get(api::save_on_site::family_consultations),
        ),
    ]
}

/// The chain's ways of working: SAVE-begeleiding and the EVU.
fn ways_of_working() -> Routes {
    vec![
        (
            page(Method::GET, "/gezinnen/{family}/save-begeleiding", SIGNED_IN).family(PLAN),
            get(pages::save_guidance::show),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/save-begeleiding", SIGNED_IN).family(LEAD),
            post(pages::save_guidance::start),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/save-begeleiding/{guidance}/evaluatie",
                SIGNED_IN,
            )
            .family(PLAN),
            post(pages::save_guidance::review),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/save-begeleiding/{guidance}/einde",
                SIGNED_IN,
            )
            .family(PLAN),
            post(pages::save_guidance::end),
        ),
        (
            // The referral's worries are about the family's safety: the plan's data.
            page(Method::GET, "/gezinnen/{family}/evu", SIGNED_IN).family(PLAN),
            get(pages::evu::family),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/evu", SIGNED_IN).family(LEAD),
            post(pages::evu::refer),
        ),
        (
            page(Method::GET, "/evu", EVU_COORDINATOR),
            get(pages::evu::list),
        ),
        (
            page(Method::GET, "/evu/{referral}", EVU_COORDINATOR),
            get(pages::evu::show),
        ),
        (
            page(Method::POST, "/evu/{referral}/combinatie", EVU_COORDINATOR),
            post(pages::evu::assign),
        ),
        (
            page(Method::POST, "/evu/{referral}/afwijzen", EVU_COORDINATOR),
            post(pages::evu::decline),
        ),
        (
            page(Method::POST, "/evu/{referral}/afsluiten", EVU_COORDINATOR),
            post(pages::evu::close),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/save-guidance",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "listSaveGuidance",
                    summary: "SAVE-begeleiding van het gezin: doelen, evaluaties, einde",
                    request: None,
                    responses: &[
                        (200, "De begeleidingen", Some("SaveGuidanceList")),
                        (403, "Toestemming nodig", Some("Problem")),
                        NOT_FOUND,
                        SIGN_IN,
                    ],
                },
            )
            .family(PLAN),
            get(api::save_guidance::list),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/save-guidance",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "startSaveGuidance",
                    summary: "SAVE-begeleiding starten: op toestemming, naast de regisseur, met doelen in het plan en een einddatum",
                    request: Some("NewSaveGuidance"),
                    responses: &[
                        (201, "Gestart", Some("Created")),
                        (400, "Ongeldige invoer (veld genoemd)", Some("Problem")),
                        (409, "Kan nu niet: toestemming ontbreekt, geen vrijwillig kader, of er loopt er al een", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        NOT_FOUND,
                        SIGN_IN,
                    ],
                },
            )
            .family(LEAD),
            post(api::save_guidance::start),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/save-guidance/{guidance}/reviews",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "reviewSaveGuidance",
                    summary: "SAVE-begeleiding evalueren (uiterlijk elke drie maanden); de einddatum kan schuiven",
                    request: Some("SaveGuidanceReview"),
                    responses: &[
                        (200, "Geëvalueerd, met de volgende evaluatiedatum", Some("NextReview")),
                        (400, "Ongeldige invoer (veld genoemd)", Some("Problem")),
                        (409, "Al beëindigd", Some("Problem")),
                        (403, "Niet jouw begeleiding of toestemming nodig", Some("Problem")),
                        NOT_FOUND,
                        SIGN_IN,
                    ],
                },
            )
            .family(PLAN),
            post(api::save_guidance::review),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/save-guidance/{guidance}/end",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "endSaveGuidance",
                    summary: "SAVE-begeleiding beëindigen met een uitkomst (zonder resultaat: met reden)",
                    request: Some("SaveGuidanceEnd"),
                    responses: &[
                        (204, "Beëindigd", None),
                        (400, "Ongeldige invoer (veld genoemd)", Some("Problem")),
                        (409, "Al beëindigd", Some("Problem")),
                        (403, "Niet jouw begeleiding of toestemming nodig", Some("Problem")),
                        NOT_FOUND,
                        SIGN_IN,
                    ],
                },
            )
            .family(PLAN),
            post(api::save_guidance::end),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/evu-referrals",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "listFamilyEvuReferrals",
                    summary: "EVU-aanmeldingen van het gezin en de toegewezen combinatie",
                    request: None,
                    responses: &[
                        (200, "De aanmeldingen", Some("EvuReferralList")),
                        (403, "Toestemming nodig", Some("Problem")),
                        NOT_FOUND,
                        SIGN_IN,
                    ],
                },
            )
            .family(PLAN),
            get(api::evu::of_family),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/evu-referrals",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "referToEvu",
                    summary: "Het EVU inschakelen bij zorgen over veiligheid (op toestemming, gezin woont in een EVU-wijk)",
                    request: Some("Reason"),
                    responses: &[
                        (201, "Aangemeld", Some("Created")),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (409, "Kan niet: geen EVU-wijk, geen toestemming, of al aangemeld", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        NOT_FOUND,
                        SIGN_IN,
                    ],
                },
            )
            .family(LEAD),
            post(api::evu::refer),
        ),
        (
            api(
                Method::GET,
                "/api/v1/evu/referrals",
                EVU_COORDINATOR,
                ApiDoc {
                    operation_id: "evuWorkList",
                    summary: "EVU-coördinator: nieuwe aanmeldingen om te bemensen en lopende, met de professionals om uit te kiezen",
                    request: None,
                    responses: &[
                        (200, "De werklijst", Some("EvuWorkList")),
                        (403, "Alleen voor de EVU-coördinator", Some("Problem")),
                        SIGN_IN,
                    ],
                },
            ),
            get(api::evu::work_list),
        ),
        (
            api(
                Method::POST,
                "/api/v1/evu/referrals/{referral}/combination",
                EVU_COORDINATOR,
                ApiDoc {
                    operation_id: "assignEvuCombination",
                    summary: "Een combinatie van professionals uit meerdere organisaties tegelijk toewijzen",
                    request: Some("EvuCombination"),
                    responses: &[
                        (204, "Toegewezen; allen betrokken bij het gezin", None),
                        (400, "Geen combinatie, of iemand mag nog niet aansluiten (met de toestemmingsstap)", Some("Problem")),
                        (409, "Niet (meer) nieuw", Some("Problem")),
                        (403, "Alleen voor de EVU-coördinator", Some("Problem")),
                        NOT_FOUND,
                        SIGN_IN,
                    ],
                },
            ),
            post(api::evu::assign),
        ),
        (
            api(
                Method::POST,
                "/api/v1/evu/referrals/{referral}/decline",
                EVU_COORDINATOR,
                ApiDoc {
                    operation_id: "declineEvuReferral",
                    summary: "Een nieuwe aanmelding niet oppakken, met reden voor de aanmelder",
                    request: Some("Reason"),
                    responses: &[
                        (204, "Afgewezen", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (409, "Niet (meer) nieuw", Some("Problem")),
                        (403, "Alleen voor de EVU-coördinator", Some("Problem")),
                        NOT_FOUND,
                        SIGN_IN,
                    ],
                },
            ),
            post(api::evu::decline),
        ),
        (
            api(
                Method::POST,
                "/api/v1/evu/referrals/{referral}/close",
                EVU_COORDINATOR,
                ApiDoc {
                    operation_id: "closeEvuReferral",
                    summary: "De inzet van het EVU afsluiten",
                    request: Some("Reason"),
                    responses: &[
                        (204, "Afgesloten", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (409, "Geen toegewezen combinatie", Some("Problem")),
                        (403, "Alleen voor de EVU-coördinator", Some("Problem")),
                        NOT_FOUND,
                        SIGN_IN,
                    ],
                },
            ),
            post(api::evu::close),
        ),
    ]
}
