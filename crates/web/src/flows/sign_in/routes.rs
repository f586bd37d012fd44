//! The sign-in flow's routes: public pages to sign in, the signed-in visitor's password
//! and session, and the API session.

use super::schemas::{Me, Session, SessionRequest};
use eenplan_domain::policy::{Policy, SIGNED_IN};

use super::{api, pages};
use crate::kit::route::{Entry, delete, get, post};

pub fn routes() -> Vec<Entry> {
    use Policy::Public;
    vec![
        get("/", Public, pages::landing::landing),
        get("/taal/{code}", Public, pages::landing::switch_language),
        get("/aanmelden", Public, pages::sign_in::show),
        post("/aanmelden", Public, pages::sign_in::submit),
        get("/aanmelden/code", Public, pages::sign_in::show_code),
        post("/aanmelden/code", Public, pages::sign_in::submit_code),
        get("/aanmelden/koppelen", Public, pages::sign_in::show_code),
        post("/aanmelden/koppelen", Public, pages::sign_in::submit_code),
        post(
            "/aanmelden/inschrijfcode",
            Public,
            pages::sign_in::submit_enrolment_code,
        ),
        get("/aanmelden/wachtwoord", SIGNED_IN, pages::password::show),
        post("/aanmelden/wachtwoord", SIGNED_IN, pages::password::submit),
        post("/afmelden", SIGNED_IN, pages::sign_in::sign_out),
        post("/api/v1/session", Public, api::create)
            .doc(
                "createSession",
                "Aanmelden met e-mailadres, wachtwoord en TOTP-code; geeft een bearer-token",
            )
            .body::<SessionRequest>()
            .ok::<Session>(201, "Aangemeld")
            .problems([
                (400, "Ontbrekende of ongeldige velden"),
                (401, "Aanmelden mislukt"),
                (429, "Te veel pogingen"),
            ]),
        delete("/api/v1/session", SIGNED_IN, api::delete)
            .doc(
                "deleteSession",
                "Afmelden: het token werkt daarna niet meer",
            )
            .empty(204, "Afgemeld"),
        get("/api/v1/me", SIGNED_IN, api::me)
            .doc("getMe", "De aangemelde gebruiker met organisatie en rollen")
            .ok::<Me>(200, "De gebruiker"),
        post("/sessie/verlengen", SIGNED_IN, crate::auth::resume::extend),
        get("/hervatten", SIGNED_IN, crate::auth::resume::resume),
    ]
}
