//! The family file's routes: the pages under `/gezinnen` and the API under
//! `/api/v1/families`, each with its policy, the family data it touches and, for the
//! API, its documentation.

use axum::http::Method;
use axum::routing::{get, post, put};
use eenplan_domain::policy::SIGNED_IN;

use super::{api, pages};
use crate::kit::route::{ApiDoc, IDENTITY, LEAD, NOTES, PLAN, Routes, api, page};

pub fn routes() -> Routes {
    vec![
        (
            page(Method::GET, "/gezinnen", SIGNED_IN),
            get(pages::search),
        ),
        (
            page(Method::GET, "/gezinnen/nieuw", SIGNED_IN),
            get(pages::new_form),
        ),
        (
            page(Method::POST, "/gezinnen/nieuw", SIGNED_IN),
            post(pages::create),
        ),
        (
            page(Method::GET, "/gezinnen/{family}", SIGNED_IN).family(IDENTITY),
            get(pages::show),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/leden", SIGNED_IN).family(LEAD),
            post(pages::add_member),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/netwerk", SIGNED_IN).family(LEAD),
            post(pages::add_network),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/betrokkenen", SIGNED_IN).family(IDENTITY),
            post(pages::add_involvement),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/plan", SIGNED_IN).family(PLAN),
            get(pages::plan_show),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/plan", SIGNED_IN).family(PLAN),
            post(pages::plan_save),
        ),
        (
            page(
                Method::GET,
                "/gezinnen/{family}/plan/vergelijken",
                SIGNED_IN,
            ).family(PLAN),
            get(pages::plan_compare),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/plan/akkoord", SIGNED_IN).family(PLAN),
            post(pages::plan_agree),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/plan/afdrukken", SIGNED_IN).family(PLAN),
            get(pages::plan_print),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/notities", SIGNED_IN).family(NOTES),
            get(pages::notes),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/notities", SIGNED_IN).family(NOTES),
            post(pages::write_note),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/notities/{note}",
                SIGNED_IN,
            ).family(NOTES),
            post(pages::change_note),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/beeindigen", SIGNED_IN).family(IDENTITY),
            post(pages::end_someone),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/leden/corrigeren",
                SIGNED_IN,
            ).family(LEAD),
            post(pages::correct_member),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/netwerk/corrigeren",
                SIGNED_IN,
            ).family(LEAD),
            post(pages::correct_network),
        ),
        (
            page(Method::GET, "/gezinnen/{family}/tijdlijn", SIGNED_IN).family(IDENTITY),
            get(pages::timeline),
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
            get(api::search),
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
            post(api::create),
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
            get(api::read),
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
            post(api::add_member),
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
            post(api::add_network),
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
            post(api::add_involvement),
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
            get(api::plan),
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
            put(api::put_plan),
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
            get(api::plan_version),
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
                        (201, "Vastgelegd", Some("AgreementRecorded")),
                        (400, "Ongeldige invoer", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(PLAN),
            post(api::agree),
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
            get(api::notes),
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
            post(api::write_note),
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
                        (200, "Nieuwe versie", Some("NoteChanged")),
                        (400, "Ongeldige invoer of reden ontbreekt", Some("Problem")),
                        (403, "Niet de auteur", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(NOTES),
            put(api::change_note),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/members/{member}/end",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "endMember",
                    summary: "Een gezinslid beëindigen (blijft bewaard)",
                    request: Some("Reason"),
                    responses: &[
                        (204, "Beëindigd", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (403, "Alleen de regie wijzigt gezinsleden en netwerk", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(LEAD),
            post(|f, p, b| api::end(api::Part::Member, f, p, b)),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/network/{member}/end",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "endNetworkMember",
                    summary: "Een netwerklid beëindigen (blijft bewaard)",
                    request: Some("Reason"),
                    responses: &[
                        (204, "Beëindigd", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (403, "Alleen de regie wijzigt gezinsleden en netwerk", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(LEAD),
            post(|f, p, b| api::end(api::Part::Network, f, p, b)),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/involvements/{involvement}/end",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "endInvolvement",
                    summary: "Een partner beëindigen; de regisseur alleen via een overdracht",
                    request: Some("Reason"),
                    responses: &[
                        (204, "Beëindigd", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            ).family(IDENTITY),
            post(|f, p, b| api::end(api::Part::Involvement, f, p, b)),
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
            put(api::correct_member),
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
            put(api::correct_network),
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
            get(api::timeline),
        ),
    ]
}
