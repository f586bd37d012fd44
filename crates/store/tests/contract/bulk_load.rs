//! A bulk load (the national-scale demo) drops indexes while it fills a new database
//! and makes them again at the end: the schema after it must be the migrated one, index
//! for index, whatever migrations add later.

use eenplan_domain::UtcTime;
use eenplan_domain::family::Postcode;
use eenplan_store::{Backend, Bulk, NewFamily, Store};

use crate::family::{actor, people};
use crate::support::TestDb;

/// Every index with its table and definition, by name.
async fn indexes(store: &Store) -> Vec<(String, String, String)> {
    let sql = match store.backend() {
        Backend::Sqlite => {
            "SELECT name, tbl_name AS tbl, COALESCE(sql, '') AS def FROM sqlite_master \
             WHERE type = 'index' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT indexname AS name, tablename AS tbl, indexdef AS def FROM pg_indexes \
             WHERE schemaname = current_schema() ORDER BY indexname"
        }
    };
    let mut tx = store.read().await.unwrap();
    tx.fetch_all(sql, vec![])
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.text("name").unwrap(),
                r.text("tbl").unwrap(),
                r.text("def").unwrap(),
            )
        })
        .collect()
}

pub async fn a_bulk_load_puts_back_every_index_and_the_safe_settings(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let migrated = indexes(&store).await;
    assert!(!migrated.is_empty());

    let load = store.begin_bulk_load().await.unwrap();
    if store.backend() == Backend::Sqlite {
        // The load really goes without most of them (the test would prove nothing else).
        assert!(load.dropped_indexes() >= 20, "{}", load.dropped_indexes());
        assert_eq!(
            indexes(&store).await.len(),
            migrated.len() - load.dropped_indexes()
        );
    }
    let mut bulk = Bulk::default();
    bulk.open_family(
        UtcTime::parse("2019-03-04T08:00:00Z").unwrap(),
        &actor(),
        &NewFamily {
            label: "Gezin Laden".into(),
            street: "Kanaalweg".into(),
            house_number: "1".into(),
            postcode: Postcode::parse("3526 KL").unwrap(),
            city: "Utrecht".into(),
            area_id: None,
        },
        (&p.sanne.0, &p.sanne.1),
    );
    let mut tx = store.write().await.unwrap();
    tx.write_bulk(bulk).await.unwrap();
    tx.commit().await.unwrap();
    store.end_bulk_load(load, || ()).await.unwrap();

    assert_eq!(indexes(&store).await, migrated);
    if store.backend() == Backend::Sqlite {
        let mut tx = store.write().await.unwrap();
        let mode = tx.fetch_one("PRAGMA journal_mode", vec![]).await.unwrap();
        assert_eq!(mode.text("journal_mode").unwrap(), "wal");
        let sync = tx.fetch_one("PRAGMA synchronous", vec![]).await.unwrap();
        // 2: FULL, as the store opens every connection.
        assert_eq!(sync.int("synchronous").unwrap(), 2);
    }
    let report = store.verify_journal(None).await.unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    db
}
