//! Who is told what, on every backend: each event of the circle and of consent reaches
//! the people the domain's rule names, past the access gate; someone without access is
//! told nothing, and a partner that lost access is told only that, under the label it
//! knew.

use eenplan_domain::family::{
    ConsentForm, ConsentStep, DataCategory, Expertise, InvolvementRole,
};
use eenplan_domain::notification::NotificationKind as K;
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use eenplan_store::{ConsentInput, NewInvolvement, Notification, Seek, Store};
use jiff::civil::date;

use crate::consent::consent_to;
use crate::family::{actor, open, people};
use crate::support::TestDb;

/// This person's notifications, newest first.
pub async fn told(store: &Store, user: &UserId) -> Vec<Notification> {
    let mut r = store.read().await.unwrap();
    let (list, total) = r.notifications(user, &Seek::First, 50).await.unwrap();
    assert_eq!(total as usize, list.len());
    list
}

/// The kinds of this person's notifications, newest first.
pub async fn kinds(store: &Store, user: &UserId) -> Vec<K> {
    told(store, user).await.iter().map(|n| n.kind).collect()
}

/// `who` joins the family's circle as a partner of their organisation.
pub async fn join(store: &Store, family: &FamilyId, who: &(UserId, OrganisationId)) -> String {
    let mut tx = store.write().await.unwrap();
    let (id, _) = tx
        .add_involvement(
            &actor(),
            family,
            NewInvolvement {
                role: InvolvementRole::Partner,
                organisation_id: who.1.to_string(),
                user_id: who.0.to_string(),
                expertise: Some(Expertise::Safety),
                takes_over: None,
                reason: None,
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn withdraw(store: &Store, family: &FamilyId, consent: &str, by: &UserId) {
    let mut tx = store.write().await.unwrap();
    tx.withdraw_consent(&actor(), family, consent, by, "Het gezin wil het niet meer")
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

pub async fn partners_joining_leaving_and_taking_over_tell_the_circle_once(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let consent = consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
    let thomas_in = join(&store, &id, &p.thomas).await;
    assert_eq!(kinds(&store, &p.sanne.0).await, [K::PartnerJoined]);
    assert!(
        kinds(&store, &p.thomas.0).await.is_empty(),
        "the partner who joined is not told of it (nor of the consent: not yet involved)"
    );
    for outside in [&p.mohamed.0, &p.joyce.0] {
        assert!(kinds(&store, outside).await.is_empty(), "outside the circle");
    }

    // Thomas stays in the circle but sees nothing any more: he hears no more of it.
    withdraw(&store, &id, &consent, &p.sanne.0).await;
    assert_eq!(kinds(&store, &p.thomas.0).await, [K::AccessLost]);

    // Mohamed takes over from Sanne: one notice of the change, not a join and a
    // handover.
    let sanne_in = {
        let mut r = store.read().await.unwrap();
        let f = r.family(&id).await.unwrap().unwrap();
        f.involvements
            .iter()
            .find(|i| i.role == InvolvementRole::Regisseur)
            .unwrap()
            .id
            .clone()
    };
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &id,
        NewInvolvement {
            role: InvolvementRole::Regisseur,
            organisation_id: p.mohamed.1.to_string(),
            user_id: p.mohamed.0.to_string(),
            expertise: None,
            takes_over: Some(sanne_in),
            reason: Some("Sanne gaat met verlof".into()),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(kinds(&store, &p.mohamed.0).await, [K::Handover]);
    assert_eq!(
        kinds(&store, &p.sanne.0).await,
        [K::PartnerJoined],
        "she left the circle with the handover"
    );
    assert_eq!(
        kinds(&store, &p.thomas.0).await,
        [K::AccessLost],
        "no access, so not told of the handover"
    );

    // Thomas leaves: the circle hears it.
    let mut tx = store.write().await.unwrap();
    tx.end_involvement(&actor(), &id, &thomas_in, "Geen toestemming meer")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        kinds(&store, &p.mohamed.0).await,
        [K::PartnerLeft, K::Handover]
    );
    let left = &told(&store, &p.mohamed.0).await[0];
    assert_eq!(left.subject_id.as_deref(), Some(thomas_in.as_str()));
    assert_eq!(left.family_id.as_deref(), Some(id.as_str()));
    store.close().await;
    db
}

pub async fn consent_tells_its_organisation_and_a_partner_that_lost_access_only_that(
    db: TestDb,
) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let first = consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
    join(&store, &id, &p.thomas).await;

    // A second consent to SAVE, for the notes only: SAVE's partner hears of it.
    let (sam, kim) = {
        let mut r = store.read().await.unwrap();
        let f = r.family(&id).await.unwrap().unwrap();
        (f.members[0].id.clone(), f.members[1].id.clone())
    };
    let mut tx = store.write().await.unwrap();
    let notes = tx
        .record_consent(
            &actor(),
            &id,
            &p.sanne.0,
            &ConsentInput {
                step: ConsentStep::SaveGuidance,
                organisation_id: Some(p.thomas.1.clone()),
                purpose: "De gespreksverslagen delen met SAVE".into(),
                categories: vec![DataCategory::Notes],
                children: vec![sam],
                given_by: vec![kim],
                form: ConsentForm::Spoken,
                given_on: date(2026, 11, 23),
                ends_on: None,
            },
            date(2026, 11, 23),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(kinds(&store, &p.thomas.0).await, [K::ConsentGiven]);

    // The first withdrawn: Thomas still sees the notes, so he hears what changed.
    withdraw(&store, &id, &first, &p.sanne.0).await;
    assert_eq!(
        kinds(&store, &p.thomas.0).await,
        [K::ConsentWithdrawn, K::ConsentGiven]
    );

    // The last withdrawn: he sees nothing any more, and is told only that, under the
    // label he knew.
    withdraw(&store, &id, &notes, &p.sanne.0).await;
    let list = told(&store, &p.thomas.0).await;
    assert_eq!(
        list.iter().map(|n| n.kind).collect::<Vec<_>>(),
        [K::AccessLost, K::ConsentWithdrawn, K::ConsentGiven]
    );
    assert_eq!(list[0].lost_label.as_deref(), Some("Gezin Jansen"));
    assert_eq!(list[0].subject_id, None, "not what was withdrawn");
    assert_eq!(list[1].lost_label, None);

    // Not SAVE's consent: the regisseur's organisation (she heard Thomas join, no
    // more) and outsiders hear nothing of it.
    assert_eq!(kinds(&store, &p.sanne.0).await, [K::PartnerJoined]);
    for other in [&p.mohamed.0, &p.joyce.0] {
        assert!(kinds(&store, other).await.is_empty());
    }
    store.close().await;
    db
}
