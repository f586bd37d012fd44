//! Notifications over HTTP (issue 15 §1): Veilig Thuis hands a report over, the
//! regisseur sees it under the bell, on the start page and in the file's overview,
//! opens it (read, and into the file after access is checked again), acknowledges the
//! hand-over; someone else's notification is not found; a lost access says only that.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::App;
use eenplan_domain::journal::Actor;
use eenplan_domain::notification::NotificationKind;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::{AccessFilter, NewNotification, SessionKind};

type Headers = Vec<(&'static str, String)>;

const REPORT: &str = r#"{"kind":"report","reporter":"school","reporter_name":"Meester Bas","child_name":"Kees Jansen","child_birth":"2016-04-02","postcode":"3562 JW","house_number":"12","concern":"Kees komt met blauwe plekken op school"}"#;

fn auth(token: String) -> Headers {
    vec![
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ]
}

#[tokio::test]
async fn a_hand_over_reaches_the_regisseur_under_the_bell_and_in_the_file() {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    app.organisation("vt", OrganisationKind::VeiligThuis).await;
    let sanne = app
        .account_in(
            "lokalis",
            Some(&team),
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let vera = app
        .account_in("vt", None, "vera@vt.example", &[Role::Professional], true)
        .await;
    let thomas = app
        .account("thomas@save.example", &[Role::Professional], true)
        .await;
    let mut tx = app.store.write().await.unwrap();
    let lokalis = tx
        .organisation_by_slug("lokalis")
        .await
        .unwrap()
        .unwrap()
        .id;
    let family = tx
        .open_family(
            &Actor::System { component: "test" },
            eenplan_store::NewFamily {
                label: "Gezin Jansen".into(),
                street: "Zamenhofdreef".into(),
                house_number: "12".into(),
                postcode: eenplan_domain::family::Postcode::parse("3562 JW").unwrap(),
                city: "Utrecht".into(),
                area_id: None,
            },
            &sanne.user_id,
            &lokalis,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let vt = auth(app.session_token(&vera, SessionKind::Api).await);
    let api_sanne = auth(app.session_token(&sanne, SessionKind::Api).await);
    let api_thomas = auth(app.session_token(&thomas, SessionKind::Api).await);

    // Before anything happened: the bell without a number.
    let mut b = app.signed_in_browser(&sanne).await;
    let start = b.get("/start").await.body;
    assert!(
        start.contains(r#"href="/berichten" aria-label="Berichten""#),
        "{start}"
    );

    // Veilig Thuis reports and hands over to the local team.
    let r = app
        .raw(Method::POST, "/api/v1/veilig-thuis/contacts", &vt, REPORT)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let contact = r.json()["id"].as_str().unwrap().to_owned();
    let r = app
        .raw(
            Method::POST,
            &format!("/api/v1/veilig-thuis/contacts/{contact}/assessment"),
            &vt,
            r#"{"outcome":"hand_to_local_team","follow_up_on":"2027-01-25","findings":"Gesprek met moeder en school","reasoning":"Het buurtteam is al betrokken"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The regisseur's API list: the hand-over, unread, into the file, the file named.
    let r = app
        .raw(
            Method::GET,
            "/api/v1/notifications?limit=10",
            &api_sanne,
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers["x-total-count"], "1");
    let list = r.json();
    let n = &list["notifications"][0];
    assert_eq!(n["kind"], "vt_handed_over");
    assert_eq!(n["read"], false);
    assert_eq!(n["link"], format!("/gezinnen/{family}"));
    assert_eq!(n["family"]["label"], "Gezin Jansen");
    assert_eq!(list["unread"], 1);
    let id = n["id"].as_str().unwrap().to_owned();

    // Someone else: nothing in their list, and her notification is not found.
    let r = app
        .raw(Method::GET, "/api/v1/notifications", &api_thomas, "")
        .await;
    assert_eq!(r.json()["notifications"], serde_json::json!([]));
    let r = app
        .raw(
            Method::POST,
            &format!("/api/v1/notifications/{id}/read"),
            &api_thomas,
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .contains("problem+json")
    );
    let r = app
        .raw(
            Method::GET,
            "/api/v1/notifications?cursor=kapot",
            &api_sanne,
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);

    // The bell counts it, the start page and the overview show the hand-over.
    let start = b.get("/start").await.body;
    assert!(
        start.contains(r#"aria-label="Berichten, 1 ongelezen""#),
        "{start}"
    );
    assert!(start.contains("Overdrachten van Veilig Thuis"), "{start}");
    assert!(start.contains("25 jan 2027"), "{start}");
    let overview = b.get(&format!("/gezinnen/{family}")).await.body;
    assert!(
        overview.contains("Overgedragen door Veilig Thuis"),
        "{overview}"
    );
    assert!(!overview.contains("2027-01-25"), "no ISO date");

    // The bell's page: grouped under the file's label, in words, unread.
    let page = b.get("/berichten").await;
    assert_eq!(page.status, StatusCode::OK);
    for shown in [
        r#"<h2 class="utrecht-heading-2">Gezin Jansen</h2>"#,
        "Veilig Thuis draagt een gezin over",
        "Ongelezen",
        "Markeer als gelezen",
    ] {
        assert!(page.body.contains(shown), "{shown}: {}", page.body);
    }
    let mut r = app.store.read().await.unwrap();
    let log = r
        .access_log(&AccessFilter {
            family_id: family.to_string(),
            limit: 100,
            ..AccessFilter::default()
        })
        .await
        .unwrap();
    drop(r);
    assert!(
        log.iter().any(|l| l.data == "GET /berichten: label"),
        "showing the label is logged"
    );

    // Opening: read, and into the file.
    let r = b.get(&format!("/berichten/{id}")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), format!("/gezinnen/{family}"));
    let start = b.get("/start").await;
    assert!(
        start.body.contains(r#"aria-label="Berichten""#),
        "the bell drops"
    );

    // "Gezien": the item leaves the start page and the overview.
    let csrf = start.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{family}/veilig-thuis-overdracht/{contact}/gezien"),
            &[("csrf", csrf.as_str()), ("terug", "start")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/start");
    assert!(
        !b.get("/start")
            .await
            .body
            .contains("Overdrachten van Veilig Thuis")
    );
    let overview = b.get(&format!("/gezinnen/{family}")).await.body;
    assert!(!overview.contains("Overgedragen door Veilig Thuis"));

    // A partner that lost access: told under the label it knew, the date, nothing more.
    let mut tx = app.store.write().await.unwrap();
    tx.notify(
        &NewNotification {
            user_id: thomas.user_id.as_str(),
            kind: NotificationKind::AccessLost,
            family_id: Some(family.as_str()),
            lost_label: Some("Gezin Jansen"),
            subject_id: None,
            due_on: None,
            once_key: None,
        },
        eenplan_domain::UtcTime::parse("2026-12-05T13:05:00Z").unwrap(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let r = app
        .raw(Method::GET, "/api/v1/notifications", &api_thomas, "")
        .await;
    let lost = &r.json()["notifications"][0];
    assert_eq!(
        lost["family"],
        serde_json::Value::Null,
        "no file they may see"
    );
    let lost_id = lost["id"].as_str().unwrap().to_owned();
    let mut t = app.signed_in_browser(&thomas).await;
    let page = t.get(&format!("/berichten/{lost_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Je hebt geen toegang meer tot Gezin Jansen sinds 5 dec 2026 14:05."),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Zamenhofdreef"));

    // Marking read from the list, with its CSRF token.
    let mut tx = app.store.write().await.unwrap();
    tx.notify(
        &NewNotification {
            user_id: thomas.user_id.as_str(),
            kind: NotificationKind::AccessLost,
            family_id: Some(family.as_str()),
            lost_label: Some("Gezin Jansen"),
            subject_id: None,
            due_on: None,
            once_key: None,
        },
        eenplan_domain::UtcTime::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let list = t.get("/berichten").await;
    assert!(list.body.contains("Overige berichten"), "{}", list.body);
    let other = app
        .raw(Method::GET, "/api/v1/notifications", &api_thomas, "")
        .await
        .json();
    let unread_id = other["notifications"][0]["id"].as_str().unwrap().to_owned();
    let r = t
        .post(
            &format!("/berichten/{unread_id}/gelezen"),
            &[("csrf", list.csrf().as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app
        .raw(
            Method::POST,
            &format!("/api/v1/notifications/{unread_id}/read"),
            &api_thomas,
            "",
        )
        .await;
    assert_eq!(
        (r.status, &r.json()["read"]),
        (StatusCode::OK, &serde_json::json!(true))
    );

    // A reminder says its date in words; "Alles als gelezen markeren" empties the bell.
    let mut tx = app.store.write().await.unwrap();
    for (kind, due, subject) in [
        (NotificationKind::DueSoon, "2026-12-08", "plan_review"),
        (
            NotificationKind::Overdue,
            "2026-12-01",
            "plan_action:income:0a1b2c",
        ),
    ] {
        tx.notify(
            &NewNotification {
                user_id: thomas.user_id.as_str(),
                kind,
                family_id: None,
                lost_label: None,
                subject_id: Some(subject),
                due_on: Some(due),
                once_key: None,
            },
            eenplan_domain::UtcTime::now(),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let list = t.get("/berichten").await;
    for words in [
        "Evaluatie van het plan, aan de beurt op 8 dec 2026",
        "Actie (Inkomen en schulden), over tijd sinds 1 dec 2026",
    ] {
        assert!(list.body.contains(words), "{words}: {}", list.body);
    }
    assert!(!list.body.contains("2026-12-0"), "no ISO date shown");
    let r = t
        .post("/berichten/gelezen", &[("csrf", list.csrf().as_str())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut r = app.store.read().await.unwrap();
    assert_eq!(r.unread_notifications(&thomas.user_id).await.unwrap(), 0);
    drop(r);
    let list = t.get("/berichten").await;
    assert!(!list.body.contains("Alles als gelezen markeren"));
    app.done().await;
}
