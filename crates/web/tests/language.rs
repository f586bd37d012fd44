//! What a person reads, in their language: the scanner every page test can run over a
//! rendered page, proven on a page with a planted code, and the API's problems in
//! English when the client asks for English.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::App;
use common::scan::findings;
use eenplan_domain::role::Role;
use eenplan_store::SessionKind;

const CLEAN: &str = r#"<!doctype html><html lang="nl"><head><title>Tijdlijn — Gezin Jansen</title>
<script>var kind = "consent_given";</script><style>.x{color:red}</style></head><body>
<h1>Tijdlijn</h1><p>5 dec 2026 14:05 — eenplan gaf toestemming voor School en het plan.</p>
<input type="date" name="on" value="2026-12-05"><a href="/gezinnen/abc/notities">Notities</a>
<!-- GET /gezinnen/{family} --></body></html>"#;

/// One thing no person should see, planted in an otherwise clean Dutch page.
fn planted(what: &str) -> String {
    CLEAN.replace(
        "<h1>Tijdlijn</h1>",
        &format!("<h1>Tijdlijn</h1><p>{what}</p>"),
    )
}

#[test]
fn the_scanner_passes_a_clean_page_and_finds_each_planted_thing() {
    assert_eq!(findings(CLEAN), Vec::<String>::new());
    // A code from the domain's lists, chosen from them here, never typed in.
    let codes = eenplan_domain::code_registry::every_code();
    let read = codes
        .iter()
        .find(|c| c.list == "AccessEvent" && c.label_nl != c.code)
        .expect("the access log's events are a code list");
    let action = codes
        .iter()
        .find(|c| c.list == "ActionStatus")
        .expect("an action's status is a code list");
    for thing in [
        read.code.to_owned(),
        format!("[{}]", action.code),
        "consent_given".to_owned(),
        "door system:demo".to_owned(),
        "GET /gezinnen/{family}/notities".to_owned(),
        "zie /api/v1/families".to_owned(),
        "2026-12-05T14:05:33.123456Z".to_owned(),
        "om 14:05:33".to_owned(),
        "op 2026-12-05".to_owned(),
    ] {
        let page = planted(&thing);
        assert!(!findings(&page).is_empty(), "{thing:?} went unnoticed");
    }
    // On an English page the English words that are also codes are words.
    let english = CLEAN
        .replace("lang=\"nl\"", "lang=\"en\"")
        .replace("eenplan gaf", "Other things are done; eenplan gave");
    assert_eq!(findings(&english), Vec::<String>::new());
    assert!(!findings(&english.replace("Other", "consent_given")).is_empty());
}

fn json(r: &common::Response) -> serde_json::Value {
    serde_json::from_str(&r.body).unwrap()
}

fn language(r: &common::Response) -> &str {
    r.headers
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn the_apis_problems_are_english_when_the_client_asks_for_english() {
    let app = App::new().await;
    let en = ("accept-language", "en-GB,en;q=0.9,nl;q=0.5".to_owned());
    let nl = ("accept-language", "nl".to_owned());

    // The router's own answer to an unknown path, in both languages.
    let r = app
        .raw(
            Method::GET,
            "/api/v1/nergens",
            std::slice::from_ref(&en),
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(json(&r)["title"], "Not found");
    assert_eq!(
        json(&r)["detail"],
        "There is no API resource at /api/v1/nergens."
    );
    assert_eq!(language(&r), "en");
    let r = app
        .raw(
            Method::GET,
            "/api/v1/nergens",
            std::slice::from_ref(&nl),
            "",
        )
        .await;
    assert_eq!(json(&r)["title"], "Niet gevonden");
    assert_eq!(language(&r), "nl");
    // Without Accept-Language: Dutch, as before.
    let r = app.raw(Method::GET, "/api/v1/nergens", &[], "").await;
    assert_eq!(json(&r)["title"], "Niet gevonden");

    // The policy guard's 401.
    let r = app
        .raw(Method::GET, "/api/v1/me", std::slice::from_ref(&en), "")
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(json(&r)["title"], "Not signed in");

    // A body that is not JSON, and one that is no valid JSON: title, detail and the
    // reason at the field.
    let sanne = app
        .account("sanne@lokalis.example", &[Role::Professional], true)
        .await;
    let token = app.session_token(&sanne, SessionKind::Api).await;
    let auth = ("authorization", format!("Bearer {token}"));
    let r = app
        .raw(
            Method::POST,
            "/api/v1/families",
            &[
                auth.clone(),
                en.clone(),
                ("content-type", "text/plain".to_owned()),
            ],
            "x",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body = json(&r);
    assert_eq!(body["title"], "JSON only");
    assert_eq!(body["invalidParams"][0]["reason"], "Use application/json.");
    assert_eq!(body["type"], "/problems/unsupported-media-type");
    let r = app
        .raw(
            Method::POST,
            "/api/v1/session",
            &[en, ("content-type", "application/json".to_owned())],
            "{",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(json(&r)["title"], "Invalid JSON");
    assert!(
        json(&r)["detail"]
            .as_str()
            .unwrap()
            .starts_with("Send a JSON object with email, password and totp"),
        "{}",
        r.body
    );
    // The same in Dutch.
    let r = app
        .raw(
            Method::POST,
            "/api/v1/session",
            &[nl, ("content-type", "application/json".to_owned())],
            "{",
        )
        .await;
    assert_eq!(json(&r)["title"], "Ongeldige JSON");
    app.done().await;
}
