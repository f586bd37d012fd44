//! Text and dates a person or a program sends. Control characters,
//! overlong text and implausible dates are refused naming the field (problem+json under
//! /api/, at the field on the pages that point at it, a page elsewhere), never a 5xx;
//! line breaks are stored as LF.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode, header};
use common::{App, control_value, field_error};
use eenplan_domain::FamilyId;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::{ConsentInput, SessionKind};

struct World {
    app: App,
    boss: common::Account,
    family: FamilyId,
    child: String,
    parent: String,
}

async fn world() -> World {
    let app = App::new().await;
    let team = app.organisation("wijk", OrganisationKind::LocalTeam).await;
    let boss = app
        .account_in(
            "wijk",
            Some(&team),
            "boss@wijk.example",
            &[Role::Professional, Role::FunctionalAdmin],
            true,
        )
        .await;
    let lead = {
        let mut tx = app.store.read().await.unwrap();
        tx.organisation_by_slug("wijk").await.unwrap().unwrap().id
    };
    let (family, child, parent) = app.jansen(&boss, lead.as_str(), None).await;
    World {
        app,
        boss,
        family,
        child,
        parent,
    }
}

fn problem_field(r: &common::Response) -> String {
    assert_eq!(
        r.headers[header::CONTENT_TYPE],
        "application/problem+json",
        "{}",
        r.body
    );
    r.json()["invalidParams"][0]["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn pages_point_at_the_field_and_keep_what_was_typed() {
    let w = world().await;
    // Before sign-in: a NUL in the e-mail address.
    let mut anon = w.app.browser();
    let r = anon.password("boss\0@wijk.example", common::PASSWORD).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("stuurteken"), "{}", r.body);

    let mut b = w.app.signed_in_browser(&w.boss).await;
    // Search: a NUL, and a term longer than the access log takes.
    for term in ["Jan%00sen".to_owned(), "x".repeat(1000)] {
        let r = b.get(&format!("/gezinnen?naam={term}")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(field_error(&r.body, "naam").is_some(), "{}", r.body);
    }
    let long = "x".repeat(1000);
    let mut r = w.app.store.read().await.unwrap();
    let logged = r
        .access_log(&eenplan_store::AccessFilter {
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        logged.iter().all(|l| !l.data.contains(&long)),
        "a refused search term is not copied into the access log"
    );
    drop(r);
    let r = b
        .get("/gezinnen?naam=Jansen&geboortedatum=0000-01-01")
        .await;
    assert!(
        field_error(&r.body, "geboortedatum").is_some(),
        "{}",
        r.body
    );

    // A new family: a NUL in the label, an overlong street, a child born in 1850.
    let csrf = b.get("/gezinnen/nieuw").await.csrf();
    let street = "Lange straat ".repeat(30);
    let r = b
        .post(
            "/gezinnen/nieuw",
            &[
                ("csrf", &csrf),
                ("label", "Gezin\0 Bakker"),
                ("street", &street),
                ("house_number", "3"),
                ("postcode", "3562 JW"),
                ("city", "Utrecht"),
                ("child_name", "Noor"),
                ("child_birth", "1850-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(field_error(&r.body, "label").is_some(), "{}", r.body);
    assert!(field_error(&r.body, "street").is_some(), "{}", r.body);
    assert!(field_error(&r.body, "child_birth").is_some(), "{}", r.body);
    assert_eq!(
        control_value(&r.body, "street").as_deref(),
        Some(street.trim())
    );

    // A note: a NUL in the text, then a date in year 0.
    let notes = format!("/gezinnen/{}/notities", w.family);
    let csrf = b.get(&notes).await.csrf();
    for (text, day, field) in [
        ("Huis\0bezoek", "2026-11-20", "text"),
        ("Huisbezoek", "0000-01-01", "happened_on"),
    ] {
        let r = b
            .post(
                &notes,
                &[
                    ("csrf", &csrf),
                    ("interaction", "home_visit"),
                    ("happened_on", day),
                    ("text", text),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(field_error(&r.body, field).is_some(), "{field}: {}", r.body);
        assert_eq!(control_value(&r.body, "text").as_deref(), Some(text));
    }
    // The longest note the text rule allows, in accented letters (six bytes each once
    // form-encoded), is saved: a form as large as the rules allow passes the CSRF check.
    let long = "é".repeat(20_000);
    let r = b
        .post(
            &notes,
            &[
                ("csrf", &csrf),
                ("interaction", "home_visit"),
                ("happened_on", "2026-11-20"),
                ("text", &long),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Other forms: the guard answers with a page, never a 5xx.
    let csrf = b.get(&format!("/gezinnen/{}", w.family)).await.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{}/leden", w.family),
            &[("csrf", &csrf), ("kind", "parent"), ("name", "Piet\0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("<html lang="), "{}", r.body);
    let stored = w
        .app
        .store
        .read()
        .await
        .unwrap()
        .notes(&w.family)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "only the long note is stored");
    let family = w.app.store.read().await.unwrap();
    drop(family);
    w.app.done().await;
}

#[tokio::test]
async fn the_api_names_the_field_in_a_422() {
    let w = world().await;
    let token = w.app.session_token(&w.boss, SessionKind::Api).await;
    let headers = vec![
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    let post = |uri: String, body: String| {
        let headers = headers.clone();
        let app = &w.app;
        async move { app.raw(Method::POST, &uri, &headers, &body).await }
    };
    let family = |label: &str, child: &str| {
        serde_json::json!({
            "label": label, "street": "Zamenhofdreef", "house_number": "1",
            "postcode": "3562 JW", "city": "Utrecht",
            "children": [{ "name": child, "date_of_birth": "2018-01-01" }],
        })
        .to_string()
    };
    for (body, field) in [
        (family("Gezin\0Bakker", "Noor"), "label"),
        (family(&"x".repeat(1_000_000), "Noor"), "label"),
        (family("Gezin Bakker", "No\u{1b}or"), "children[0].name"),
        (family("Gezin\nBakker", "Noor"), "label"),
    ] {
        let r = post("/api/v1/families".into(), body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(problem_field(&r), field);
    }
    // Search: a NUL and an overlong term.
    for q in ["Jan%00sen".to_owned(), "x".repeat(200)] {
        let r = w
            .app
            .raw(
                Method::GET,
                &format!("/api/v1/families?name={q}"),
                &headers,
                "",
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(problem_field(&r), "name");
    }
    // A NUL in a path id names nothing.
    let r = w
        .app
        .raw(Method::GET, "/api/v1/families/%00", &headers, "")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    // Before sign-in, in the API: the e-mail address.
    let r = w
        .app
        .raw(
            Method::POST,
            "/api/v1/session",
            &[("content-type", "application/json".to_owned())],
            r#"{"email":"boss\u0000@wijk.example","password":"x","code":"123456"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(problem_field(&r), "email");
    // Notes: a date in year 0 is refused; CRLF is stored as LF.
    let notes = format!("/api/v1/families/{}/notes", w.family);
    let note = |day: &str, text: &str| {
        serde_json::json!({ "interaction": "home_visit", "happened_on": day, "text": text })
            .to_string()
    };
    let r = post(notes.clone(), note("0000-01-01", "Huisbezoek")).await;
    assert!(r.status.is_client_error(), "{}", r.body);
    assert_eq!(problem_field(&r), "happened_on");
    let r = post(notes.clone(), note("2026-11-20", "een\r\ntwee")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let stored = w
        .app
        .store
        .read()
        .await
        .unwrap()
        .notes(&w.family)
        .await
        .unwrap();
    let text = &stored[0].current().unwrap().text;
    assert_eq!(text, "een\ntwee");
    w.app.done().await;
}

/// Where the journal stands: unchanged means nothing was stored.
async fn journal_head(app: &App) -> Option<i64> {
    let mut tx = app.store.read().await.unwrap();
    tx.journal_head().await.unwrap().map(|h| h.seq)
}

// Text pasted from a word processor (a vertical tab, a form feed) or an overlong line,
// posted to every page form that takes typed text: the form comes back (422) with the
// message next to the field and everything typed still in it; nothing is stored. One
// test per form.

/// Text pasted from a word processor: a vertical tab and a form feed.
const PASTED: &str = "Eerste regel\u{b}tweede regel\u{c}derde";

/// A line longer than a short text field takes.
fn long_line() -> String {
    "x".repeat(301)
}

/// The Jansen family with a note and a consent to change and withdraw, its
/// professional (who also administers the local team) and a Veilig Thuis professional.
struct Forms {
    w: World,
    vera: common::Account,
    note: String,
    consent: String,
}

impl Forms {
    async fn new() -> Self {
        let w = world().await;
        w.app
            .organisation("vt", OrganisationKind::VeiligThuis)
            .await;
        let vera = w
            .app
            .account_in("vt", None, "vera@vt.example", &[Role::Professional], true)
            .await;
        let f = &w.family;
        let mut b = w.app.signed_in_browser(&w.boss).await;
        let csrf = b.get(&format!("/gezinnen/{f}")).await.csrf();
        let notes = format!("/gezinnen/{f}/notities");
        let r = b
            .post(
                &notes,
                &[
                    ("csrf", &csrf),
                    ("interaction", "home_visit"),
                    ("happened_on", &today().to_string()),
                    ("text", "Huisbezoek"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let note = w.app.store.read().await.unwrap().notes(f).await.unwrap()[0]
            .id
            .clone();
        let consent = {
            let mut tx = w.app.store.write().await.unwrap();
            let wijk = tx.organisation_by_slug("wijk").await.unwrap().unwrap().id;
            tx.record_consent(
                &Actor::System { component: "test" },
                f,
                &w.boss.user_id,
                &ConsentInput {
                    step: ConsentStep::DataSharing,
                    organisation_id: Some(wijk),
                    purpose: "Samenwerken".into(),
                    categories: vec![DataCategory::Identity],
                    children: vec![w.child.clone()],
                    given_by: vec![w.parent.clone()],
                    form: ConsentForm::Written,
                    given_on: today(),
                    ends_on: None,
                },
                today(),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            let mut tx = w.app.store.read().await.unwrap();
            tx.consents(f).await.unwrap()[0].id.clone()
        };
        Self {
            w,
            vera,
            note: note.to_string(),
            consent: consent.to_string(),
        }
    }

    /// The family's page `tail`.
    fn family(&self, tail: &str) -> String {
        format!("/gezinnen/{}/{tail}", self.w.family)
    }

    /// The professional posts `typed` as `field` to `path` and the form comes back (422)
    /// with the message at element `id` and `typed` still in it; nothing is stored.
    async fn keeps_typed(&self, path: &str, field: &str, id: &str, typed: &str) {
        let mut b = self.w.app.signed_in_browser(&self.w.boss).await;
        let csrf = b.get(&self.family("")).await.csrf();
        self.posts_back(&mut b, &csrf, path, field, id, typed).await;
    }

    /// As `keeps_typed`, for a Veilig Thuis form posted by Vera.
    async fn keeps_typed_at_vt(&self, path: &str, field: &str, id: &str, typed: &str) {
        let mut vt = self.w.app.signed_in_browser(&self.vera).await;
        let csrf = vt.get("/veilig-thuis").await.csrf();
        self.posts_back(&mut vt, &csrf, path, field, id, typed)
            .await;
    }

    async fn posts_back(
        &self,
        browser: &mut common::Browser<'_>,
        csrf: &str,
        path: &str,
        field: &str,
        id: &str,
        typed: &str,
    ) {
        let before = journal_head(&self.w.app).await;
        let r = browser.post(path, &[("csrf", csrf), (field, typed)]).await;
        let what = format!("{path} {field}={typed:?}");
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{what}: {}",
            r.body
        );
        assert!(
            field_error(&r.body, id).is_some(),
            "{what}: no message at {id}: {}",
            r.body
        );
        assert_eq!(
            control_value(&r.body, id).as_deref(),
            Some(typed),
            "{what}: typed text lost"
        );
        assert_eq!(
            journal_head(&self.w.app).await,
            before,
            "{what}: something was stored"
        );
    }

    async fn done(self) {
        self.w.app.done().await;
    }
}

#[tokio::test]
async fn a_new_members_name_keeps_pasted_and_overlong_text() {
    let t = Forms::new().await;
    let path = t.family("leden");
    t.keeps_typed(&path, "name", "name", PASTED).await;
    t.keeps_typed(&path, "name", "name", &long_line()).await;
    t.done().await;
}

#[tokio::test]
async fn a_network_contact_keeps_pasted_and_overlong_text() {
    let t = Forms::new().await;
    let path = t.family("netwerk");
    t.keeps_typed(&path, "contact", "contact", PASTED).await;
    t.keeps_typed(&path, "contact", "contact", &long_line())
        .await;
    t.done().await;
}

#[tokio::test]
async fn an_involvements_reason_keeps_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed(&t.family("betrokkenen"), "reason", "reason", PASTED)
        .await;
    t.done().await;
}

#[tokio::test]
async fn a_member_corrections_reason_keeps_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed(
        &t.family("leden/corrigeren"),
        "reason",
        "reason-correct",
        PASTED,
    )
    .await;
    t.done().await;
}

#[tokio::test]
async fn a_network_corrections_safety_role_keeps_overlong_text() {
    let t = Forms::new().await;
    t.keeps_typed(
        &t.family("netwerk/corrigeren"),
        "safety_role",
        "safety_role-network_fix",
        &long_line(),
    )
    .await;
    t.done().await;
}

#[tokio::test]
async fn an_end_reason_keeps_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed(&t.family("beeindigen"), "end_reason", "end_reason", PASTED)
        .await;
    t.done().await;
}

#[tokio::test]
async fn a_notes_changed_text_keeps_pasted_text() {
    let t = Forms::new().await;
    let id = format!("text-{}", t.note);
    t.keeps_typed(
        &t.family(&format!("notities/{}", t.note)),
        "text",
        &id,
        PASTED,
    )
    .await;
    t.done().await;
}

#[tokio::test]
async fn a_consents_purpose_keeps_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed(&t.family("toestemming"), "purpose", "purpose", PASTED)
        .await;
    t.done().await;
}

#[tokio::test]
async fn a_consent_withdrawals_reason_keeps_pasted_text() {
    let t = Forms::new().await;
    let id = format!("reason-{}", t.consent);
    let path = t.family(&format!("toestemming/{}/intrekken", t.consent));
    t.keeps_typed(&path, "reason", &id, PASTED).await;
    t.done().await;
}

#[tokio::test]
async fn a_framework_grounds_keep_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed(&t.family("kader"), "ground", "ground", PASTED)
        .await;
    t.done().await;
}

#[tokio::test]
async fn a_plans_worries_keep_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed(&t.family("plan"), "worries", "worries-1", PASTED)
        .await;
    t.done().await;
}

#[tokio::test]
async fn an_evu_referrals_reason_keeps_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed(&t.family("evu"), "reason", "reason-refer", PASTED)
        .await;
    t.done().await;
}

#[tokio::test]
async fn an_assessments_family_absence_reason_keeps_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed(
        &t.family("beoordeling"),
        "family_absence_reason",
        "family_absence_reason",
        PASTED,
    )
    .await;
    t.done().await;
}

#[tokio::test]
async fn a_raad_requests_grounds_keep_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed(&t.family("verzoek-raad"), "grounds", "grounds", PASTED)
        .await;
    t.done().await;
}

#[tokio::test]
async fn an_emergency_access_reason_keeps_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed("/noodtoegang", "reason", "reason", PASTED)
        .await;
    t.done().await;
}

#[tokio::test]
async fn a_teams_name_keeps_pasted_and_overlong_text() {
    let t = Forms::new().await;
    t.keeps_typed("/beheer/teams", "name", "name", PASTED).await;
    t.keeps_typed("/beheer/teams", "name", "name", &long_line())
        .await;
    t.done().await;
}

#[tokio::test]
async fn a_new_users_name_keeps_pasted_text() {
    let t = Forms::new().await;
    t.keeps_typed("/beheer/gebruikers", "name", "name", PASTED)
        .await;
    t.done().await;
}

#[tokio::test]
async fn a_veilig_thuis_reports_concern_and_reporter_keep_pasted_and_overlong_text() {
    let t = Forms::new().await;
    t.keeps_typed_at_vt("/veilig-thuis", "concern", "concern", PASTED)
        .await;
    t.keeps_typed_at_vt(
        "/veilig-thuis",
        "reporter_name",
        "reporter_name",
        &long_line(),
    )
    .await;
    t.done().await;
}

fn today() -> jiff::civil::Date {
    eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now())
}

/// A date no person means (year 0, year 9999) in a consent or a framework change is
/// refused through the API naming the field; a consent may run until the child comes
/// of age.
#[tokio::test]
async fn the_api_refuses_implausible_dates_naming_the_field() {
    let w = world().await;
    let token = w.app.session_token(&w.boss, SessionKind::Api).await;
    let headers = vec![
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ];
    let wijk = {
        let mut tx = w.app.store.read().await.unwrap();
        tx.organisation_by_slug("wijk").await.unwrap().unwrap().id
    };
    let consent = |given_on: &str, ends_on: Option<&str>| {
        serde_json::json!({
            "step": "data_sharing", "organisation_id": wijk, "purpose": "Samenwerken",
            "categories": ["identity"], "children": [w.child], "given_by": [w.parent],
            "form": "written", "given_on": given_on, "ends_on": ends_on,
        })
        .to_string()
    };
    let consents = format!("/api/v1/families/{}/consents", w.family);
    let today = today().to_string();
    for (body, field) in [
        (consent("0000-01-01", None), "given_on"),
        (consent(&today, Some("9999-12-31")), "ends_on"),
    ] {
        let r = w.app.raw(Method::POST, &consents, &headers, &body).await;
        assert!(r.status.is_client_error(), "{}", r.body);
        assert_eq!(problem_field(&r), field);
    }
    let framework = serde_json::json!({
        "framework": "voluntary", "ground": "Nieuwe afspraken", "effective_on": "0000-01-01",
    })
    .to_string();
    let r = w
        .app
        .raw(
            Method::PUT,
            &format!("/api/v1/families/{}/framework", w.family),
            &headers,
            &framework,
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.body);
    assert_eq!(problem_field(&r), "effective_on", "{}", r.body);
    assert!(
        w.app
            .store
            .read()
            .await
            .unwrap()
            .consents(&w.family)
            .await
            .unwrap()
            .is_empty(),
        "nothing stored"
    );
    let r = w
        .app
        .raw(
            Method::POST,
            &consents,
            &headers,
            &consent(&today, Some("2040-01-01")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    w.app.done().await;
}
