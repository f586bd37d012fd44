//! The API on the file: the same rules as the pages, in problem details and with ETags.

use crate::{ALL, api_token, circle, common, consent_to_save, open_file};
use axum::http::{Method, StatusCode};
use eenplan_web::routes::Access;

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

type Headers = Vec<(&'static str, String)>;

/// `headers` with an `If-Match` of `tag`, when there is one.
fn if_match(tag: Option<&str>, headers: &Headers) -> Headers {
    let mut h = headers.clone();
    if let Some(tag) = tag {
        h.push(("if-match", tag.to_owned()));
    }
    h
}

/// The plan Sanne saves first through the API.
fn sannes_plan() -> String {
    serde_json::json!({ "worries": ["Lotte is vaak alleen thuis"], "scales": [{"who": "moeder", "score": 5}] }).to_string()
}

/// The plan Thomas saves over Sanne's.
fn thomas_plan() -> String {
    serde_json::json!({ "worries": ["Lotte is vaak alleen thuis", "Schulden lopen op"] })
        .to_string()
}

/// A file opened by Sanne through the API, built up step by step as an API client
/// would: each step is the setup the next tests start from.
struct ApiFile {
    c: crate::Circle,
    sanne: Headers,
    thomas: Headers,
    id: String,
}

impl ApiFile {
    /// Gezin Bakker with Lotte (8), opened through the API.
    async fn opened() -> Self {
        let c = circle().await;
        let sanne = api_token(&c, &c.sanne).await;
        let thomas = api_token(&c, &c.thomas).await;
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
        Self {
            c,
            sanne,
            thomas,
            id,
        }
    }

    /// Thomas asked to join as SAVE partner, as Sanne does it.
    async fn join_thomas(&self) -> common::Response {
        let join = serde_json::json!({"user_id": self.c.thomas.user_id, "role": "partner", "expertise": "violence"}).to_string();
        self.c
            .app
            .raw(Method::POST, &self.path("involvements"), &self.sanne, &join)
            .await
    }

    /// The family consents to SAVE and Thomas joins as partner.
    async fn with_partner() -> Self {
        let f = Self::opened().await;
        consent_to_save(&f.c, &f.id, ALL).await;
        let r = f.join_thomas().await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        f
    }

    /// Sanne saves version 1 and Thomas version 2 of the plan.
    async fn plan_at_v2() -> Self {
        let f = Self::with_partner().await;
        for (tag, who, plan) in [
            ("\"v0\"", &f.sanne, sannes_plan()),
            ("\"v1\"", &f.thomas, thomas_plan()),
        ] {
            let r = f.put_plan(Some(tag), who, &plan).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        }
        f
    }

    /// Sanne and Thomas race on version 2: their statuses, sorted.
    async fn race_on_v2(&self) -> [StatusCode; 2] {
        let plan_path = self.path("plan");
        let (sanne_v2, thomas_v2) = (
            if_match(Some("\"v2\""), &self.sanne),
            if_match(Some("\"v2\""), &self.thomas),
        );
        let (sannes, theirs) = (sannes_plan(), thomas_plan());
        let (a, b) = tokio::join!(
            self.c.app.raw(Method::PUT, &plan_path, &sanne_v2, &sannes),
            self.c.app.raw(Method::PUT, &plan_path, &thomas_v2, &theirs),
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        statuses
    }

    /// After the race on version 2, one of them made version 3.
    async fn plan_at_v3() -> Self {
        let f = Self::plan_at_v2().await;
        let statuses = f.race_on_v2().await;
        assert_eq!(statuses, [StatusCode::OK, StatusCode::PRECONDITION_FAILED]);
        f
    }

    /// Version 3 agreed to by Lotte's parents with custody.
    async fn plan_agreed() -> Self {
        let f = Self::plan_at_v3().await;
        let custodians = f.custodians().await;
        let r = f
            .agree(&serde_json::json!({"version": 3, "member_ids": custodians}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        f
    }

    fn path(&self, rest: &str) -> String {
        format!("/api/v1/families/{}/{rest}", self.id)
    }

    async fn put_plan(&self, tag: Option<&str>, who: &Headers, plan: &str) -> common::Response {
        self.c
            .app
            .raw(Method::PUT, &self.path("plan"), &if_match(tag, who), plan)
            .await
    }

    /// The file as Thomas, the partner, reads it.
    async fn family(&self) -> common::Response {
        self.c
            .app
            .raw(
                Method::GET,
                &format!("/api/v1/families/{}", self.id),
                &self.thomas,
                "",
            )
            .await
    }

    async fn custodians(&self) -> Vec<String> {
        self.family().await.json()["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["has_custody"] == true)
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect()
    }

    async fn agree(&self, body: &serde_json::Value) -> common::Response {
        self.c
            .app
            .raw(
                Method::POST,
                &self.path("plan/agreements"),
                &self.sanne,
                &body.to_string(),
            )
            .await
    }

    async fn outsider(&self) -> Headers {
        api_token(&self.c, &self.c.outsider).await
    }
}

#[tokio::test]
async fn the_same_child_again_through_the_api_is_a_possible_duplicate() {
    let f = ApiFile::opened().await;
    let again = serde_json::json!({ "label": "Bakker", "street": "X", "house_number": "1", "postcode": "1234 AB", "city": "Utrecht", "children": [{ "name": "lotte bakker", "date_of_birth": "2018-09-30" }] });
    let r =
        f.c.app
            .raw(
                Method::POST,
                "/api/v1/families",
                &f.sanne,
                &again.to_string(),
            )
            .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["duplicates"][0]["label"], "Gezin Bakker");
    f.c.app.done().await;
}

#[tokio::test]
async fn a_new_file_through_the_api_names_every_invalid_field() {
    let c = circle().await;
    let sanne = api_token(&c, &c.sanne).await;
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
    c.app.done().await;
}

#[tokio::test]
async fn only_a_local_team_opens_a_file_through_the_api() {
    let c = circle().await;
    let thomas = api_token(&c, &c.thomas).await;
    assert_eq!(c.app.raw(Method::POST, "/api/v1/families", &thomas, &serde_json::json!({"label":"Gezin Z","street":"Y","house_number":"2","postcode":"3562 JW","city":"Utrecht"}).to_string()).await.status, StatusCode::FORBIDDEN);
    c.app.done().await;
}

#[tokio::test]
async fn a_child_without_a_date_of_birth_is_refused_through_the_api() {
    let f = ApiFile::opened().await;
    let r =
        f.c.app
            .raw(
                Method::POST,
                &f.path("members"),
                &f.sanne,
                r#"{"kind":"child","name":"Zonder datum"}"#,
            )
            .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("date_of_birth"))
    );
    f.c.app.done().await;
}

#[tokio::test]
async fn save_joins_through_the_api_only_on_the_familys_consent() {
    let f = ApiFile::opened().await;
    let r = f.join_thomas().await;
    assert_eq!(
        (r.status, r.json()["consentStep"].as_str()),
        (StatusCode::FORBIDDEN, Some("save_guidance")),
        "SAVE joins only on the family's consent"
    );
    consent_to_save(&f.c, &f.id, ALL).await;
    let r = f.join_thomas().await;
    assert_eq!(
        (r.status, r.json()["handover"].as_bool()),
        (StatusCode::CREATED, Some(false))
    );
    f.c.app.done().await;
}

#[tokio::test]
async fn a_second_regisseur_through_the_api_requires_a_handover() {
    let f = ApiFile::with_partner().await;
    let r = f
        .c
        .app
        .raw(
            Method::POST,
            &f.path("involvements"),
            &f.sanne,
            &serde_json::json!({"user_id": f.c.outsider.user_id, "role": "regisseur"}).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["type"], "/problems/handover-required");
    f.c.app.done().await;
}

#[tokio::test]
async fn the_partner_reads_the_file_through_the_api() {
    let f = ApiFile::with_partner().await;
    let family = f.family().await;
    assert_eq!(family.status, StatusCode::OK, "the partner reads the file");
    assert_eq!(family.json()["involvements"].as_array().unwrap().len(), 2);
    f.c.app.done().await;
}

#[tokio::test]
async fn the_plan_through_the_api_carries_an_etag_and_needs_if_match() {
    let f = ApiFile::with_partner().await;
    let r =
        f.c.app
            .raw(Method::GET, &f.path("plan"), &f.sanne, "")
            .await;
    assert_eq!(r.headers[axum::http::header::ETAG], "\"v0\"");
    let plan = sannes_plan();
    assert_eq!(
        f.put_plan(None, &f.sanne, &plan).await.status,
        StatusCode::PRECONDITION_REQUIRED
    );
    let r = f.put_plan(Some("\"v0\""), &f.sanne, &plan).await;
    assert_eq!(
        (
            r.status,
            r.headers[axum::http::header::ETAG].to_str().unwrap()
        ),
        (StatusCode::OK, "\"v1\"")
    );
    let theirs = thomas_plan();
    assert_eq!(
        f.put_plan(Some("\"v1\""), &f.thomas, &theirs).await.status,
        StatusCode::OK
    );
    f.c.app.done().await;
}

#[tokio::test]
async fn a_stale_plan_through_the_api_is_refused_showing_what_changed() {
    let f = ApiFile::plan_at_v2().await;
    let r = f.put_plan(Some("\"v1\""), &f.sanne, &sannes_plan()).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(r.json()["current_version"], 2);
    assert!(
        r.body.contains("Schulden lopen op"),
        "the 412 shows what changed"
    );
    f.c.app.done().await;
}

#[tokio::test]
async fn a_scale_beyond_ten_is_refused_through_the_api() {
    let f = ApiFile::plan_at_v2().await;
    let bad = serde_json::json!({ "scales": [{"who": "moeder", "score": 11}] }).to_string();
    assert_eq!(
        f.put_plan(Some("\"v2\""), &f.sanne, &bad).await.status,
        StatusCode::BAD_REQUEST
    );
    f.c.app.done().await;
}

/// Implausible dates are refused naming the field as the body names it.
#[tokio::test]
async fn implausible_plan_dates_are_refused_through_the_api_naming_the_field() {
    let f = ApiFile::plan_at_v2().await;
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
        let r = f
            .put_plan(Some("\"v2\""), &f.sanne, &body.to_string())
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_eq!(r.json()["invalidParams"][0]["name"], field, "{}", r.body);
    }
    f.c.app.done().await;
}

#[tokio::test]
async fn two_clients_racing_on_one_plan_version_get_one_200_and_one_412() {
    let f = ApiFile::plan_at_v2().await;
    let statuses = f.race_on_v2().await;
    assert_eq!(statuses, [StatusCode::OK, StatusCode::PRECONDITION_FAILED]);
    f.c.app.done().await;
}

#[tokio::test]
async fn an_earlier_plan_version_reads_as_it_was_saved_through_the_api() {
    let f = ApiFile::plan_at_v3().await;
    let v1 =
        f.c.app
            .raw(Method::GET, &f.path("plan/versions/1"), &f.sanne, "")
            .await;
    assert_eq!(v1.json()["plan"]["scales"][0]["score"], 5);
    f.c.app.done().await;
}

/// A version saved in the old shape (a bare name as "who") reads in the new one, and
/// restoring it through the API makes it the newest version, guarded by If-Match.
#[tokio::test]
async fn an_older_version_is_restored_through_the_api_as_a_new_version() {
    let f = ApiFile::plan_at_v3().await;
    let v1 =
        f.c.app
            .raw(Method::GET, &f.path("plan/versions/1"), &f.sanne, "")
            .await;
    assert_eq!(
        v1.json()["plan"]["scales"][0]["who"],
        serde_json::json!({ "kind": "other", "name": "moeder" })
    );
    let restore = f.path("plan/versions/1/restore");
    // Whether this 412 lists changes depends on who won the race to version 3, so the
    // golden API shapes hold the item shape of the plan PUT's 412 (the same diff).
    let stale =
        f.c.app
            .raw(
                Method::POST,
                &restore,
                &if_match(Some("\"v2\""), &f.sanne),
                "",
            )
            .await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.body
    );
    let r =
        f.c.app
            .raw(
                Method::POST,
                &restore,
                &if_match(Some("\"v3\""), &f.sanne),
                "",
            )
            .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["version"], 4);
    let now =
        f.c.app
            .raw(Method::GET, &f.path("plan"), &f.sanne, "")
            .await;
    assert_eq!(now.json()["version"], 4);
    assert_eq!(now.json()["plan"], v1.json()["plan"]);
    let unknown =
        f.c.app
            .raw(
                Method::POST,
                &f.path("plan/versions/9/restore"),
                &if_match(Some("\"v4\""), &f.sanne),
                "",
            )
            .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    f.c.app.done().await;
}

/// Lotte is 8: her parent with custody agrees, not she (the consent age rule).
#[tokio::test]
async fn a_young_childs_parent_with_custody_agrees_to_the_plan_not_the_child() {
    let f = ApiFile::plan_at_v3().await;
    let lotte = f.family().await.json()["members"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = f
        .agree(&serde_json::json!({"version": 3, "member_ids": [lotte]}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let custodians = f.custodians().await;
    assert!(!custodians.is_empty());
    let r = f
        .agree(&serde_json::json!({"version": 3, "member_ids": custodians}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    f.c.app.done().await;
}

#[tokio::test]
async fn the_api_timeline_shows_the_plan_saved_and_agreed_and_the_partner_joining() {
    let f = ApiFile::plan_agreed().await;
    let timeline =
        f.c.app
            .raw(Method::GET, &f.path("timeline"), &f.sanne, "")
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
    f.c.app.done().await;
}

#[tokio::test]
async fn the_partner_finds_the_file_by_the_childs_name_through_the_api() {
    let f = ApiFile::plan_agreed().await;
    let search =
        f.c.app
            .raw(Method::GET, "/api/v1/families?name=lotte", &f.thomas, "")
            .await;
    assert_eq!(search.json()["families"].as_array().unwrap().len(), 1);
    f.c.app.done().await;
}

/// Outsiders probing through the API: 404 everywhere, as a problem.
#[tokio::test]
async fn an_outsider_gets_404_on_every_family_route_of_the_api() {
    let f = ApiFile::plan_agreed().await;
    let outsider = f.outsider().await;
    for (route, _) in eenplan_web::routes::table().into_iter().filter(|(r, _)| {
        r.path.starts_with("/api/") && r.path.contains("{family}") && r.access != Access::BreakGlass
    }) {
        let path = route
            .path
            .replace("{family}", &f.id)
            .replace("{version}", "1");
        let r =
            f.c.app
                .raw(
                    route.method.clone(),
                    &path,
                    &if_match(Some("\"v3\""), &outsider),
                    "{}",
                )
                .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{} {path}", route.method);
        assert_eq!(
            r.headers[axum::http::header::CONTENT_TYPE],
            "application/problem+json"
        );
    }
    f.c.app.done().await;
}

/// Break the glass without a stated emergency answers alike for a real and a made-up file.
#[tokio::test]
async fn breaking_the_glass_without_a_reason_answers_alike_for_a_real_and_a_made_up_file() {
    let f = ApiFile::plan_agreed().await;
    let outsider = f.outsider().await;
    for probe in [f.id.as_str(), "01900000-0000-7000-8000-000000000000"] {
        let r =
            f.c.app
                .raw(
                    Method::POST,
                    &format!("/api/v1/families/{probe}/break-glass"),
                    &if_match(None, &outsider),
                    r#"{"reason":"nodig"}"#,
                )
                .await;
        assert_eq!(
            (r.status, r.json()["invalidParams"][0]["name"].as_str()),
            (StatusCode::BAD_REQUEST, Some("reason"))
        );
    }
    f.c.app.done().await;
}

#[tokio::test]
async fn an_outsider_finds_nothing_through_api_search() {
    let f = ApiFile::plan_agreed().await;
    let outsider = f.outsider().await;
    assert!(
        f.c.app
            .raw(Method::GET, "/api/v1/families?name=lotte", &outsider, "")
            .await
            .json()["families"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    f.c.app.done().await;
}

/// The API holds to the same people as the page's choices: someone from the file by a
/// reference the file knows, or "iemand anders" by name; a made-up reference is refused
/// with the element of the body that names it, and nothing is saved.
#[tokio::test]
async fn a_plan_through_the_api_names_only_people_the_file_knows() {
    let f = ApiFile::with_partner().await;
    let lotte = f.family().await.json()["members"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let stranger = serde_json::json!({
        "scales": [{"who": {"kind": "member", "id": "m-nobody", "name": "Onbekend"}, "score": 5}]
    })
    .to_string();
    let r = f.put_plan(Some("\"v0\""), &f.sanne, &stranger).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(
        r.json()["invalidParams"][0]["name"],
        "scales[0].who",
        "{}",
        r.body
    );
    let known = serde_json::json!({
        "scales": [{"who": {"kind": "member", "id": lotte, "name": "Lotte"}, "score": 5}]
    })
    .to_string();
    let r = f.put_plan(Some("\"v0\""), &f.sanne, &known).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "nothing was saved by the refusal: {}",
        r.body
    );
    f.c.app.done().await;
}

/// The plan's versions through the API: newest first, who saved each and when, a page
/// at a time with the Link header and the total beside it; a made-up cursor is a 400.
#[tokio::test]
async fn the_plans_versions_through_the_api_come_newest_first_a_page_at_a_time() {
    let f = ApiFile::plan_at_v3().await;
    let get = async |uri: &str| f.c.app.raw(Method::GET, uri, &f.sanne, "").await;
    let numbers = |r: &common::Response| -> Vec<i64> {
        r.json()["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["version"].as_i64().unwrap())
            .collect()
    };
    let first = get(&format!("{}?limit=2", f.path("plan/versions"))).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(numbers(&first), vec![3, 2]);
    assert_eq!(first.headers["x-total-count"], "3");
    let newest = &first.json()["versions"][0];
    assert!(newest["saved_at"].is_string() && newest["saved_by"].is_string());
    let link = first.headers[axum::http::header::LINK].to_str().unwrap();
    assert!(link.ends_with("rel=\"next\""), "{link}");
    let next = link
        .trim_start_matches('<')
        .split('>')
        .next()
        .unwrap()
        .to_owned();
    let second = get(&next).await;
    assert_eq!(numbers(&second), vec![1], "the page after the second");
    let back = second.headers[axum::http::header::LINK].to_str().unwrap();
    assert!(
        back.contains("rel=\"prev\"") && !back.contains("rel=\"next\""),
        "{back}"
    );
    let bad = get(&format!("{}?cursor=kapot", f.path("plan/versions"))).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    f.c.app.done().await;
}
