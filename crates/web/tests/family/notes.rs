//! Case notes: edited, corrected, and every version kept.

use crate::common::{control_value, selected_option};
use crate::{ALL, circle, common, consent_to_save, open_file};
use axum::http::{Method, StatusCode};
use eenplan_domain::FamilyId;

#[tokio::test]
async fn case_notes_edit_then_correct_and_keep_every_version() {
    let c = circle().await;
    let id = open_file(&c).await;
    consent_to_save(&c, &id, ALL).await;
    {
        let mut b = c.app.signed_in_browser(&c.sanne).await;
        let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
        b.post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", c.thomas.user_id.as_str()),
                ("role", "partner"),
            ],
        )
        .await;
    }
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let page = b.get(&format!("/gezinnen/{id}/notities")).await;
    assert!(page.body.contains("Nog geen notities"));
    let csrf = page.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/notities"),
            &[
                ("csrf", &csrf),
                ("interaction", "home_visit"),
                ("happened_on", "2026-11-20"),
                ("text", " "),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"text-error\""));
    let r = b
        .post(
            &format!("/gezinnen/{id}/notities"),
            &[
                ("csrf", &csrf),
                ("interaction", "home_visit"),
                ("happened_on", "2026-11-20"),
                ("text", "Sfeer gespannen"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let note = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .notes(&FamilyId::from(id.as_str()))
        .await
        .unwrap()[0]
        .id
        .clone();
    // Within 24 hours: an edit.
    let r = b
        .post(
            &format!("/gezinnen/{id}/notities/{note}"),
            &[
                ("csrf", &csrf),
                ("happened_on", "2026-11-20"),
                ("text", "Sfeer gespannen, vader niet thuis"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Another professional sees the note but cannot change it.
    let mut thomas = c.app.signed_in_browser(&c.thomas).await;
    let theirs = thomas.get(&format!("/gezinnen/{id}/notities")).await;
    assert!(
        theirs.body.contains("Sfeer gespannen, vader niet thuis")
            && !theirs.body.contains(&format!("/notities/{note}\""))
    );
    let t_csrf = theirs.csrf();
    let r = thomas
        .post(
            &format!("/gezinnen/{id}/notities/{note}"),
            &[
                ("csrf", &t_csrf),
                ("happened_on", "2026-11-20"),
                ("text", "overschreven"),
            ],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "only the author changes a note"
    );
    // After 24 hours: only a correction, with a reason.
    let mut tx = c.app.store.write().await.unwrap();
    tx.execute(
        "UPDATE case_notes SET created_at = '2000-01-01T00:00:00.000000Z' WHERE id = $1",
        eenplan_store::params![&note],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let r = b
        .post(
            &format!("/gezinnen/{id}/notities/{note}"),
            &[
                ("csrf", &csrf),
                ("happened_on", "2026-11-19"),
                ("text", "Huisbezoek was op 19 november"),
            ],
        )
        .await;
    assert!(
        r.body.contains(&format!("id=\"reason-{note}-error\""))
            || r.body.contains("id=\"reason-error\"")
            || r.body.contains("geef de reden"),
        "{}",
        r.body
    );
    let r = b
        .post(
            &format!("/gezinnen/{id}/notities/{note}"),
            &[
                ("csrf", &csrf),
                ("happened_on", "2026-11-19"),
                ("text", "Huisbezoek was op 19 november"),
                ("reason", "Datum klopte niet"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = b.get(&format!("/gezinnen/{id}/notities")).await;
    assert!(
        page.body.contains("(gecorrigeerd)")
            && page.body.contains("Eerdere versies")
            && page.body.contains("Sfeer gespannen, vader niet thuis")
    );

    // The API shows every version and applies the same rules.
    let token = c
        .app
        .session_token(&c.sanne, eenplan_store::SessionKind::Api)
        .await;
    let auth = [
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    let notes = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/notes"),
            &auth,
            "",
        )
        .await;
    assert_eq!(
        notes.json()["notes"][0]["versions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let r = c
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{id}/notes/{note}"),
            &auth,
            r#"{"interaction":"home_visit","happened_on":"2026-11-19","text":"nog eens"}"#,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("reason"))
    );
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/notes"),
            &auth,
            r#"{"interaction":"phone","happened_on":"2026-11-21","text":"Telefoon met school"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let thomas_token = c
        .app
        .session_token(&c.thomas, eenplan_store::SessionKind::Api)
        .await;
    let thomas_auth = [
        ("authorization", format!("Bearer {thomas_token}")),
        ("content-type", "application/json".to_owned()),
    ];
    let new_note = r.json()["id"].as_str().unwrap().to_owned();
    let r = c
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{id}/notes/{new_note}"),
            &thomas_auth,
            r#"{"interaction":"phone","happened_on":"2026-11-21","text":"anders"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let timeline = b.get(&format!("/gezinnen/{id}/tijdlijn")).await;
    assert!(
        timeline
            .body
            .contains("corrigeerde een notitie: Datum klopte niet")
    );
    c.app.done().await;
}

#[tokio::test]
async fn refused_notes_come_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/notities");
    let csrf = b.get(&path).await.csrf();
    let text = "Kim belde over de school.\nSam was niet ziek.";
    let r = b
        .post(
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("interaction", "phone"),
                ("happened_on", "2999-01-01"),
                ("text", text),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "happened_on").as_deref(),
        Some("Deze datum ligt in de toekomst.")
    );
    assert_eq!(
        selected_option(&r.body, "interaction").as_deref(),
        Some("phone")
    );
    assert_eq!(
        control_value(&r.body, "happened_on").as_deref(),
        Some("2999-01-01")
    );
    assert_eq!(control_value(&r.body, "text").as_deref(), Some(text));
}
