//! On every backend: a professional's marks on a plan line (issue 17 §2) are checked by
//! the domain, kept once while live and taken off without being deleted; the portal's
//! facts read custody from the file; a child under 16 cannot share.

use eenplan_domain::family::Plan;
use eenplan_domain::family::PlanSection;
use eenplan_domain::family::portal::{ItemKind, MarkKind, line_ref};
use eenplan_store::{NewMark, StoreError};

use crate::family::{actor, open, people};
use crate::support::TestDb;

pub async fn portal_marks_are_checked_kept_once_and_taken_off(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Jansen", "1").await;
    let members = store
        .read()
        .await
        .unwrap()
        .family(&family)
        .await
        .unwrap()
        .unwrap()
        .members;
    let id_of = |name: &str| members.iter().find(|m| m.name == name).unwrap().id.clone();
    let (sam, kim) = (id_of("Sam Jansen"), id_of("Kim Jansen"));
    let family = family.to_string();
    let sanne = p.sanne.0.to_string();
    let mark = |kind, member: &str, reason: &str| NewMark {
        item_kind: ItemKind::PlanItem,
        item_ref: "0123456789abcdef".into(),
        kind,
        member_id: member.into(),
        reason: reason.into(),
    };

    let mut tx = store.write().await.unwrap();
    let facts = tx.portal_family(&family).await.unwrap();
    assert_eq!(facts.facts().custody_children(&kim, jiff::civil::date(2026, 12, 1)), [sam.as_str()]);
    for refused in [
        mark(MarkKind::Hidden, &kim, " "),
        mark(MarkKind::OnlyChild, &kim, ""),
        mark(MarkKind::Shared, &kim, ""),
    ] {
        assert!(matches!(
            tx.mark_portal_item(&actor(), &sanne, &family, &refused).await,
            Err(StoreError::Invalid(_))
        ));
    }
    let hidden = tx
        .mark_portal_item(&actor(), &sanne, &family, &mark(MarkKind::Hidden, &kim, "Veilig adres"))
        .await
        .unwrap();
    tx.mark_portal_item(&actor(), &sanne, &family, &mark(MarkKind::OnlyChild, &sam, ""))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.mark_portal_item(&actor(), &sanne, &family, &mark(MarkKind::Hidden, &kim, "Nog eens"))
            .await,
        Err(StoreError::Duplicate(_))
    ));
    drop(tx);

    let mut tx = store.write().await.unwrap();
    let marks = tx.portal_marks(&family).await.unwrap();
    assert_eq!(marks.len(), 2);
    assert_eq!(marks[0].reason, "Veilig adres");
    // Sam is ten: sharing is not his choice yet.
    assert!(matches!(
        tx.share_with_parents(&actor(), (&sam, "geen-account"), &family, (ItemKind::PlanItem, "0123456789abcdef"), true)
            .await,
        Err(StoreError::Invalid(_))
    ));
    tx.end_portal_mark(&actor(), &family, &hidden, "user:test").await.unwrap();
    assert!(matches!(
        tx.end_portal_mark(&actor(), &family, &hidden, "user:test").await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        tx.end_portal_mark(&actor(), "elders", &marks[1].id, "user:test").await,
        Err(StoreError::NotFound(_))
    ));
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let left = r.portal_marks(&family).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, MarkKind::OnlyChild);
    let kinds: Vec<String> = r
        .journal_page(0, 500)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(kinds.iter().any(|k| k == "portal_marked"));
    assert!(kinds.iter().any(|k| k == "portal_mark_ended"));
    drop(r);
    store.close().await;
    db
}

/// The safety gap of a plan stored whole: a line hidden from a parent whose words are
/// then edited (in the page, the API or by restoring a version) keeps its mark in the
/// same transaction; the old words keep theirs for the versions that hold them.
pub async fn a_hidden_mark_follows_an_edited_plan_line(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Jansen", "1").await;
    let members = store.read().await.unwrap().family(&family).await.unwrap().unwrap().members;
    let id_of = |name: &str| members.iter().find(|m| m.name == name).unwrap().id.clone();
    let kim = id_of("Kim Jansen");
    let fam = family.to_string();
    let plan = |worries: &[&str]| Plan {
        worries: worries.iter().map(|s| s.to_string()).collect(),
        ..Plan::default()
    };
    let (old, new) = ("Moeder woont op Lindelaan 4", "Moeder woont op een geheim adres");
    let ref_of = |w: &str| line_ref(PlanSection::Worries, w);

    let mut tx = store.write().await.unwrap();
    tx.save_plan(&actor(), &p.sanne.0, &family, 0, &plan(&[old, "Schoolverzuim"])).await.unwrap();
    let hidden = NewMark {
        item_kind: ItemKind::PlanItem,
        item_ref: ref_of(old),
        kind: MarkKind::Hidden,
        member_id: kim.clone(),
        reason: "Veilig adres".into(),
    };
    tx.mark_portal_item(&actor(), &p.sanne.0.to_string(), &fam, &hidden).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    tx.save_plan(&actor(), &p.sanne.0, &family, 1, &plan(&[new, "Schoolverzuim"])).await.unwrap();
    tx.commit().await.unwrap();
    let hidden_on = |marks: &[eenplan_domain::family::portal::Mark]| {
        let mut on: Vec<String> = marks
            .iter()
            .filter(|m| m.kind == MarkKind::Hidden && m.member == kim)
            .map(|m| m.item_ref.clone())
            .collect();
        on.sort();
        on
    };
    let mut both = vec![ref_of(old), ref_of(new)];
    both.sort();
    let marks = store.read().await.unwrap().portal_marks(&fam).await.unwrap();
    assert_eq!(hidden_on(&marks), both);
    assert!(marks.iter().all(|m| m.reason == "Veilig adres"));

    // Saving again without a change and restoring version 1 add nothing twice.
    let mut tx = store.write().await.unwrap();
    tx.save_plan(&actor(), &p.sanne.0, &family, 2, &plan(&[new, "Schoolverzuim"])).await.unwrap();
    tx.restore_plan(&actor(), &p.sanne.0, &family, 3, 1).await.unwrap();
    tx.commit().await.unwrap();
    let marks = store.read().await.unwrap().portal_marks(&fam).await.unwrap();
    assert_eq!(hidden_on(&marks), both);
    assert_eq!(marks.len(), 2);
    drop(marks);
    store.close().await;
    db
}
