//! The EVU's pages and API operations, with the policy that guards each: the family's
//! referrals need the plan (the worries are about the family's safety), calling the EVU
//! in is lead work, the work list and its steps are the coordinator's.

use axum::http::Method;
use axum::routing::{get, post};
use eenplan_domain::policy::{EVU_COORDINATOR, SIGNED_IN};

use super::{api, pages};
use crate::kit::route::{ApiDoc, LEAD, NOT_FOUND, PLAN, Routes, SIGN_IN, api, page};

pub fn routes() -> Routes {
    vec![
        (
            // The referral's worries are about the family's safety: the plan's data.
            page(Method::GET, "/gezinnen/{family}/evu", SIGNED_IN).family(PLAN),
            get(pages::family),
        ),
        (
            page(Method::POST, "/gezinnen/{family}/evu", SIGNED_IN).family(LEAD),
            post(pages::refer),
        ),
        (
            page(Method::GET, "/evu", EVU_COORDINATOR),
            get(pages::list),
        ),
        (
            page(Method::GET, "/evu/{referral}", EVU_COORDINATOR),
            get(pages::show),
        ),
        (
            page(Method::POST, "/evu/{referral}/combinatie", EVU_COORDINATOR),
            post(|c, p, b| pages::act(pages::Sent::Combination, c, p, b)),
        ),
        (
            page(Method::POST, "/evu/{referral}/afwijzen", EVU_COORDINATOR),
            post(|c, p, b| pages::act(pages::Sent::Decline, c, p, b)),
        ),
        (
            page(Method::POST, "/evu/{referral}/afsluiten", EVU_COORDINATOR),
            post(|c, p, b| pages::act(pages::Sent::Close, c, p, b)),
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
            get(api::of_family),
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
            post(api::refer),
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
            get(api::work_list),
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
            post(api::assign),
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
            post(|c, p, b| api::finish(api::Finish::Decline, c, p, b)),
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
            post(|c, p, b| api::finish(api::Finish::Close, c, p, b)),
        ),
    ]
}
