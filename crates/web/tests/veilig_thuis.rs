//! Veilig Thuis intake through the API: only Veilig Thuis's own professionals, the radar,
//! the work list and the assessment's legal and refused transitions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::App;
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::SessionKind;

#[tokio::test]
async fn veilig_thuis_receives_links_and_assesses_reports() {
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
    let system = Actor::System { component: "test" };
    let mut tx = app.store.write().await.unwrap();
    let lokalis = tx
        .organisation_by_slug("lokalis")
        .await
        .unwrap()
        .unwrap()
        .id;
    let family = tx
        .open_family(
            &system,
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

    let auth = |token: String| {
        vec![
            ("authorization", format!("Bearer {token}")),
            ("content-type", "application/json".to_owned()),
        ]
    };
    let vt = auth(app.session_token(&vera, SessionKind::Api).await);
    let save = auth(app.session_token(&thomas, SessionKind::Api).await);
    let contacts = "/api/v1/veilig-thuis/contacts";
    let report = r#"{"kind":"report","reporter":"school","reporter_name":"Meester Bas","child_name":"Kees Jansen","child_birth":"2016-04-02","postcode":"3562 JW","house_number":"12","concern":"Kees komt met blauwe plekken op school"}"#;
    // Only Veilig Thuis's own professionals.
    assert_eq!(
        app.raw(Method::POST, contacts, &save, report).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.raw(Method::GET, contacts, &save, "").await.status,
        StatusCode::FORBIDDEN
    );
    // Bad input names the field.
    for (body, field) in [
        (r#"{"kind":"melding","concern":"x"}"#, "kind"),
        (r#"{"kind":"report","concern":"x"}"#, "reporter"),
        (
            r#"{"kind":"report","reporter":"buurman","concern":"x"}"#,
            "reporter",
        ),
        (
            r#"{"kind":"report","reporter":"school","child_birth":"2-4-2016","concern":"x"}"#,
            "child_birth",
        ),
        (
            r#"{"kind":"report","reporter":"school","postcode":"0123 AB","concern":"x"}"#,
            "postcode",
        ),
        (
            r#"{"kind":"report","reporter":"school","concern":" "}"#,
            "concern",
        ),
    ] {
        let r = app.raw(Method::POST, contacts, &vt, body).await;
        assert_eq!(
            (r.status, r.json()["invalidParams"][0]["name"].as_str()),
            (StatusCode::BAD_REQUEST, Some(field)),
            "{body}"
        );
    }
    // The radar recognises the address and links the file.
    let r = app.raw(Method::POST, contacts, &vt, report).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let first = r.json();
    assert_eq!(first["radar"]["families"][0]["id"], family.as_str());
    let r = app.raw(Method::POST, contacts, &vt, report).await;
    let second = r.json();
    assert_eq!(
        second["radar"]["earlier"][0]["id"], first["id"],
        "the earlier signal is shown"
    );
    let list = app.raw(Method::GET, contacts, &vt, "").await.json();
    let listed = list["contacts"].as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        (listed[0]["state"].as_str(), listed[0]["overdue"].as_bool()),
        (Some("awaiting_assessment"), Some(false))
    );
    assert!(listed[0]["due_on"].as_str().is_some());

    let assess = |id: &serde_json::Value| format!("{contacts}/{}/assessment", id.as_str().unwrap());
    let r = app
        .raw(
            Method::POST,
            &assess(&second["id"]),
            &vt,
            r#"{"outcome":"hand_to_local_team"}"#,
        )
        .await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "follow_up_on");
    let r = app
        .raw(
            Method::POST,
            &assess(&second["id"]),
            &vt,
            r#"{"outcome":"bring_into_evu"}"#,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("outcome"))
    );
    let r = app
        .raw(
            Method::POST,
            &assess(&first["id"]),
            &vt,
            r#"{"outcome":"investigate"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let told = r.json()["reporter_feedback"].as_str().unwrap().to_owned();
    assert!(
        told.contains("doet zelf onderzoek") && !told.contains("Kees") && !told.contains("Jansen"),
        "what happened, not who"
    );
    let r = app
        .raw(
            Method::POST,
            &assess(&first["id"]),
            &vt,
            r#"{"outcome":"close"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = app
        .raw(
            Method::POST,
            &format!("{contacts}/geen/assessment"),
            &vt,
            r#"{"outcome":"close"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let facts = app
        .store
        .read()
        .await
        .unwrap()
        .access_facts(&family)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        facts.framework,
        eenplan_domain::family::Framework::VeiligThuis,
        "the investigation is the legal basis now"
    );
    assert_eq!(
        app.raw(Method::GET, contacts, &vt, "").await.json()["contacts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The same through the pages: the intake form, the radar, the assessment.
    let mut saver = app.signed_in_browser(&thomas).await;
    assert_eq!(
        saver.get("/veilig-thuis").await.status,
        StatusCode::FORBIDDEN
    );
    let mut b = app.signed_in_browser(&vera).await;
    let page = b.get("/veilig-thuis").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("href=\"/veilig-thuis\""),
        "Veilig Thuis's own menu item"
    );
    let csrf = page.csrf();
    let form = |reporter: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("kind", "report".to_owned()),
            ("reporter", reporter.to_owned()),
            ("child_name", "Kees Jansen".to_owned()),
            ("child_birth", "2016-04-02".to_owned()),
            ("postcode", "3562jw".to_owned()),
            ("house_number", "12".to_owned()),
            ("concern", "Buren horen 's nachts geschreeuw".to_owned()),
        ]
    };
    let without = form("");
    let without: Vec<(&str, &str)> = without.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b.post("/veilig-thuis", &without).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"reporter-error\""));
    let with = form("citizen");
    let with: Vec<(&str, &str)> = with.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b.post("/veilig-thuis", &with).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let detail_path = r.location().to_owned();
    let detail = b.get(&detail_path).await.body;
    assert!(
        detail.contains("Gezin Jansen"),
        "the radar names the known file"
    );
    assert!(
        detail.contains(first["id"].as_str().unwrap()),
        "and the earlier signals"
    );
    let assess_path = format!("{detail_path}/beoordeling");
    let r = b
        .post(
            &assess_path,
            &[("csrf", &csrf), ("outcome", "hand_to_local_team")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"follow_up_on-error\""));
    let r = b
        .post(&assess_path, &[("csrf", &csrf), ("outcome", "close")])
        .await;
    assert_eq!(r.location(), "/veilig-thuis");
    let again = b.get(&detail_path).await.body;
    assert!(again.contains("Beoordeeld: Afsluiten"), "{again}");
    assert!(
        again.contains("Terugkoppeling aan de melder")
            && again.contains("heeft je melding beoordeeld en afgesloten")
    );
    assert!(!again.contains("/beoordeling"), "no second assessment form");
    app.done().await;
}

#[tokio::test]
async fn a_refused_report_comes_back_as_typed() {
    let app = App::new().await;
    app.organisation("vt", OrganisationKind::VeiligThuis).await;
    let vera = app
        .account_in("vt", None, "vera@vt.example", &[Role::Professional], true)
        .await;
    let mut b = app.signed_in_browser(&vera).await;
    let csrf = b.get("/veilig-thuis").await.csrf();
    let concern = "Buren horen geschreeuw.\nSam (8) speelt laat nog buiten.";
    // A report must name its reporter: refused there, everything else kept.
    let r = b
        .post(
            "/veilig-thuis",
            &[
                ("csrf", csrf.as_str()),
                ("kind", "report"),
                ("acute", "ja"),
                ("reporter", ""),
                ("reporter_name", "Anoniem via de wijkagent"),
                ("reporter_contact", "06-99990000"),
                ("child_name", "Sam Jansen"),
                ("child_birth", "2016-04-02"),
                ("postcode", "3562 JW"),
                ("house_number", "12"),
                ("concern", concern),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(common::field_error(&r.body, "reporter").is_some());
    assert_eq!(
        common::selected_option(&r.body, "kind").as_deref(),
        Some("report")
    );
    assert!(common::is_checked(&r.body, "acute-ja"));
    for (field, typed) in [
        ("reporter_name", "Anoniem via de wijkagent"),
        ("reporter_contact", "06-99990000"),
        ("child_name", "Sam Jansen"),
        ("child_birth", "2016-04-02"),
        ("postcode", "3562 JW"),
        ("house_number", "12"),
        ("concern", concern),
    ] {
        assert_eq!(
            common::control_value(&r.body, field).as_deref(),
            Some(typed),
            "{field}"
        );
    }
    app.done().await;
}

/// A mistyped year in a child's date of birth or a follow-up date is refused by the
/// domain, naming the field, with nothing stored.
#[tokio::test]
async fn implausible_intake_dates_are_refused_at_the_field() {
    let app = App::new().await;
    app.organisation("vt", OrganisationKind::VeiligThuis).await;
    let vera = app
        .account_in("vt", None, "vera@vt.example", &[Role::Professional], true)
        .await;
    let vt = vec![
        (
            "authorization",
            format!(
                "Bearer {}",
                app.session_token(&vera, SessionKind::Api).await
            ),
        ),
        ("content-type", "application/json".to_owned()),
    ];
    let contacts = "/api/v1/veilig-thuis/contacts";
    let count = |list: serde_json::Value| list["contacts"].as_array().unwrap().len();
    for birth in ["0202-04-02", "2206-04-02"] {
        let body = format!(
            r#"{{"kind":"report","reporter":"school","child_name":"Kees","child_birth":"{birth}","concern":"Blauwe plekken"}}"#
        );
        let r = app.raw(Method::POST, contacts, &vt, &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_eq!(r.json()["invalidParams"][0]["name"], "child_birth");
    }
    assert_eq!(
        count(app.raw(Method::GET, contacts, &vt, "").await.json()),
        0,
        "nothing stored"
    );

    let r = app
        .raw(
            Method::POST,
            contacts,
            &vt,
            r#"{"kind":"report","reporter":"school","concern":"Blauwe plekken"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let r = app
        .raw(
            Method::POST,
            &format!("{contacts}/{id}/assessment"),
            &vt,
            r#"{"outcome":"hand_to_local_team","follow_up_on":"2206-01-25"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.json()["invalidParams"][0]["name"], "follow_up_on");
    let list = app.raw(Method::GET, contacts, &vt, "").await.json();
    assert_eq!(list["contacts"][0]["state"], "awaiting_assessment");

    // The page: the message at the field, everything typed kept.
    let mut b = app.signed_in_browser(&vera).await;
    let csrf = b.get("/veilig-thuis").await.csrf();
    let r = b
        .post(
            "/veilig-thuis",
            &[
                ("csrf", csrf.as_str()),
                ("kind", "report"),
                ("reporter", "school"),
                ("child_name", "Sam Jansen"),
                ("child_birth", "2206-04-02"),
                ("concern", "Buren horen geschreeuw."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        common::field_error(&r.body, "child_birth").as_deref(),
        Some("Deze datum kan niet kloppen; controleer het jaar.")
    );
    for (field, typed) in [
        ("child_name", "Sam Jansen"),
        ("child_birth", "2206-04-02"),
        ("concern", "Buren horen geschreeuw."),
    ] {
        assert_eq!(
            common::control_value(&r.body, field).as_deref(),
            Some(typed),
            "{field}"
        );
    }
    let r = b
        .post(
            &format!("/veilig-thuis/{id}/beoordeling"),
            &[
                ("csrf", csrf.as_str()),
                ("outcome", "hand_to_local_team"),
                ("follow_up_on", "2206-01-25"),
            ],
        )
        .await;
    assert_eq!(
        common::field_error(&r.body, "follow_up_on").as_deref(),
        Some("Deze datum kan niet kloppen; controleer het jaar.")
    );
    assert_eq!(
        common::control_value(&r.body, "follow_up_on").as_deref(),
        Some("2206-01-25")
    );
    assert_eq!(
        count(app.raw(Method::GET, contacts, &vt, "").await.json()),
        1,
        "nothing more stored"
    );
    app.done().await;
}
