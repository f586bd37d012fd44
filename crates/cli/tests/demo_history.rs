//! The demo's dated history: a demo database whose journal spans the years since 2018
//! with every way of working the evaluation counts, through both the store's own
//! commands (the most recent files) and the bulk path (the older ones), and that
//! `eenplan verify --deep` accepts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::process::Command;

use eenplan_store::{DatabaseUrl, OpenMode, Store};

const BIN: &str = env!("CARGO_BIN_EXE_eenplan");

/// What the issue names: Veilig Thuis contacts and assessments, SAVE op locatie
/// consultations, joint assessment meetings, plans agreed, partners joining, handovers,
/// SAVE-begeleiding start and end, the EVU's referrals, staffing and closing, the Raad's
/// requests, investigations and conclusions, framework changes, and files closed and
/// reopened.
const KINDS: &[&str] = &[
    "family_opened",
    "vt_contact_received",
    "vt_contact_assessed",
    "save_consultation_booked",
    "save_consultation_held",
    "joint_assessment_scheduled",
    "joint_assessment_held",
    "plan_saved",
    "plan_agreed",
    "involvement_started",
    "handover",
    "save_guidance_started",
    "save_guidance_reviewed",
    "save_guidance_ended",
    "evu_referred",
    "evu_combination_assigned",
    "evu_referral_closed",
    "protection_order_requested",
    "protection_order_investigation_started",
    "protection_order_concluded",
    "protection_order_decided",
    "framework_changed",
    "file_closed",
    "file_reopened",
];

#[test]
fn the_demo_history_spans_years_with_every_way_of_working_and_verifies() {
    let dir = std::env::temp_dir().join(format!(
        "eenplan_demo_history_{}_{}",
        std::process::id(),
        eenplan_store::ids::new_id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("demo.sqlite").display());
    // 2,300 families: the most recent 2,000 through the store's commands, 300 in bulk.
    let out = Command::new(BIN)
        .args([
            "demo",
            "--no-serve",
            "--families",
            "2300",
            "--database",
            &url,
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("2300 families"), "{stdout}");
    assert!(stdout.contains("Synthetic data"), "{stdout}");

    let out = Command::new(BIN)
        .args(["verify", "--deep", "--database", &url])
        .output()
        .unwrap();
    let verified = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{verified}");
    assert!(
        verified.contains("tables explained by the journal"),
        "{verified}"
    );

    let rt = tokio::runtime::Runtime::new().unwrap();
    // The bulk load dropped most indexes and made them again: the demo's schema is the
    // migrated one, index for index.
    let migrated = dir.join("migrated.sqlite");
    let (built, expected) = rt.block_on(async {
        let fresh = format!("sqlite://{}", migrated.display());
        (indexes(&url).await, indexes(&fresh).await)
    });
    assert!(expected.len() > 20, "{expected:?}");
    assert_eq!(built, expected);

    let (years, kinds) = rt.block_on(async {
        let store = Store::open(&DatabaseUrl::parse(&url).unwrap(), OpenMode::MustExist)
            .await
            .unwrap();
        let mut tx = store.read().await.unwrap();
        let (mut years, mut kinds) = (BTreeSet::new(), BTreeSet::new());
        let mut after = 0;
        loop {
            let page = tx.journal_page(after, 5_000).await.unwrap();
            let Some(last) = page.last() else { break };
            after = last.seq;
            for e in &page {
                years.insert(e.recorded_at[..4].parse::<i16>().unwrap());
                kinds.insert(e.kind.clone());
                // The deep check reads every entry back as its event, to know what it
                // should have sealed: whatever the demo journaled reads back.
                assert!(
                    eenplan_domain::journal::deep::stored_event(&e.kind, &e.payload).is_some(),
                    "entry #{} ({}) does not read back as its event: {}",
                    e.seq,
                    e.kind,
                    e.payload
                );
            }
        }
        drop(tx);
        store.close().await;
        (years, kinds)
    });
    let this_year = jiff::Zoned::now().year();
    assert_eq!(years.first(), Some(&2018), "{years:?}");
    assert_eq!(years.last(), Some(&this_year), "{years:?}");
    assert!((2018..=this_year).all(|y| years.contains(&y)), "{years:?}");
    let missing: Vec<&&str> = KINDS.iter().filter(|k| !kinds.contains(**k)).collect();
    assert!(missing.is_empty(), "never happened: {missing:?}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Every index of the database at `url` (migrated when new), with its table and
/// definition.
async fn indexes(url: &str) -> Vec<(String, String, String)> {
    let store = Store::open(&DatabaseUrl::parse(url).unwrap(), OpenMode::CreateIfMissing)
        .await
        .unwrap();
    let mut tx = store.read().await.unwrap();
    let found = tx
        .fetch_all(
            "SELECT name, tbl_name, COALESCE(sql, '') AS def FROM sqlite_master \
             WHERE type = 'index' ORDER BY name",
            vec![],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.text("name").unwrap(),
                r.text("tbl_name").unwrap(),
                r.text("def").unwrap(),
            )
        })
        .collect();
    drop(tx);
    store.close().await;
    found
}
