//! The crisis contact API and the public `/spoed` and `/meldcode` pages, without signing in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::App;

#[tokio::test]
async fn the_api_answers_each_branch_and_names_a_bad_parameter() {
    let app = App::new().await;
    let ask = |query: &'static str| {
        let app = &app;
        async move {
            app.raw(
                Method::GET,
                &format!("/api/v1/crisis-contact?{query}"),
                &[],
                "",
            )
            .await
        }
    };
    // Monday 23 November 2026: 10:00 and 17:00 in Amsterdam (winter time).
    let cases: &[(&str, &str, Option<&str>, bool)] = &[
        (
            "danger=true&client=save&at=2026-11-23T10:00:00%2B01:00",
            "call_112",
            Some("112"),
            true,
        ),
        (
            "danger=false&client=none&at=2026-11-23T10:00:00%2B01:00",
            "call_veilig_thuis",
            Some("0800-2000"),
            true,
        ),
        (
            "danger=false&client=veilig_thuis&at=2026-11-23T23:00:00Z",
            "call_veilig_thuis",
            Some("0800-2000"),
            false,
        ),
        (
            "danger=false&client=save&at=2026-11-23T08:30:00%2B01:00",
            "call_assigned_save_worker",
            None,
            true,
        ),
        (
            "danger=false&client=save&province=utrecht&at=2026-11-23T17:00:00%2B01:00",
            "call_save_after_hours",
            Some("0800-2000"),
            false,
        ),
        (
            "danger=false&client=save&province=flevoland&at=2026-12-25T12:00:00%2B01:00",
            "call_save_after_hours",
            Some("088-996 3000"),
            false,
        ),
    ];
    for (query, action, phone, office_hours) in cases {
        let r = ask(query).await;
        assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.body);
        let body = r.json();
        assert_eq!(body["action"], *action, "{query}");
        assert_eq!(body["phone"].as_str(), *phone, "{query}");
        assert_eq!(body["office_hours"], *office_hours, "{query}");
        assert!(body["reason"].as_str().unwrap().ends_with('.'), "{query}");
    }
    let bad: &[(&str, &str)] = &[
        ("client=none", "danger"),
        ("danger=ja&client=none", "danger"),
        ("danger=false", "client"),
        ("danger=false&client=jeugdzorg", "client"),
        ("danger=false&client=save&province=groningen", "province"),
        (
            "danger=false&client=save&at=2026-11-23T23:00:00Z",
            "province",
        ),
        ("danger=false&client=none&at=gisteren", "at"),
        ("danger=false&danger=true&client=none", "danger"),
    ];
    for (query, parameter) in bad {
        let r = ask(query).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(r.headers["content-type"], "application/problem+json");
        assert_eq!(r.json()["invalidParams"][0]["name"], *parameter, "{query}");
    }
    // Without `at` it answers for now.
    assert_eq!(ask("danger=false&client=none").await.status, StatusCode::OK);
    app.done().await;
}

#[tokio::test]
async fn spoed_asks_one_question_at_a_time_and_ends_in_a_call() {
    let app = App::new().await;
    let mut b = app.browser();
    let always = "href=\"tel:08002000\"";
    let first = b.get("/spoed").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("Is er nu direct levensgevaar?") && first.body.contains(always));
    assert!(
        !first.body.contains("hx-"),
        "plain links: works without JavaScript"
    );
    let danger = b.get("/spoed?gevaar=ja").await.body;
    assert!(danger.contains("href=\"tel:112\"") && danger.contains(always));
    let client = b.get("/spoed?gevaar=nee").await.body;
    assert!(client.contains("Ben je cliënt van Veilig Thuis Utrecht of SAVE Jeugdbescherming?"));
    assert!(
        client.contains("href=\"?gevaar=nee&#38;client=save\""),
        "{client}"
    );
    let vt = b.get("/spoed?gevaar=nee&client=veilig_thuis").await.body;
    assert!(vt.contains("Bel 0800-2000") && vt.contains("hoofdnummer"));
    let flevoland = b
        .get("/spoed?gevaar=nee&client=save&provincie=flevoland")
        .await
        .body;
    assert!(
        flevoland.contains("href=\"tel:0889963000\"")
            || flevoland.contains("Bel je SAVE-medewerker"),
        "after hours Flevoland's line, in office hours the assigned worker"
    );
    let english = {
        let mut en = app.browser();
        en.get("/taal/en?terug=/spoed").await;
        en.get("/spoed?gevaar=ja").await.body
    };
    assert!(english.contains("Call 112") && english.contains("Also when in doubt"));
    app.done().await;
}

#[tokio::test]
async fn the_meldcode_walks_the_afwegingskader_to_an_advice() {
    let app = App::new().await;
    let mut b = app.browser();
    let start = b.get("/meldcode").await.body;
    assert!(start.contains("Breng signalen in kaart.") && start.contains("?a="));
    let q1 = b.get("/meldcode?a=").await.body;
    assert!(q1.contains("Afwegingsvraag 1 van 5") && q1.contains("?a=j") && q1.contains("?a=n"));
    assert!(
        b.get("/meldcode?a=n")
            .await
            .body
            .contains("Afsluiten en vastleggen")
    );
    assert!(
        b.get("/meldcode?a=jj")
            .await
            .body
            .contains("Melden bij Veilig Thuis")
    );
    let q3 = b.get("/meldcode?a=jn").await.body;
    assert!(
        q3.contains("Afwegingsvraag 3 van 5") && q3.contains("?a=j\""),
        "back to question 2"
    );
    assert!(
        b.get("/meldcode?a=jnjjj")
            .await
            .body
            .contains("Hulp bieden of organiseren")
    );
    assert!(
        b.get("/meldcode?a=jnjjn")
            .await
            .body
            .contains("Melden bij Veilig Thuis")
    );
    assert!(
        b.get("/meldcode?a=xyz")
            .await
            .body
            .contains("Breng signalen in kaart."),
        "not an answer: start over"
    );
    app.done().await;
}
