//! The router without a network: health, errors, headers and assets.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use eenplan_store::{DatabaseUrl, OpenMode, Store};
use eenplan_web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

struct Fixture {
    store: Store,
    path: std::path::PathBuf,
}

impl Fixture {
    async fn new() -> Self {
        let path = std::env::temp_dir().join(format!(
            "eenplan_web_{}_{}.sqlite",
            std::process::id(),
            eenplan_store::ids::new_id()
        ));
        let store = Store::open(
            &DatabaseUrl::Sqlite(path.clone()),
            OpenMode::CreateIfMissing,
        )
        .await
        .unwrap();
        Self { store, path }
    }

    async fn get(&self, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
        let response = router(AppState {
            store: self.store.clone(),
        })
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8_lossy(&body).into_owned())
    }

    async fn done(self) {
        self.store.close().await;
        let _ = eenplan_store::remove_sqlite_database(&self.path);
    }
}

#[tokio::test]
async fn healthz_reports_the_database() {
    let f = Fixture::new().await;
    let (status, _, body) = f.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, r#"{"database":"ok","status":"ok"}"#);

    // A store whose connections are gone: the check must say so, not pretend.
    f.store.close().await;
    let (status, headers, body) = f.get("/healthz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    assert!(body.contains(r#""status":503"#), "{body}");
    f.done().await;
}

#[tokio::test]
async fn unknown_api_paths_are_problem_json_and_pages_are_html() {
    let f = Fixture::new().await;
    let (status, headers, body) = f.get("/api/v1/bestaat-niet").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], 404);
    assert_eq!(json["type"], "/problems/not-found");
    assert_eq!(json["instance"], "/api/v1/bestaat-niet");

    let (status, headers, body) = f.get("/bestaat-niet").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(body.contains("<h1>Pagina niet gevonden</h1>"));
    f.done().await;
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let f = Fixture::new().await;
    for uri in [
        "/",
        "/healthz",
        "/static/eenplan.css",
        "/bestaat-niet",
        "/api/v1/x",
    ] {
        let (_, headers, _) = f.get(uri).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{uri}");
    }
    f.done().await;
}

#[tokio::test]
async fn assets_are_embedded() {
    let f = Fixture::new().await;
    let (status, headers, body) = f.get("/static/eenplan.css").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
    assert!(body.contains(".site-header"));
    let (status, _, _) = f.get("/static/../Cargo.toml").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = f.get("/static/onbekend.css").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    f.done().await;
}
