//! The joint assessment meeting's routes. Meetings and views need the plan (a partner
//! whose consent opens the plan to their organisation writes their organisation's
//! view); scheduling, the judgement and cancelling are lead work.

use axum::http::Method;
use axum::routing::{get, post, put};
use eenplan_domain::policy::SIGNED_IN;

use crate::kit::route::{ApiDoc, LEAD, PLAN, Routes, api, page};

pub fn routes() -> Routes {
    vec![
        (
            page(Method::GET, "/gezinnen/{family}/beoordeling", SIGNED_IN).family(PLAN),
            get(super::pages::list),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/beoordeling", SIGNED_IN).family(LEAD),
            post(super::pages::schedule),
        ),
        (
            page(
                Method::GET,
                "/gezinnen/{family}/beoordeling/{meeting}",
                SIGNED_IN,
            )
            .family(PLAN),
            get(super::pages::show),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/beoordeling/{meeting}/visie",
                SIGNED_IN,
            )
            .family(PLAN),
            post(super::pages::view),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/beoordeling/{meeting}/oordeel",
                SIGNED_IN,
            )
            .family(LEAD),
            post(super::pages::judge),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/beoordeling/{meeting}/afgelasten",
                SIGNED_IN,
            )
            .family(LEAD),
            post(super::pages::cancel),
        ),
        (
            api(
                Method::GET,
                "/api/v1/families/{family}/joint-assessments",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "listJointAssessments",
                    summary: "De gezamenlijke beoordelingen van het gezin: uitgenodigden, ieders visie, het gezamenlijk oordeel",
                    request: None,
                    responses: &[
                        (200, "De bijeenkomsten", Some("JointAssessments")),
                        (403, "Toestemming nodig voor het plan", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(PLAN),
            get(super::api::list),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/joint-assessments",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "scheduleJointAssessment",
                    summary: "Een methodische leerbijeenkomst of jeugdbeschermingstafel plannen met de betrokken organisaties",
                    request: Some("NewJointAssessment"),
                    responses: &[
                        (201, "Gepland", Some("Created")),
                        (400, "Ongeldige invoer (met veldnaam)", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Geen dossier dat jij mag inzien", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            post(super::api::schedule),
        ),
        (
            api(
                Method::PUT,
                "/api/v1/families/{family}/joint-assessments/{meeting}/views",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "putJointAssessmentView",
                    summary: "De visie van jouw organisatie (zorgen, wat gaat goed, wat is nodig) vastleggen of bijwerken, vóór de bijeenkomst",
                    request: Some("JointAssessmentView"),
                    responses: &[
                        (200, "Vastgelegd, met het versienummer", Some("Version")),
                        (400, "Ongeldige invoer (met veldnaam)", Some("Problem")),
                        (403, "Niet uitgenodigd, of toestemming nodig", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (409, "De bijeenkomst is gehouden of afgelast", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(PLAN),
            put(super::api::put_view),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/joint-assessments/{meeting}/judgement",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "recordJointJudgement",
                    summary: "Het gezamenlijk oordeel: wat nodig is, wie wat doet (als acties in het plan) en waar de visies verschilden",
                    request: Some("JointJudgement"),
                    responses: &[
                        (200, "Vastgelegd, met de nieuwe planversie", Some("JointJudgementRecorded")),
                        (400, "Ongeldige invoer (met veldnaam)", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (409, "Al gehouden, afgelast of de datum is nog niet bereikt", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            post(super::api::judge),
        ),
        (
            api(
                Method::POST,
                "/api/v1/families/{family}/joint-assessments/{meeting}/cancel",
                SIGNED_IN,
                ApiDoc {
                    operation_id: "cancelJointAssessment",
                    summary: "Een geplande bijeenkomst afgelasten, met reden",
                    request: Some("Reason"),
                    responses: &[
                        (204, "Afgelast", None),
                        (400, "Reden ontbreekt", Some("Problem")),
                        (403, "Alleen voor de regie", Some("Problem")),
                        (404, "Niet gevonden", Some("Problem")),
                        (409, "Al gehouden of afgelast", Some("Problem")),
                        (401, "Niet aangemeld", Some("Problem")),
                    ],
                },
            )
            .family(LEAD),
            post(super::api::cancel),
        ),
    ]
}
