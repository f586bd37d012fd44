//! Opening a file: the professional's walk from a new file to flower and plan, and the
//! date rules a new file meets.

use crate::common::control_value;
use crate::{ALL, circle, common, consent_to_save, open_file};
use axum::http::{Method, StatusCode};
use eenplan_domain::FamilyId;

#[tokio::test]
async fn a_professional_opens_a_file_builds_the_flower_and_the_plan() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let page = b.get(&format!("/gezinnen/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Gezin Jansen")
            && page.body.contains("3562 JW")
            && page.body.contains("Sam Jansen")
    );
    assert!(
        page.body.contains("flower__heart") && page.body.contains("sanne@lokalis.example"),
        "the regisseur at the heart"
    );
    let csrf = page.csrf();

    // A second file for the same child is caught before it is made.
    let dup = [
        ("csrf", csrf.as_str()),
        ("label", "Gezin J."),
        ("street", "Elders"),
        ("house_number", "1"),
        ("postcode", "1234 AB"),
        ("city", "Utrecht"),
        ("child_name", "sam jansen"),
        ("child_birth", "2016-04-02"),
    ];
    let r = b.post("/gezinnen/nieuw", &dup).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Mogelijk bestaat er al een dossier") && r.body.contains("Gezin Jansen")
    );

    // Members, with the error next to the field.
    let r = b
        .post(
            &format!("/gezinnen/{id}/leden"),
            &[("csrf", &csrf), ("kind", "child"), ("name", "Noor Jansen")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"date_of_birth-error\""));
    let r = b
        .post(
            &format!("/gezinnen/{id}/leden"),
            &[
                ("csrf", &csrf),
                ("kind", "parent"),
                ("name", "Kim Jansen"),
                ("custody", "yes"),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("/gezinnen/{id}"));
    let r = b
        .post(
            &format!("/gezinnen/{id}/netwerk"),
            &[
                ("csrf", &csrf),
                ("name", "Oma Jansen"),
                ("relation", "family"),
                ("safety_role", "haalt Sam op"),
                ("contact", "06-0000"),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("/gezinnen/{id}"));

    // A partner from another organisation joins only on the family's consent; then in
    // parallel: no handover, no warning.
    let refused = b
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
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Start SAVE-begeleiding"),
        "the step needed is named"
    );
    consent_to_save(&c, &id, ALL).await;
    let r = b
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
    assert_eq!(r.location(), format!("/gezinnen/{id}"), "{}", r.body);
    let page = b.get(&format!("/gezinnen/{id}")).await;
    assert!(page.body.contains("thomas@save.example") && page.body.contains("Veiligheid"));

    // The plan: save, compare, agree, print.
    let plan = b.get(&format!("/gezinnen/{id}/plan")).await;
    assert!(plan.body.contains("Versie 0"));
    let form = |based_on: &'static str, worries: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("based_on", based_on.to_owned()),
            ("worries", worries.to_owned()),
            ("scale_who", "Kim".to_owned()),
            ("scale_score", "4".to_owned()),
            ("action_domain", "income".to_owned()),
            ("action_who", "Schuldhulp".to_owned()),
            ("action_what", "Intake".to_owned()),
            ("action_due", "2026-12-15".to_owned()),
            ("action_status", "planned".to_owned()),
            ("review_date", "2027-02-01".to_owned()),
        ]
    };
    let post = |v: Vec<(&'static str, String)>| v;
    let f1 = post(form("0", "Harde ruzies thuis"));
    let f1: Vec<(&str, &str)> = f1.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b.post(&format!("/gezinnen/{id}/plan"), &f1).await;
    assert_eq!(r.location(), format!("/gezinnen/{id}/plan"), "{}", r.body);
    let f2 = post(form("1", "Harde ruzies thuis\nSam verzuimt school"));
    let f2: Vec<(&str, &str)> = f2.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        b.post(&format!("/gezinnen/{id}/plan"), &f2).await.status,
        StatusCode::SEE_OTHER
    );
    // Someone still on version 1 gets a conflict that shows what changed; nothing is overwritten.
    let stale = post(form("1", "Alleen mijn versie"));
    let stale: Vec<(&str, &str)> = stale.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b.post(&format!("/gezinnen/{id}/plan"), &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body.contains("Sam verzuimt school") && r.body.contains("Alleen mijn versie"),
        "shows their change and keeps mine"
    );
    let compare = b
        .get(&format!("/gezinnen/{id}/plan/vergelijken?van=1&tot=2"))
        .await;
    assert!(compare.body.contains("Sam verzuimt school"));
    let bad = post(form("2", "x"));
    let mut bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    bad[4] = ("scale_score", "elf");
    let r = b.post(&format!("/gezinnen/{id}/plan"), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Vul een heel getal in van 0 tot en met 10.")
    );

    let family = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .family(&FamilyId::from(id.as_str()))
        .await
        .unwrap()
        .unwrap();
    let kim = family
        .members
        .iter()
        .find(|m| m.name == "Kim Jansen")
        .unwrap()
        .id
        .clone();
    let r = b
        .post(
            &format!("/gezinnen/{id}/plan/akkoord"),
            &[("csrf", &csrf), ("version", "2"), ("members", &kim)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        b.get(&format!("/gezinnen/{id}/plan"))
            .await
            .body
            .contains("Akkoord gegeven door: Kim Jansen")
    );
    let print = b.get(&format!("/gezinnen/{id}/plan/afdrukken")).await;
    assert!(
        print.status == StatusCode::OK
            && print.body.contains("/static/print.css")
            && print.body.contains("Sam verzuimt school")
    );

    let timeline = b.get(&format!("/gezinnen/{id}/tijdlijn")).await;
    for sentence in [
        "opende het dossier",
        "Sam Jansen toegevoegd als kind",
        "toegevoegd als partner, expertise veiligheid",
        "sloeg het plan op (versie 2)",
        "Kim Jansen ging akkoord met versie 2",
    ] {
        assert!(
            timeline.body.contains(sentence),
            "{sentence} missing from the timeline"
        );
    }
    c.app.done().await;
}

/// The date rules live in the domain; pages and API only report where they point, and
/// a refused file is not half-opened.
#[tokio::test]
async fn future_dates_are_refused_by_the_domain_through_pages_and_api() {
    let c = circle().await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get("/gezinnen/nieuw").await.csrf();
    let form = [
        ("csrf", csrf.as_str()),
        ("label", "Gezin Toekomst"),
        ("street", "Laan"),
        ("house_number", "1"),
        ("postcode", "3562 JW"),
        ("city", "Utrecht"),
        ("child_name", "Nog Niet Geboren"),
        ("child_birth", "2999-01-01"),
        ("confirm", "yes"),
    ];
    let r = b.post("/gezinnen/nieuw", &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"child_birth-error\""), "{}", r.body);
    let token = c
        .app
        .session_token(&c.sanne, eenplan_store::SessionKind::Api)
        .await;
    let auth = [
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    let body = serde_json::json!({ "label": "Gezin Toekomst", "street": "Laan", "house_number": "2", "postcode": "3562 JW", "city": "Utrecht",
        "children": [{ "name": "Nog Niet Geboren", "date_of_birth": "2999-01-01" }], "confirm_not_duplicate": true });
    let r = c
        .app
        .raw(Method::POST, "/api/v1/families", &auth, &body.to_string())
        .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("children"))
    );
    let mut tx = c.app.store.read().await.unwrap();
    assert!(
        tx.search_families(
            &c.sanne.user_id,
            None,
            &eenplan_store::FamilyQuery::default()
        )
        .await
        .unwrap()
        .is_empty(),
        "nothing half-opened"
    );
    drop(tx);

    let id = open_file(&c).await;
    let csrf = b.get(&format!("/gezinnen/{id}/notities")).await.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/notities"),
            &[
                ("csrf", &csrf),
                ("interaction", "phone"),
                ("happened_on", "2999-01-01"),
                ("text", "Later"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"happened_on-error\"")
            && r.body.contains("Deze datum ligt in de toekomst")
    );
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/notes"),
            &auth,
            r#"{"interaction":"phone","happened_on":"2999-01-01","text":"Later"}"#,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("happened_on"))
    );
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/notes"),
            &auth,
            r#"{"interaction":"phone","happened_on":"2026-11-01","text":"  "}"#,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("text"))
    );
    assert!(
        c.app
            .store
            .read()
            .await
            .unwrap()
            .notes(&FamilyId::from(id.as_str()))
            .await
            .unwrap()
            .is_empty()
    );
    c.app.done().await;
}

#[tokio::test]
async fn a_refused_new_file_comes_back_as_typed() {
    let c = circle().await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get("/gezinnen/nieuw").await.csrf();
    let r = b
        .post(
            "/gezinnen/nieuw",
            &[
                ("csrf", csrf.as_str()),
                ("label", "Gezin Achterberg"),
                ("street", "Biltstraat"),
                ("house_number", "7b"),
                ("postcode", "12345"),
                ("city", "Utrecht"),
                ("child_name", "Fleur Achterberg"),
                ("child_birth", "2018-06-30"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "postcode").as_deref(),
        Some("Vul een postcode in zoals 3581 AB.")
    );
    for (field, typed) in [
        ("label", "Gezin Achterberg"),
        ("street", "Biltstraat"),
        ("house_number", "7b"),
        ("postcode", "12345"),
        ("city", "Utrecht"),
        ("child_name", "Fleur Achterberg"),
        ("child_birth", "2018-06-30"),
    ] {
        assert_eq!(
            control_value(&r.body, field).as_deref(),
            Some(typed),
            "{field}"
        );
    }
}
