//! A database too busy to take a request (every pooled connection held until the wait
//! runs out) is answered 503 with `Retry-After`, never 500, and a page form comes back
//! with everything typed in it, ready to send again (issue 18: at a million families
//! slow evaluations held the pool and the other requests got a 500).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use axum::http::{Method, StatusCode, header};
use common::{App, Backend, Response};
use eenplan_store::{OpenMode, SessionKind, Store, Tx};

on_both_backends!(a_held_pool_is_busy_not_broken);

/// How long a request waits for a connection in these tests: short, so the test is.
const WAIT: Duration = Duration::from_millis(300);

/// Every connection of `store`'s pools, taken until taking one more fails as busy.
async fn hold_every_connection(store: &Store) -> Vec<Tx> {
    let mut held = Vec::new();
    loop {
        match store.read().await {
            Ok(tx) => held.push(tx),
            Err(e) => {
                assert!(e.is_busy(), "a held pool fails as busy, not as {e}");
                break;
            }
        }
    }
    // SQLite's writer has a pool of its own; on PostgreSQL it is the same, now empty.
    match store.write().await {
        Ok(tx) => held.push(tx),
        Err(e) => assert!(e.is_busy(), "{e}"),
    }
    held
}

fn retry_after(r: &Response) -> &str {
    r.headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The `value` of the hidden input `name` on a page.
fn hidden(body: &str, name: &str) -> Option<String> {
    let opening = format!("type=\"hidden\" name=\"{name}\" value=\"");
    let start = body.find(&opening)? + opening.len();
    let end = start + body[start..].find('"')?;
    Some(common::unescape(&body[start..end]))
}

async fn a_held_pool_is_busy_not_broken(backend: Backend) {
    let mut app = App::on(backend).await;
    let (piet, org) = app.lokalis_regisseur().await;
    let (family, _, _) = app.jansen(&piet, &org, None).await;
    let bearer = app.session_token(&piet, SessionKind::Api).await;
    let session = app.session_token(&piet, SessionKind::Web).await;
    let notes = format!("/gezinnen/{family}/notities");
    let csrf = app.browser_with_session(&session).get(&notes).await.csrf();

    // The same database through a handle whose requests wait only briefly.
    app.store = Store::connect_waiting(app.store.url(), OpenMode::MustExist, WAIT)
        .await
        .unwrap();
    let held = hold_every_connection(&app.store).await;

    let api = app
        .raw(
            Method::GET,
            "/api/v1/families",
            &[("authorization", format!("Bearer {bearer}"))],
            "",
        )
        .await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE, "{}", api.body);
    assert_eq!(api.json()["type"], "/problems/busy", "{}", api.body);
    assert_eq!(retry_after(&api), "5");

    let mut b = app.browser_with_session(&session);
    let page = b.get("/start").await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert!(page.body.contains("erg druk"), "{}", page.body);
    assert_eq!(retry_after(&page), "5");

    // A note typed while it is busy comes back, every word of it, to send again.
    let typed = "Huisbezoek: moeder vertelt over de nieuwe school van Noor & \"Sam\".";
    let form = [
        ("csrf", csrf.as_str()),
        ("interaction", "home_visit"),
        ("happened_on", "2026-11-20"),
        ("text", typed),
    ];
    let busy = b.post(&notes, &form).await;
    assert_eq!(
        busy.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        busy.body
    );
    assert_eq!(retry_after(&busy), "5");
    assert!(busy.body.contains("Opnieuw versturen"), "{}", busy.body);
    assert!(
        busy.body.contains(&format!("action=\"{notes}\"")),
        "{}",
        busy.body
    );
    let kept: Vec<(&str, String)> = ["csrf", "interaction", "happened_on", "text"]
        .into_iter()
        .map(|name| (name, hidden(&busy.body, name).unwrap_or_default()))
        .collect();
    for ((name, sent), (_, back)) in form.iter().zip(&kept) {
        assert_eq!(sent, back, "{name} comes back as it was typed");
    }

    // Once it is quiet again, sending the kept form saves the note.
    drop(held);
    let kept: Vec<(&str, &str)> = kept.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let sent = b.post(&notes, &kept).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let listed = b.get(&notes).await;
    assert!(
        listed
            .body
            .contains("Huisbezoek: moeder vertelt over de nieuwe school"),
        "{}",
        listed.body
    );
    app.done().await;
}

/// SQLite only (one pool on PostgreSQL): with the writer held and the readers free, the
/// session and the CSRF check pass and the handler's own write finds the database busy.
#[tokio::test]
async fn a_busy_writer_sends_the_form_back_with_the_menu() {
    let mut app = App::on(Backend::Sqlite).await;
    let (piet, org) = app.lokalis_regisseur().await;
    let (family, _, _) = app.jansen(&piet, &org, None).await;
    let bearer = app.session_token(&piet, SessionKind::Api).await;
    app.store = Store::connect_waiting(app.store.url(), OpenMode::MustExist, WAIT)
        .await
        .unwrap();
    let mut b = app.signed_in_browser(&piet).await;
    let notes = format!("/gezinnen/{family}/notities");
    let csrf = b.get(&notes).await.csrf();
    let writer = app.store.write().await.unwrap();

    let typed = "Gesprek met school over verzuim.";
    let busy = b
        .post(
            &notes,
            &[
                ("csrf", csrf.as_str()),
                ("interaction", "consultation"),
                ("happened_on", "2026-11-21"),
                ("text", typed),
            ],
        )
        .await;
    assert_eq!(
        busy.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        busy.body
    );
    assert_eq!(hidden(&busy.body, "text").as_deref(), Some(typed));
    assert_eq!(hidden(&busy.body, "csrf").as_deref(), Some(csrf.as_str()));
    // The visitor is known here: the page has the menu with their name.
    assert!(busy.body.contains("/afmelden"), "{}", busy.body);

    let api = app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{family}/notes"),
            &[
                ("authorization", format!("Bearer {bearer}")),
                ("content-type", "application/json".to_owned()),
            ],
            r#"{"interaction":"consultation","happened_on":"2026-11-21","text":"Gesprek"}"#,
        )
        .await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE, "{}", api.body);
    assert_eq!(retry_after(&api), "5");
    drop(writer);
    app.done().await;
}
