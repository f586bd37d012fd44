//! Notifications on every backend: written with the event that causes them, only to
//! people who may see that part of the file at that moment, never to the actor; read
//! per person, newest first, and marked read once.

use eenplan_domain::UserId;
use eenplan_domain::family::{Expertise, InvolvementRole};
use eenplan_domain::journal::Actor;
use eenplan_domain::notification::NotificationKind;
use eenplan_store::{NewInvolvement, Seek, Store};

use crate::consent::consent_to;
use crate::family::{actor, open, people, sample_plan};
use crate::support::TestDb;

async fn kinds(store: &Store, user: &UserId) -> Vec<NotificationKind> {
    let mut r = store.read().await.unwrap();
    let (list, total) = r.notifications(user, &Seek::First, 50).await.unwrap();
    assert_eq!(total as usize, list.len());
    list.iter().map(|n| n.kind).collect()
}

pub async fn plan_versions_tell_the_circle_that_may_see_the_plan(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let consent = consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
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

    let mut tx = store.write().await.unwrap();
    tx.save_plan(&sanne, &p.sanne.0, &id, 0, &sample_plan())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        kinds(&store, &p.thomas.0).await,
        [NotificationKind::PlanSaved],
        "the partner whose consent covers the plan is told"
    );
    assert_eq!(
        kinds(&store, &p.sanne.0).await,
        [NotificationKind::PartnerJoined],
        "the regisseur saved it herself (she heard of Thomas joining)"
    );
    assert!(
        kinds(&store, &p.mohamed.0).await.is_empty(),
        "outside the circle"
    );

    // Without a consent in force the partner is told nothing more of the plan.
    let mut tx = store.write().await.unwrap();
    tx.withdraw_consent(&actor(), &id, &consent, &p.sanne.0, "Het gezin wil het niet meer")
        .await
        .unwrap();
    tx.save_plan(&sanne, &p.sanne.0, &id, 1, &sample_plan())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        kinds(&store, &p.thomas.0)
            .await
            .iter()
            .filter(|k| **k == NotificationKind::PlanSaved)
            .count(),
        1
    );

    // A rolled-back change tells nobody.
    let mut tx = store.write().await.unwrap();
    tx.save_plan(&actor(), &p.sanne.0, &id, 2, &sample_plan())
        .await
        .unwrap();
    drop(tx);
    assert_eq!(
        kinds(&store, &p.sanne.0).await,
        [NotificationKind::PartnerJoined]
    );

    // Read once, by its own reader only.
    let mut r = store.read().await.unwrap();
    let (list, _) = r.notifications(&p.thomas.0, &Seek::First, 10).await.unwrap();
    let first = list.last().unwrap().clone();
    assert_eq!(first.family_label.as_deref(), Some("Gezin Jansen"));
    assert_eq!(first.subject_id.as_deref(), Some("1"));
    assert_eq!(r.unread_notifications(&p.thomas.0).await.unwrap(), list.len() as i64);
    drop(r);
    let mut tx = store.write().await.unwrap();
    let now = eenplan_domain::UtcTime::now();
    assert_eq!(
        tx.mark_notification_read(&p.sanne.0, &first.id, now).await.unwrap(),
        None,
        "someone else's notification is not found"
    );
    let read = tx
        .mark_notification_read(&p.thomas.0, &first.id, now)
        .await
        .unwrap()
        .unwrap();
    assert!(read.read());
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert_eq!(
        r.unread_notifications(&p.thomas.0).await.unwrap(),
        list.len() as i64 - 1
    );
    drop(r);
    store.close().await;
    db
}
