//! `eenplan access-log cut` as an operator runs it (SQLite, and PostgreSQL when
//! `EENPLAN_TEST_POSTGRES_URL` is set): refused with one line while the rule keeps a
//! line, a cut at a journaled checkpoint otherwise, and `verify` says where it started.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../store/tests/support/mod.rs"]
mod support;

use std::process::{Command, Output};

use eenplan_domain::UtcTime;
use eenplan_store::{Backend, DatabaseUrl};
use libtest_mimic::{Arguments, Failed, Trial};
use support::{TestDb, postgres_url};

const BIN: &str = env!("CARGO_BIN_EXE_eenplan");

fn main() {
    let args = Arguments::from_args();
    let mut backends = vec![Backend::Sqlite];
    if postgres_url().is_some() {
        backends.push(Backend::Postgres);
    }
    let trials = backends
        .into_iter()
        .map(|backend| {
            Trial::test(
                format!(
                    "{}::a_cut_is_refused_in_one_line_or_leaves_a_checkpoint_verify_starts_from",
                    format!("{backend:?}").to_lowercase()
                ),
                move || cut_and_verify(backend),
            )
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn eenplan(args: &[&str]) -> (Output, String) {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("EENPLAN_DATABASE_URL")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out, all)
}

fn check(cond: bool, msg: &str) -> Result<(), Failed> {
    if cond { Ok(()) } else { Err(msg.into()) }
}

/// Three searches (no file) in January 2020 and two in March 2020.
fn cut_and_verify(backend: Backend) -> Result<(), Failed> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(async {
        let db = TestDb::new(backend).await;
        let store = db.open().await;
        // January and March in their own month partitions (PostgreSQL).
        store
            .prepare_access_log_months(
                jiff::civil::date(2020, 1, 1),
                jiff::civil::date(2020, 3, 10),
            )
            .await
            .unwrap();
        for (at, n) in [("2020-01-10T09:00:00Z", 3), ("2020-03-10T09:00:00Z", 2)] {
            let mut tx = store.write().await.unwrap();
            tx.set_clock(UtcTime::parse(at).unwrap());
            for i in 0..n {
                tx.log_access(&eenplan_store::AccessEntry {
                    event: eenplan_domain::access_log::AccessEvent::Search,
                    granted: true,
                    basis: None,
                    user_id: format!("user-{i}"),
                    organisation_id: "org".into(),
                    role: "professional".into(),
                    on_behalf_of: None,
                    family_id: None,
                    data: "zoeken".into(),
                    client_address: "127.0.0.1".into(),
                })
                .await
                .unwrap();
            }
            tx.commit().await.unwrap();
        }
        store.close().await;
        db
    });
    let url = match &db.url {
        DatabaseUrl::Sqlite(p) => format!("sqlite://{}", p.display()),
        DatabaseUrl::Postgres(u) => u.clone(),
    };
    let result = (|| {
        // The default keeps a line about no file twenty years.
        let (out, all) = eenplan(&[
            "access-log",
            "cut",
            "--database",
            &url,
            "--before",
            "2020-02",
        ]);
        check(
            out.status.code() == Some(2)
                && all.trim().lines().count() == 1
                && all.contains("refused: access-log line #1 (written 2020-01-10) cannot be cut yet: it is kept until 2040-01-10"),
            &all,
        )?;
        let (out, all) = eenplan(&[
            "access-log",
            "cut",
            "--database",
            &url,
            "--before",
            "2020-02",
            "--keep-years",
            "1",
        ]);
        check(
            out.status.success()
                && all.contains(
                    "cut 3 access-log lines written before 2020-02-01: checkpoint at line #3",
                ),
            &all,
        )?;
        // On PostgreSQL January went as its table.
        check(
            all.contains("whole months dropped as partitions: access_log_y2020m01")
                == (backend == Backend::Postgres),
            &all,
        )?;
        let (out, all) = eenplan(&["verify", "--database", &url]);
        check(
            out.status.success()
                && all.contains("access log intact: 2 lines")
                && all.contains("access log: checked from line #4 on; the lines before 2020-02-01 (up to line #3) were cut"),
            &all,
        )
    })();
    rt.block_on(db.cleanup());
    result
}
