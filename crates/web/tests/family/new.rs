//! Opening a file: the professional's walk from a new file to flower and plan, and the
//! date rules a new file meets.

use crate::common::control_value;
use crate::plan::as_pairs;
use crate::{ALL, Circle, circle, common, consent_to_save, open_file};
use axum::http::{Method, StatusCode};
use eenplan_domain::FamilyId;

/// The plan form of the professional's walk: one worry text, one scale, one action.
fn walk_plan(csrf: &str, based_on: &str, worries: &str) -> Vec<(&'static str, String)> {
    [
        ("csrf", csrf),
        ("based_on", based_on),
        ("worries", worries),
        ("scale_who", "other"),
        ("scale_who_name", "Kim"),
        ("scale_score", "4"),
        ("action_domain", "income"),
        ("action_who", "other"),
        ("action_who_name", "Schuldhulp"),
        ("action_what", "Intake"),
        ("action_due", "2026-12-15"),
        ("action_status", "planned"),
        ("review_date", "2027-02-01"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

/// Sanne's walk through a new file on the pages, step by step: each step is the setup
/// the next tests start from.
struct Walk {
    c: Circle,
    id: String,
}

impl Walk {
    /// Gezin Jansen with Sam, opened by Sanne.
    async fn opened() -> Self {
        let c = circle().await;
        let id = open_file(&c).await;
        Self { c, id }
    }

    /// Sanne signed in on the file page, with the page's CSRF token.
    async fn sanne(&self) -> (common::Browser<'_>, String) {
        let mut b = self.c.app.signed_in_browser(&self.c.sanne).await;
        let csrf = b.get(&self.path("")).await.csrf();
        (b, csrf)
    }

    fn path(&self, rest: &str) -> String {
        match rest {
            "" => format!("/gezinnen/{}", self.id),
            _ => format!("/gezinnen/{}/{rest}", self.id),
        }
    }

    /// Kim, a parent with custody, and Oma in the network.
    async fn with_members() -> Self {
        let w = Self::opened().await;
        w.add_kim_and_oma().await;
        w
    }

    /// Kim and Oma added: where each answer sends Sanne.
    async fn add_kim_and_oma(&self) -> [String; 2] {
        let (mut b, csrf) = self.sanne().await;
        let kim = b
            .post(
                &self.path("leden"),
                &[
                    ("csrf", &csrf),
                    ("kind", "parent"),
                    ("name", "Kim Jansen"),
                    ("custody", "yes"),
                ],
            )
            .await;
        let oma = b
            .post(
                &self.path("netwerk"),
                &[
                    ("csrf", &csrf),
                    ("name", "Oma Jansen"),
                    ("relation", "family"),
                    ("safety_role", "haalt Sam op"),
                    ("contact", "06-0000"),
                ],
            )
            .await;
        [kim.location().to_owned(), oma.location().to_owned()]
    }

    /// Sanne asks Thomas (SAVE) to join as partner for safety.
    async fn join_thomas(&self) -> common::Response {
        let (mut b, csrf) = self.sanne().await;
        b.post(
            &self.path("betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", self.c.thomas.user_id.as_str()),
                ("role", "partner"),
                ("expertise", "safety"),
            ],
        )
        .await
    }

    /// The family consented to SAVE and Thomas joined as partner.
    async fn with_partner() -> Self {
        let w = Self::with_members().await;
        consent_to_save(&w.c, &w.id, ALL).await;
        let r = w.join_thomas().await;
        assert_eq!(r.location(), w.path("betrokkenen"), "{}", r.body);
        w
    }

    /// Sends the walk's plan form based on `based_on`.
    async fn save_plan(&self, based_on: &str, worries: &str) -> common::Response {
        let (mut b, csrf) = self.sanne().await;
        let form = walk_plan(&csrf, based_on, worries);
        b.post(&self.path("plan"), &as_pairs(&form)).await
    }

    /// Version 1 and then version 2 of the plan, saved by Sanne.
    async fn with_plan() -> Self {
        let w = Self::with_partner().await;
        let r = w.save_plan("0", "Harde ruzies thuis").await;
        assert_eq!(r.location(), w.path("plan"), "{}", r.body);
        let r = w
            .save_plan("1", "Harde ruzies thuis\nSam verzuimt school")
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        w
    }

    /// Kim agrees to version 2: the answer to that.
    async fn kim_agrees(&self) -> common::Response {
        let family = self.c.app.stored_family(&self.id).await;
        let kim = family
            .members
            .iter()
            .find(|m| m.name == "Kim Jansen")
            .unwrap()
            .id
            .clone();
        let (mut b, csrf) = self.sanne().await;
        b.post(
            &self.path("plan/akkoord"),
            &[("csrf", &csrf), ("version", "2"), ("members", &kim)],
        )
        .await
    }

    /// Kim agreed to version 2.
    async fn agreed() -> Self {
        let w = Self::with_plan().await;
        assert_eq!(w.kim_agrees().await.status, StatusCode::SEE_OTHER);
        w
    }

    async fn done(self) {
        self.c.app.done().await;
    }
}

#[tokio::test]
async fn a_new_file_shows_the_family_with_its_regisseur_at_the_heart() {
    let w = Walk::opened().await;
    let mut b = w.c.app.signed_in_browser(&w.c.sanne).await;
    let page = b.get(&w.path("")).await;
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
    w.done().await;
}

/// A second file for the same child is caught before it is made.
#[tokio::test]
async fn a_second_file_for_the_same_child_is_caught_before_it_is_made() {
    let w = Walk::opened().await;
    let (mut b, csrf) = w.sanne().await;
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
    w.done().await;
}

#[tokio::test]
async fn a_child_without_a_date_of_birth_is_refused_with_the_error_next_to_the_field() {
    let w = Walk::opened().await;
    let (mut b, csrf) = w.sanne().await;
    let r = b
        .post(
            &w.path("leden"),
            &[("csrf", &csrf), ("kind", "child"), ("name", "Noor Jansen")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"date_of_birth-error\""));
    w.done().await;
}

#[tokio::test]
async fn a_parent_and_the_network_are_added_back_to_the_file() {
    let w = Walk::opened().await;
    let [kim, oma] = w.add_kim_and_oma().await;
    assert_eq!(kim, format!("/gezinnen/{}/gezin", w.id));
    assert_eq!(oma, format!("/gezinnen/{}/gezin", w.id));
    w.done().await;
}

/// A partner from another organisation joins only on the family's consent; then in
/// parallel: no handover, no warning.
#[tokio::test]
async fn a_partner_from_another_organisation_joins_only_on_the_familys_consent() {
    let w = Walk::with_members().await;
    let refused = w.join_thomas().await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Start SAVE-begeleiding"),
        "the step needed is named"
    );
    consent_to_save(&w.c, &w.id, ALL).await;
    let r = w.join_thomas().await;
    assert_eq!(
        r.location(),
        format!("/gezinnen/{}/betrokkenen", w.id),
        "{}",
        r.body
    );
    let (mut b, _) = w.sanne().await;
    let page = b.get(&w.path("")).await;
    assert!(page.body.contains("thomas@save.example") && page.body.contains("Veiligheid"));
    w.done().await;
}

#[tokio::test]
async fn the_plan_starts_at_version_0_and_is_saved_version_by_version() {
    let w = Walk::with_partner().await;
    let (mut b, _) = w.sanne().await;
    let plan = b.get(&w.path("plan")).await;
    assert!(plan.body.contains("Versie 0"));
    let r = w.save_plan("0", "Harde ruzies thuis").await;
    assert_eq!(
        r.location(),
        format!("/gezinnen/{}/plan", w.id),
        "{}",
        r.body
    );
    assert_eq!(
        w.save_plan("1", "Harde ruzies thuis\nSam verzuimt school")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    w.done().await;
}

/// Someone still on version 1 gets a conflict that shows what changed; nothing is overwritten.
#[tokio::test]
async fn a_stale_plan_shows_what_changed_and_keeps_what_was_typed() {
    let w = Walk::with_plan().await;
    let r = w.save_plan("1", "Alleen mijn versie").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body.contains("Sam verzuimt school") && r.body.contains("Alleen mijn versie"),
        "shows their change and keeps mine"
    );
    w.done().await;
}

#[tokio::test]
async fn comparing_two_plan_versions_shows_what_changed() {
    let w = Walk::with_plan().await;
    let (mut b, _) = w.sanne().await;
    let compare = b.get(&w.path("plan/vergelijken?van=1&tot=2")).await;
    assert!(compare.body.contains("Sam verzuimt school"));
    w.done().await;
}

#[tokio::test]
async fn a_scale_score_in_words_is_refused_with_its_message() {
    let w = Walk::with_plan().await;
    let (mut b, csrf) = w.sanne().await;
    let bad = walk_plan(&csrf, "2", "x");
    let mut bad = as_pairs(&bad);
    bad[5] = ("scale_score", "elf");
    let r = b.post(&w.path("plan"), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Vul een heel getal in van 0 tot en met 10.")
    );
    w.done().await;
}

#[tokio::test]
async fn a_parents_agreement_is_named_on_the_plan() {
    let w = Walk::with_plan().await;
    let r = w.kim_agrees().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let (mut b, _) = w.sanne().await;
    assert!(
        b.get(&w.path("plan"))
            .await
            .body
            .contains("Akkoord gegeven door: Kim Jansen")
    );
    w.done().await;
}

#[tokio::test]
async fn the_printed_plan_has_its_print_style_and_the_current_version() {
    let w = Walk::agreed().await;
    let (mut b, _) = w.sanne().await;
    let print = b.get(&w.path("plan/afdrukken")).await;
    assert!(
        print.status == StatusCode::OK
            && print.body.contains("/static/print.css")
            && print.body.contains("Sam verzuimt school")
    );
    w.done().await;
}

#[tokio::test]
async fn the_timeline_tells_the_walk_in_sentences() {
    let w = Walk::agreed().await;
    let (mut b, _) = w.sanne().await;
    let timeline = b.get(&w.path("tijdlijn")).await;
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
    w.done().await;
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
    assert!(
        r.body
            .contains("<a class=\"utrecht-link\" href=\"#child_birth\">"),
        "the error summary at the top links to the date of birth: {}",
        r.body
    );
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
