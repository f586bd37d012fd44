//! The mail outbox on every backend: a mail job only for a person who wants one, one
//! waiting job per person, leases that keep a row to one sender, retries that back
//! off, a lease that runs out after a crash handing the row (with its Message-ID) to
//! the next claim, and concurrent claims from two instances never sharing a row.

use std::collections::BTreeMap;
use std::time::Duration;

use eenplan_domain::UtcTime;
use eenplan_domain::family::{Expertise, InvolvementRole};
use eenplan_domain::journal::Actor;
use eenplan_domain::mail::{Language, MailAbout, MailPreference, MailText};
use eenplan_store::MailJob;
use eenplan_store::{MESSAGE_ID_DOMAIN, NewInvolvement};

use crate::consent::consent_to;
use crate::family::{actor, open, people, sample_plan};
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
        (job.language, job.about.clone(), job.attempts),
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

    // A mail still waiting when its person turns e-mail off, or whose account is
    // deactivated, is not sent; turned back on, it goes.
    let later = at("2026-12-07T10:00:00Z");
    let mut tx = store.write().await.unwrap();
    tx.set_mail_preference(sanne, MailPreference::Off)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(store.claim_mail("e", later, LEASE, 10).await.unwrap().is_empty());
    let mut tx = store.write().await.unwrap();
    tx.set_mail_preference(sanne, MailPreference::Immediately)
        .await
        .unwrap();
    tx.deactivate_user(&crate::family::actor(), sanne)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(store.claim_mail("e", later, LEASE, 10).await.unwrap().is_empty());
    let mut tx = store.write().await.unwrap();
    tx.reactivate_user(&crate::family::actor(), sanne)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let last = store.claim_mail("e", later, LEASE, 10).await.unwrap();
    assert_eq!(last.len(), 1);

    // Its last try failing gives it up: never claimed again, and the next notification
    // queues a new mail rather than waiting behind it.
    let worn = MailJob {
        attempts: eenplan_domain::mail::MAIL_ATTEMPTS,
        ..last[0].clone()
    };
    store
        .mail_failed(&worn, "e", later, "550 no such mailbox")
        .await
        .unwrap();
    let row = store
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.id == worn.id)
        .unwrap();
    assert!(row.given_up_at.is_some() && row.sent_at.is_none(), "{row:?}");
    let much_later = at("2026-12-09T10:00:00Z");
    assert!(
        store
            .claim_mail("f", much_later, LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let mut tx = store.write().await.unwrap();
    assert!(tx.enqueue_mail(sanne, much_later).await.unwrap());
    tx.commit().await.unwrap();
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

/// A notification writes its mail job in its own transaction (none when that rolls
/// back); the mail says nothing of the family; the daily digest is one row per person
/// per day, counting the unread notifications since the previous digest.
pub async fn notifications_queue_their_mail_and_the_digest_once_a_day(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &id,
        NewInvolvement {
            role: InvolvementRole::Partner,
            organisation_id: p.thomas.1.to_string(),
            user_id: p.thomas.0.to_string(),
            expertise: Some(Expertise::Safety),
            takes_over: None,
            reason: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let sanne = Actor::User {
        user_id: p.sanne.0.to_string(),
        organisation_id: p.sanne.1.to_string(),
    };
    let thomas_rows = async || {
        store
            .outbox()
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.user_id.as_ref() == Some(&p.thomas.0))
            .collect::<Vec<_>>()
    };
    let save = async |version: i64, commit: bool| {
        let mut tx = store.write().await.unwrap();
        tx.save_plan(&sanne, &p.sanne.0, &id, version, &sample_plan())
            .await
            .unwrap();
        if commit {
            tx.commit().await.unwrap();
        }
    };

    // What joining the circle told (the lead's own rules) is sent: a clean outbox.
    for job in store
        .claim_mail("setup", UtcTime::now(), LEASE, 100)
        .await
        .unwrap()
    {
        store.mail_sent(&job.id, UtcTime::now()).await.unwrap();
    }
    let waiting = async || {
        store
            .outbox()
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.sent_at.is_none())
            .count()
    };

    // Rolled back: neither the notification nor its mail.
    save(0, false).await;
    assert!(thomas_rows().await.is_empty());
    save(0, true).await;
    let rows = thomas_rows().await;
    assert_eq!(rows.len(), 1, "the partner told of the plan gets one mail");
    assert_eq!(
        waiting().await,
        1,
        "the regisseur saved it herself: no mail to her"
    );

    // The mail as the sender words it holds nothing of the family.
    let jobs = store
        .claim_mail("a", UtcTime::now(), LEASE, 10)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    let family = store.read().await.unwrap().family(&id).await.unwrap().unwrap();
    let mut secrets = vec![family.label.clone(), "Jansen".to_owned()];
    secrets.extend(family.members.iter().map(|m| m.name.clone()));
    for lang in [Language::Nl, Language::En] {
        let text = MailText::compose(lang, &jobs[0].about, "https://eenplan.example");
        for secret in &secrets {
            assert!(
                !text.subject.contains(secret.as_str()) && !text.body.contains(secret.as_str()),
                "{secret:?} in {text:?}"
            );
        }
    }
    store.mail_sent(&jobs[0].id, UtcTime::now()).await.unwrap();

    // The digest: no mail per notification, one a day with the count.
    store
        .change(async |tx| {
            tx.set_mail_preference(&p.thomas.0, MailPreference::DailyDigest)
                .await
        })
        .await
        .unwrap();
    save(1, true).await;
    assert_eq!(thomas_rows().await.len(), 1, "no mail right away");
    let (monday, tuesday) = (
        jiff::civil::date(2026, 12, 7),
        jiff::civil::date(2026, 12, 8),
    );
    assert_eq!(
        store.enqueue_due_digests(monday, UtcTime::now()).await.unwrap(),
        1
    );
    assert_eq!(
        store.enqueue_due_digests(monday, UtcTime::now()).await.unwrap(),
        0,
        "once a day, however often asked (another instance, a restart)"
    );
    let jobs = store
        .claim_mail("a", UtcTime::now(), LEASE, 10)
        .await
        .unwrap();
    assert_eq!(
        jobs.iter().map(|j| j.about.clone()).collect::<Vec<_>>(),
        [MailAbout::Digest { count: 2 }],
        "both unread notifications"
    );
    assert_eq!(
        store.enqueue_due_digests(tuesday, UtcTime::now()).await.unwrap(),
        0,
        "nothing new since Monday's digest"
    );
    save(2, true).await;
    assert_eq!(
        store.enqueue_due_digests(tuesday, UtcTime::now()).await.unwrap(),
        1
    );
    let rows = thomas_rows().await;
    assert_eq!(
        rows.iter().filter_map(|r| r.digest_day.clone()).collect::<Vec<_>>(),
        ["2026-12-07", "2026-12-08"]
    );
    let jobs = store
        .claim_mail("b", UtcTime::now(), LEASE, 10)
        .await
        .unwrap();
    assert_eq!(
        jobs.iter().map(|j| j.about.clone()).collect::<Vec<_>>(),
        [MailAbout::Digest { count: 1 }],
        "only what came in after Monday's digest"
    );

    // Off: nothing at all.
    store
        .change(async |tx| {
            tx.set_mail_preference(&p.thomas.0, MailPreference::Off)
                .await
        })
        .await
        .unwrap();
    save(3, true).await;
    assert_eq!(
        store
            .enqueue_due_digests(jiff::civil::date(2026, 12, 9), UtcTime::now())
            .await
            .unwrap(),
        0
    );
    assert_eq!(thomas_rows().await.len(), 3);
    store.close().await;
    db
}
