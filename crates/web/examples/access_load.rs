//! Load generator for the family guard: how much does deciding access (facts, consents,
//! emergency access) and writing the hash-chained access-log line cost per request?
//!
//! Runs the real router in-process against a demo database, with a few concurrent
//! clients per scenario for a fixed time, and prints requests per second as a ratio to
//! a baseline measured in the same run (`GET /api/v1/me`: session check only, no family
//! data). Figures, not assertions: the machines are noisy.
//!
//!   cargo run --release -p eenplan-web --example access_load -- sqlite://eenplan-demo.sqlite
//!
//! (`scripts/access-load.sh` makes a fresh demo database and runs this.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use eenplan_domain::{FamilyId, UserId};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use eenplan_domain::session::Timeouts;
use eenplan_store::{DatabaseUrl, FamilyQuery, OpenMode, SessionKind, SessionStage, Store};
use eenplan_web::{AppState, AuthConfig};
use http_body_util::BodyExt;
use tower::ServiceExt;

const SECONDS: u64 = 3;

/// Concurrent clients per scenario (`EENPLAN_LOAD_CLIENTS`, default 8).
fn clients() -> usize {
    std::env::var("EENPLAN_LOAD_CLIENTS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(8)
}

async fn token(store: &Store, user_id: &UserId) -> String {
    let token = eenplan_web::auth::new_token();
    let mut tx = store.write().await.unwrap();
    let creds = tx.credentials_by_id(user_id).await.unwrap().unwrap();
    tx.start_session(
        &creds,
        SessionKind::Api,
        SessionStage::Active,
        &eenplan_domain::session::token_hash(&token),
        &eenplan_web::auth::new_token(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    token
}

/// Requests per second over `SECONDS`, `CLIENTS` at a time, cycling through `paths`.
async fn measure(router: &axum::Router, token: &str, paths: &[String]) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(SECONDS);
    let n = clients();
    let mut running = Vec::new();
    for c in 0..n {
        let (router, token, paths) = (router.clone(), token.to_owned(), paths.to_vec());
        running.push(tokio::spawn(async move {
            let mut done = 0u64;
            let mut i = c;
            while Instant::now() < deadline {
                let req = Request::get(&paths[i % paths.len()])
                    .header("authorization", format!("Bearer {token}"))
                    .body(Body::empty())
                    .unwrap();
                let response = router.clone().oneshot(req).await.unwrap();
                assert!(
                    response.status().is_success(),
                    "{} on {}",
                    response.status(),
                    paths[i % paths.len()]
                );
                response.into_body().collect().await.unwrap();
                done += 1;
                i += n;
            }
            done
        }));
    }
    let mut total = 0;
    for c in running {
        total += c.await.unwrap();
    }
    total as f64 / SECONDS as f64
}

#[tokio::main]
async fn main() {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sqlite://eenplan-demo.sqlite".to_owned());
    let store = Store::open(&DatabaseUrl::parse(&url).unwrap(), OpenMode::MustExist)
        .await
        .expect("a demo database: run `eenplan demo --no-serve` first");
    let (sanne, thomas) = {
        let mut tx = store.read().await.unwrap();
        let people = tx.principals().await.unwrap();
        let find = |email: &str| {
            people
                .iter()
                .find(|p| p.email == email)
                .expect("the demo's accounts")
                .clone()
        };
        (
            find("sanne.devries@lokalis.example"),
            find("thomas.vandijk@save.example"),
        )
    };
    let families = |user: UserId| {
        let store = store.clone();
        async move {
            let mut tx = store.read().await.unwrap();
            tx.search_families(&user, None, &FamilyQuery::default())
                .await
                .unwrap()
                .into_iter()
                .map(|f| f.id)
                .collect::<Vec<_>>()
        }
    };
    let led = families(sanne.user_id.clone()).await;
    let mut partnered = Vec::new();
    {
        let mut tx = store.read().await.unwrap();
        for id in families(thomas.user_id.clone()).await {
            let facts = tx.access_facts(&id).await.unwrap().unwrap();
            let decision = eenplan_web::auth::family::decide(
                &thomas,
                &facts,
                None,
                eenplan_domain::family::Need::Data(eenplan_domain::family::DataCategory::Identity),
                eenplan_domain::UtcTime::now(),
            );
            if decision.granted() {
                partnered.push(id);
            }
        }
    }
    assert!(
        !led.is_empty() && !partnered.is_empty(),
        "the demo has files for both"
    );
    let auth = AuthConfig {
        secure_cookies: true,
        timeouts: Timeouts::default(),
    };
    let router = eenplan_web::router(AppState {
        store: store.clone(),
        auth,
        proxies: eenplan_web::TrustedProxies::default(),
        theme: eenplan_web::Theme::default(),
        documents: eenplan_web::DocumentSettings::default(),
    });
    let one_commit_per_line = eenplan_web::router(AppState {
        store: store.without_group_commit(),
        auth,
        proxies: eenplan_web::TrustedProxies::default(),
        theme: eenplan_web::Theme::default(),
        documents: eenplan_web::DocumentSettings::default(),
    });
    let (sanne_token, thomas_token) = (
        token(&store, &sanne.user_id).await,
        token(&store, &thomas.user_id).await,
    );
    let file = |ids: &[FamilyId], suffix: &str| {
        ids.iter()
            .map(|id| format!("/api/v1/families/{id}{suffix}"))
            .collect::<Vec<_>>()
    };
    let me = vec!["/api/v1/me".to_owned()];
    let search = vec!["/api/v1/families?name=a".to_owned()];
    let scenarios: Vec<(&str, &axum::Router, &str, Vec<String>)> = vec![
        (
            "baseline: GET /api/v1/me (session only)",
            &router,
            &sanne_token,
            me,
        ),
        (
            "regisseur: GET a file, own commit per log line",
            &one_commit_per_line,
            &sanne_token,
            file(&led, ""),
        ),
        (
            "regisseur: GET a file (group commit)",
            &router,
            &sanne_token,
            file(&led, ""),
        ),
        (
            "regisseur: GET a file's plan",
            &router,
            &sanne_token,
            file(&led, "/plan"),
        ),
        (
            "SAVE partner on consent: GET a file",
            &router,
            &thomas_token,
            file(&partnered, ""),
        ),
        (
            "regisseur: search (all candidates decided)",
            &router,
            &sanne_token,
            search,
        ),
    ];
    println!(
        "{} clients, {SECONDS} s per scenario, database {url}",
        clients()
    );
    println!(
        "({} files led by the regisseur, {} open to the SAVE partner on consent)",
        led.len(),
        partnered.len()
    );
    let mut baseline = 0.0;
    for (name, router, token, paths) in &scenarios {
        let rps = measure(router, token, paths).await;
        if baseline == 0.0 {
            baseline = rps;
        }
        println!(
            "{name:<50} {rps:>9.0} req/s   {:>5.2} × baseline",
            rps / baseline
        );
    }
    let report = store.verify_access_log(None).await.unwrap();
    println!(
        "access log after the run: {} lines, chain {}",
        report.chain.entries,
        if report.chain.is_intact() {
            "intact"
        } else {
            "BROKEN"
        }
    );
    store.close().await;
}
