//! The name index (issue 18 §1) on every backend: a search finds exactly the files the
//! domain's `name_matches` finds, through the lists and the SAVE op locatie choice alike;
//! a corrected name is found by its new words only; the migration fills the index
//! from the names kept before it.

use std::collections::BTreeSet;

use eenplan_domain::FamilyId;
use eenplan_domain::family::name_search::name_matches;
use eenplan_domain::family::{MemberKind, NewMember};
use eenplan_store::{FamilyFilter, FamilyQuery, FamilyScope, FamilySort, Seek, Store};
use jiff::civil::date;

use crate::family::{People, actor, open, people};
use crate::support::TestDb;

/// Children's names that fold, hyphenate and carry tussenvoegsels, one file each.
const NAMES: &[&str] = &[
    "Anna de Vries",
    "Fatima Jansen-de Vries",
    "Søren Ærø",
    "Ayşe Öztürk",
    "Kees 't Hart",
    "Sean O'Brien",
    "Jan van den Berg",
    "Iğdır Straße",
    "Łucja Nowak",
];

const QUERIES: &[&str] = &[
    "vries",
    "de vries",
    "DEVRIES",
    "jansen",
    "ozturk",
    "AYSE Öz",
    "soren aero",
    "obrien",
    "hart",
    "thart",
    "berg jan",
    "vandenberg",
    "igdir strasse",
    "lucja",
    "an",
    "nna",
    "vriezen",
    "a b c d e",
];

/// The files sanne finds by `name` through the list of her files and through her
/// choice of files (SAVE op locatie); both must agree.
async fn found(store: &Store, p: &People, name: &str) -> BTreeSet<String> {
    let mut r = store.read().await.unwrap();
    let query = FamilyQuery {
        name: name.into(),
        ..FamilyQuery::default()
    };
    let chosen: BTreeSet<String> = r
        .search_families(&p.sanne.0, None, &query)
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.id.to_string())
        .collect();
    let scope = FamilyScope {
        user_id: p.sanne.0.clone(),
        led_team: None,
    };
    let filter = FamilyFilter {
        query,
        ..FamilyFilter::default()
    };
    let listed: BTreeSet<String> = r
        .families_page(&scope, &filter, FamilySort::Name, &Seek::First, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.id.to_string())
        .collect();
    assert_eq!(chosen, listed, "{name}: the list and the choice agree");
    chosen
}

pub async fn the_name_index_finds_what_the_domain_finds(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let mut files: Vec<(FamilyId, Vec<String>)> = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let id = open(&store, &p, &format!("Gezin {i}"), &format!("{}", i + 1)).await;
        let mut tx = store.write().await.unwrap();
        tx.add_member(
            &actor(),
            &id,
            NewMember {
                kind: MemberKind::Child,
                name: (*name).into(),
                date_of_birth: Some(date(2014, 1, 1)),
                has_custody: false,
            },
            date(2026, 11, 22),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let members = store
            .read()
            .await
            .unwrap()
            .family(&id)
            .await
            .unwrap()
            .unwrap()
            .members
            .into_iter()
            .map(|m| m.name)
            .collect();
        files.push((id, members));
    }
    let expected = |q: &str| -> BTreeSet<String> {
        files
            .iter()
            .filter(|(_, names)| names.iter().any(|n| name_matches(n, q)))
            .map(|(id, _)| id.to_string())
            .collect()
    };
    for q in QUERIES {
        assert_eq!(found(&store, &p, q).await, expected(q), "search {q:?}");
    }
    assert_eq!(found(&store, &p, "vries").await.len(), 2, "both files with Vries");
    assert!(found(&store, &p, "nna").await.is_empty(), "a word begins a name word");

    // A corrected name is found by its new words, not by the old ones.
    let (first_id, _) = &files[0];
    let first = &first_id.to_string();
    let mut tx = store.write().await.unwrap();
    let member = tx
        .family(first_id)
        .await
        .unwrap()
        .unwrap()
        .members
        .into_iter()
        .find(|m| m.name == "Anna de Vries")
        .unwrap();
    tx.correct_member(
        &actor(),
        first_id,
        &member.id,
        NewMember {
            kind: MemberKind::Child,
            name: "Anna Bakker".into(),
            date_of_birth: Some(date(2014, 1, 1)),
            has_custody: false,
        },
        "Achternaam gewijzigd",
        date(2026, 11, 22),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(found(&store, &p, "bakker").await, [first.clone()].into());
    assert!(!found(&store, &p, "devries").await.contains(first));

    // The migration fills the index from the names kept before it.
    let before: Vec<BTreeSet<String>> = {
        let mut all = Vec::new();
        for q in QUERIES {
            all.push(found(&store, &p, q).await);
        }
        all
    };
    let mut tx = store.write().await.unwrap();
    for sql in [
        "DROP TABLE family_member_tokens",
        "DROP INDEX users_team",
        "DELETE FROM schema_migrations WHERE version = 58",
    ] {
        tx.execute(sql, vec![]).await.unwrap();
    }
    tx.commit().await.unwrap();
    assert!(
        store.migrate().await.unwrap().iter().any(|m| m.version == 58),
        "the index's migration runs again"
    );
    for (q, was) in QUERIES.iter().zip(&before) {
        assert_eq!(&found(&store, &p, q).await, was, "refilled: {q:?}");
    }
    store.close().await;
    db
}
