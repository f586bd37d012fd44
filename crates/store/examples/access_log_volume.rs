//! Measures the access log at volume (issue 18 §4, docs/performance.md): writes
//! synthetic lines spread over months into an empty database, then reports the bytes
//! per line, how long `verify` takes, and how long a cut of the first year takes. With
//! `unpartitioned` (PostgreSQL), the partitioned table is first rebuilt as the single
//! table of schema 61, so the same lines can be compared in both layouts.
//!
//!     cargo run -p eenplan-store --example access_log_volume -- URL LINES MONTHS [unpartitioned]
//!
//! Synthetic data only; the database must be a scratch one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use eenplan_domain::UtcTime;
use eenplan_domain::access_log::AccessEvent;
use eenplan_domain::access_log::retention::Retention;
use eenplan_domain::journal::Actor;
use eenplan_store::{AccessEntry, Backend, DatabaseUrl, OpenMode, Store};
use jiff::ToSpan;
use jiff::civil::date;
use sqlx::Connection;

const UNPARTITION: &str = "CREATE TABLE access_log_61 (LIKE access_log INCLUDING DEFAULTS);
 INSERT INTO access_log_61 SELECT * FROM access_log;
 DROP TABLE access_log;
 ALTER TABLE access_log_61 RENAME TO access_log;
 ALTER TABLE access_log ADD PRIMARY KEY (id);
 CREATE INDEX access_log_family ON access_log (family_id, at);
 CREATE INDEX access_log_user ON access_log (user_id, at);
 CREATE INDEX access_log_at ON access_log (at);
 CREATE UNIQUE INDEX access_log_seq ON access_log (seq);
 CREATE INDEX access_log_event ON access_log (event, at);
 CREATE INDEX access_log_organisation ON access_log (organisation_id, at);
 CREATE INDEX access_log_denied ON access_log (at) WHERE outcome = 'denied';
 CREATE INDEX access_log_emergency ON access_log (at) WHERE (basis = 'emergency' OR event = 'emergency');
 CREATE TRIGGER access_log_extends_head BEFORE INSERT ON access_log
     FOR EACH ROW EXECUTE FUNCTION access_log_extend_head();
 CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
     FOR EACH ROW EXECUTE FUNCTION access_log_delete_guard();
 CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
     FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
 CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
     FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
 ANALYZE access_log;";

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = DatabaseUrl::parse(&args[1]).unwrap();
    let lines: i64 = args[2].parse().unwrap();
    let months: i64 = args[3].parse().unwrap();
    let unpartitioned = args.get(4).is_some_and(|a| a == "unpartitioned");
    let store = Store::open(&url, OpenMode::CreateIfMissing).await.unwrap();
    let start = date(2022, 1, 1);
    store
        .prepare_access_log_months(start, date(2026, 12, 7))
        .await
        .unwrap();
    let first = eenplan_domain::time::amsterdam_day_start(start).timestamp();
    let span_seconds = months * 30 * 24 * 3600;
    let t = Instant::now();
    let mut written = 0;
    while written < lines {
        let mut tx = store.write().await.unwrap();
        for _ in 0..1_000.min(lines - written) {
            let at = first + (span_seconds * written / lines).seconds();
            tx.set_clock(UtcTime::from_timestamp(at));
            tx.log_access(&AccessEntry {
                event: AccessEvent::Read,
                granted: written % 50 != 0,
                basis: None,
                user_id: eenplan_store::ids::new_id(),
                organisation_id: eenplan_store::ids::new_id(),
                role: "professional".into(),
                on_behalf_of: None,
                family_id: None,
                data: format!("GET /gezinnen/{}/plan", eenplan_store::ids::new_id()),
                client_address: "192.0.2.17".into(),
            })
            .await
            .unwrap();
            written += 1;
        }
        tx.commit().await.unwrap();
    }
    println!(
        "wrote {lines} lines over {months} months in {:?}",
        t.elapsed()
    );
    if unpartitioned {
        let DatabaseUrl::Postgres(pg) = &url else {
            panic!("unpartitioned is for PostgreSQL")
        };
        let mut c = sqlx::PgConnection::connect(pg).await.unwrap();
        sqlx::raw_sql(UNPARTITION).execute(&mut c).await.unwrap();
        c.close().await.unwrap();
        println!("rebuilt as one table (schema 61)");
    }
    let bytes = match store.backend() {
        Backend::Postgres => {
            let mut r = store.read().await.unwrap();
            r.fetch_one(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint AS n FROM pg_class c \
                 WHERE c.relkind = 'r' AND (c.relname = 'access_log' OR c.relname LIKE 'access_log\\_y%' \
                   OR c.relname = 'access_log_default') AND c.relnamespace = current_schema()::regnamespace",
                vec![],
            )
            .await
            .unwrap()
            .int("n")
            .unwrap()
        }
        Backend::Sqlite => {
            let mut r = store.read().await.unwrap();
            // The whole file: the lines are nearly all of it here (no dbstat in this
            // SQLite build).
            r.fetch_one(
                "SELECT c.page_count * s.page_size AS n FROM pragma_page_count() c, pragma_page_size() s",
                vec![],
            )
            .await
            .unwrap()
            .int("n")
            .unwrap()
        }
    };
    println!(
        "bytes: {bytes} ({} per line, table and indexes; SQLite: the whole file)",
        bytes / lines.max(1)
    );
    for run in 1..=2 {
        let t = Instant::now();
        let report = store.verify_access_log(None).await.unwrap();
        assert!(report.chain.is_intact(), "{:?}", report.chain.findings);
        println!(
            "verify run {run}: {} lines in {:?}",
            report.chain.entries,
            t.elapsed()
        );
    }
    let before = start.checked_add(12.months()).unwrap();
    let t = Instant::now();
    let cut = store
        .cut_access_log(
            &Actor::Cli {
                os_user: "bench".into(),
            },
            before,
            Retention::years(1).unwrap(),
            date(2040, 1, 1),
        )
        .await
        .unwrap()
        .expect("a year of lines");
    println!(
        "cut before {before}: {} lines, {} months dropped whole, in {:?}",
        cut.lines,
        cut.dropped_months.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let report = store.verify_access_log(None).await.unwrap();
    assert!(report.chain.is_intact(), "{:?}", report.chain.findings);
    println!(
        "verify after the cut: {} lines in {:?}",
        report.chain.entries,
        t.elapsed()
    );
    store.close().await;
}
