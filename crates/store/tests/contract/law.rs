//! Rules that follow the law as the store applies them: statutory
//! terms counted on the Algemene termijnenwet calendar, whose equated days are data.

use eenplan_domain::{OrganisationId, UserId};
use eenplan_domain::UtcTime;
use eenplan_domain::veilig_thuis::{ContactKind, Reporter};
use eenplan_store::{NewContact, Store};
use jiff::civil::{Date, date};

use crate::family::{actor, people};
use crate::support::TestDb;

async fn veilig_thuis(store: &Store) -> OrganisationId {
    let mut tx = store.write().await.unwrap();
    let vt = tx
        .create_organisation(
            &actor(),
            eenplan_store::NewOrganisation {
                slug: eenplan_domain::organisation::Slug::parse("vt").unwrap(),
                name: "Veilig Thuis".into(),
                kind: eenplan_domain::organisation::OrganisationKind::VeiligThuis,
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    vt.id
}

/// The safety assessment's due date for a report received at 10:00 (Amsterdam) on `on`.
async fn due(store: &Store, vt: &OrganisationId, by: &UserId, on: Date) -> Date {
    let report = NewContact {
        kind: ContactKind::Report,
        acute: false,
        reporter: Some(Reporter::School),
        reporter_name: "Meester Bas".into(),
        reporter_contact: "030-000 00 00".into(),
        child_name: "Noor de Wit".into(),
        child_birth: Some(date(2017, 3, 3)),
        postcode: None,
        house_number: String::new(),
        more_children: Vec::new(),
        received_at: None,
        concern: "Noor komt met blauwe plekken op school".into(),
    };
    let now = UtcTime::parse(&format!("{on}T08:00:00Z")).unwrap();
    let mut tx = store.write().await.unwrap();
    let (id, _) = tx
        .receive_contact(&actor(), vt, by, &report, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let contact = r.vt_contact(vt, &id).await.unwrap().unwrap().contact;
    contact.due_on.unwrap()
}

/// Veilig Thuis's five working days skip 5 May, Good Friday and the days equated by
/// royal decree (Atw art. 3), on both backends.
pub async fn statutory_terms_skip_the_days_of_the_termijnenwet(db: TestDb) -> TestDb {
    let store = db.open().await;
    let vt = veilig_thuis(&store).await;
    let p = people(&store).await;
    let by = &p.sanne.0;
    // Wednesday 30 April 2025: Thu 1, Fri 2, (Mon 5 May skipped), Tue 6, Wed 7, Thu 8.
    assert_eq!(
        due(&store, &vt, by, date(2025, 4, 30)).await,
        date(2025, 5, 8)
    );
    // Thursday 17 April 2025: Good Friday and Easter Monday skipped.
    assert_eq!(
        due(&store, &vt, by, date(2025, 4, 17)).await,
        date(2025, 4, 28)
    );
    // Wednesday 28 May 2025: Ascension (29th) and the equated Friday 30 May skipped.
    assert_eq!(
        due(&store, &vt, by, date(2025, 5, 28)).await,
        date(2025, 6, 6)
    );

    // The equated days are data: taken off, the Friday counts again; journaled both ways.
    let mut tx = store.write().await.unwrap();
    tx.remove_statutory_day(&actor(), date(2025, 5, 30), "Stcrt. 2024, 1 (rectificatie)")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        due(&store, &vt, by, date(2025, 5, 28)).await,
        date(2025, 6, 5)
    );
    let mut tx = store.write().await.unwrap();
    tx.add_statutory_day(&actor(), date(2025, 5, 30), "Stcrt. 2022, 12345")
        .await
        .unwrap();
    assert!(matches!(
        tx.add_statutory_day(&actor(), date(2025, 5, 30), "Stcrt. 2022, 12345")
            .await,
        Err(eenplan_store::StoreError::Duplicate(_))
    ));
    drop(tx);
    let mut tx = store.write().await.unwrap();
    tx.add_statutory_day(&actor(), date(2025, 5, 30), "Stcrt. 2022, 12345")
        .await
        .unwrap();
    assert!(matches!(
        tx.remove_statutory_day(&actor(), date(2025, 6, 2), "Stcrt. 2022, 12345")
            .await,
        Err(eenplan_store::StoreError::NotFound(_))
    ));
    drop(tx);
    let mut tx = store.write().await.unwrap();
    tx.add_statutory_day(&actor(), date(2025, 5, 30), "Stcrt. 2022, 12345")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        due(&store, &vt, by, date(2025, 5, 28)).await,
        date(2025, 6, 6)
    );
    let mut r = store.read().await.unwrap();
    let days = r.statutory_days().await.unwrap();
    assert!(
        days.iter()
            .any(|d| d.day == date(2025, 5, 30) && d.reference == "Stcrt. 2022, 12345")
    );
    assert_eq!(
        days.iter().filter(|d| d.day.year() == 2026).count(),
        3,
        "2 Jan, 4 May, 15 May 2026"
    );
    let kinds: Vec<String> = r
        .journal_for_subject("statutory_day", "2025-05-30")
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["statutory_day_removed", "statutory_day_added"]);
    drop(r);
    store.close().await;
    db
}

/// Agreeing the plan follows the consent age rule per child, stores nothing on a
/// refusal, and under a court order records the family's view instead (both backends).
pub async fn plan_agreement_follows_the_age_rule_and_a_court_order_takes_a_view(
    db: TestDb,
) -> TestDb {
    use eenplan_domain::family::{Agreement, AgreementError, Framework, MemberKind, Plan};
    use eenplan_store::{FrameworkInput, StoreError};

    let store = db.open().await;
    let p = people(&store).await;
    let id = crate::family::open(&store, &p, "Gezin Jansen", "12").await;
    let family = store
        .read()
        .await
        .unwrap()
        .family(&id)
        .await
        .unwrap()
        .unwrap();
    let member = |kind| {
        family
            .members
            .iter()
            .find(|m| m.kind == kind)
            .unwrap()
            .id
            .clone()
    };
    let (sam, kim) = (member(MemberKind::Child), member(MemberKind::Parent));
    let plan = Plan {
        worries: vec!["Ruzie thuis".into()],
        ..Plan::default()
    };
    let mut tx = store.write().await.unwrap();
    tx.save_plan(&actor(), &p.sanne.0, &id, 0, &plan)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // Sam is 10: he may not agree, Kim must.
    let mut tx = store.write().await.unwrap();
    match tx
        .record_plan_agreement(&actor(), &p.sanne.0, &id, 1, std::slice::from_ref(&sam), "")
        .await
    {
        Err(StoreError::Agreement(AgreementError::Incomplete {
            not_entitled,
            missing,
        })) => {
            assert_eq!(not_entitled[0].name, "Sam Jansen");
            assert_eq!(missing[0].name, "Kim Jansen");
        }
        other => panic!("a ten-year-old's agreement was accepted: {other:?}"),
    }
    drop(tx);
    assert!(
        store
            .read()
            .await
            .unwrap()
            .plan_agreements(&id, 1)
            .await
            .unwrap()
            .is_empty()
    );
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.record_plan_agreement(&actor(), &p.sanne.0, &id, 7, std::slice::from_ref(&kim), "")
            .await,
        Err(StoreError::NotFound(_))
    ));
    drop(tx);
    assert_eq!(
        store.write().await.unwrap().who_agrees(&id).await.unwrap(),
        std::slice::from_ref(&kim)
    );

    // Under a court order: no agreement, the family's view.
    let mut tx = store.write().await.unwrap();
    let today = eenplan_domain::time::amsterdam_date(UtcTime::now());
    tx.change_framework(
        &actor(),
        &id,
        &FrameworkInput {
            framework: Framework::CourtOrder,
            organisation_id: Some(p.thomas.1.clone()),
            ground: "Ondertoezichtstelling".into(),
            effective_on: today,
        },
        today,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.record_plan_agreement(
            &actor(),
            &p.thomas.0,
            &id,
            1,
            std::slice::from_ref(&kim),
            ""
        )
        .await,
        Err(StoreError::Agreement(AgreementError::ViewNeeded))
    ));
    drop(tx);
    let mut tx = store.write().await.unwrap();
    let view = "Kim wil dat Sam vaker bij oma is";
    assert_eq!(
        tx.record_plan_agreement(
            &actor(),
            &p.thomas.0,
            &id,
            1,
            &[kim.clone(), sam.clone()],
            view
        )
        .await
        .unwrap(),
        Agreement::FamilyView
    );
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert_eq!(
        r.plan_family_views(&id, 1).await.unwrap()[0].0,
        view,
        "the view is kept"
    );
    assert!(r.plan_agreements(&id, 1).await.unwrap().is_empty());
    let kinds: Vec<String> = r
        .timeline(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(kinds.contains(&"plan_view_recorded".to_owned()));
    drop(r);
    store.close().await;
    db
}
