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
