//! The family file through the router: a professional's walk, handovers, plan conflicts,
//! and nobody outside the family's circle finding or opening it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{App, control_value, selected_option};
use eenplan_domain::FamilyId;
use eenplan_domain::family::{DataCategory, Need};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_web::routes::Access;

struct Circle {
    app: App,
    sanne: common::Account,
    thomas: common::Account,
    joyce: common::Account,
    outsider: common::Account,
}

async fn circle() -> Circle {
    let app = App::new().await; // has organisation "save"
    let overvecht = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let sanne = app
        .account_in(
            "lokalis",
            Some(&overvecht),
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let joyce = app
        .account_in(
            "lokalis",
            Some(&overvecht),
            "joyce@lokalis.example",
            &[Role::TeamLead],
            true,
        )
        .await;
    let thomas = app
        .account("thomas@save.example", &[Role::Professional], true)
        .await;
    let outsider = app
        .account_in(
            "lokalis",
            None,
            "mo@lokalis.example",
            &[
                Role::Professional,
                Role::FunctionalAdmin,
                Role::PrivacyOfficer,
            ],
            true,
        )
        .await;
    Circle {
        app,
        sanne,
        thomas,
        joyce,
        outsider,
    }
}

async fn open_file(c: &Circle) -> String {
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get("/gezinnen/nieuw").await.csrf();
    let form = [
        ("csrf", csrf.as_str()),
        ("label", "Gezin Jansen"),
        ("street", "Zamenhofdreef"),
        ("house_number", "12"),
        ("postcode", "3562jw"),
        ("city", "Utrecht"),
        ("child_name", "Sam Jansen"),
        ("child_birth", "2016-04-02"),
    ];
    let r = b.post("/gezinnen/nieuw", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().trim_start_matches("/gezinnen/").to_owned()
}

/// Records the family's consent to SAVE-begeleiding with Thomas's organisation: a
/// parent with custody (added here) consents for Sam, who is under 12. Returns the
/// consent's id.
async fn consent_to_save(c: &Circle, id: &str, categories: &[DataCategory]) -> String {
    let today = jiff::civil::date(2026, 11, 23);
    let system = eenplan_domain::journal::Actor::System { component: "test" };
    let mut tx = c.app.store.write().await.unwrap();
    let save = tx
        .fetch_one(
            "SELECT organisation_id FROM users WHERE id = $1",
            vec![c.thomas.user_id.as_str().into()],
        )
        .await
        .unwrap()
        .text(0)
        .unwrap();
    let family = tx.family(&FamilyId::from(id)).await.unwrap().unwrap();
    let sam = family.members[0].id.clone();
    let kim = match family.members.iter().find(|m| m.has_custody) {
        Some(m) => m.id.clone(),
        None => tx
            .add_member(
                &system,
                &FamilyId::from(id),
                eenplan_domain::family::NewMember {
                    kind: eenplan_domain::family::MemberKind::Parent,
                    name: "Kim Jansen".into(),
                    date_of_birth: None,
                    has_custody: true,
                },
                today,
            )
            .await
            .unwrap(),
    };
    let consent = tx
        .record_consent(
            &system,
            &FamilyId::from(id),
            &c.sanne.user_id,
            &eenplan_store::ConsentInput {
                step: eenplan_domain::family::ConsentStep::SaveGuidance,
                organisation_id: Some(save.into()),
                purpose: "SAVE-begeleiding naast het buurtteam".into(),
                categories: categories.to_vec(),
                children: vec![sam],
                given_by: vec![kim],
                form: eenplan_domain::family::ConsentForm::Spoken,
                given_on: today,
                ends_on: None,
            },
            today,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    consent
}

const ALL: &[DataCategory] = DataCategory::ALL;

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

#[tokio::test]
async fn changing_the_regisseur_warns_asks_a_reason_and_is_journaled() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mohamed = c
        .app
        .account_in(
            "lokalis",
            None,
            "mohamed@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
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
    let regisseur = family.regisseur().unwrap().id.clone();

    let r = b
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", mohamed.user_id.as_str()),
                ("role", "regisseur"),
            ],
        )
        .await;
    assert!(
        r.body.contains("id=\"takes_over-error\""),
        "a second regisseur is refused at the field"
    );
    let base = [
        ("csrf", csrf.as_str()),
        ("user_id", mohamed.user_id.as_str()),
        ("role", "regisseur"),
        ("takes_over", regisseur.as_str()),
    ];
    let r = b.post(&format!("/gezinnen/{id}/betrokkenen"), &base).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Let op: dit is een overdracht"),
        "warned before a handover"
    );
    let mut confirmed = base.to_vec();
    confirmed.push(("confirm", "yes"));
    let r = b
        .post(&format!("/gezinnen/{id}/betrokkenen"), &confirmed)
        .await;
    assert!(
        r.body.contains("id=\"reason-error\""),
        "a handover needs a reason"
    );
    confirmed.push(("reason", "Sanne gaat naar een ander team"));
    let r = b
        .post(&format!("/gezinnen/{id}/betrokkenen"), &confirmed)
        .await;
    assert_eq!(r.location(), format!("/gezinnen/{id}"), "{}", r.body);
    let timeline = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .timeline(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    assert_eq!(timeline.iter().filter(|e| e.kind == "handover").count(), 1);
    c.app.done().await;
}

/// Every route with a family in its path, probed by someone outside the circle: always
/// 404, exactly as for an id that does not exist, and every attempt in the access log.
#[tokio::test]
async fn nobody_outside_the_circle_finds_or_opens_a_file() {
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
    let family_routes: Vec<_> = eenplan_web::routes::table()
        .into_iter()
        .filter(|(r, _)| {
            r.path.contains("{family}") && r.surface == eenplan_web::auth::Surface::Page
        })
        .map(|(r, _)| r)
        .collect();
    assert!(
        family_routes.len() >= 10,
        "the family routes are in the table"
    );

    let mut outsider = c.app.signed_in_browser(&c.outsider).await;
    let csrf = outsider.get("/start").await.csrf();
    for route in &family_routes {
        for probe in [id.as_str(), "01900000-0000-7000-8000-000000000000"] {
            let path = route.path.replace("{family}", probe);
            let r = if route.method == Method::GET {
                outsider.get(&path).await
            } else {
                outsider.post(&path, &[("csrf", &csrf)]).await
            };
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{} {path}", route.method);
            assert!(
                !r.body.contains("Gezin Jansen") && !r.body.contains("Sam"),
                "nothing leaks: {path}"
            );
        }
    }
    let search = outsider.get("/gezinnen?naam=sam").await;
    assert!(search.body.contains("Geen gezinnen gevonden"));
    let denied = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .access_log_for(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    let outsider_denied = denied
        .iter()
        .filter(|(_, _, outcome, user, _)| outcome == "denied" && *user == c.outsider.user_id)
        .count();
    assert_eq!(
        outsider_denied,
        family_routes.len(),
        "every attempt on the real file is logged"
    );

    // The partner and the team lead of the regisseur's team do get in; reads are logged as granted.
    for account in [&c.thomas, &c.joyce, &c.sanne] {
        let mut b = c.app.signed_in_browser(account).await;
        for route in family_routes.iter().filter(|r| r.method == Method::GET) {
            let path = route.path.replace("{family}", &id);
            // A page of one record in the file (a meeting) needs a real record: the
            // flows' own tests open those.
            if path.contains('{') {
                continue;
            }
            let path = if path.ends_with("/vergelijken") {
                format!("{path}?van=0&tot=0")
            } else {
                path
            };
            // Consents are the lead's work: the SAVE partner is told so, not shown them.
            let lead_only = route.access == Access::Family(Need::Lead);
            assert_eq!(
                b.get(&path).await.status,
                if lead_only && account.email == c.thomas.email {
                    StatusCode::FORBIDDEN
                } else {
                    StatusCode::OK
                },
                "{} as {}",
                path,
                account.email
            );
        }
        assert!(
            b.get("/gezinnen?naam=jansen")
                .await
                .body
                .contains("Gezin Jansen"),
            "{} finds it",
            account.email
        );
    }
    let log = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .access_log_for(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|(_, event, outcome, user, _)| event == "read"
                && outcome == "granted"
                && *user == c.joyce.user_id)
    );
    assert!(log.iter().any(|(_, event, _, _, _)| event == "print"));
    c.app.done().await;
}

async fn api_token(c: &Circle, account: &common::Account) -> Vec<(&'static str, String)> {
    let token = c
        .app
        .session_token(account, eenplan_store::SessionKind::Api)
        .await;
    vec![
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ]
}

/// The invalid parameter at `at` in a problem: (name, code, reason).
fn invalid_param(r: &common::Response, at: usize) -> (String, String, String) {
    let p = &r.json()["invalidParams"][at];
    let text = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
    (text("name"), text("code"), text("reason"))
}

#[tokio::test]
async fn a_domain_refusal_reaches_an_api_caller_in_dutch_like_every_other_reason() {
    let c = circle().await;
    let id = open_file(&c).await;
    let sanne = api_token(&c, &c.sanne).await;

    let mut put = sanne.clone();
    put.push(("if-match", "\"v0\"".to_owned()));
    let scale = serde_json::json!({ "scales": [{ "who": "moeder", "score": 11 }] });
    let r = c
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{id}/plan"),
            &put,
            &scale.to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(
        invalid_param(&r, 0),
        (
            "scales[0].score".to_owned(),
            "rule".to_owned(),
            "Vul een heel getal in van 0 tot en met 10.".to_owned()
        )
    );

    let child = serde_json::json!({ "kind": "child", "name": "Bram Jansen", "date_of_birth": "2020-01-01", "has_custody": true });
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/members"),
            &sanne,
            &child.to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(
        invalid_param(&r, 0),
        (
            "has_custody".to_owned(),
            "rule".to_owned(),
            "Alleen een ouder of opvoeder kan gezag hebben.".to_owned()
        )
    );

    let note = serde_json::json!({ "interaction": "phone", "happened_on": "2999-01-01", "text": "Gebeld" });
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/notes"),
            &sanne,
            &note.to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(
        invalid_param(&r, 0),
        (
            "happened_on".to_owned(),
            "rule".to_owned(),
            "Deze datum ligt in de toekomst.".to_owned()
        )
    );
    c.app.done().await;
}

#[tokio::test]
async fn the_api_follows_the_same_rules_with_etags_on_the_plan() {
    let c = circle().await;
    let sanne = api_token(&c, &c.sanne).await;
    let body = serde_json::json!({
        "label": "Gezin Bakker", "street": "Zamenhofdreef", "house_number": "40", "postcode": "3562 JW", "city": "Utrecht",
        "children": [{ "name": "Lotte Bakker", "date_of_birth": "2018-09-30" }]
    });
    let r = c
        .app
        .raw(Method::POST, "/api/v1/families", &sanne, &body.to_string())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    // Same child again: a possible duplicate, listed, until confirmed.
    let again = serde_json::json!({ "label": "Bakker", "street": "X", "house_number": "1", "postcode": "1234 AB", "city": "Utrecht", "children": [{ "name": "lotte bakker", "date_of_birth": "2018-09-30" }] });
    let r = c
        .app
        .raw(Method::POST, "/api/v1/families", &sanne, &again.to_string())
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["duplicates"][0]["label"], "Gezin Bakker");
    let r = c
        .app
        .raw(
            Method::POST,
            "/api/v1/families",
            &sanne,
            r#"{"label":"","postcode":"nope"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let problem = r.json();
    let names: Vec<&str> = problem["invalidParams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"label") && names.contains(&"postcode"),
        "{names:?}"
    );
    // Only a local team opens files.
    let thomas = api_token(&c, &c.thomas).await;
    assert_eq!(c.app.raw(Method::POST, "/api/v1/families", &thomas, &serde_json::json!({"label":"Gezin Z","street":"Y","house_number":"2","postcode":"3562 JW","city":"Utrecht"}).to_string()).await.status, StatusCode::FORBIDDEN);

    // Members, partner, handover refused without takes_over.
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/members"),
            &sanne,
            r#"{"kind":"child","name":"Zonder datum"}"#,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("date_of_birth"))
    );
    let join = serde_json::json!({"user_id": c.thomas.user_id, "role": "partner", "expertise": "violence"}).to_string();
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/involvements"),
            &sanne,
            &join,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["consentStep"].as_str()),
        (StatusCode::FORBIDDEN, Some("save_guidance")),
        "SAVE joins only on the family's consent"
    );
    consent_to_save(&c, &id, ALL).await;
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/involvements"),
            &sanne,
            &join,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["handover"].as_bool()),
        (StatusCode::CREATED, Some(false))
    );
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/involvements"),
            &sanne,
            &serde_json::json!({"user_id": c.outsider.user_id, "role": "regisseur"}).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["type"], "/problems/handover-required");
    let family = c
        .app
        .raw(Method::GET, &format!("/api/v1/families/{id}"), &thomas, "")
        .await;
    assert_eq!(family.status, StatusCode::OK, "the partner reads the file");
    assert_eq!(family.json()["involvements"].as_array().unwrap().len(), 2);

    // The plan: ETag, If-Match required, 412 on a stale version with what changed.
    let r = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/plan"),
            &sanne,
            "",
        )
        .await;
    assert_eq!(r.headers[axum::http::header::ETAG], "\"v0\"");
    let plan = serde_json::json!({ "worries": ["Lotte is vaak alleen thuis"], "scales": [{"who": "moeder", "score": 5}] }).to_string();
    let put = |tag: Option<&str>, headers: &Vec<(&'static str, String)>| {
        let mut h = headers.clone();
        if let Some(tag) = tag {
            h.push(("if-match", tag.to_owned()));
        }
        h
    };
    assert_eq!(
        c.app
            .raw(
                Method::PUT,
                &format!("/api/v1/families/{id}/plan"),
                &put(None, &sanne),
                &plan
            )
            .await
            .status,
        StatusCode::PRECONDITION_REQUIRED
    );
    let r = c
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{id}/plan"),
            &put(Some("\"v0\""), &sanne),
            &plan,
        )
        .await;
    assert_eq!(
        (
            r.status,
            r.headers[axum::http::header::ETAG].to_str().unwrap()
        ),
        (StatusCode::OK, "\"v1\"")
    );
    let theirs =
        serde_json::json!({ "worries": ["Lotte is vaak alleen thuis", "Schulden lopen op"] })
            .to_string();
    assert_eq!(
        c.app
            .raw(
                Method::PUT,
                &format!("/api/v1/families/{id}/plan"),
                &put(Some("\"v1\""), &thomas),
                &theirs
            )
            .await
            .status,
        StatusCode::OK
    );
    let r = c
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{id}/plan"),
            &put(Some("\"v1\""), &sanne),
            &plan,
        )
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(r.json()["current_version"], 2);
    assert!(
        r.body.contains("Schulden lopen op"),
        "the 412 shows what changed"
    );
    let bad = serde_json::json!({ "scales": [{"who": "moeder", "score": 11}] }).to_string();
    assert_eq!(
        c.app
            .raw(
                Method::PUT,
                &format!("/api/v1/families/{id}/plan"),
                &put(Some("\"v2\""), &sanne),
                &bad
            )
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    // Implausible dates are refused naming the field as the body names it.
    for (body, field) in [
        (
            serde_json::json!({ "review_date": "0202-03-01" }),
            "review_date",
        ),
        (
            serde_json::json!({ "domains": [{ "domain": "income", "actions": [
                { "who": "Schuldhulp", "what": "Intake", "due": "2026-12-15", "status": "planned" },
                { "who": "Kim", "what": "Post openen", "due": "2206-12-15", "status": "planned" }
            ] }] }),
            "domains[0].actions[1].due",
        ),
    ] {
        let r = c
            .app
            .raw(
                Method::PUT,
                &format!("/api/v1/families/{id}/plan"),
                &put(Some("\"v2\""), &sanne),
                &body.to_string(),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_eq!(r.json()["invalidParams"][0]["name"], field, "{}", r.body);
    }

    // Two clients racing on the same version: one 200, one 412.
    let plan_path = format!("/api/v1/families/{id}/plan");
    let (sanne_v2, thomas_v2) = (put(Some("\"v2\""), &sanne), put(Some("\"v2\""), &thomas));
    let (a, b) = tokio::join!(
        c.app.raw(Method::PUT, &plan_path, &sanne_v2, &plan),
        c.app.raw(Method::PUT, &plan_path, &thomas_v2, &theirs),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::PRECONDITION_FAILED]);

    let v1 = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/plan/versions/1"),
            &sanne,
            "",
        )
        .await;
    assert_eq!(v1.json()["plan"]["scales"][0]["score"], 5);
    let lotte = family.json()["members"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Lotte is 8: her parent with custody agrees, not she (the consent age rule).
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/plan/agreements"),
            &sanne,
            &serde_json::json!({"version": 3, "member_ids": [lotte]}).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let custodians: Vec<String> = family.json()["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["has_custody"] == true)
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!custodians.is_empty());
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/plan/agreements"),
            &sanne,
            &serde_json::json!({"version": 3, "member_ids": custodians}).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let timeline = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/timeline"),
            &sanne,
            "",
        )
        .await;
    let events = timeline.json();
    let kinds: Vec<&str> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"plan_saved")
            && kinds.contains(&"plan_agreed")
            && kinds.contains(&"involvement_started")
    );
    let search = c
        .app
        .raw(Method::GET, "/api/v1/families?name=lotte", &thomas, "")
        .await;
    assert_eq!(search.json()["families"].as_array().unwrap().len(), 1);

    // Outsiders probing through the API: 404 everywhere, and nothing in search.
    let outsider = api_token(&c, &c.outsider).await;
    for (route, _) in eenplan_web::routes::table().into_iter().filter(|(r, _)| {
        r.path.starts_with("/api/") && r.path.contains("{family}") && r.access != Access::BreakGlass
    }) {
        let path = route
            .path
            .replace("{family}", &id)
            .replace("{version}", "1");
        let r = c
            .app
            .raw(
                route.method.clone(),
                &path,
                &put(Some("\"v3\""), &outsider),
                "{}",
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{} {path}", route.method);
        assert_eq!(
            r.headers[axum::http::header::CONTENT_TYPE],
            "application/problem+json"
        );
    }
    // Break the glass without a stated emergency answers alike for a real and a made-up file.
    for probe in [id.as_str(), "01900000-0000-7000-8000-000000000000"] {
        let r = c
            .app
            .raw(
                Method::POST,
                &format!("/api/v1/families/{probe}/break-glass"),
                &put(None, &outsider),
                r#"{"reason":"nodig"}"#,
            )
            .await;
        assert_eq!(
            (r.status, r.json()["invalidParams"][0]["name"].as_str()),
            (StatusCode::BAD_REQUEST, Some("reason"))
        );
    }
    assert!(
        c.app
            .raw(Method::GET, "/api/v1/families?name=lotte", &outsider, "")
            .await
            .json()["families"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    c.app.done().await;
}

#[tokio::test]
async fn the_regisseurs_start_page_lists_overdue_reviews_and_actions() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    assert!(b.get("/start").await.body.contains("Niets over tijd"));
    let csrf = b.get(&format!("/gezinnen/{id}/plan")).await.csrf();
    let form = [
        ("csrf", csrf.as_str()),
        ("based_on", "0"),
        ("action_domain", "income"),
        ("action_who", "Schuldhulp"),
        ("action_what", "Intake plannen"),
        ("action_due", "2020-01-15"),
        ("action_status", "planned"),
        ("action_domain", "school"),
        ("action_who", "Sanne"),
        ("action_what", "Gesprek met school"),
        ("action_due", "2020-02-01"),
        ("action_status", "done"),
        ("review_date", "2020-03-01"),
    ];
    assert_eq!(
        b.post(&format!("/gezinnen/{id}/plan"), &form).await.status,
        StatusCode::SEE_OTHER
    );
    let start = b.get("/start").await;
    assert!(start.body.contains("Over tijd in jouw gezinnen"));
    assert!(
        start
            .body
            .contains("evaluatie van het plan, gepland op 1 mrt 2020")
    );
    assert!(start.body.contains("Intake plannen"), "the open action");
    assert!(
        !start.body.contains("Gesprek met school"),
        "a done action is not overdue"
    );
    // Thomas is a partner, not the regisseur: no such list for him.
    let mut thomas = c.app.signed_in_browser(&c.thomas).await;
    assert!(!thomas.get("/start").await.body.contains("Over tijd"));
    c.app.done().await;
}

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
async fn members_network_and_partners_are_ended_never_erased() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let page = b.get(&format!("/gezinnen/{id}")).await;
    assert!(
        page.body.contains("id=\"name-network\""),
        "no duplicate ids between the forms"
    );
    let csrf = page.csrf();
    consent_to_save(&c, &id, ALL).await;
    b.post(
        &format!("/gezinnen/{id}/netwerk"),
        &[
            ("csrf", &csrf),
            ("name", "Buurman Kees"),
            ("relation", "neighbour"),
        ],
    )
    .await;
    b.post(
        &format!("/gezinnen/{id}/betrokkenen"),
        &[
            ("csrf", &csrf),
            ("user_id", c.thomas.user_id.as_str()),
            ("role", "partner"),
        ],
    )
    .await;
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
    let sam = family.members[0].id.clone();
    let kees = family.network[0].id.clone();
    let thomas = family.partners().next().unwrap().id.clone();
    let regisseur = family.regisseur().unwrap().id.clone();

    let r = b
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", &csrf),
                ("who", &format!("member:{sam}")),
                ("end_reason", ""),
            ],
        )
        .await;
    assert!(r.body.contains("id=\"end_reason-error\""));
    let r = b
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", &csrf),
                ("who", &format!("involvement:{regisseur}")),
                ("end_reason", "klaar"),
            ],
        )
        .await;
    assert!(
        r.body.contains("De regisseur beëindig je niet"),
        "the regisseur leaves only through a handover"
    );
    for who in [format!("member:{sam}"), format!("network:{kees}")] {
        let r = b
            .post(
                &format!("/gezinnen/{id}/beeindigen"),
                &[("csrf", &csrf), ("who", &who), ("end_reason", "Verhuisd")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}");
    }
    let token = c
        .app
        .session_token(&c.sanne, eenplan_store::SessionKind::Api)
        .await;
    let auth = [
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    assert_eq!(
        c.app
            .raw(
                Method::POST,
                &format!("/api/v1/families/{id}/involvements/{thomas}/end"),
                &auth,
                r#"{"reason":""}"#
            )
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        c.app
            .raw(
                Method::POST,
                &format!("/api/v1/families/{id}/involvements/{regisseur}/end"),
                &auth,
                r#"{"reason":"weg"}"#
            )
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        c.app
            .raw(
                Method::POST,
                &format!("/api/v1/families/{id}/involvements/{thomas}/end"),
                &auth,
                r#"{"reason":"Veiligheid hersteld"}"#
            )
            .await
            .status,
        StatusCode::NO_CONTENT
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
    assert!(
        family.members[0].ended && family.network[0].ended,
        "ended, still there"
    );
    assert!(
        family
            .involvements
            .iter()
            .any(|i| i.id == thomas && i.ended)
    );
    // Thomas no longer sees the file once his part has ended.
    let mut t = c.app.signed_in_browser(&c.thomas).await;
    assert_eq!(
        t.get(&format!("/gezinnen/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let timeline = b.get(&format!("/gezinnen/{id}/tijdlijn")).await;
    assert!(
        timeline.body.contains("Gezinslid beëindigd: Verhuisd")
            && timeline.body.contains("Netwerklid beëindigd: Verhuisd")
    );
    c.app.done().await;
}

#[tokio::test]
async fn member_details_are_corrected_with_a_reason_and_the_old_ones_kept() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let sam = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .family(&FamilyId::from(id.as_str()))
        .await
        .unwrap()
        .unwrap()
        .members[0]
        .id
        .clone();
    let form = |reason: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("member", sam.clone()),
            ("correct_kind", "child".to_owned()),
            ("name", "Sem Jansen".to_owned()),
            ("date_of_birth", "2016-04-12".to_owned()),
            ("reason", reason.to_owned()),
        ]
    };
    let without = form("");
    let without: Vec<(&str, &str)> = without.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b
        .post(&format!("/gezinnen/{id}/leden/corrigeren"), &without)
        .await;
    assert!(
        r.body.contains("id=\"reason-correct-error\""),
        "the reason is asked at the field"
    );
    let with = form("Naam en datum verkeerd overgenomen");
    let with: Vec<(&str, &str)> = with.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        b.post(&format!("/gezinnen/{id}/leden/corrigeren"), &with)
            .await
            .status,
        StatusCode::SEE_OTHER
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
    assert_eq!(family.members[0].name, "Sem Jansen");
    let timeline = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .timeline(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    let corrected = timeline
        .iter()
        .find(|e| e.kind == "member_corrected")
        .expect("journaled");
    assert!(
        corrected.payload.contains("Sam Jansen") && corrected.payload.contains("Sem Jansen"),
        "before and after kept"
    );

    let token = c
        .app
        .session_token(&c.sanne, eenplan_store::SessionKind::Api)
        .await;
    let auth = [
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    let r = c
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{id}/members/{sam}"),
            &auth,
            r#"{"kind":"child","name":"Sem Jansen","date_of_birth":"2016-04-12"}"#,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("reason"))
    );
    let r = c
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{id}/members/{sam}"),
            &auth,
            r#"{"kind":"household","name":"Sem Jansen","has_custody":true,"reason":"x"}"#,
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "custody only for a parent"
    );
    let r = c.app.raw(Method::PUT, &format!("/api/v1/families/{id}/members/{sam}"), &auth, r#"{"kind":"child","name":"Sem Jansen-de Vries","date_of_birth":"2016-04-12","reason":"Achternaam gewijzigd"}"#).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(
        b.get(&format!("/gezinnen/{id}/tijdlijn"))
            .await
            .body
            .contains("corrigeerde de gegevens van Sem Jansen-de Vries: Achternaam gewijzigd")
    );
    c.app.done().await;
}

#[tokio::test]
async fn network_details_are_corrected_with_a_reason_and_the_old_ones_kept() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let added = b
        .post(
            &format!("/gezinnen/{id}/netwerk"),
            &[
                ("csrf", &csrf),
                ("name", "Buurvrouw Fatma"),
                ("relation", "neighbour"),
                ("safety_role", "Noodadres"),
                ("contact", "06-12345678"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let fatma = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .family(&FamilyId::from(id.as_str()))
        .await
        .unwrap()
        .unwrap()
        .network[0]
        .id
        .clone();
    let fix = |reason: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("network_member", fatma.clone()),
            ("name", "Buurvrouw Fatma Yilmaz".to_owned()),
            ("network_relation", "neighbour".to_owned()),
            ("safety_role", "Noodadres".to_owned()),
            ("contact", "06-87654321".to_owned()),
            ("reason", reason.to_owned()),
        ]
    };
    let without = fix("");
    let without: Vec<(&str, &str)> = without.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b
        .post(&format!("/gezinnen/{id}/netwerk/corrigeren"), &without)
        .await;
    assert!(
        r.body.contains("id=\"reason-network_fix-error\""),
        "the reason is asked at the field"
    );
    let network = |c: &Circle| {
        let id = id.clone();
        let store = c.app.store.clone();
        async move {
            store
                .read()
                .await
                .unwrap()
                .family(&FamilyId::from(id.as_str()))
                .await
                .unwrap()
                .unwrap()
                .network
        }
    };
    assert_eq!(
        network(&c).await[0].contact,
        "06-12345678",
        "nothing changed"
    );
    let with = fix("Nieuw telefoonnummer");
    let with: Vec<(&str, &str)> = with.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        b.post(&format!("/gezinnen/{id}/netwerk/corrigeren"), &with)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(network(&c).await[0].contact, "06-87654321");

    let token = c
        .app
        .session_token(&c.sanne, eenplan_store::SessionKind::Api)
        .await;
    let auth = [
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    let put = |path: String, body: &'static str| {
        let app = &c.app;
        let auth = auth.clone();
        async move { app.raw(Method::PUT, &path, &auth, body).await }
    };
    let path = format!("/api/v1/families/{id}/network/{fatma}");
    let r = put(path.clone(), r#"{"name":"Fatma","relation":"neighbour"}"#).await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("reason"))
    );
    let r = put(
        path.clone(),
        r#"{"name":"Fatma","relation":"cousin","reason":"x"}"#,
    )
    .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("relation"))
    );
    let r = put(
        format!("/api/v1/families/{id}/network/geen-netwerklid"),
        r#"{"name":"Fatma","relation":"neighbour","reason":"x"}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = put(
        path,
        r#"{"name":"Fatma Yilmaz","relation":"friend","safety_role":"Haalt de kinderen op","contact":"06-87654321","reason":"Is een vriendin, geen buurvrouw"}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        network(&c).await[0].relation,
        eenplan_domain::family::NetworkRelation::Friend
    );
    let timeline = b.get(&format!("/gezinnen/{id}/tijdlijn")).await.body;
    assert!(timeline.contains(
        "corrigeerde de gegevens van netwerklid Fatma Yilmaz: Is een vriendin, geen buurvrouw"
    ));
    let journal = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .timeline(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    let first = journal
        .iter()
        .find(|e| e.kind == "network_member_corrected")
        .expect("journaled");
    assert!(first.payload.contains("06-12345678") && first.payload.contains("06-87654321"));
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

/// A full plan form as a professional fills it in, with one scale, one goal and one
/// action.
fn plan_form(csrf: &str, based_on: &str) -> Vec<(&'static str, String)> {
    [
        ("csrf", csrf),
        ("based_on", based_on),
        ("worries", "Kim heeft schulden\r\nSam verzuimt school"),
        ("danger_statements", ""),
        ("working_well", "Oma helpt elke woensdag"),
        ("needs_to_happen", ""),
        ("safety_goals", "Sam gaat elke dag naar school"),
        ("conditions", ""),
        ("scale_who", "Kim"),
        ("scale_score", "4"),
        ("scale_who", ""),
        ("scale_score", ""),
        ("goal_domain", "school"),
        ("goal_text", "Sam haalt zijn diploma"),
        ("goal_domain", ""),
        ("goal_text", ""),
        ("action_domain", "income"),
        ("action_who", "Schuldhulp"),
        ("action_what", "Intake plannen"),
        ("action_due", "2026-12-15"),
        ("action_status", "planned"),
        ("action_domain", ""),
        ("action_who", ""),
        ("action_what", ""),
        ("action_due", ""),
        ("action_status", "planned"),
        ("review_date", "2027-02-01"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

fn as_pairs<'f>(form: &'f [(&'static str, String)]) -> Vec<(&'static str, &'f str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Sets the `n`th (0-based) value of a repeated field.
fn set_nth(form: &mut [(&'static str, String)], name: &str, n: usize, value: &str) {
    let (_, v) = form
        .iter_mut()
        .filter(|(k, _)| *k == name)
        .nth(n)
        .expect("the field is in the form");
    *v = value.to_owned();
}

async fn stored_plan(c: &Circle, id: &str) -> (i64, eenplan_domain::family::Plan) {
    c.app
        .store
        .read()
        .await
        .unwrap()
        .current_plan(&FamilyId::from(id))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_plan_that_cannot_be_saved_comes_back_exactly_as_typed_with_the_message_at_its_row() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}/plan")).await.csrf();
    let path = format!("/gezinnen/{id}/plan");

    // Each of these once broke the whole form; each must come back as typed, marked at
    // its own row, in Dutch, with nothing stored.
    let cases: [(&str, usize, &str, &str, &str); 7] = [
        (
            "scale_score",
            0,
            "11",
            "scale-1-error",
            "Vul een heel getal in van 0 tot en met 10.",
        ),
        (
            "scale_score",
            0,
            "dit is geen schaal",
            "scale-1-error",
            "Vul een heel getal in van 0 tot en met 10.",
        ),
        (
            "action_domain",
            0,
            "Veiligheid",
            "action-1-error",
            "Kies een leefgebied uit de lijst.",
        ),
        (
            "action_due",
            0,
            "20-12-2026",
            "action-1-error",
            "Vul een datum in als jjjj-mm-dd.",
        ),
        (
            "action_what",
            0,
            "",
            "action-1-error",
            "Vul in wat er moet gebeuren.",
        ),
        // A mistyped year: plausible dates are the domain's rule, shown at the row.
        (
            "action_due",
            0,
            "2206-12-20",
            "action-1-error",
            "Deze datum kan niet kloppen; controleer het jaar.",
        ),
        (
            "review_date",
            0,
            "0202-03-01",
            "review_date-error",
            "Deze datum kan niet kloppen; controleer het jaar.",
        ),
    ];
    for (field, n, value, error_id, message) in cases {
        let mut form = plan_form(&csrf, "0");
        set_nth(&mut form, field, n, value);
        let r = b.post(&path, &as_pairs(&form)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        assert!(
            r.body.contains(&format!("id=\"{error_id}\">{message}</p>")),
            "{field}={value}: the Dutch message next to its row"
        );
        assert!(r.body.contains("Het plan is niet opgeslagen."));
        assert_eq!(
            control_value(&r.body, "worries").as_deref(),
            Some("Kim heeft schulden\nSam verzuimt school"),
            "{field}={value}: the worries as typed"
        );
        assert_eq!(
            control_value(&r.body, "working_well").as_deref(),
            Some("Oma helpt elke woensdag")
        );
        assert_eq!(
            control_value(&r.body, "scale-1-who").as_deref(),
            Some("Kim")
        );
        let score = if field == "scale_score" { value } else { "4" };
        assert_eq!(
            control_value(&r.body, "scale-1-score").as_deref(),
            Some(score)
        );
        assert_eq!(
            control_value(&r.body, "goal-1-text").as_deref(),
            Some("Sam haalt zijn diploma")
        );
        assert_eq!(
            selected_option(&r.body, "goal-1-domain").as_deref(),
            Some("school")
        );
        let what = if field == "action_what" {
            value
        } else {
            "Intake plannen"
        };
        assert_eq!(
            control_value(&r.body, "action-1-what").as_deref(),
            Some(what)
        );
        let due = if field == "action_due" {
            value
        } else {
            "2026-12-15"
        };
        assert_eq!(control_value(&r.body, "action-1-due").as_deref(), Some(due));
        let review = if field == "review_date" {
            value
        } else {
            "2027-02-01"
        };
        assert_eq!(
            control_value(&r.body, "review_date").as_deref(),
            Some(review),
            "the review date as typed"
        );
        assert_eq!(
            stored_plan(&c, &id).await.0,
            0,
            "{field}={value}: nothing saved"
        );
    }

    // In English, the same refusal is English.
    let mut en = c.app.signed_in_browser(&c.sanne).await;
    en.get("/taal/en?terug=/start").await;
    let mut form = plan_form(&en.get(&path).await.csrf(), "0");
    set_nth(&mut form, "scale_score", 0, "11");
    let r = en.post(&path, &as_pairs(&form)).await;
    assert!(
        r.body.contains("Enter a whole number from 0 to 10."),
        "{}",
        r.body
    );

    // The form as typed saves as typed.
    let form = plan_form(&csrf, "0");
    let r = b.post(&path, &as_pairs(&form)).await;
    assert_eq!(r.location(), path);
    let (version, plan) = stored_plan(&c, &id).await;
    assert_eq!(version, 1);
    assert_eq!(plan.worries, ["Kim heeft schulden", "Sam verzuimt school"]);
    assert_eq!(plan.scales.len(), 1, "empty rows are not part of the plan");
    assert_eq!(plan.domains.len(), 2);
}

#[tokio::test]
async fn saving_the_plan_keeps_what_the_person_did_not_change() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;

    // Version 1 comes back in the form, goals per life domain included; adding one
    // worry to the page as shown and saving changes nothing else.
    let page = b.get(&path).await;
    assert_eq!(
        selected_option(&page.body, "goal-1-domain").as_deref(),
        Some("school")
    );
    let mut form = plan_form(&csrf, "1");
    set_nth(
        &mut form,
        "worries",
        0,
        "Kim heeft schulden\nSam verzuimt school\nDe huur is achterstallig",
    );
    let r = b.post(&path, &as_pairs(&form)).await;
    assert_eq!(r.location(), path);
    let changes = {
        let mut tx = c.app.store.read().await.unwrap();
        let v1 = tx
            .plan_version(&FamilyId::from(id.as_str()), 1)
            .await
            .unwrap()
            .unwrap();
        let v2 = tx
            .plan_version(&FamilyId::from(id.as_str()), 2)
            .await
            .unwrap()
            .unwrap();
        eenplan_domain::family::diff(&v1, &v2)
    };
    assert_eq!(changes.len(), 1, "only the worry changed: {changes:?}");
    assert_eq!(
        changes[0].added,
        [eenplan_domain::family::PlanLine::Text(
            "De huur is achterstallig".into()
        )]
    );
    assert!(changes[0].removed.is_empty());
    let (_, plan) = stored_plan(&c, &id).await;
    let school = plan
        .domains
        .iter()
        .find(|d| d.domain == eenplan_domain::family::LifeDomain::School)
        .expect("the school domain is kept");
    assert_eq!(school.goals, ["Sam haalt zijn diploma"]);
}

/// The comparison of two versions reads as the plan does: the life domain's name, the
/// action as a sentence with its progress in words and a Dutch date, never a code.
#[tokio::test]
async fn comparing_versions_names_parts_in_words_and_dates_in_dutch() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;
    let mut form = plan_form(&csrf, "1");
    set_nth(&mut form, "action_status", 0, "done");
    set_nth(&mut form, "goal_text", 0, "Sam haalt zijn diploma in 2027");
    assert_eq!(b.post(&path, &as_pairs(&form)).await.location(), path);

    let page = b.get(&format!("{path}/vergelijken?van=1&tot=2")).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    for shown in [
        "<h2 class=\"utrecht-heading-2\">School</h2>",
        "<h2 class=\"utrecht-heading-2\">Inkomen en schulden</h2>",
        "Doel: Sam haalt zijn diploma in 2027",
        "Actie: Schuldhulp — Intake plannen, uiterlijk op 15 dec 2026 (gedaan)",
        "Actie: Schuldhulp — Intake plannen, uiterlijk op 15 dec 2026 (gepland)",
    ] {
        assert!(
            body.contains(shown),
            "the comparison shows {shown:?}: {body}"
        );
    }
    for code in [
        "domain:",
        "goal:",
        "action:",
        "[planned]",
        "[done]",
        "2026-12-15",
    ] {
        assert!(!body.contains(code), "no code {code:?} on the page: {body}");
    }
}

#[tokio::test]
async fn a_refused_agreement_keeps_the_plan_and_the_ticked_members() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;

    // Nobody ticked: refused next to the field, and the plan form still holds version 1.
    let r = b
        .post(
            &format!("{path}/akkoord"),
            &[("csrf", &csrf), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"members-error\">"),
        "the refusal sits at the field"
    );
    assert_eq!(
        control_value(&r.body, "worries").as_deref(),
        Some("Kim heeft schulden\nSam verzuimt school"),
        "the plan form is never emptied by another form's error"
    );
    assert_eq!(
        control_value(&r.body, "scale-1-who").as_deref(),
        Some("Kim")
    );
    assert!(r.body.contains("name=\"based_on\" value=\"1\""));

    // An unknown member: refused, and what was ticked stays ticked.
    let sam = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .family(&FamilyId::from(id.as_str()))
        .await
        .unwrap()
        .unwrap()
        .members[0]
        .id
        .clone();
    let r = b
        .post(
            &format!("{path}/akkoord"),
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("members", &sam),
                ("members", "not-a-member"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("value=\"{sam}\" checked")));
    assert_eq!(stored_plan(&c, &id).await.0, 1, "no version was added");
}

#[tokio::test]
async fn a_conflict_keeps_what_was_typed_and_offers_it_on_the_current_version() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;
    let mut mine = plan_form(&csrf, "0");
    set_nth(&mut mine, "action_what", 0, "Mijn eigen actie");
    let r = b.post(&path, &as_pairs(&mine)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        control_value(&r.body, "action-1-what").as_deref(),
        Some("Mijn eigen actie")
    );
    assert!(r.body.contains("name=\"based_on\" value=\"1\""));
}

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
            .any(|(k, v)| k == "worries" && v == "Kim heeft schulden\r\nSam verzuimt school"),
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

// ---- every form of the file comes back as typed when it is refused ----

/// The id of the member called `name` in the file.
async fn member_id(c: &Circle, id: &str, name: &str) -> String {
    let mut tx = c.app.store.read().await.unwrap();
    let family = tx.family(&FamilyId::from(id)).await.unwrap().unwrap();
    family
        .members
        .iter()
        .find(|m| m.name == name)
        .map(|m| m.id.clone())
        .unwrap()
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

#[tokio::test]
async fn a_refused_member_comes_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/leden"),
            &[
                ("csrf", csrf.as_str()),
                ("kind", "parent"),
                ("name", "Noor Jansen"),
                ("date_of_birth", "31-12-1990"),
                ("custody", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "date_of_birth").as_deref(),
        Some("Vul een datum in als jjjj-mm-dd.")
    );
    assert_eq!(selected_option(&r.body, "kind").as_deref(), Some("parent"));
    assert_eq!(
        control_value(&r.body, "name").as_deref(),
        Some("Noor Jansen")
    );
    assert_eq!(
        control_value(&r.body, "date_of_birth").as_deref(),
        Some("31-12-1990")
    );
    assert!(common::is_checked(&r.body, "custody-yes"));
}

#[tokio::test]
async fn a_refused_member_correction_comes_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let sam = member_id(&c, &id, "Sam Jansen").await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    // A child cannot hold parental authority: the domain refuses, at the tick box.
    let r = b
        .post(
            &format!("/gezinnen/{id}/leden/corrigeren"),
            &[
                ("csrf", csrf.as_str()),
                ("member", sam.as_str()),
                ("correct_kind", "child"),
                ("name", "Sam de Vries"),
                ("date_of_birth", "2016-04-03"),
                ("correct_custody", "yes"),
                ("reason", "Achternaam van de vader"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "correct_custody").as_deref(),
        Some("Alleen een ouder of opvoeder kan gezag hebben.")
    );
    assert_eq!(
        selected_option(&r.body, "member").as_deref(),
        Some(sam.as_str())
    );
    assert_eq!(
        selected_option(&r.body, "correct_kind").as_deref(),
        Some("child")
    );
    assert_eq!(
        control_value(&r.body, "name-correct").as_deref(),
        Some("Sam de Vries")
    );
    assert_eq!(
        control_value(&r.body, "date_of_birth-correct").as_deref(),
        Some("2016-04-03")
    );
    assert!(common::is_checked(&r.body, "correct_custody-yes"));
    assert_eq!(
        control_value(&r.body, "reason-correct").as_deref(),
        Some("Achternaam van de vader")
    );
}

#[tokio::test]
async fn refused_network_forms_come_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/netwerk"),
            &[
                ("csrf", csrf.as_str()),
                ("name", ""),
                ("relation", "neighbour"),
                ("safety_role", "Vangt Sam op na school"),
                ("contact", "06-11112222"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "name-network").as_deref(),
        Some("Vul dit veld in.")
    );
    assert_eq!(
        selected_option(&r.body, "relation").as_deref(),
        Some("neighbour")
    );
    assert_eq!(
        control_value(&r.body, "safety_role").as_deref(),
        Some("Vangt Sam op na school")
    );
    assert_eq!(
        control_value(&r.body, "contact").as_deref(),
        Some("06-11112222")
    );

    // The correction form of the same network member.
    let r = b
        .post(
            &format!("/gezinnen/{id}/netwerk"),
            &[
                ("csrf", csrf.as_str()),
                ("name", "Ria Bos"),
                ("relation", "neighbour"),
                ("safety_role", "Vangt Sam op"),
                ("contact", "06-11112222"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ria = {
        let mut tx = c.app.store.read().await.unwrap();
        tx.family(&FamilyId::from(id.as_str()))
            .await
            .unwrap()
            .unwrap()
            .network[0]
            .id
            .clone()
    };
    let r = b
        .post(
            &format!("/gezinnen/{id}/netwerk/corrigeren"),
            &[
                ("csrf", csrf.as_str()),
                ("network_member", ria.as_str()),
                ("name", "Ria Bosch"),
                ("network_relation", "friend"),
                ("safety_role", "Vangt Sam op na school"),
                ("contact", "06-33334444"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "reason-network_fix").as_deref(),
        Some("Vul dit veld in.")
    );
    assert_eq!(
        selected_option(&r.body, "network_member").as_deref(),
        Some(ria.as_str())
    );
    assert_eq!(
        control_value(&r.body, "name-network_fix").as_deref(),
        Some("Ria Bosch")
    );
    assert_eq!(
        selected_option(&r.body, "network_relation").as_deref(),
        Some("friend")
    );
    assert_eq!(
        control_value(&r.body, "safety_role-network_fix").as_deref(),
        Some("Vangt Sam op na school")
    );
    assert_eq!(
        control_value(&r.body, "contact-network_fix").as_deref(),
        Some("06-33334444")
    );
}

#[tokio::test]
async fn a_refused_partner_comes_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    // Thomas's organisation needs the family's consent first: refused at the person.
    let r = b
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", csrf.as_str()),
                ("user_id", c.thomas.user_id.as_str()),
                ("role", "partner"),
                ("expertise", "violence"),
                ("takes_over", ""),
                ("reason", "Geweld in huis, SAVE erbij"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        common::field_error(&r.body, "user_id")
            .is_some_and(|m| m.starts_with("Hiervoor is eerst toestemming van het gezin nodig"))
    );
    assert_eq!(
        selected_option(&r.body, "user_id").as_deref(),
        Some(c.thomas.user_id.as_str())
    );
    assert_eq!(selected_option(&r.body, "role").as_deref(), Some("partner"));
    assert_eq!(
        selected_option(&r.body, "expertise").as_deref(),
        Some("violence")
    );
    assert_eq!(
        control_value(&r.body, "reason").as_deref(),
        Some("Geweld in huis, SAVE erbij")
    );
}

#[tokio::test]
async fn a_refused_ending_keeps_whom_and_why() {
    let c = circle().await;
    let id = open_file(&c).await;
    let sam = member_id(&c, &id, "Sam Jansen").await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let who = format!("member:{sam}");
    let r = b
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", csrf.as_str()),
                ("who", who.as_str()),
                ("end_reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "end_reason").as_deref(),
        Some("Vul dit veld in.")
    );
    assert_eq!(
        selected_option(&r.body, "who").as_deref(),
        Some(who.as_str()),
        "the person chosen stays chosen"
    );

    // The lead cannot be ended: the reason typed stays, and so does the choice.
    let lead = {
        let mut tx = c.app.store.read().await.unwrap();
        let family = tx
            .family(&FamilyId::from(id.as_str()))
            .await
            .unwrap()
            .unwrap();
        format!("involvement:{}", family.involvements[0].id)
    };
    let r = b
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", csrf.as_str()),
                ("who", lead.as_str()),
                ("end_reason", "Sanne gaat met verlof"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "who").is_some());
    assert_eq!(
        control_value(&r.body, "end_reason").as_deref(),
        Some("Sanne gaat met verlof")
    );
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
