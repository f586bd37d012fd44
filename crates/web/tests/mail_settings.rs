//! The person's own e-mail setting: the page shows the current choice, saves a new
//! one, refuses a value that is not on the list (message at the field, nothing
//! stored), and the language a person signs in with is the one their mail speaks.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{App, field_error, selected_option};
use eenplan_domain::mail::{Language, MailPreference};
use eenplan_domain::role::Role;

async fn settings(app: &App, account: &common::Account) -> (MailPreference, Language) {
    let mut tx = app.store.read().await.unwrap();
    tx.mail_settings(&account.user_id).await.unwrap()
}

#[tokio::test]
async fn the_setting_is_shown_saved_and_refused_when_not_on_the_list() {
    let app = App::new().await;
    let thomas = app
        .account("thomas@save.example", &[Role::Professional], true)
        .await;
    let mut b = app.signed_in_browser(&thomas).await;
    let inbox = b.get("/berichten").await;
    assert!(
        inbox.body.contains("href=\"/berichten/e-mail\""),
        "the inbox links the setting: {}",
        inbox.body
    );
    let page = b.get("/berichten/e-mail").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        selected_option(&page.body, "preference").as_deref(),
        Some("immediately")
    );
    assert!(page.body.contains("Direct een e-mail"), "{}", page.body);
    assert_eq!(common::scan::findings(&page.body), Vec::<String>::new());
    let csrf = page.csrf();

    let refused = b
        .post(
            "/berichten/e-mail",
            &[("csrf", &csrf), ("preference", "weekly")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused.body, "preference").is_some(),
        "{}",
        refused.body
    );
    assert_eq!(settings(&app, &thomas).await.0, MailPreference::Immediately);

    let saved = b
        .post(
            "/berichten/e-mail",
            &[("csrf", &csrf), ("preference", "daily_digest")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(
        selected_option(&saved.body, "preference").as_deref(),
        Some("daily_digest")
    );
    assert_eq!(settings(&app, &thomas).await.0, MailPreference::DailyDigest);
    app.done().await;
}

#[tokio::test]
async fn signing_in_in_english_records_english_for_mail() {
    let app = App::new().await;
    let anna = app
        .account("anna@save.example", &[Role::Professional], true)
        .await;
    assert_eq!(settings(&app, &anna).await.1, Language::Nl);
    let mut b = app.browser();
    b.cookies.insert("eenplan_lang".into(), "en".into());
    let done = b.sign_in(&anna).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(settings(&app, &anna).await.1, Language::En);
    app.done().await;
}
