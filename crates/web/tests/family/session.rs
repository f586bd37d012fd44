//! Forms and the session: kept across an expired session, refused from another site,
//! and the idle warning.

use crate::common::control_value;
use crate::plan::{as_pairs, plan_form, stored_plan};
use crate::{Circle, circle, common, open_file};
use axum::http::StatusCode;

/// Lets `b`'s page session run past its idle limit, as an hour away from the desk would.
async fn idle_out(c: &Circle, b: &common::Browser<'_>) {
    let token = b.cookies[c.app.auth.session_cookie()].clone();
    let mut tx = c.app.store.write().await.unwrap();
    tx.execute(
        "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
        vec![
            eenplan_domain::session::token_hash(&token).into(),
            "2000-01-01T00:00:00.000000Z".into(),
        ],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn a_form_sent_after_the_session_expired_is_kept_for_its_author_until_they_sign_in() {
    let c = circle().await;
    let id = open_file(&c).await;
    let path = format!("/gezinnen/{id}/plan");
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&path).await.csrf();
    idle_out(&c, &b).await;

    // The plan, typed on the page before the session ran out, is sent afterwards.
    let r = b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/aanmelden?verlopen=1&bewaard=1");
    assert_eq!(
        stored_plan(&c, &id).await.0,
        0,
        "nothing saved without a session"
    );
    let page = b.get(r.location()).await;
    assert!(page.body.contains("Wat je had ingevuld is bewaard"));
    // Kept sealed: the database holds none of the words.
    let sealed = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .fetch_all("SELECT sealed, path FROM unsent_forms", vec![])
        .await
        .unwrap();
    assert_eq!(sealed.len(), 1);
    assert!(!sealed[0].text(0).unwrap().contains("schulden"));

    // Someone else signing in on the same browser gets nothing of it.
    let mut other = c.app.browser();
    other.cookies = b
        .cookies
        .iter()
        .filter(|(k, _)| k.contains("unsent"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let r = other.sign_in(&c.thomas).await;
    assert_eq!(r.location(), "/hervatten");
    let r = other.get("/hervatten").await;
    assert_eq!(r.location(), "/start", "not Thomas's form");

    // Back in as Sanne: the form is offered once, with everything typed, and sends on.
    let r = b.sign_in(&c.sanne).await;
    assert_eq!(r.location(), "/hervatten");
    let page = b.get("/hervatten").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("action=\"{path}\"")));
    let fields = hidden_fields(&page.body);
    assert!(
        fields
            .iter()
            .any(|(k, v)| k == "worries" && v == "Sam verzuimt school"),
        "{fields:?}"
    );
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = b.post(&path, &pairs).await;
    assert_eq!(r.location(), path, "{}", r.body);
    let (version, plan) = stored_plan(&c, &id).await;
    assert_eq!(version, 1);
    assert_eq!(plan.worries, ["Kim heeft schulden", "Sam verzuimt school"]);
    assert_eq!(plan.domains.len(), 2);
    assert_eq!(b.get("/hervatten").await.location(), "/start", "used once");
    c.app.done().await;
}

#[tokio::test]
async fn a_form_from_another_site_on_an_expired_session_is_refused_and_not_kept() {
    let c = circle().await;
    let id = open_file(&c).await;
    let path = format!("/gezinnen/{id}/plan");
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    b.get(&path).await;
    idle_out(&c, &b).await;
    let mut forged = plan_form("not-the-token", "0");
    forged.retain(|(k, _)| *k != "csrf");
    let r = b.post(&path, &as_pairs(&forged)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let kept = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .fetch_all("SELECT id FROM unsent_forms", vec![])
        .await
        .unwrap();
    assert!(kept.is_empty());
    c.app.done().await;
}

#[tokio::test]
async fn a_page_with_a_form_carries_its_idle_warning_and_staying_signed_in_extends_the_session() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let page = b.get(&format!("/gezinnen/{id}/plan")).await;
    assert!(page.body.contains("data-session-ends-in=\""));
    assert!(page.body.contains("data-session-warn-before=\"120\""));
    assert!(page.body.contains("Aangemeld blijven"));
    let csrf = page.csrf();

    // Nearly idle: "stay signed in" writes the activity back at once.
    idle_out(&c, &b).await;
    let token = b.cookies[c.app.auth.session_cookie()].clone();
    let hash = eenplan_domain::session::token_hash(&token);
    let mut tx = c.app.store.write().await.unwrap();
    let almost = eenplan_domain::UtcTime::from_timestamp(
        eenplan_domain::UtcTime::now().timestamp() - jiff::SignedDuration::from_mins(14),
    );
    tx.touch_session(&hash, almost).await.unwrap();
    tx.commit().await.unwrap();
    let r = c
        .app
        .raw(
            axum::http::Method::POST,
            "/sessie/verlengen",
            &[
                ("cookie", format!("{}={token}", c.app.auth.session_cookie())),
                ("x-csrf-token", csrf),
            ],
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let seen = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .session(&hash)
        .await
        .unwrap()
        .unwrap();
    assert!(
        eenplan_domain::UtcTime::now()
            .timestamp()
            .duration_since(seen.last_seen_at.timestamp())
            < jiff::SignedDuration::from_mins(1)
    );
    c.app.done().await;
}

/// The hidden inputs of the kept-form page, in order.
fn hidden_fields(body: &str) -> Vec<(String, String)> {
    body.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|rest| {
            let name = rest.split('"').next().unwrap().to_owned();
            let id = format!("__{name}");
            let html = format!("<input id=\"{id}\" {}", &rest[name.len() + 1..]);
            (name, control_value(&html, &id).unwrap_or_default())
        })
        .collect()
}
