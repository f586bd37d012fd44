//! Times the evaluation a team lead asks for (issue 18, docs/performance.md): their own
//! organisation's families (the organisation with the most families), for a period,
//! beside the same period for every organisation as a baseline measured in the same
//! run. Opening the store applies any migration it lacks first, timed apart. Each
//! answer is written as JSON to `OUT.<organisation|all>.json`, so two builds' answers
//! on the same data can be compared byte for byte.
//!
//!     cargo run -p eenplan-store --example evaluation_time -- URL FROM TO RUNS OUT [ONLY]
//!
//! With ONLY (`all` or `organisation`) just that query is asked: to count one query's
//! instructions under `valgrind --tool=callgrind` (RUNS 1 minus RUNS 0), which a shared
//! machine's load does not move as it moves the time.
//!
//! Reads only (after the migrations); any database.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use eenplan_domain::evaluation::report::{AreaFilter, EvaluationQuery};
use eenplan_store::{DatabaseUrl, OpenMode, Store};

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (url, from, to, runs, out, only) = match args.as_slice() {
        [url, from, to, runs, out] => (url, from, to, runs, out, None),
        [url, from, to, runs, out, only] => (url, from, to, runs, out, Some(only.as_str())),
        _ => panic!("usage: evaluation_time URL FROM TO RUNS OUT [all|organisation]"),
    };
    let (from, to) = (from.parse().unwrap(), to.parse().unwrap());
    let runs: usize = runs.parse().unwrap();
    let opened = Instant::now();
    let store = Store::open(&DatabaseUrl::parse(url).unwrap(), OpenMode::MustExist)
        .await
        .unwrap();
    println!(
        "open (with migrations): {:.0} ms",
        opened.elapsed().as_secs_f64() * 1000.0
    );
    let mut tx = store.read().await.unwrap();
    let top = tx
        .fetch_all(
            "SELECT organisation_id, COUNT(*) AS n FROM evaluation_family_organisations \
             GROUP BY organisation_id ORDER BY COUNT(*) DESC, organisation_id LIMIT 1",
            vec![],
        )
        .await
        .unwrap();
    let organisation = top[0].text("organisation_id").unwrap();
    let families = top[0].int("n").unwrap();
    let threshold = tx.evaluation_threshold().await.unwrap();
    let pilots = tx.pilots().await.unwrap();
    drop(tx);
    println!("organisation {organisation}: {families} families");
    // Each query warmed up once and then timed on its own, every organisation first:
    // one query's reads then do not warm or cool the pages of the other's.
    let mut times: Vec<(&str, Vec<Duration>)> = vec![("all", vec![]), ("organisation", vec![])];
    times.retain(|(name, _)| only.is_none_or(|o| o == *name));
    for (name, spent) in &mut times {
        let query = EvaluationQuery {
            from,
            to,
            areas: AreaFilter::All,
            organisation: (*name == "organisation").then(|| organisation.clone()),
            threshold,
        };
        for run in 0..=runs {
            let started = Instant::now();
            let answer = store.evaluation(&query, &pilots).await.unwrap();
            let took = started.elapsed();
            if run == 0 {
                let json = serde_json::to_string_pretty(&answer).unwrap();
                std::fs::write(format!("{out}.{name}.json"), json).unwrap();
            } else {
                spent.push(took);
            }
        }
    }
    if runs == 0 {
        store.close().await;
        return;
    }
    let medians: Vec<(&str, f64)> = times.into_iter().map(|(n, t)| (n, median(t))).collect();
    for (name, ms) in &medians {
        print!("{name} {ms:.1} ms; ");
    }
    if let [(_, all), (_, organisation)] = medians.as_slice() {
        print!("organisation ÷ all {:.2}", organisation / all);
    }
    println!("(median of {runs})");
    store.close().await;
}
