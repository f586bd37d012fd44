//! The sign-in flow's routes: public pages to sign in, the signed-in visitor's password
//! and session, and the API session.

use axum::http::Method;
use axum::routing::{delete, get, post};
use eenplan_domain::policy::{Policy, SIGNED_IN};

use super::pages;
use crate::kit::route::{ApiDoc, Routes, api, page};

pub fn routes() -> Routes {
    use Policy::Public;
    vec![
        (page(Method::GET, "/", Public), get(pages::landing::landing)),
        (
            page(Method::GET, "/taal/{code}", Public),
            get(pages::landing::switch_language),
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
            post(super::api::create),
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
            delete(super::api::delete),
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
            get(super::api::me),
        ),
        (
            page(Method::POST, "/sessie/verlengen", SIGNED_IN),
            post(crate::auth::resume::extend),
        ),
        (
            page(Method::GET, "/hervatten", SIGNED_IN),
            get(crate::auth::resume::resume),
        ),
    ]
}
