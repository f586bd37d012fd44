//! Killing a writer with SIGKILL mid-stream loses no acknowledged write (SQLite).
//!
//! The test binary re-runs itself as the writer: the child appends journal entries
//! through the store as fast as it can and prints `ack <seq> <slug>` only after each
//! commit has returned. The parent kills it at an arbitrary moment, then checks that
//! every acknowledged write is in the database and the chain is intact.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_store::{Backend, NewOrganisation, OpenMode, Store};
use support::TestDb;

const CHILD_ENV: &str = "EENPLAN_DURABILITY_CHILD_DB";
const TEST_NAME: &str = "sigkill_mid_stream_loses_no_acknowledged_write";

#[test]
fn sigkill_mid_stream_loses_no_acknowledged_write() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    if let Ok(url) = std::env::var(CHILD_ENV) {
        rt.block_on(writer(&url));
        return;
    }
    rt.block_on(async {
        let db = TestDb::new(Backend::Sqlite).await;
        db.open().await.close().await;
        let eenplan_store::DatabaseUrl::Sqlite(path) = &db.url else {
            unreachable!()
        };

        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill after a number of acknowledgements that varies from run to run, so the
        // kill lands at different points of the commit cycle.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let kill_after = 150 + (nanos % 150) as usize;
        let mut acked: Vec<(i64, String)> = Vec::new();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        for line in stdout.lines() {
            let line = line.unwrap();
            if let Some(rest) = line.strip_prefix("ack ") {
                let (seq, slug) = rest.split_once(' ').unwrap();
                acked.push((seq.parse().unwrap(), slug.to_owned()));
                if acked.len() == kill_after {
                    child.kill().unwrap(); // SIGKILL on Unix
                    break;
                }
            }
        }
        child.wait().unwrap();
        assert_eq!(
            acked.len(),
            kill_after,
            "the writer stopped before it was killed"
        );

        let store = Store::open(&db.url, OpenMode::MustExist).await.unwrap();
        let report = store.verify_journal(None).await.unwrap();
        assert!(report.is_intact(), "{:?}", report.findings);
        let mut tx = store.read().await.unwrap();
        let entries = tx.journal_page(0, 1_000_000).await.unwrap();
        for (seq, slug) in &acked {
            let entry = entries
                .iter()
                .find(|e| e.seq == *seq)
                .unwrap_or_else(|| panic!("acknowledged entry #{seq} was lost"));
            assert!(entry.payload.contains(slug.as_str()));
            assert!(
                tx.organisation_by_slug(slug).await.unwrap().is_some(),
                "acknowledged organisation {slug} was lost"
            );
        }
        assert!(report.entries >= acked.len() as u64);
        drop(tx);
        store.close().await;
        db.cleanup().await;
    });
}

async fn writer(path: &str) {
    let store = Store::open(
        &eenplan_store::DatabaseUrl::Sqlite(path.into()),
        OpenMode::MustExist,
    )
    .await
    .unwrap();
    let actor = Actor::System {
        component: "durability-test",
    };
    for i in 0.. {
        let slug = format!("org-{i}");
        let mut tx = store.write().await.unwrap();
        tx.create_organisation(
            &actor,
            NewOrganisation {
                slug: Slug::parse(&slug).unwrap(),
                name: format!("Organisatie {i}"),
                kind: OrganisationKind::CareProvider,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        // Entries are numbered at commit; this is the only writer, so the head is ours.
        let entry = store
            .read()
            .await
            .unwrap()
            .journal_head()
            .await
            .unwrap()
            .unwrap();
        println!("ack {} {slug}", entry.seq);
    }
}
