//! SAVE-begeleiding's pages and API operations, with the policy that guards each: the
//! page and the list need the plan, starting is lead work, reviewing and ending need
//! the plan (the domain then asks whether the guidance is the caller's).

use axum::http::Method;
use axum::routing::{get, post};
use eenplan_domain::policy::SIGNED_IN;

use super::{api, pages};
use crate::kit::route::{ApiDoc, LEAD, NOT_FOUND, PLAN, Routes, SIGN_IN, api, page};

pub fn routes() -> Routes {
    vec![
        (
            page(Method::GET, "/gezinnen/{family}/save-begeleiding", SIGNED_IN).family(PLAN),
            get(pages::show),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/save-begeleiding", SIGNED_IN).family(LEAD),
            post(pages::start),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/save-begeleiding/{guidance}/evaluatie",
                SIGNED_IN,
            )
            .family(PLAN),
            post(pages::review),
        ),
        (
            page(
                Method::POST,
                "/gezinnen/{family}/save-begeleiding/{guidance}/einde",
                SIGNED_IN,
            )
            .family(PLAN),
            post(pages::end),
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
            get(api::list),
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
            post(api::start),
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
            post(api::review),
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
            post(api::end),
        ),
    ]
}
