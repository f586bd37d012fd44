//! Contract test of a family member withdrawing a consent through the family's door
//! (issue 17 §3), on every backend.

use eenplan_domain::family::{Expertise, WithdrawalError};
use eenplan_domain::journal::Actor;
use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_store::{NewGuidance, Seek, StoreError};
use jiff::civil::date;

use crate::consent::consent_to;
use crate::family::{actor, open, people};
use crate::support::TestDb;

pub async fn a_family_member_withdraws_a_consent_they_gave(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let other = open(&store, &p, "Gezin Bakker", "14").await;
    let consent = consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
    let f = store.read().await.unwrap().family(&id).await.unwrap().unwrap();
    let (sam, kim) = (f.members[0].id.clone(), f.members[1].id.clone());
    let kim_door = Actor::Family {
        account_id: "account-kim".into(),
    };
    let today = date(2026, 11, 24);
    // SAVE-begeleiding on this consent, with Thomas alongside the regisseur.
    let mut tx = store.write().await.unwrap();
    tx.start_save_guidance(
        &actor(),
        &p.sanne.0,
        &id,
        &NewGuidance {
            worker_id: p.thomas.0.to_string(),
            expertise: Expertise::Violence,
            goals: vec!["Geen geweld meer in huis".into()],
            planned_end: date(2027, 3, 1),
            review_months: None,
        },
        date(2026, 11, 23),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.withdraw_consent_as_member(&kim_door, &id, &consent, &sam, "", today)
            .await
            .unwrap_err(),
        StoreError::Withdrawal(WithdrawalError::NotAGiver)
    ));
    assert!(
        matches!(
            tx.withdraw_consent_as_member(&kim_door, &other, &consent, &kim, "", today)
                .await
                .unwrap_err(),
            StoreError::NotFound(_)
        ),
        "another family's consent is not there"
    );
    tx.withdraw_consent_as_member(&kim_door, &id, &consent, &kim, " ", today)
        .await
        .unwrap();
    assert!(matches!(
        tx.withdraw_consent_as_member(&kim_door, &id, &consent, &kim, "", today)
            .await
            .unwrap_err(),
        StoreError::Withdrawal(WithdrawalError::AlreadyWithdrawn)
    ));
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let listed = r.consents(&id).await.unwrap();
    assert!(listed[0].withdrawn_at.is_some());
    assert_eq!(listed[0].withdrawal_reason, None, "no reason given: none kept");
    let facts = r.access_facts(&id).await.unwrap().unwrap();
    assert!(!facts.consents[0].in_force(today));
    // The guidance and SAVE's part in the circle ended in the same transaction.
    let g = &r.save_guidances(&id).await.unwrap()[0];
    assert_eq!(g.outcome, Some(GuidanceOutcome::EndedWithoutResult));
    assert!(
        facts.involved.iter().all(|i| i.user_id != p.thomas.0),
        "{:?}",
        facts.involved
    );
    let timeline = r.timeline(&id).await.unwrap();
    let withdrawn = timeline
        .iter()
        .find(|e| e.kind == "consent_withdrawn")
        .unwrap();
    assert_eq!(withdrawn.actor, "family:account-kim");
    let (told, _) = r.notifications(&p.sanne.0, &Seek::First, 20).await.unwrap();
    assert!(
        told.iter().any(|n| n.kind.code() == "consent_withdrawn"),
        "the regisseur hears of it: {told:?}"
    );
    drop(r);
    store.close().await;
    db
}
