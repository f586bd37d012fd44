//! The families list at scale: every file a page at a time, with the total, on the page
//! and in the API (`limit`, `cursor`, RFC 8288 `Link`).

use crate::{api_token, circle};
use axum::http::{Method, StatusCode};

/// The target of the `Link` header's relation `rel`, if any.
fn link(r: &crate::common::Response, rel: &str) -> Option<String> {
    let header = r.headers.get("link")?.to_str().ok()?.to_owned();
    header.split(", ").find_map(|part| {
        let (target, params) = part.split_once(';')?;
        (params.trim() == format!("rel=\"{rel}\"")).then(|| {
            target
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        })
    })
}

async fn organisation_of(c: &crate::Circle) -> String {
    c.app
        .store
        .read()
        .await
        .unwrap()
        .fetch_one(
            "SELECT organisation_id FROM users WHERE id = $1",
            vec![c.sanne.user_id.as_str().into()],
        )
        .await
        .unwrap()
        .text("organisation_id")
        .unwrap()
}

#[tokio::test]
async fn the_api_pages_through_every_file_with_link_headers_and_a_total() {
    let c = circle().await;
    let org = organisation_of(&c).await;
    for _ in 0..7 {
        c.app.jansen(&c.sanne, &org, None).await;
    }
    let sanne = api_token(&c, &c.sanne).await;
    let mut seen = Vec::new();
    let mut uri = "/api/v1/families?limit=3".to_owned();
    let mut pages = 0;
    loop {
        let r = c.app.raw(Method::GET, &uri, &sanne, "").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.headers["x-total-count"], "7");
        let body = r.json();
        let families = body["families"].as_array().unwrap();
        assert!(families.len() <= 3);
        seen.extend(
            families
                .iter()
                .map(|f| f["id"].as_str().unwrap().to_owned()),
        );
        assert_eq!(families[0]["children"][0]["first_name"], "Sam");
        assert_eq!(families[0]["regisseur"], "Test Persoon");
        pages += 1;
        match link(&r, "next") {
            Some(next) => {
                assert!(
                    next.starts_with("/api/v1/families?limit=3&cursor="),
                    "{next}"
                );
                uri = next;
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (7, 7), "every file once");

    // Out of range or unreadable: a 400 problem naming what to fix, never a quiet clip.
    for (query, name) in [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=veel", "limit"),
        ("cursor=bm9n", "cursor"),
        ("sort=age", "sort"),
    ] {
        let r = c
            .app
            .raw(
                Method::GET,
                &format!("/api/v1/families?{query}"),
                &sanne,
                "",
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}: {}", r.body);
        assert_eq!(r.json()["invalidParams"][0]["name"], name, "{query}");
    }
    let r = c
        .app
        .raw(Method::GET, "/api/v1/families?limit=200", &sanne, "")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(link(&r, "next").is_none(), "all on one page: no next");
    c.app.done().await;
}

#[tokio::test]
async fn the_families_page_shows_the_total_and_pages_both_ways() {
    let c = circle().await;
    let org = organisation_of(&c).await;
    for _ in 0..52 {
        c.app.jansen(&c.sanne, &org, None).await;
    }
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let first = b.get("/gezinnen").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("52 gezinnen"), "the total");
    assert_eq!(
        first
            .body
            .matches("<tr class=\"utrecht-table__row\">")
            .count(),
        51,
        "header and 50 rows"
    );
    assert!(first.body.contains("Sam (10 jaar)") || first.body.contains("Sam (9 jaar)"));
    let next = first
        .body
        .split("rel=\"next\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    let second = b.get(&next).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(
        second
            .body
            .matches("<tr class=\"utrecht-table__row\">")
            .count(),
        3
    );
    assert!(!second.body.contains("rel=\"next\""), "the last page");
    assert!(second.body.contains("rel=\"prev\""));

    let bad = b.get("/gezinnen?cursor=kapot").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("Deze pagina van de lijst bestaat niet"));
    c.app.done().await;
}

#[tokio::test]
async fn the_start_page_shows_the_first_ten_files_and_links_to_all_of_them() {
    let c = circle().await;
    let org = organisation_of(&c).await;
    for _ in 0..12 {
        c.app.jansen(&c.sanne, &org, None).await;
    }
    let mut sanne = c.app.signed_in_browser(&c.sanne).await;
    let start = sanne.get("/start").await;
    assert!(start.body.contains("Mijn gezinnen: wat het eerst moet"));
    let list = start
        .body
        .split("first-due")
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    assert_eq!(list.matches("<li").count(), 10, "capped");
    assert!(
        start
            .body
            .contains("href=\"/gezinnen?sortering=datum\">Alle 12 gezinnen</a>")
    );
    // Joyce leads Sanne's team: her team's files, linked to the filtered list.
    let mut joyce = c.app.signed_in_browser(&c.joyce).await;
    let start = joyce.get("/start").await;
    assert!(start.body.contains("Dossiers van je team"));
    assert!(
        start.body.contains("href=\"/gezinnen?rol=team&")
            && start
                .body
                .contains("sortering=datum\">Alle 12 gezinnen</a>"),
        "the team's files, linked to the list filtered on them"
    );
    // No role promises a list "straks"; a role without a list has none.
    for account in [&c.sanne, &c.joyce, &c.thomas, &c.outsider] {
        let mut b = c.app.signed_in_browser(account).await;
        assert!(
            !b.get("/start").await.body.contains("straks"),
            "{}",
            account.email
        );
    }
    let mut outsider = c.app.signed_in_browser(&c.outsider).await;
    assert!(
        !outsider.get("/start").await.body.contains("first-due"),
        "no files, no list"
    );
    c.app.done().await;
}
