//! Closing and reopening a file on its pages: the lead's form (a refusal at its field,
//! nothing typed lost), the banner every visitor of a closed file reads, a partner
//! refused the form (403, and no way to it on the overview), and the families list
//! leaving closed files out unless asked.

use crate::{ALL, api_token, circle, consent_to_save, open_file};
use axum::http::{Method, StatusCode};
use eenplan_domain::calendar::MONTHS_NL;

use crate::common::{control_value, field_error, selected_option};

/// Today as a Dutch page writes a date: "3 dec 2026" (the month's first three letters,
/// "mrt" for maart).
fn dutch_today() -> String {
    let d = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    let month = MONTHS_NL[usize::try_from(d.month() - 1).unwrap()];
    let short = if month == "maart" { "mrt" } else { &month[..3] };
    format!("{} {short} {}", d.day(), d.year())
}

#[tokio::test]
async fn the_lead_closes_and_reopens_and_everyone_in_the_circle_reads_the_banner() {
    let c = circle().await;
    let id = open_file(&c).await;
    consent_to_save(&c, &id, ALL).await;
    let mut sanne = c.app.signed_in_browser(&c.sanne).await;
    let csrf = sanne.get(&format!("/gezinnen/{id}")).await.csrf();
    let r = sanne
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", c.thomas.user_id.as_str()),
                ("role", "partner"),
                ("expertise", "safety"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let close_at = format!("/gezinnen/{id}/afsluiten");

    // The lead's overview leads to the form; the form offers the reasons in words.
    let overview = sanne.get(&format!("/gezinnen/{id}")).await;
    assert!(overview.body.contains(&format!("href=\"{close_at}\"")));
    let form = sanne.get(&close_at).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Doelen bereikt, veiligheid hersteld"));
    assert!(!form.body.contains(">goals_reached<"));

    // No reason: the message at the field, the note kept.
    let r = sanne
        .post(
            &close_at,
            &[
                ("csrf", &csrf),
                ("reason", ""),
                ("note", "Afgerond na evaluatie"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        field_error(&r.body, "reason").as_deref(),
        Some("Kies een reden uit de lijst.")
    );
    assert_eq!(
        control_value(&r.body, "note").as_deref(),
        Some("Afgerond na evaluatie")
    );
    // "Anders" without a note: the message at the note, the choice kept.
    let r = sanne
        .post(
            &close_at,
            &[("csrf", &csrf), ("reason", "other"), ("note", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(field_error(&r.body, "note").is_some(), "{}", r.body);
    assert_eq!(selected_option(&r.body, "reason").as_deref(), Some("other"));
    assert!(c.app.stored_family(&id).await.closed.is_none());

    let r = sanne
        .post(
            &close_at,
            &[
                ("csrf", &csrf),
                ("reason", "goals_reached"),
                ("note", "Afgerond na evaluatie"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/gezinnen/{id}"));

    let banner = format!(
        "Dossier afgesloten op {} — Doelen bereikt, veiligheid hersteld",
        dutch_today()
    );
    let overview = sanne.get(&format!("/gezinnen/{id}")).await;
    assert!(overview.body.contains(&banner), "{}", overview.body);
    assert!(overview.body.contains("Dossier heropenen"));
    // Every page of the file says it, not only the overview.
    let plan = sanne.get(&format!("/gezinnen/{id}/plan")).await;
    assert!(plan.body.contains(&banner));

    // The partner reads the banner but gets no form and no way to it.
    let mut thomas = c.app.signed_in_browser(&c.thomas).await;
    let seen = thomas.get(&format!("/gezinnen/{id}")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains(&banner), "{}", seen.body);
    assert!(!seen.body.contains(&close_at), "{}", seen.body);
    assert_eq!(thomas.get(&close_at).await.status, StatusCode::FORBIDDEN);
    let their_csrf = seen.csrf();
    let r = thomas
        .post(
            &format!("/gezinnen/{id}/heropenen"),
            &[("csrf", &their_csrf), ("reason", "Zorgen")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(c.app.stored_family(&id).await.closed.is_some());

    // The families list: active files by default, the closed one on request.
    let list = sanne.get("/gezinnen").await;
    assert!(
        !list.body.contains(&format!("/gezinnen/{id}\"")),
        "{}",
        list.body
    );
    let list = sanne.get("/gezinnen?status=afgesloten").await;
    assert!(
        list.body.contains(&format!("/gezinnen/{id}\"")),
        "{}",
        list.body
    );
    assert!(
        list.body
            .contains(&format!("Afgesloten op {}", dutch_today()))
    );

    // Reopening needs a reason; then the banner is gone.
    let page = sanne.get(&close_at).await;
    assert!(page.body.contains("Doelen bereikt, veiligheid hersteld"));
    assert!(page.body.contains("Bewaard tot ten minste"));
    let reopen_at = format!("/gezinnen/{id}/heropenen");
    let r = sanne
        .post(&reopen_at, &[("csrf", &csrf), ("reason", " ")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(field_error(&r.body, "reason").is_some());
    let r = sanne
        .post(
            &reopen_at,
            &[("csrf", &csrf), ("reason", "Nieuwe zorgen van school")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let overview = sanne.get(&format!("/gezinnen/{id}")).await;
    assert!(!overview.body.contains("Dossier afgesloten op"));
    assert!(c.app.stored_family(&id).await.closed.is_none());
    let timeline = sanne.get(&format!("/gezinnen/{id}/tijdlijn")).await;
    assert!(
        timeline
            .body
            .contains("heropende het dossier: Nieuwe zorgen van school")
    );
    c.app.done().await;
}

#[tokio::test]
async fn the_api_closes_and_reopens_with_problems_for_bad_input() {
    let c = circle().await;
    let id = open_file(&c).await;
    let sanne = api_token(&c, &c.sanne).await;
    let close_at = format!("/api/v1/families/{id}/close");
    let post = async |uri: &str, body: serde_json::Value| {
        c.app
            .raw(Method::POST, uri, &sanne, &body.to_string())
            .await
    };
    let r = post(&close_at, serde_json::json!({ "reason": "klaar" })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("\"reason\""), "{}", r.body);
    let r = post(&close_at, serde_json::json!({ "reason": "other" })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("\"note\""), "{}", r.body);
    let r = post(&close_at, serde_json::json!({ "reason": "moved_away" })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = post(&close_at, serde_json::json!({ "reason": "moved_away" })).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let reopen_at = format!("/api/v1/families/{id}/reopen");
    let r = post(&reopen_at, serde_json::json!({ "reason": "" })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = post(
        &reopen_at,
        serde_json::json!({ "reason": "Terug in de regio" }),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    c.app.done().await;
}
