//! Rules that follow the law (issue 12, section 6) as the store applies them: statutory
//! terms counted on the Algemene termijnenwet calendar, whose equated days are data.

use eenplan_domain::UtcTime;
use eenplan_domain::veilig_thuis::{ContactKind, Reporter};
use eenplan_store::{NewContact, Store};
use jiff::civil::{Date, date};

use crate::family::{actor, people};
use crate::support::TestDb;

async fn veilig_thuis(store: &Store) -> String {
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
async fn due(store: &Store, vt: &str, by: &str, on: Date) -> Date {
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
    let (contact, ..) = r.vt_contact(vt, &id).await.unwrap().unwrap();
    contact.due_on.unwrap()
}

/// Veilig Thuis's five working days skip 5 May, Good Friday and the days equated by
/// royal decree (Atw art. 3), on both backends.
pub async fn statutory_terms_skip_the_days_of_the_termijnenwet(db: TestDb) -> TestDb {
    let store = db.open().await;
    let vt = veilig_thuis(&store).await;
    let p = people(&store).await;
    let by = p.sanne.0.as_str();
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
