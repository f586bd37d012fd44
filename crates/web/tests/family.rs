//! The family file through the router: a professional's walk, handovers, plan conflicts,
//! and nobody outside the family's circle finding or opening it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::App;
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
    let family = tx.family(id).await.unwrap().unwrap();
    let sam = family.members[0].id.clone();
    let kim = match family.members.iter().find(|m| m.has_custody) {
        Some(m) => m.id.clone(),
        None => tx
            .add_member(
                &system,
                id,
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
            id,
            &c.sanne.user_id,
            &eenplan_store::ConsentInput {
                step: eenplan_domain::family::ConsentStep::SaveGuidance,
                organisation_id: Some(save),
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
                ("user_id", &c.thomas.user_id),
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
                ("user_id", &c.thomas.user_id),
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
            ("scales", "Kim: 4".to_owned()),
            (
                "actions",
                "income | Schuldhulp | Intake | 2026-12-15 | planned".to_owned(),
            ),
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
    bad[3] = ("scales", "Kim: elf");
    assert!(
        b.post(&format!("/gezinnen/{id}/plan"), &bad)
            .await
            .body
            .contains("Deze regel klopt niet: Kim: elf")
    );

    let family = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .family(&id)
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
        .family(&id)
        .await
        .unwrap()
        .unwrap();
    let regisseur = family.regisseur().unwrap().id.clone();

    let r = b
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", &mohamed.user_id),
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
        .timeline(&id)
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
                ("user_id", &c.thomas.user_id),
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
        .access_log_for(&id)
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
        .access_log_for(&id)
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
            &serde_json::json!({"user_id": c.joyce.user_id, "role": "regisseur"}).to_string(),
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
        (
            "actions",
            "income | Schuldhulp | Intake plannen | 2020-01-15 | planned\nschool | Sanne | Gesprek met school | 2020-02-01 | done",
        ),
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
            .contains("evaluatie van het plan, gepland op 2020-03-01")
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
                ("user_id", &c.thomas.user_id),
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
    let note = c.app.store.read().await.unwrap().notes(&id).await.unwrap()[0]
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
            ("user_id", &c.thomas.user_id),
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
        .family(&id)
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
        .family(&id)
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
        .family(&id)
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
        .family(&id)
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
        .timeline(&id)
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
        .family(&id)
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
                .family(&id)
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
        .timeline(&id)
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
            .notes(&id)
            .await
            .unwrap()
            .is_empty()
    );
    c.app.done().await;
}
