//! On every backend: the pilots as data (issue 16 §1). An area named by the seed texts'
//! pilots gets them when it is created, and the areas that existed before the table
//! get them from its migration; a chain administrator sets a start to the precision
//! known; every write is journaled and an unknown area is refused without a trace.

use eenplan_domain::area::AreaKind;
use eenplan_domain::evaluation::pilot::{AreaPilot, PilotKind, PilotStart};
use eenplan_store::{NewArea, StoreError};
use jiff::civil::date;

use crate::family::actor;
use crate::support::TestDb;

fn summary(pilots: &[AreaPilot]) -> Vec<(PilotKind, &str, PilotStart)> {
    pilots
        .iter()
        .map(|p| (p.kind, p.area_name.as_str(), p.start))
        .collect()
}

pub async fn pilots_are_seeded_by_area_name_and_set_by_the_chain_admin(db: TestDb) -> TestDb {
    let store = db.open().await;
    let mut tx = store.write().await.unwrap();
    let mut area = async |kind, name: &str, parent: Option<String>| {
        tx.create_area(
            &actor(),
            NewArea {
                kind,
                name: name.into(),
                code: None,
                parent_id: parent,
            },
        )
        .await
        .unwrap()
        .id
    };
    let province = area(AreaKind::Province, "Utrecht", None).await;
    let utrecht = area(AreaKind::Municipality, "Utrecht", Some(province.clone())).await;
    let gagel = area(AreaKind::Neighbourhood, "De Gagel", Some(utrecht.clone())).await;
    let spoorzoom = area(AreaKind::Neighbourhood, "Spoorzoom", Some(utrecht.clone())).await;
    let woerden = area(AreaKind::Municipality, "Woerden", Some(province.clone())).await;
    let zeist = area(AreaKind::Municipality, "Zeist", Some(province)).await;
    tx.commit().await.unwrap();

    let may_2020 = PilotStart::Month {
        year: 2020,
        month: 5,
    };
    let mut r = store.read().await.unwrap();
    assert_eq!(
        summary(&r.pilots().await.unwrap()),
        vec![
            (
                PilotKind::JeugdbeschermingUtrechtWest,
                "Woerden",
                PilotStart::Year(2020)
            ),
            (
                PilotKind::Evu,
                "De Gagel",
                PilotStart::Month {
                    year: 2021,
                    month: 10
                }
            ),
            (PilotKind::Evu, "Spoorzoom", PilotStart::Unknown),
        ],
        "only the areas the seed texts name, in the domain's order of ways of working"
    );
    let seeded = r.journal_for_subject("area", &gagel).await.unwrap();
    assert_eq!(
        seeded.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["area_created", "pilot_start_set"]
    );
    drop(r);

    // The chain administrator dates Spoorzoom to the day, corrects Woerden to the
    // month, and starts a pilot in Zeist known only to the year.
    let mut tx = store.write().await.unwrap();
    let set = tx
        .set_pilot_start(
            &actor(),
            PilotKind::Evu,
            &spoorzoom,
            PilotStart::On(date(2027, 6, 1)),
        )
        .await
        .unwrap();
    assert_eq!(set.area_name, "Spoorzoom");
    tx.set_pilot_start(
        &actor(),
        PilotKind::JeugdbeschermingUtrechtWest,
        &woerden,
        may_2020,
    )
    .await
    .unwrap();
    tx.set_pilot_start(&actor(), PilotKind::SaveOnSite, &zeist, PilotStart::Year(2023))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let pilots = r.pilots().await.unwrap();
    assert_eq!(
        summary(&pilots),
        vec![
            (PilotKind::SaveOnSite, "Zeist", PilotStart::Year(2023)),
            (PilotKind::JeugdbeschermingUtrechtWest, "Woerden", may_2020),
            (
                PilotKind::Evu,
                "De Gagel",
                PilotStart::Month {
                    year: 2021,
                    month: 10
                }
            ),
            (PilotKind::Evu, "Spoorzoom", PilotStart::On(date(2027, 6, 1))),
        ]
    );
    let spoorzoom_log = r.journal_for_subject("area", &spoorzoom).await.unwrap();
    let last = spoorzoom_log.last().unwrap();
    assert_eq!(last.kind, "pilot_start_set");
    assert!(
        last.payload.contains(r#""precision":"day""#)
            && last.payload.contains(r#""start_on":"2027-06-01""#),
        "{}",
        last.payload
    );
    drop(r);

    // An area that does not exist: refused, nothing written.
    let mut tx = store.write().await.unwrap();
    let refused = tx
        .set_pilot_start(&actor(), PilotKind::Evu, "onbekend", PilotStart::Unknown)
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound(_))), "{refused:?}");
    drop(tx);
    assert_eq!(store.read().await.unwrap().pilots().await.unwrap().len(), 4);

    // A database from before the pilots table: its migration gives the areas that
    // exist their pilots (here De Gagel's, Spoorzoom's and Woerden's again).
    let mut tx = store.write().await.unwrap();
    tx.execute("DROP TABLE pilots", vec![]).await.unwrap();
    tx.execute("DELETE FROM schema_migrations WHERE version = 43", vec![])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    store.migrate().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert_eq!(
        summary(&r.pilots().await.unwrap())
            .iter()
            .map(|(k, a, _)| (*k, *a))
            .collect::<Vec<_>>(),
        vec![
            (PilotKind::JeugdbeschermingUtrechtWest, "Woerden"),
            (PilotKind::Evu, "De Gagel"),
            (PilotKind::Evu, "Spoorzoom"),
        ]
    );
    drop(r);
    store.close().await;
    db
}
