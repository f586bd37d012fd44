//! The mail outbox on every backend: a mail job only for a person who wants one, one
//! waiting job per person, leases that keep a row to one sender, retries that back
//! off, a lease that runs out after a crash handing the row (with its Message-ID) to
//! the next claim, and concurrent claims from two instances never sharing a row.

use std::collections::BTreeMap;
use std::time::Duration;

use eenplan_domain::UtcTime;
use eenplan_domain::mail::{Language, MailAbout, MailPreference};
use eenplan_store::MESSAGE_ID_DOMAIN;

use crate::family::people;
use crate::support::TestDb;

const LEASE: Duration = Duration::from_secs(60);

fn at(text: &str) -> UtcTime {
    UtcTime::parse(text).unwrap()
}

pub async fn outbox_wants_coalesces_leases_and_retries(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let (sanne, thomas, joyce) = (&p.sanne.0, &p.thomas.0, &p.joyce.0);
    let t0 = at("2026-12-07T09:00:00Z");
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        tx.mail_settings(sanne).await.unwrap(),
        (MailPreference::Immediately, Language::Nl),
        "immediately and Dutch until chosen otherwise"
    );
    tx.set_mail_preference(thomas, MailPreference::Off)
        .await
        .unwrap();
    tx.set_mail_preference(joyce, MailPreference::DailyDigest)
        .await
        .unwrap();
    tx.set_language(sanne, Language::En).await.unwrap();
    assert!(tx.enqueue_mail(sanne, t0).await.unwrap());
    assert!(
        !tx.enqueue_mail(sanne, t0).await.unwrap(),
        "a mail already waits: no second one"
    );
    assert!(!tx.enqueue_mail(thomas, t0).await.unwrap(), "off: none");
    assert!(
        !tx.enqueue_mail(joyce, t0).await.unwrap(),
        "digest: the digest job makes its own"
    );
    tx.commit().await.unwrap();
    // A job written in a transaction that rolls back is gone with it.
    let mut tx = store.write().await.unwrap();
    tx.set_mail_preference(thomas, MailPreference::Immediately)
        .await
        .unwrap();
    assert!(tx.enqueue_mail(thomas, t0).await.unwrap());
    drop(tx);
    let rows = store.outbox().await.unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(
        row.message_id,
        format!("<{}@{MESSAGE_ID_DOMAIN}>", row.id),
        "one stable Message-ID per row"
    );

    // Not due before its time; claimed once; a second sender meanwhile gets nothing.
    let jobs = store
        .claim_mail("a", at("2026-12-07T08:59:59Z"), LEASE, 10)
        .await
        .unwrap();
    assert!(jobs.is_empty());
    let jobs = store.claim_mail("a", t0, LEASE, 10).await.unwrap();
    assert_eq!(jobs.len(), 1);
    let job = &jobs[0];
    assert_eq!(
        (job.language, job.about, job.attempts),
        (Language::En, MailAbout::New, 1)
    );
    assert_eq!(job.message_id, row.message_id);
    assert!(job.to.contains('@'));
    let t1 = at("2026-12-07T09:00:10Z");
    assert!(store.claim_mail("b", t1, LEASE, 10).await.unwrap().is_empty());

    // A failure: retried after the back-off, not before; counted.
    store
        .mail_failed(job, "a", t1, "421 try\nlater")
        .await
        .unwrap();
    let failed = &store.outbox().await.unwrap()[0];
    assert_eq!(failed.due_at, "2026-12-07T09:00:40.000000Z");
    assert_eq!(failed.last_error.as_deref(), Some("421 trylater"));
    assert!(
        store
            .claim_mail("b", at("2026-12-07T09:00:39Z"), LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let again = store
        .claim_mail("b", at("2026-12-07T09:00:40Z"), LEASE, 10)
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 2);

    // "b" dies after the SMTP server accepted: its lease runs out and the next claim
    // takes the same row, with the same Message-ID.
    assert!(
        store
            .claim_mail("c", at("2026-12-07T09:01:39Z"), LEASE, 10)
            .await
            .unwrap()
            .is_empty(),
        "leased until 09:01:40"
    );
    let taken_over = store
        .claim_mail("c", at("2026-12-07T09:01:40Z"), LEASE, 10)
        .await
        .unwrap();
    assert_eq!(taken_over.len(), 1);
    assert_eq!(taken_over[0].message_id, row.message_id);
    store
        .mail_sent(&taken_over[0].id, at("2026-12-07T09:01:41Z"))
        .await
        .unwrap();
    // The late "b" cannot push a sent mail back into the queue.
    store
        .mail_failed(&again[0], "b", at("2026-12-07T09:01:42Z"), "timeout")
        .await
        .unwrap();
    let sent = &store.outbox().await.unwrap()[0];
    assert_eq!(sent.sent_at.as_deref(), Some("2026-12-07T09:01:41.000000Z"));
    assert!(
        store
            .claim_mail("d", at("2026-12-08T09:00:00Z"), LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );

    // Once sent, the next notification makes a new mail.
    let mut tx = store.write().await.unwrap();
    assert!(
        tx.enqueue_mail(sanne, at("2026-12-07T10:00:00Z"))
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    assert_eq!(store.outbox().await.unwrap().len(), 2);
    store.close().await;
    db
}

/// Two instances (two stores on one database) claiming a burst at the same moment,
/// over and over, until it is gone: every row claimed exactly once.
pub async fn concurrent_claims_never_share_a_row(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let now = at("2026-12-07T09:00:00Z");
    let mut tx = store.write().await.unwrap();
    let mut rows = 0;
    for user in [&p.sanne.0, &p.thomas.0, &p.mohamed.0, &p.joyce.0] {
        for day in 1..=15 {
            let day = jiff::civil::date(2026, 11, day);
            assert!(tx.enqueue_digest(user, day, 2, now).await.unwrap());
            assert!(
                !tx.enqueue_digest(user, day, 3, now).await.unwrap(),
                "one digest per person per day"
            );
            rows += 1;
        }
    }
    tx.commit().await.unwrap();
    let other = db.open().await;
    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    let claim = async |s: &eenplan_store::Store, name: &str| {
        s.claim_mail(name, now, LEASE, 3).await.unwrap()
    };
    loop {
        let (a, b) = tokio::join!(claim(&store, "a"), claim(&other, "b"));
        if a.is_empty() && b.is_empty() {
            break;
        }
        for (who, jobs) in [("a", a), ("b", b)] {
            for job in jobs {
                assert_eq!(job.about, MailAbout::Digest { count: 2 });
                if let Some(first) = claimed.insert(job.id.clone(), who.to_owned()) {
                    panic!("row {} claimed by {first} and {who}", job.id);
                }
            }
        }
    }
    assert_eq!(claimed.len(), rows);
    other.close().await;
    store.close().await;
    db
}
