//! Through the router: emergency access only for care roles with
//! every refused attempt logged, the postcode telling several files apart, a duplicate
//! check that tells an outsider only whom to call (logged, rate-limited, signalled to the
//! leading organisation), household and network as the lead's work, and partners only in
//! a care role.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{Account, App};
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, Expertise, InvolvementRole};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_domain::{FamilyId, OrganisationId};
use eenplan_store::{AccessFilter, AccessLine, ConsentInput, NewInvolvement, SessionKind};

const REASON: &str = "Politie belt: Sam alleen thuis aangetroffen";

fn system() -> Actor {
    Actor::System { component: "test" }
}

fn today() -> jiff::civil::Date {
    eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now())
}

struct World {
    app: App,
    family: FamilyId,
    lokalis: String,
    sanne: Account,
    mo: Account,
    thomas: Account,
    admin: Account,
    officer: Account,
    lead: Account,
    evu: Account,
    piet: Account,
}

async fn org(app: &App, slug: &str) -> String {
    let mut tx = app.store.read().await.unwrap();
    tx.organisation_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
        .into_string()
}

/// Gezin Jansen led by Sanne (Lokalis); around it people who hold no care role, a
/// colleague of Sanne's outside the circle (Mo), SAVE's Thomas and another local team's
/// Piet.
async fn world() -> World {
    let app = App::new().await; // "save", a certified institution
    let overvecht = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let other_team = app.organisation("west", OrganisationKind::LocalTeam).await;
    let pro = &[Role::Professional];
    let sanne = app
        .account_in(
            "lokalis",
            Some(&overvecht),
            "sanne@lokalis.example",
            pro,
            true,
        )
        .await;
    let mo = app
        .account_in("lokalis", None, "mo@lokalis.example", pro, true)
        .await;
    let admin = app
        .account_in(
            "lokalis",
            None,
            "beheer@lokalis.example",
            &[Role::FunctionalAdmin],
            true,
        )
        .await;
    let officer = app
        .account_in(
            "lokalis",
            None,
            "privacy@lokalis.example",
            &[Role::PrivacyOfficer],
            true,
        )
        .await;
    // Leads another team: no care role, and not the regisseur's team lead.
    let lead = app
        .account_in(
            "west",
            Some(&other_team),
            "lead@west.example",
            &[Role::TeamLead],
            true,
        )
        .await;
    let evu = app
        .account_in(
            "lokalis",
            None,
            "evu@lokalis.example",
            &[Role::EvuCoordinator],
            true,
        )
        .await;
    let piet = app
        .account_in("west", Some(&other_team), "piet@west.example", pro, true)
        .await;
    let thomas = app.account("thomas@save.example", pro, true).await;
    let lokalis = org(&app, "lokalis").await;
    let (family, _, _) = app.jansen(&sanne, &lokalis, None).await;
    World {
        app,
        family,
        lokalis,
        sanne,
        mo,
        thomas,
        admin,
        officer,
        lead,
        evu,
        piet,
    }
}

async fn log_of(app: &App, who: &Account) -> Vec<AccessLine> {
    app.store
        .read()
        .await
        .unwrap()
        .access_log(&AccessFilter {
            user_email: who.email.clone(),
            limit: 100,
            ..AccessFilter::default()
        })
        .await
        .unwrap()
}

async fn open_emergencies(app: &App) -> usize {
    app.store
        .read()
        .await
        .unwrap()
        .emergencies(false)
        .await
        .unwrap()
        .len()
}

fn api_headers(token: &str) -> Vec<(&'static str, String)> {
    vec![
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ]
}

#[tokio::test]
async fn only_a_care_role_breaks_the_glass_and_every_refusal_is_logged_without_the_reason() {
    let w = world().await;
    for who in [&w.admin, &w.officer, &w.lead, &w.evu] {
        let mut b = w.app.signed_in_browser(who).await;
        assert_eq!(
            b.get("/noodtoegang").await.status,
            StatusCode::FORBIDDEN,
            "not offered"
        );
        let csrf = b.get("/start").await.csrf();
        let form = [
            ("csrf", csrf.as_str()),
            ("child_name", "Sam Jansen"),
            ("date_of_birth", "2016-04-02"),
            ("reason", REASON),
        ];
        let r = b.post("/noodtoegang", &form).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}: {}", who.email, r.body);
        assert_eq!(
            b.get(&format!("/gezinnen/{}", w.family)).await.status,
            StatusCode::NOT_FOUND,
            "{} did not get in",
            who.email
        );
        // Through the API too, by id.
        let token = w.app.session_token(who, SessionKind::Api).await;
        let r = w
            .app
            .raw(
                Method::POST,
                &format!("/api/v1/families/{}/break-glass", w.family),
                &api_headers(&token),
                &serde_json::json!({ "reason": REASON }).to_string(),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}: {}", who.email, r.body);
        let log = log_of(&w.app, who).await;
        let refused: Vec<_> = log
            .iter()
            .filter(|l| {
                l.event == eenplan_domain::access_log::AccessEvent::Emergency
                    && l.outcome == "denied"
            })
            .collect();
        assert_eq!(refused.len(), 2, "{}: {log:?}", who.email);
        assert!(
            refused
                .iter()
                .any(|l| l.data.contains("Sam Jansen") && l.data.contains("2016-04-02"))
        );
        assert!(
            refused
                .iter()
                .any(|l| l.family_id.as_deref() == Some(w.family.as_str()))
        );
        assert!(
            refused.iter().all(|l| !l.data.contains("Politie")),
            "never the reason"
        );
    }
    assert_eq!(open_emergencies(&w.app).await, 0);

    // A care role: a wrong date of birth and a short reason are refused and logged too.
    let mut mo = w.app.signed_in_browser(&w.mo).await;
    let csrf = mo.get("/noodtoegang").await.csrf();
    let r = mo
        .post(
            "/noodtoegang",
            &[
                ("csrf", &csrf),
                ("child_name", "Sam Jansen"),
                ("date_of_birth", "2016-04-03"),
                ("reason", REASON),
            ],
        )
        .await;
    assert!(r.body.contains("Geen dossier gevonden"));
    let r = mo
        .post(
            "/noodtoegang",
            &[
                ("csrf", &csrf),
                ("child_name", "Sam Jansen"),
                ("date_of_birth", "2016-04-02"),
                ("reason", "spoed nu"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let log = log_of(&w.app, &w.mo).await;
    let refused: Vec<_> = log
        .iter()
        .filter(|l| {
            l.event == eenplan_domain::access_log::AccessEvent::Emergency && l.outcome == "denied"
        })
        .collect();
    assert_eq!(refused.len(), 2, "{log:?}");
    assert!(refused.iter().any(|l| l.data.contains("2016-04-03")));
    assert!(
        refused
            .iter()
            .all(|l| !l.data.contains("Politie") && !l.data.contains("spoed"))
    );
    assert_eq!(open_emergencies(&w.app).await, 0);

    // The privacy officer sees the refused attempts.
    let mut officer = w.app.signed_in_browser(&w.officer).await;
    let page = officer.get("/privacy").await;
    assert!(
        page.body.contains("geboren 3 apr 2016") && page.body.contains("Functioneel beheerder"),
        "what was asked, and by whom, in words"
    );
    let emergencies_only = officer.get("/privacy?nood=ja").await;
    assert!(
        emergencies_only.body.contains("geboren 3 apr 2016"),
        "refusals count as emergency lines"
    );
    w.app.done().await;
}

#[tokio::test]
async fn several_matching_files_ask_the_postcode_and_open_only_the_one_that_matches() {
    let w = world().await;
    // A second file with a child of the same name and date of birth, elsewhere.
    let west = org(&w.app, "west").await;
    let mut tx = w.app.store.write().await.unwrap();
    let other = tx
        .open_family(
            &system(),
            eenplan_store::NewFamily {
                label: "Gezin Jansen-West".into(),
                street: "Kanaalweg".into(),
                house_number: "3".into(),
                postcode: eenplan_domain::family::Postcode::parse("3526 KL").unwrap(),
                city: "Utrecht".into(),
                area_id: None,
            },
            &w.piet.user_id,
            &OrganisationId::from(west.as_str()),
        )
        .await
        .unwrap();
    tx.add_member(
        &system(),
        &other,
        eenplan_domain::family::NewMember {
            kind: eenplan_domain::family::MemberKind::Child,
            name: "Sam  Jansen".into(),
            date_of_birth: Some(jiff::civil::date(2016, 4, 2)),
            has_custody: false,
        },
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut mo = w.app.signed_in_browser(&w.mo).await;
    let csrf = mo.get("/noodtoegang").await.csrf();
    let ask = [
        ("csrf", csrf.as_str()),
        ("child_name", "sam jansen"),
        ("date_of_birth", "2016-04-02"),
        ("reason", REASON),
    ];
    let r = mo.post("/noodtoegang", &ask).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("name=\"postcode\""),
        "the postcode is asked"
    );
    assert!(
        r.body.contains("value=\"sam jansen\"") && r.body.contains(REASON),
        "what was typed is kept"
    );
    assert_eq!(open_emergencies(&w.app).await, 0, "none opened, not both");
    let mut with_postcode = ask.to_vec();
    with_postcode.push(("postcode", "3526kl"));
    let r = mo.post("/noodtoegang", &with_postcode).await;
    assert_eq!(r.location(), format!("/gezinnen/{other}"), "{}", r.body);
    assert_eq!(open_emergencies(&w.app).await, 1);
    assert_eq!(
        mo.get(&format!("/gezinnen/{other}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        mo.get(&format!("/gezinnen/{}", w.family)).await.status,
        StatusCode::NOT_FOUND,
        "only the one that matched"
    );
    let log = log_of(&w.app, &w.mo).await;
    assert!(log.iter().any(
        |l| l.event == eenplan_domain::access_log::AccessEvent::Emergency
            && l.outcome == "denied"
            && l.data.contains("postcode")
    ));
    w.app.done().await;
}

#[tokio::test]
async fn the_duplicate_check_tells_an_outsider_only_which_organisation_leads_and_signals_it() {
    let w = world().await;
    let mut piet = w.app.signed_in_browser(&w.piet).await;
    let csrf = piet.get("/gezinnen/nieuw").await.csrf();
    let form = |child: &'static str, postcode: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("label", "Gezin B.".to_owned()),
            ("street", "Elders".to_owned()),
            ("house_number", "1".to_owned()),
            ("postcode", postcode.to_owned()),
            ("city", "Utrecht".to_owned()),
            ("child_name", child.to_owned()),
            ("child_birth", "2016-04-02".to_owned()),
        ]
    };
    let post = |v: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { v.clone() };
    // Same child, other spacing and case.
    let f = post(&form("sam   JANSEN", "1234 AB"));
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = piet.post("/gezinnen/nieuw", &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Mogelijk bestaat er al een dossier"));
    assert!(r.body.contains("Organisatie lokalis"), "whom to call");
    // ("Gezin Jansen" alone is the label field's example text.)
    for secret in [
        "Gezin Jansen —",
        "Zamenhofdreef",
        "3562",
        "Kim Jansen",
        w.family.as_str(),
    ] {
        assert!(
            !r.body.contains(secret),
            "{secret} leaked to an outsider: {}",
            r.body
        );
    }
    // The same address, another child.
    let mut tx = w.app.store.write().await.unwrap();
    tx.execute(
        "UPDATE organisations SET phone = '030-123 45 67' WHERE id = $1",
        vec![w.lokalis.as_str().into()],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut f = post(&form("Noor de Wit", "3562 JW"));
    f[3] = ("house_number", "12".to_owned());
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = piet.post("/gezinnen/nieuw", &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Organisatie lokalis") && r.body.contains("030-123 45 67"));
    assert!(!r.body.contains("Gezin Jansen —") && !r.body.contains("Zamenhofdreef"));

    // The API alike.
    let token = w.app.session_token(&w.piet, SessionKind::Api).await;
    let body = serde_json::json!({ "label": "Gezin B.", "street": "Elders", "house_number": "1", "postcode": "1234 AB", "city": "Utrecht",
        "children": [{ "name": "Sam Jansen ", "date_of_birth": "2016-04-02" }] });
    let r = w
        .app
        .raw(
            Method::POST,
            "/api/v1/families",
            &api_headers(&token),
            &body.to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        r.json()["duplicates"][0]["led_by"]["organisation"],
        "Organisatie lokalis"
    );
    assert_eq!(
        r.json()["duplicates"][0]["led_by"]["phone"],
        "030-123 45 67"
    );
    for secret in ["Gezin Jansen", "Zamenhofdreef", "3562", w.family.as_str()] {
        assert!(!r.body.contains(secret), "{secret} leaked through the API");
    }

    // Each check is a line against the file.
    let log = log_of(&w.app, &w.piet).await;
    let probes = log
        .iter()
        .filter(|l| {
            l.event == eenplan_domain::access_log::AccessEvent::DuplicateCheck
                && l.outcome == "denied"
                && l.family_id.as_deref() == Some(w.family.as_str())
        })
        .count();
    assert_eq!(probes, 3, "{log:?}");

    // The leading organisation's work list shows who and when, nothing more.
    let mut sanne = w.app.signed_in_browser(&w.sanne).await;
    let start = sanne.get("/start").await;
    assert!(
        start.body.contains("Signalen van anderen"),
        "{}",
        start.body
    );
    assert!(start.body.contains("Organisatie west"));
    assert!(!start.body.contains("piet@west.example"));
    // Someone else in Piet's position sees no signals of files they do not lead.
    assert!(
        !piet
            .get("/start")
            .await
            .body
            .contains("Signalen van anderen")
    );

    // Inside the circle the file is linked as before.
    let csrf = sanne.get("/gezinnen/nieuw").await.csrf();
    let r = sanne
        .post(
            "/gezinnen/nieuw",
            &[
                ("csrf", csrf.as_str()),
                ("label", "Gezin J."),
                ("street", "Elders"),
                ("house_number", "1"),
                ("postcode", "1234 AB"),
                ("city", "Utrecht"),
                ("child_name", "Sam  Jansen"),
                ("child_birth", "2016-04-02"),
            ],
        )
        .await;
    assert!(r.body.contains("Gezin Jansen") && r.body.contains(&format!("/gezinnen/{}", w.family)));
    w.app.done().await;
}

#[tokio::test]
async fn duplicate_checks_outside_the_circle_are_rate_limited() {
    let w = world().await;
    let token = w.app.session_token(&w.piet, SessionKind::Api).await;
    let body = serde_json::json!({ "label": "Gezin B.", "street": "Elders", "house_number": "1", "postcode": "1234 AB", "city": "Utrecht",
        "children": [{ "name": "Sam Jansen", "date_of_birth": "2016-04-02" }] })
    .to_string();
    for _ in 0..eenplan_domain::family::DUPLICATE_PROBES_PER_WINDOW {
        let r = w
            .app
            .raw(
                Method::POST,
                "/api/v1/families",
                &api_headers(&token),
                &body,
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
    }
    let r = w
        .app
        .raw(
            Method::POST,
            "/api/v1/families",
            &api_headers(&token),
            &body,
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    let retry: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&retry));
    assert_eq!(r.headers["content-type"], "application/problem+json");
    let mut piet = w.app.signed_in_browser(&w.piet).await;
    let csrf = piet.get("/gezinnen/nieuw").await.csrf();
    let r = piet
        .post(
            "/gezinnen/nieuw",
            &[
                ("csrf", csrf.as_str()),
                ("label", "Gezin B."),
                ("street", "Elders"),
                ("house_number", "1"),
                ("postcode", "1234 AB"),
                ("city", "Utrecht"),
                ("child_name", "Sam Jansen"),
                ("child_birth", "2016-04-02"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("te vaak") && !r.body.contains("Organisatie lokalis"));
    assert!(r.headers.contains_key("retry-after"));
    // Another professional is not limited by Piet's checks.
    let mo = w.app.session_token(&w.mo, SessionKind::Api).await;
    let r = w
        .app
        .raw(Method::POST, "/api/v1/families", &api_headers(&mo), &body)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    w.app.done().await;
}

/// Thomas (SAVE) is a partner whose consent covers everything: he reads the household and
/// network but does not change them.
async fn thomas_joins(w: &World) {
    let save = org(&w.app, "save").await;
    let mut tx = w.app.store.write().await.unwrap();
    let family = tx.family(&w.family).await.unwrap().unwrap();
    let sam = family
        .members
        .iter()
        .find(|m| m.name == "Sam Jansen")
        .unwrap()
        .id
        .clone();
    let kim = family
        .members
        .iter()
        .find(|m| m.has_custody)
        .unwrap()
        .id
        .clone();
    tx.record_consent(
        &system(),
        &w.family,
        &w.sanne.user_id,
        &ConsentInput {
            step: ConsentStep::SaveGuidance,
            organisation_id: Some(save.clone().into()),
            purpose: "SAVE-begeleiding naast het buurtteam".into(),
            categories: DataCategory::ALL.to_vec(),
            children: vec![sam],
            given_by: vec![kim],
            form: ConsentForm::Written,
            given_on: today(),
            ends_on: None,
        },
        today(),
    )
    .await
    .unwrap();
    tx.add_involvement(
        &system(),
        &w.family,
        NewInvolvement {
            role: InvolvementRole::Partner,
            organisation_id: save,
            user_id: w.thomas.user_id.to_string(),
            expertise: Some(Expertise::Safety),
            takes_over: None,
            reason: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn household_and_network_are_the_leads_work_and_partners_read() {
    let w = world().await;
    thomas_joins(&w).await;
    let id = &w.family;
    let token = w.app.session_token(&w.thomas, SessionKind::Api).await;
    let h = api_headers(&token);
    let r = w
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/members"),
            &h,
            r#"{"kind":"child","name":"Noor Jansen","date_of_birth":"2020-01-01"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(r.json()["type"], "/problems/lead-only");
    let r = w
        .app
        .raw(Method::POST, &format!("/api/v1/families/{id}/network"), &h,
            r#"{"name":"Buurman Ali","relation":"neighbour","safety_role":"noodadres","contact":"06-1"}"#)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let read = w
        .app
        .raw(Method::GET, &format!("/api/v1/families/{id}"), &h, "")
        .await;
    assert_eq!(read.status, StatusCode::OK, "the partner reads");
    assert_eq!(read.json()["members"].as_array().unwrap().len(), 2);

    let mut thomas = w.app.signed_in_browser(&w.thomas).await;
    let page = thomas.get(&format!("/gezinnen/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Kim Jansen"), "reads the household");
    for action in [
        "/leden\"",
        "/netwerk\"",
        "/leden/corrigeren\"",
        "/netwerk/corrigeren\"",
    ] {
        assert!(
            !page.body.contains(&format!("/gezinnen/{id}{action}")),
            "no form {action}"
        );
    }
    let csrf = page.csrf();
    let r = thomas
        .post(
            &format!("/gezinnen/{id}/leden"),
            &[
                ("csrf", &csrf),
                ("kind", "child"),
                ("name", "Noor Jansen"),
                ("date_of_birth", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let kim = w
        .app
        .store
        .read()
        .await
        .unwrap()
        .family(id)
        .await
        .unwrap()
        .unwrap()
        .members
        .iter()
        .find(|m| m.has_custody)
        .unwrap()
        .id
        .clone();
    let r = thomas
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", &csrf),
                ("who", &format!("member:{kim}")),
                ("end_reason", "verhuisd"),
            ],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "ending a member is the lead's work"
    );
    let family = w
        .app
        .store
        .read()
        .await
        .unwrap()
        .family(id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        family.members.iter().filter(|m| !m.ended).count(),
        2,
        "nothing changed"
    );

    // The regisseur still does.
    let sanne = w.app.session_token(&w.sanne, SessionKind::Api).await;
    let r = w
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{id}/members"),
            &api_headers(&sanne),
            r#"{"kind":"child","name":"Noor Jansen","date_of_birth":"2020-01-01"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    w.app.done().await;
}

#[tokio::test]
async fn only_a_care_role_is_added_as_a_partner() {
    let w = world().await;
    let id = &w.family;
    let sanne = w.app.session_token(&w.sanne, SessionKind::Api).await;
    for who in [&w.officer, &w.admin, &w.evu] {
        let r = w
            .app
            .raw(
                Method::POST,
                &format!("/api/v1/families/{id}/involvements"),
                &api_headers(&sanne),
                &serde_json::json!({ "user_id": who.user_id, "role": "partner" }).to_string(),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "{}: {}",
            who.email,
            r.body
        );
        assert_eq!(r.json()["invalidParams"][0]["name"], "user_id");
    }
    let mut b = w.app.signed_in_browser(&w.sanne).await;
    let page = b.get(&format!("/gezinnen/{id}/betrokkenen")).await;
    assert!(
        !page
            .body
            .contains(&format!("value=\"{}\"", w.officer.user_id)),
        "the privacy officer is not offered as a partner"
    );
    assert!(page.body.contains(&format!("value=\"{}\"", w.mo.user_id)));
    let csrf = page.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", w.officer.user_id.as_str()),
                ("role", "partner"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("zorgrol"));
    let mut officer = w.app.signed_in_browser(&w.officer).await;
    assert_eq!(
        officer.get(&format!("/gezinnen/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    // A role or expertise not on the list is refused at its field, never read as
    // "partner" or as no expertise; nobody joins.
    for (field, role, expertise) in [
        ("role", "beheerder", ""),
        ("expertise", "partner", "heelkunde"),
    ] {
        let r = b
            .post(
                &format!("/gezinnen/{id}/betrokkenen"),
                &[
                    ("csrf", &csrf),
                    ("user_id", w.mo.user_id.as_str()),
                    ("role", role),
                    ("expertise", expertise),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(
            common::field_error(&r.body, field).is_some(),
            "the message sits at {field}: {}",
            r.body
        );
    }
    let mut mo = w.app.signed_in_browser(&w.mo).await;
    assert_eq!(
        mo.get(&format!("/gezinnen/{id}")).await.status,
        StatusCode::NOT_FOUND,
        "Mo did not join"
    );
    // A colleague in a care role joins.
    let r = b
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", w.mo.user_id.as_str()),
                ("role", "partner"),
            ],
        )
        .await;
    assert_eq!(
        r.location(),
        format!("/gezinnen/{id}/betrokkenen"),
        "{}",
        r.body
    );
    w.app.done().await;
}
