//! Closing and reopening a family file, on every backend: the state and its journal
//! entry in one transaction, the refusals leaving nothing behind, and the active lists
//! leaving closed files out.

use eenplan_domain::family::{ClosingError, ClosingReason, Framework};
use eenplan_domain::time::amsterdam_date;
use eenplan_domain::{FamilyId, UtcTime};
use eenplan_store::{
    FamilyFilter, FamilyScope, FamilySort, FileState, FrameworkInput, Seek, Store, StoreError,
    TeamScope,
};
use jiff::ToSpan;

use crate::family::{People, actor, open, people};
use crate::support::TestDb;

async fn kinds(store: &Store, family: &FamilyId) -> Vec<String> {
    let mut tx = store.read().await.unwrap();
    tx.timeline(family)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

async fn listed(store: &Store, p: &People, state: FileState) -> Vec<String> {
    let scope = FamilyScope {
        user_id: p.sanne.0.clone(),
        led_team: None,
    };
    let filter = FamilyFilter {
        state,
        ..FamilyFilter::default()
    };
    let mut tx = store.read().await.unwrap();
    let page = tx
        .families_page(&scope, &filter, FamilySort::Name, &Seek::First, 50)
        .await
        .unwrap();
    let ids = tx.family_ids(&scope, &filter).await.unwrap();
    assert_eq!(page.len(), ids.len(), "the total counts what the pages show");
    page.into_iter().map(|r| r.label).collect()
}

async fn close(
    store: &Store,
    family: &FamilyId,
    reason: Option<ClosingReason>,
    note: &str,
) -> Result<jiff::civil::Date, StoreError> {
    let mut tx = store.write().await.unwrap();
    let out = tx.close_file(&actor(), family, reason, note).await;
    if out.is_ok() {
        tx.commit().await.unwrap();
    }
    out
}

pub async fn closing_and_reopening_a_file_is_journaled_and_leaves_the_active_lists(
    db: TestDb,
) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let bakker = open(&store, &p, "Gezin Bakker", "1").await;
    let jansen = open(&store, &p, "Gezin Jansen", "2").await;
    let before = kinds(&store, &jansen).await;

    // Refused: no reason, "other" without a note; nothing changes, nothing journaled.
    assert!(matches!(
        close(&store, &jansen, None, "").await,
        Err(StoreError::Closing(ClosingError::ReasonNeeded))
    ));
    assert!(matches!(
        close(&store, &jansen, Some(ClosingReason::Other), " ").await,
        Err(StoreError::Closing(ClosingError::NoteNeeded))
    ));
    assert_eq!(kinds(&store, &jansen).await, before);

    let closed_on = close(
        &store,
        &jansen,
        Some(ClosingReason::GoalsReached),
        "  Veiligheid is hersteld  ",
    )
    .await
    .unwrap();
    assert_eq!(closed_on, amsterdam_date(UtcTime::now()));
    let file = store
        .read()
        .await
        .unwrap()
        .family(&jansen)
        .await
        .unwrap()
        .unwrap();
    let closed = file.closed.clone().expect("closed");
    assert_eq!(
        (closed.on, closed.reason, closed.note.as_deref()),
        (
            closed_on,
            ClosingReason::GoalsReached,
            Some("Veiligheid is hersteld")
        )
    );
    assert_eq!(closed.retention_ends_on(), closed_on + 20.years());
    assert_eq!(kinds(&store, &jansen).await.last().unwrap(), "file_closed");
    // The regisseur stays in the circle: she may read the file and reopen it.
    assert!(file.regisseur().is_some());

    // A second closing is refused and journals nothing.
    let n = kinds(&store, &jansen).await.len();
    assert!(matches!(
        close(&store, &jansen, Some(ClosingReason::MovedAway), "").await,
        Err(StoreError::Closing(ClosingError::AlreadyClosed))
    ));
    assert_eq!(kinds(&store, &jansen).await.len(), n);

    // The lists: active by default, closed on request, or all.
    assert_eq!(listed(&store, &p, FileState::Active).await, ["Gezin Bakker"]);
    assert_eq!(listed(&store, &p, FileState::Closed).await, ["Gezin Jansen"]);
    assert_eq!(
        listed(&store, &p, FileState::All).await,
        ["Gezin Bakker", "Gezin Jansen"]
    );
    let caseload = store
        .read()
        .await
        .unwrap()
        .team_caseload(&TeamScope {
            organisation_id: p.sanne.1.clone(),
            team_id: None,
        })
        .await
        .unwrap();
    let sanne = caseload.iter().find(|c| c.user_id == p.sanne.0).unwrap();
    assert_eq!(sanne.led, 1, "only the open file counts: {caseload:?}");
    let plans = store
        .read()
        .await
        .unwrap()
        .plans_led_by(&p.sanne.0)
        .await
        .unwrap();
    assert_eq!(
        plans.iter().map(|(id, ..)| id).collect::<Vec<_>>(),
        [&bakker]
    );

    // Reopening needs a reason, then clears the closing in its own entry.
    {
        let mut tx = store.write().await.unwrap();
        assert!(matches!(
            tx.reopen_file(&actor(), &jansen, "  ").await,
            Err(StoreError::Closing(ClosingError::ReasonNeeded))
        ));
    }
    let mut tx = store.write().await.unwrap();
    tx.reopen_file(&actor(), &jansen, "Nieuwe zorgen van school")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let file = store
        .read()
        .await
        .unwrap()
        .family(&jansen)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.closed, None);
    assert_eq!(kinds(&store, &jansen).await.last().unwrap(), "file_reopened");
    assert_eq!(
        listed(&store, &p, FileState::Active).await,
        ["Gezin Bakker", "Gezin Jansen"]
    );
    {
        let mut tx = store.write().await.unwrap();
        assert!(matches!(
            tx.reopen_file(&actor(), &jansen, "nog eens").await,
            Err(StoreError::Closing(ClosingError::NotClosed))
        ));
    }
    // The journal explains the rows: closing and reopening seal the family's record.
    let report = store.verify_deep().await.unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    db
}

pub async fn a_file_under_a_legal_basis_stays_open(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Gezin Aydin", "3").await;
    let today = amsterdam_date(UtcTime::now());
    let mut tx = store.write().await.unwrap();
    tx.change_framework(
        &actor(),
        &family,
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
    let before = kinds(&store, &family).await;
    assert!(matches!(
        close(&store, &family, Some(ClosingReason::OrderEnded), "").await,
        Err(StoreError::Closing(ClosingError::LegalBasisRuns))
    ));
    assert_eq!(kinds(&store, &family).await, before);
    let file = store
        .read()
        .await
        .unwrap()
        .family(&family)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.closed, None);
    db
}
