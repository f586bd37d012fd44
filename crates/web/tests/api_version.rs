//! The NL API Design Rules' version header (/core/version-header): every answer under
//! `/api/`, whatever its status, names the API's full version, the one the OpenAPI
//! document states; pages do not carry it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::App;
use eenplan_domain::role::Role;

/// A request and the status it must get.
type Case<'a> = (Method, &'a str, Vec<(&'a str, String)>, &'a str, StatusCode);

#[tokio::test]
async fn every_api_answer_names_the_full_api_version() {
    let app = App::new().await;
    let doc = app
        .raw(Method::GET, "/api/v1/openapi.json", &[], "")
        .await
        .json();
    let version = doc["info"]["version"].as_str().unwrap().to_owned();
    let account = app
        .account("kim@save.example", &[Role::Professional], true)
        .await;
    let token = app
        .session_token(&account, eenplan_store::SessionKind::Api)
        .await;
    let bearer = || vec![("authorization", format!("Bearer {token}"))];
    let json = || vec![("content-type", "application/json".to_owned())];
    let long = format!("/api/v1/families?q={}", "x".repeat(10_000));
    let cases: Vec<Case> = vec![
        (
            Method::GET,
            "/api/v1/openapi.json",
            vec![],
            "",
            StatusCode::OK,
        ),
        (Method::GET, "/api/v1/me", bearer(), "", StatusCode::OK),
        (
            Method::GET,
            "/api/v1/me",
            vec![],
            "",
            StatusCode::UNAUTHORIZED,
        ),
        (
            Method::GET,
            "/api/v1/bestaat-niet",
            vec![],
            "",
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/api/v1/session",
            json(),
            "{",
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::POST,
            "/api/v1/session",
            vec![],
            "{}",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (Method::GET, &long, bearer(), "", StatusCode::URI_TOO_LONG),
    ];
    for (method, uri, headers, body, status) in cases {
        let r = app.raw(method.clone(), uri, &headers, body).await;
        let shown = &uri[..uri.len().min(40)];
        assert_eq!(r.status, status, "{method} {shown}: {}", r.body);
        assert_eq!(
            r.headers.get("api-version").and_then(|v| v.to_str().ok()),
            Some(version.as_str()),
            "{method} {shown} ({status})"
        );
    }
    for uri in ["/aanmelden", "/healthz", "/spoed", "/static/eenplan.css"] {
        let r = app.raw(Method::GET, uri, &[], "").await;
        assert!(r.headers.get("api-version").is_none(), "{uri}");
    }
    app.done().await;
}

/// The document says the same (/core/version-header, /core/uri-version,
/// /core/doc-openapi-contact): the header on every response of every operation, a
/// server URL ending in the major version with the paths relative to it, and whom to ask.
#[tokio::test]
async fn the_document_states_the_header_the_versioned_server_and_a_contact() {
    let app = App::new().await;
    let doc = app
        .raw(Method::GET, "/api/v1/openapi.json", &[], "")
        .await
        .json();
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    let header = &doc["components"]["headers"]["API-Version"];
    assert_eq!(header["required"], true);
    assert_eq!(header["schema"]["example"], doc["info"]["version"]);
    let mut responses = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        assert!(
            !path.starts_with("/api/"),
            "{path} is not relative to the server"
        );
        for (method, op) in ops.as_object().unwrap() {
            for (status, response) in op["responses"].as_object().unwrap() {
                assert_eq!(
                    response["headers"]["API-Version"]["$ref"], "#/components/headers/API-Version",
                    "{method} {path} {status}"
                );
                responses += 1;
            }
        }
    }
    assert!(responses > 100, "{responses}");
    for field in ["name", "url", "email"] {
        assert!(
            doc["info"]["contact"][field].is_string(),
            "info.contact.{field}"
        );
    }
    app.done().await;
}
