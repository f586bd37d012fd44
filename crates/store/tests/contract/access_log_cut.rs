//! Cutting old access-log lines at a journaled checkpoint (issue 18 §4): the rest of
//! the chain still verifies, and a cut the journal does not witness is tampering.

use eenplan_domain::UtcTime;
use eenplan_domain::access_log::retention::Retention;
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::journal::{Anchor, Chain, Finding, Head};
use eenplan_store::{AccessEntry, Store, StoreError};
use jiff::civil::date;

use crate::family::{open, people};
use crate::support::{TestDb, cli_actor};

/// Three lines about the Jansens in January 2020, then two about the De Vries in
/// March 2020 (both files open), written at those days.
async fn five_lines(store: &Store) {
    let p = people(store).await;
    let jansen = open(store, &p, "Gezin Jansen", "12").await;
    let de_vries = open(store, &p, "Gezin de Vries", "14").await;
    for (at, family, n) in [
        ("2020-01-10T09:00:00Z", &jansen, 3),
        ("2020-03-10T09:00:00Z", &de_vries, 2),
    ] {
        let mut tx = store.write().await.unwrap();
        tx.set_clock(UtcTime::parse(at).unwrap());
        for _ in 0..n {
            tx.log_access(&AccessEntry {
                event: AccessEvent::Read,
                granted: true,
                basis: Some(AccessBasis::Involved),
                user_id: p.sanne.0.to_string(),
                organisation_id: p.sanne.1.to_string(),
                role: "professional".into(),
                on_behalf_of: None,
                family_id: Some(family.to_string()),
                data: "GET /gezinnen/{family}".into(),
                client_address: "127.0.0.1".into(),
            })
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }
}

async fn line_head(store: &Store, seq: i64) -> Head {
    let mut r = store.read().await.unwrap();
    let row = r
        .fetch_one(
            "SELECT hash FROM access_log WHERE seq = $1",
            eenplan_store::params![seq],
        )
        .await
        .unwrap();
    Head {
        seq,
        hash: row.text("hash").unwrap(),
    }
}

async fn lines(store: &Store) -> i64 {
    let mut r = store.read().await.unwrap();
    r.fetch_one("SELECT COUNT(*) AS n FROM access_log", vec![])
        .await
        .unwrap()
        .int("n")
        .unwrap()
}

/// The rule refuses a cut while a file is open; a configured term lets the January
/// lines go: the checkpoint is journaled, the rest verifies from the line after it
/// (anchors too), and the log goes on.
pub async fn a_cut_at_a_checkpoint_leaves_a_provable_chain(db: TestDb) -> TestDb {
    let store = db.open().await;
    five_lines(&store).await;
    let before = date(2020, 2, 1);
    let today = date(2030, 1, 1);
    let old_anchor = Anchor::of(Chain::AccessLog, &line_head(&store, 2).await);
    let third = line_head(&store, 3).await;
    let refused = store
        .cut_access_log(&cli_actor(), before, Retention::AsLongAsTheFile, today)
        .await;
    match refused {
        Err(StoreError::Invalid(message)) => {
            assert!(message.contains("#1") && message.contains("still open"), "{message}");
            assert!(!message.contains('\n'), "one line: {message}");
        }
        other => panic!("an open file's lines are kept: {other:?}"),
    }
    assert_eq!(lines(&store).await, 5, "a refused cut removes nothing");
    assert!(store.verify_access_log(None).await.unwrap().checkpoint.is_none());

    let cut = store
        .cut_access_log(&cli_actor(), before, Retention::years(5).unwrap(), today)
        .await
        .unwrap()
        .expect("three lines to cut");
    assert_eq!((cut.checkpoint.seq, cut.lines), (3, 3));
    assert_eq!(cut.checkpoint, third);
    assert_eq!(lines(&store).await, 2);

    let report = store.verify_access_log(None).await.unwrap();
    assert!(report.chain.is_intact(), "{:?}", report.chain.findings);
    assert_eq!(report.chain.entries, 2);
    assert_eq!(report.chain.last.as_ref().map(|h| h.seq), Some(5));
    let checkpoint = report.checkpoint.expect("verify names the checkpoint");
    assert_eq!((checkpoint.head.seq, checkpoint.before), (3, before));
    let journal = store.verify_journal(None).await.unwrap();
    assert!(journal.is_intact(), "{:?}", journal.findings);
    assert_eq!(journal.last.map(|h| h.seq), Some(checkpoint.journal_seq));

    // An anchor written down before the cut still holds, as does one after it.
    let later_anchor = Anchor::of(Chain::AccessLog, &line_head(&store, 5).await);
    for anchor in [old_anchor, later_anchor] {
        let r = store.verify_access_log(anchor).await.unwrap();
        assert!(r.chain.is_intact(), "{:?}", r.chain.findings);
    }
    // Nothing left before the day: nothing cut, nothing journaled.
    let again = store
        .cut_access_log(&cli_actor(), before, Retention::years(5).unwrap(), today)
        .await
        .unwrap();
    assert_eq!(again, None);
    // A line past the checkpoint cannot be removed.
    assert!(db.raw("DELETE FROM access_log WHERE seq = 4").await.is_err());
    assert_eq!(lines(&store).await, 2);
    store.close().await;
    db
}

/// Lines removed by hand without a checkpoint are deletions, before the first cut as
/// after it.
pub async fn lines_deleted_without_a_checkpoint_are_tampering(db: TestDb) -> TestDb {
    let store = db.open().await;
    five_lines(&store).await;
    assert!(db.raw("DELETE FROM access_log WHERE seq <= 2").await.is_err());
    db.disable_access_log_protection().await;
    db.raw("DELETE FROM access_log WHERE seq <= 2").await.unwrap();
    let report = store.verify_access_log(None).await.unwrap();
    assert_eq!(
        report.chain.findings,
        vec![Finding::Missing { first: 1, last: 2 }]
    );
    store.close().await;
    db
}

/// A checkpoint written into the table to pass deleted lines off as cut: the triggers
/// let the lines go, the journal does not know the cut, and verify says so.
pub async fn a_checkpoint_the_journal_does_not_witness_is_tampering(db: TestDb) -> TestDb {
    let store = db.open().await;
    five_lines(&store).await;
    let forged = line_head(&store, 2).await;
    db.raw(&format!(
        "INSERT INTO access_log_checkpoints (seq, hash, cut_before, cut_at) \
         VALUES (2, '{}', '2020-02-01', '2030-01-01T00:00:00Z')",
        forged.hash
    ))
    .await
    .unwrap();
    db.raw("DELETE FROM access_log WHERE seq <= 2").await.unwrap();
    let report = store.verify_access_log(None).await.unwrap();
    assert_eq!(report.checkpoint, None);
    assert_eq!(
        report.chain.findings,
        vec![
            Finding::Missing { first: 1, last: 2 },
            Finding::CheckpointUnwitnessed { seq: 2 },
        ]
    );
    store.close().await;
    db
}
