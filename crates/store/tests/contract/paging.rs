//! Keyset paging of the families list and the `next_due_on` it sorts by, on every
//! backend.

use eenplan_domain::FamilyId;
use eenplan_domain::family::{ActionStatus, Framework, InvolvementRole, Plan};
use eenplan_store::{
    FamilyFilter, FamilyRow, FamilyScope, FamilySort, MyRole, PageKey, PlanSave, Seek, Store,
};
use jiff::civil::{Date, date};

use crate::family::{People, actor, open, people, sample_plan};
use crate::support::TestDb;

fn sanne(p: &People) -> FamilyScope {
    FamilyScope {
        user_id: p.sanne.0.clone(),
        led_team: None,
    }
}

/// Every row of the list, a page of `limit` at a time, forwards; between the first and
/// the second page `between` runs (to change the list under the reader).
async fn page_through(
    store: &Store,
    scope: &FamilyScope,
    sort: FamilySort,
    limit: i64,
    between: impl AsyncFnOnce(),
) -> (Vec<FamilyRow>, usize) {
    let mut all = Vec::new();
    let mut seek = Seek::First;
    let mut pages = 0;
    let mut between = Some(between);
    loop {
        let rows = store
            .read()
            .await
            .unwrap()
            .families_page(scope, &FamilyFilter::default(), sort, &seek, limit)
            .await
            .unwrap();
        pages += 1;
        let Some(last) = rows.last() else { break };
        seek = Seek::After(last.key.clone());
        let full = rows.len() == usize::try_from(limit).unwrap();
        all.extend(rows);
        if let Some(f) = between.take() {
            f().await;
        }
        if !full {
            break;
        }
    }
    (all, pages)
}

fn labels(rows: &[FamilyRow]) -> Vec<&str> {
    rows.iter().map(|r| r.label.as_str()).collect()
}

pub async fn families_page_by_keyset_each_row_once_in_order(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    for (i, name) in ["Gezin Bakker", "Gezin Jansen", "Gezin Vries", "Gezin Aydin", "Gezin Jansen", "Gezin Mulder", "Gezin Smit"]
        .iter()
        .enumerate()
    {
        open(&store, &p, name, &format!("{}", i + 1)).await;
    }
    // Two files join between the first and the second page: one that sorts before the
    // reader's position (not seen, nothing moves) and one after it (seen once).
    let (rows, pages) = page_through(&store, &sanne(&p), FamilySort::Name, 3, async || {
        open(&store, &p, "Gezin Aa", "20").await;
        open(&store, &p, "Gezin Zwart", "21").await;
    })
    .await;
    assert!(pages >= 3, "paged over {pages} pages");
    assert_eq!(
        labels(&rows),
        [
            "Gezin Aydin",
            "Gezin Bakker",
            "Gezin Jansen",
            "Gezin Jansen",
            "Gezin Mulder",
            "Gezin Smit",
            "Gezin Vries",
            "Gezin Zwart",
        ]
    );
    let mut ids: Vec<&FamilyId> = rows.iter().map(|r| &r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rows.len(), "no row twice");

    // Backwards from past the end gives the same list, page by page.
    let mut back: Vec<FamilyRow> = Vec::new();
    let mut seek = Seek::Before(PageKey {
        value: "~".into(),
        id: "~".into(),
    });
    loop {
        let rows = store
            .read()
            .await
            .unwrap()
            .families_page(&sanne(&p), &FamilyFilter::default(), FamilySort::Name, &seek, 3)
            .await
            .unwrap();
        let Some(first) = rows.first() else { break };
        seek = Seek::Before(first.key.clone());
        let mut rows = rows;
        rows.append(&mut back);
        back = rows;
    }
    assert_eq!(back.len(), 9, "all nine files, Gezin Aa included");
    assert_eq!(labels(&back[1..]), labels(&rows));

    // The total the caller counts: every candidate, once.
    let ids = store
        .read()
        .await
        .unwrap()
        .family_ids(&sanne(&p), &FamilyFilter::default())
        .await
        .unwrap();
    assert_eq!(ids.len(), 9);

    // Filters: Thomas is in no file; Joyce sees her team's files as team lead.
    let thomas = FamilyScope {
        user_id: p.thomas.0.clone(),
        led_team: None,
    };
    let mut r = store.read().await.unwrap();
    assert!(r.family_ids(&thomas, &FamilyFilter::default()).await.unwrap().is_empty());
    let joyce = FamilyScope {
        user_id: p.joyce.0.clone(),
        led_team: Some(p.overvecht_team.clone()),
    };
    let team = FamilyFilter {
        role: Some(MyRole::LeadsTeam),
        ..FamilyFilter::default()
    };
    assert_eq!(r.family_ids(&joyce, &team).await.unwrap().len(), 9);
    let as_regisseur = FamilyFilter {
        role: Some(MyRole::Involved(InvolvementRole::Regisseur)),
        ..FamilyFilter::default()
    };
    assert_eq!(r.family_ids(&joyce, &as_regisseur).await.unwrap().len(), 0);
    assert_eq!(r.family_ids(&sanne(&p), &as_regisseur).await.unwrap().len(), 9);
    let court = FamilyFilter {
        framework: Some(Framework::CourtOrder),
        ..FamilyFilter::default()
    };
    assert!(r.family_ids(&sanne(&p), &court).await.unwrap().is_empty());
    // A row says who leads and which children live there.
    let first = r
        .families_page(&sanne(&p), &FamilyFilter::default(), FamilySort::Name, &Seek::First, 1)
        .await
        .unwrap();
    assert_eq!(first[0].regisseur.as_deref(), Some("sanne"));
    assert_eq!(first[0].children, [("Sam Jansen".to_owned(), Some(date(2016, 4, 2)))]);
    drop(r);
    store.close().await;
    db
}

fn due_plan(review: Date, action_due: Date, status: ActionStatus) -> Plan {
    let mut plan = sample_plan();
    plan.review_date = Some(review);
    plan.domains[0].actions[0].due = Some(action_due);
    plan.domains[0].actions[0].status = status;
    plan
}

async fn next_due(store: &Store, p: &People, id: &FamilyId) -> Option<Date> {
    let rows = store
        .read()
        .await
        .unwrap()
        .families_page(&sanne(p), &FamilyFilter::default(), FamilySort::NextDue, &Seek::First, 200)
        .await
        .unwrap();
    rows.into_iter().find(|r| &r.id == id).and_then(|r| r.next_due_on)
}

pub async fn next_due_moves_with_the_plan_in_its_transaction(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let a = open(&store, &p, "Gezin A", "1").await;
    let b = open(&store, &p, "Gezin B", "2").await;
    let c = open(&store, &p, "Gezin C", "3").await;
    assert_eq!(next_due(&store, &p, &a).await, None, "no plan, nothing due");

    let save = async |id: &FamilyId, version: i64, plan: Plan| {
        let mut tx = store.write().await.unwrap();
        let saved = tx.save_plan(&actor(), &p.sanne.0, id, version, &plan).await.unwrap();
        assert_eq!(saved, PlanSave::Saved { version: version + 1 });
        tx.commit().await.unwrap();
    };
    save(&a, 0, due_plan(date(2027, 3, 1), date(2026, 12, 20), ActionStatus::Planned)).await;
    save(&b, 0, due_plan(date(2027, 1, 10), date(2026, 12, 10), ActionStatus::Done)).await;
    assert_eq!(next_due(&store, &p, &a).await, Some(date(2026, 12, 20)), "the open action");
    assert_eq!(next_due(&store, &p, &b).await, Some(date(2027, 1, 10)), "a done action asks nothing");

    // Sorted by what is due first; a file with nothing due comes last.
    let rows = store
        .read()
        .await
        .unwrap()
        .families_page(&sanne(&p), &FamilyFilter::default(), FamilySort::NextDue, &Seek::First, 10)
        .await
        .unwrap();
    assert_eq!(labels(&rows), ["Gezin A", "Gezin B", "Gezin C"]);
    let _ = c;

    // A save that is rolled back moves nothing.
    let mut tx = store.write().await.unwrap();
    tx.save_plan(&actor(), &p.sanne.0, &a, 1, &due_plan(date(2027, 3, 1), date(2026, 12, 1), ActionStatus::Planned))
        .await
        .unwrap();
    drop(tx);
    assert_eq!(next_due(&store, &p, &a).await, Some(date(2026, 12, 20)));

    // The action done: the review date is next.
    save(&a, 1, due_plan(date(2027, 3, 1), date(2026, 12, 20), ActionStatus::Done)).await;
    assert_eq!(next_due(&store, &p, &a).await, Some(date(2027, 3, 1)));
    let rows = store
        .read()
        .await
        .unwrap()
        .families_page(&sanne(&p), &FamilyFilter::default(), FamilySort::NextDue, &Seek::First, 10)
        .await
        .unwrap();
    assert_eq!(labels(&rows), ["Gezin B", "Gezin A", "Gezin C"]);

    // The migration that adds the column fills it for files that existed before it.
    let mut tx = store.write().await.unwrap();
    for sql in [
        "DROP INDEX families_next_due",
        "DROP INDEX involvements_user_open",
        "ALTER TABLE families DROP COLUMN next_due_on",
        "DELETE FROM schema_migrations WHERE version = 21",
    ] {
        tx.execute(sql, vec![]).await.unwrap();
    }
    tx.commit().await.unwrap();
    let applied = store.migrate().await.unwrap();
    assert_eq!(applied.iter().map(|m| m.version).collect::<Vec<_>>(), [21]);
    assert_eq!(next_due(&store, &p, &a).await, Some(date(2027, 3, 1)));
    assert_eq!(next_due(&store, &p, &b).await, Some(date(2027, 1, 10)));
    store.close().await;
    db
}

/// Names a locale's collation orders otherwise than bytes do (case, a space, accents):
/// the list puts them in the domain's order on every backend, and pages through files
/// with the same key without repeating or skipping one.
pub async fn families_sort_by_name_alike_on_every_backend(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    for (i, name) in ["Gezin Zwart", "Gezin de Vries", "Gezin Öztürk", "Gezin Dekker", "Gezin Çelik", "Gezin Bakker", "gezin Jansen", "Gezin Jansen", "Gezin  Jansen"]
        .iter()
        .enumerate()
    {
        open(&store, &p, name, &format!("{}", i + 1)).await;
    }
    let (rows, pages) = page_through(&store, &sanne(&p), FamilySort::Name, 2, async || {}).await;
    assert!(pages >= 5, "paged over {pages} pages");
    let mut shown = labels(&rows);
    // Files with the same key come in id order, which the test does not know: compare
    // them as a set.
    // A tussenvoegsel sorts after its surname: "de Vries" under V (issue 18 §1).
    shown[3..6].sort_unstable();
    assert_eq!(
        shown,
        [
            "Gezin Bakker",
            "Gezin Çelik",
            "Gezin Dekker",
            "Gezin  Jansen",
            "Gezin Jansen",
            "gezin Jansen",
            "Gezin Öztürk",
            "Gezin de Vries",
            "Gezin Zwart",
        ]
    );
    let ties: Vec<&FamilyId> = rows[3..6].iter().map(|r| &r.id).collect();
    assert!(ties.windows(2).all(|w| w[0] < w[1]), "equal keys by id: {ties:?}");

    // The migration that adds the key fills it for files that existed before it.
    let mut tx = store.write().await.unwrap();
    for sql in [
        "DROP INDEX families_label_sort",
        "ALTER TABLE families DROP COLUMN label_sort",
        "CREATE INDEX families_label ON families (label, id)",
        "DELETE FROM schema_migrations WHERE version = 33",
    ] {
        tx.execute(sql, vec![]).await.unwrap();
    }
    tx.commit().await.unwrap();
    let applied = store.migrate().await.unwrap();
    assert_eq!(applied.iter().map(|m| m.version).collect::<Vec<_>>(), [33]);
    let (again, _) = page_through(&store, &sanne(&p), FamilySort::Name, 2, async || {}).await;
    assert_eq!(labels(&again), labels(&rows));
    store.close().await;
    db
}

/// Every item of a keyset-paged list, `limit` at a time forwards, then backwards from
/// past the last one: both ways the same items, each once.
async fn both_ways<T: Clone + std::fmt::Debug + PartialEq>(
    limit: i64,
    mut page: impl AsyncFnMut(Seek) -> Vec<(T, PageKey)>,
) -> (Vec<T>, usize) {
    let (mut all, mut seek, mut pages) = (Vec::new(), Seek::First, 0);
    let mut last_key = None;
    loop {
        let rows = page(seek.clone()).await;
        pages += 1;
        assert!(rows.len() <= usize::try_from(limit).unwrap());
        let Some((_, key)) = rows.last() else { break };
        seek = Seek::After(key.clone());
        last_key = Some(key.clone());
        let full = rows.len() == usize::try_from(limit).unwrap();
        all.extend(rows.into_iter().map(|r| r.0));
        if !full {
            break;
        }
    }
    let mut back: Vec<T> = Vec::new();
    if let Some(last) = last_key {
        let tail = page(Seek::After(last.clone())).await;
        assert!(tail.is_empty(), "nothing after the last one");
        back.extend(all.last().cloned());
        let mut seek = Seek::Before(last);
        loop {
            let rows = page(seek.clone()).await;
            let Some((_, first)) = rows.first() else { break };
            seek = Seek::Before(first.clone());
            let mut rows: Vec<T> = rows.into_iter().map(|r| r.0).collect();
            rows.append(&mut back);
            back = rows;
        }
    }
    assert_eq!(back, all, "backwards the same list");
    (all, pages)
}

/// The privacy officer's access log, a page at a time: newest first, every line of
/// their part once, none of another organisation's, and the count over all pages.
pub async fn access_log_pages_each_line_once(db: TestDb) -> TestDb {
    use eenplan_domain::access_log::{AccessBasis, AccessEvent};
    use eenplan_store::{AccessEntry, AccessFilter, AccessLine};
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "1").await;
    let line = |who: &(eenplan_domain::UserId, eenplan_domain::OrganisationId), n: usize, family: bool| AccessEntry {
        event: AccessEvent::Read,
        granted: true,
        basis: Some(AccessBasis::Involved),
        user_id: who.0.to_string(),
        organisation_id: who.1.to_string(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: family.then(|| id.to_string()),
        data: format!("GET /regel/{n}"),
        client_address: "127.0.0.1".into(),
    };
    for n in 0..10 {
        let mut tx = store.write().await.unwrap();
        // Every third line is Thomas's (SAVE), outside any file: not Lokalis's part.
        let entry = if n % 3 == 2 { line(&p.thomas, n, false) } else { line(&p.sanne, n, true) };
        tx.log_access(&entry).await.unwrap();
        tx.commit().await.unwrap();
    }
    let officer = |org: &eenplan_domain::OrganisationId| AccessFilter {
        scope_organisation: org.to_string(),
        ..AccessFilter::default()
    };
    let lokalis = officer(&p.sanne.1);
    let (lines, pages) = both_ways(3, async |seek| {
        let mut r = store.read().await.unwrap();
        r.access_log_page(&lokalis, &seek, 3).await.unwrap()
    })
    .await;
    assert!(pages >= 3, "{pages} pages");
    let data: Vec<&str> = lines.iter().map(|l: &AccessLine| l.data.as_str()).collect();
    assert_eq!(
        data,
        ["GET /regel/9", "GET /regel/7", "GET /regel/6", "GET /regel/4", "GET /regel/3", "GET /regel/1", "GET /regel/0"],
        "newest first, Lokalis's part only"
    );
    let mut r = store.read().await.unwrap();
    assert_eq!(r.access_log_count(&lokalis).await.unwrap(), 7);
    let save = officer(&p.thomas.1);
    assert_eq!(r.access_log_count(&save).await.unwrap(), 3);
    let first = r.access_log_page(&save, &Seek::First, 2).await.unwrap();
    assert_eq!(first.len(), 2);
    let rest = r
        .access_log_page(&save, &Seek::After(first[1].1.clone()), 2)
        .await
        .unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].0.data, "GET /regel/2");
    drop(r);
    store.close().await;
    db
}

/// The emergency-access review list, a page at a time: the unreviewed ones first, each
/// part newest first, two started at the same moment both shown once, the counts right.
pub async fn emergency_reviews_page_unreviewed_first(db: TestDb) -> TestDb {
    use eenplan_domain::UtcTime;
    let store = db.open().await;
    let p = people(&store).await;
    let moments = [
        "2026-11-20T10:00:00Z",
        "2026-11-21T10:00:00Z",
        "2026-11-21T10:00:00Z",
        "2026-11-22T10:00:00Z",
        "2026-11-23T10:00:00Z",
    ];
    let mut ids = Vec::new();
    for (i, at) in moments.iter().enumerate() {
        let family = open(&store, &p, &format!("Gezin {i}"), &format!("{}", i + 1)).await;
        let mut tx = store.write().await.unwrap();
        tx.break_glass(&actor(), &family, (&p.mohamed.0, &p.mohamed.1), &format!("Politie belt over gezin {i}"), false, UtcTime::parse(at).unwrap())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        ids.push(family);
    }
    let all = store.read().await.unwrap().emergencies(false).await.unwrap();
    let of = |family: &FamilyId| all.iter().find(|e| e.family_id == family.as_str()).unwrap().id.clone();
    // The newest and the oldest reviewed.
    for family in [&ids[4], &ids[0]] {
        let mut tx = store.write().await.unwrap();
        tx.review_emergency(&actor(), &of(family), &p.joyce.0, "Terecht").await.unwrap();
        tx.commit().await.unwrap();
    }
    let (list, pages) = both_ways(2, async |seek| {
        let mut r = store.read().await.unwrap();
        r.emergencies_page(&p.sanne.1, &seek, 2).await.unwrap()
    })
    .await;
    assert!(pages >= 3, "{pages} pages");
    let families: Vec<&str> = list.iter().map(|e| e.family_label.as_str()).collect();
    assert_eq!(&families[0..1], ["Gezin 3"], "unreviewed, newest first");
    let mut tie = families[1..3].to_vec();
    tie.sort_unstable();
    assert_eq!(tie, ["Gezin 1", "Gezin 2"], "the same moment, both once");
    assert_eq!(&families[3..], ["Gezin 4", "Gezin 0"], "then the reviewed ones");
    let mut r = store.read().await.unwrap();
    assert_eq!(r.emergency_counts(&p.sanne.1).await.unwrap(), (5, 3));
    assert_eq!(r.emergency_counts(&p.thomas.1).await.unwrap(), (0, 0), "SAVE leads none of them");
    let one = r.emergency_in_scope(&of(&ids[3]), &p.sanne.1).await.unwrap();
    assert_eq!(one.map(|e| e.family_label), Some("Gezin 3".to_owned()));
    assert!(r.emergency_in_scope(&of(&ids[3]), &p.thomas.1).await.unwrap().is_none());
    drop(r);
    store.close().await;
    db
}
