//! Contract tests of the joint assessment meeting, on every backend: scheduling with
//! the circle, one view per invited organisation with its revisions kept, the joint
//! judgement written into the plan in the same transaction, cancelling, and the
//! refusals leaving nothing behind.

use eenplan_domain::{FamilyId, OrganisationId};
use eenplan_domain::family::{
    ActionStatus, Expertise, InvolvementRole, LifeDomain, NetworkRelation, Plan,
};
use eenplan_domain::joint_assessment::{
    Judgement, JudgementAction, MeetingError, MeetingKind, MeetingState, Owner, View,
};
use eenplan_store::{NetworkDetails, NewInvolvement, NewMeeting, Store, StoreError};
use jiff::civil::{Date, date};

use crate::consent::consent_to;
use crate::family::{People, actor, open, people};
use crate::support::TestDb;

fn today() -> Date {
    date(2026, 11, 23)
}

/// Gezin Jansen with SAVE (Thomas) as partner on the family's consent, and oma in the
/// network. Returns (family, Sam's id, Kim's id, oma's id).
async fn family_with_partner(store: &Store, p: &People) -> (FamilyId, String, String, String) {
    let id = open(store, p, "Gezin Jansen", "12").await;
    consent_to(store, &id, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &id,
        NewInvolvement {
            role: InvolvementRole::Partner,
            organisation_id: p.thomas.1.to_string(),
            user_id: p.thomas.0.to_string(),
            expertise: Some(Expertise::Safety),
            takes_over: None,
            reason: None,
        },
    )
    .await
    .unwrap();
    let oma = tx
        .add_network_member(
            &actor(),
            &id,
            &NetworkDetails {
                name: "Oma Jansen".into(),
                relation: NetworkRelation::Family,
                safety_role: "Noodadres".into(),
                contact: "06-00000000".into(),
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let f = store
        .read()
        .await
        .unwrap()
        .family(&id)
        .await
        .unwrap()
        .unwrap();
    (id, f.members[0].id.clone(), f.members[1].id.clone(), oma)
}

fn meeting(invited: &[&OrganisationId]) -> NewMeeting {
    NewMeeting {
        kind: MeetingKind::ProtectionTable,
        meets_at: date(2026, 12, 1).at(14, 0, 0, 0),
        invited: invited.iter().map(|s| s.to_string()).collect(),
        family_takes_part: false,
        family_absence_reason: "Moeder wil eerst alleen met Sanne praten".into(),
    }
}

fn view(needs: &str) -> View {
    View {
        worries: "Harde ruzies waar Sam bij is".into(),
        strengths: "Oma is er elke dag".into(),
        needs: needs.into(),
    }
}

fn err(e: StoreError) -> MeetingError {
    match e {
        StoreError::Meeting(m) => m,
        other => panic!("expected a meeting rule, got {other:?}"),
    }
}

pub async fn joint_assessment_views_judgement_and_the_plan(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let (family, sam, kim, oma) = family_with_partner(&store, &p).await;
    let (lokalis, save) = (&p.sanne.1, &p.thomas.1);
    let sanne = (&p.sanne.0, lokalis);
    // The plan as it was before the meeting.
    let mut tx = store.write().await.unwrap();
    let before = Plan {
        worries: vec!["Harde ruzies".into()],
        ..Plan::default()
    };
    tx.save_plan(&actor(), &p.sanne.0, &family, 0, &before)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // A meeting of one organisation is no joint meeting; refused, nothing stored.
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        err(tx
            .schedule_meeting(&actor(), &family, sanne, &meeting(&[lokalis]), today())
            .await
            .unwrap_err()),
        MeetingError::TooFewOrganisations
    );
    let mut absent = meeting(&[lokalis, save]);
    absent.family_absence_reason = " ".into();
    assert_eq!(
        err(tx
            .schedule_meeting(&actor(), &family, sanne, &absent, today())
            .await
            .unwrap_err()),
        MeetingError::AbsenceReasonNeeded
    );
    drop(tx);
    assert!(
        store
            .read()
            .await
            .unwrap()
            .meetings(&family)
            .await
            .unwrap()
            .is_empty()
    );

    let mut tx = store.write().await.unwrap();
    let id = tx
        .schedule_meeting(
            &actor(),
            &family,
            sanne,
            &meeting(&[save, lokalis, save]),
            today(),
        )
        .await
        .unwrap();
    // Each invited organisation writes its own view; a revision keeps the earlier one.
    let thomas = (&p.thomas.0, save);
    assert_eq!(
        tx.record_view(
            &actor(),
            &family,
            &id,
            thomas,
            &view("Een ondertoezichtstelling")
        )
        .await
        .unwrap(),
        1
    );
    assert_eq!(
        tx.record_view(
            &actor(),
            &family,
            &id,
            thomas,
            &view("Eerst een veiligheidsplan, anders een OTS")
        )
        .await
        .unwrap(),
        2
    );
    assert_eq!(
        tx.record_view(&actor(), &family, &id, sanne, &view("Een vast noodadres"))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        err(tx
            .record_view(
                &actor(),
                &family,
                &id,
                (&p.thomas.0, &OrganisationId::from("ggz")),
                &view("x")
            )
            .await
            .unwrap_err()),
        MeetingError::NotInvited
    );
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let m = r.meeting(&family, &id).await.unwrap().unwrap();
    assert_eq!(m.state, MeetingState::Scheduled);
    assert_eq!(m.invited.len(), 2, "invited once each");
    assert_eq!(m.views.len(), 2);
    assert_eq!(m.view_of(save).unwrap().version, 2);
    assert_eq!(
        m.view_of(save).unwrap().view.needs,
        "Eerst een veiligheidsplan, anders een OTS"
    );
    assert_eq!(
        r.fetch_one(
            "SELECT COUNT(*) FROM joint_assessment_views WHERE meeting_id = $1",
            eenplan_store::params![&id]
        )
        .await
        .unwrap()
        .int(0)
        .unwrap(),
        3,
        "the first version is kept"
    );
    assert!(!m.family_takes_part && m.family_absence_reason.starts_with("Moeder"));
    assert!(
        r.meeting(&FamilyId::from("another-family"), &id).await.unwrap().is_none(),
        "a meeting belongs to its family"
    );
    drop(r);

    let due = Some(date(2026, 12, 15));
    let action = |domain, owner, what: &str| JudgementAction {
        domain,
        what: what.into(),
        owner,
        due,
    };
    let mut judgement = Judgement {
        needs: "Sam heeft rust en een vast noodadres nodig".into(),
        differences: String::new(),
        actions: vec![
            action(
                LifeDomain::Safety,
                Owner::Network(oma.clone()),
                "Oma is het noodadres",
            ),
            action(
                LifeDomain::Safety,
                Owner::Organisation(save.to_string()),
                "Veiligheidsplan opstellen",
            ),
            action(
                LifeDomain::Income,
                Owner::Member(kim.clone()),
                "Aanmelden bij de schuldhulp",
            ),
            action(
                LifeDomain::Network,
                Owner::Professional(p.sanne.0.to_string()),
                "Netwerkberaad organiseren",
            ),
        ],
    };
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        err(tx
            .record_judgement(
                &actor(),
                &family,
                &id,
                &p.sanne.0,
                &judgement,
                date(2026, 11, 30)
            )
            .await
            .unwrap_err()),
        MeetingError::BeforeMeeting
    );
    assert_eq!(
        err(tx
            .record_judgement(
                &actor(),
                &family,
                &id,
                &p.sanne.0,
                &judgement,
                date(2026, 12, 1)
            )
            .await
            .unwrap_err()),
        MeetingError::DifferencesNeeded,
        "SAVE and Lokalis saw different needs"
    );
    let mut stranger = judgement.clone();
    stranger.differences = "Verschil benoemd".into();
    stranger.actions[0].owner = Owner::Member(sam.clone() + "x");
    assert_eq!(
        err(tx
            .record_judgement(
                &actor(),
                &family,
                &id,
                &p.sanne.0,
                &stranger,
                date(2026, 12, 1)
            )
            .await
            .unwrap_err()),
        MeetingError::UnknownOwner(1)
    );
    drop(tx);
    let mut r = store.read().await.unwrap();
    assert_eq!(
        r.current_plan(&family).await.unwrap().0,
        1,
        "a refused judgement leaves the plan as it was"
    );
    drop(r);

    judgement.differences =
        "SAVE zag een OTS als nodig; samen gekozen voor eerst een veiligheidsplan".into();
    let mut tx = store.write().await.unwrap();
    let version = tx
        .record_judgement(
            &actor(),
            &family,
            &id,
            &p.sanne.0,
            &judgement,
            date(2026, 12, 1),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(version, 2);
    let mut r = store.read().await.unwrap();
    let (current, plan) = r.current_plan(&family).await.unwrap();
    assert_eq!(current, 2);
    assert_eq!(plan.worries, before.worries, "the rest of the plan stays");
    let safety = plan
        .domains
        .iter()
        .find(|d| d.domain == LifeDomain::Safety)
        .unwrap();
    let whos: Vec<&str> = safety.actions.iter().map(|a| a.who.name.as_str()).collect();
    assert_eq!(whos, ["Oma Jansen", "SAVE"]);
    assert!(
        safety
            .actions
            .iter()
            .all(|a| a.status == ActionStatus::Planned && a.due == due)
    );
    let income = plan
        .domains
        .iter()
        .find(|d| d.domain == LifeDomain::Income)
        .unwrap();
    assert_eq!(income.actions[0].who.name, "Kim Jansen");
    let network = plan
        .domains
        .iter()
        .find(|d| d.domain == LifeDomain::Network)
        .unwrap();
    assert_eq!(network.actions[0].who.name, "sanne (Lokalis)");
    let m = r.meeting(&family, &id).await.unwrap().unwrap();
    assert_eq!(m.state, MeetingState::Held);
    assert_eq!(
        (m.plan_version, m.held_on),
        (Some(2), Some(date(2026, 12, 1)))
    );
    assert_eq!(m.actions.len(), 4);
    assert_eq!(m.actions[2].owner, Owner::Member(kim.clone()));
    assert_eq!(m.actions[2].owner_label, "Kim Jansen");
    assert!(m.differences.unwrap().starts_with("SAVE zag"));
    let timeline = r.timeline(&family).await.unwrap();
    let kinds: Vec<&str> = timeline.iter().map(|e| e.kind.as_str()).collect();
    assert!(
        kinds.ends_with(&["plan_saved", "joint_assessment_held"]),
        "{kinds:?}"
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == "joint_assessment_view_recorded")
            .count(),
        3
    );
    for e in timeline
        .iter()
        .filter(|e| e.kind.starts_with("joint_assessment"))
    {
        for text in ["ruzies", "noodadres", "OTS", "Moeder"] {
            assert!(
                !e.payload.contains(text),
                "no free text in the journal: {}",
                e.payload
            );
        }
    }
    drop(r);

    // Held: the judgement stands; no second one, no more views, no cancelling.
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        err(tx
            .record_judgement(
                &actor(),
                &family,
                &id,
                &p.sanne.0,
                &judgement,
                date(2026, 12, 2)
            )
            .await
            .unwrap_err()),
        MeetingError::AlreadyHeld
    );
    assert_eq!(
        err(tx
            .record_view(&actor(), &family, &id, sanne, &view("Nog iets"))
            .await
            .unwrap_err()),
        MeetingError::AlreadyHeld
    );
    assert_eq!(
        err(tx
            .cancel_meeting(&actor(), &family, &id, &p.sanne.0, "Toch niet", today())
            .await
            .unwrap_err()),
        MeetingError::AlreadyHeld
    );
    assert!(matches!(
        tx.record_view(&actor(), &family, "geen", sanne, &view("x"))
            .await
            .unwrap_err(),
        StoreError::NotFound(_)
    ));
    drop(tx);
    store.close().await;
    db
}

pub async fn joint_assessment_cancelled_with_a_reason(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let (family, ..) = family_with_partner(&store, &p).await;
    let sanne = (&p.sanne.0, &p.sanne.1);
    let mut tx = store.write().await.unwrap();
    let mut new = meeting(&[&p.sanne.1, &p.thomas.1]);
    new.family_takes_part = true;
    new.family_absence_reason = "wordt genegeerd".into();
    new.kind = MeetingKind::LearningMeeting;
    let id = tx
        .schedule_meeting(&actor(), &family, sanne, &new, today())
        .await
        .unwrap();
    assert_eq!(
        err(tx
            .cancel_meeting(&actor(), &family, &id, &p.sanne.0, " ", today())
            .await
            .unwrap_err()),
        MeetingError::CancelReasonNeeded
    );
    tx.cancel_meeting(
        &actor(),
        &family,
        &id,
        &p.sanne.0,
        "Vader opgenomen; nieuwe datum volgt",
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        err(tx
            .cancel_meeting(&actor(), &family, &id, &p.sanne.0, "nogmaals", today())
            .await
            .unwrap_err()),
        MeetingError::Cancelled
    );
    assert_eq!(
        err(tx
            .record_view(&actor(), &family, &id, sanne, &view("x"))
            .await
            .unwrap_err()),
        MeetingError::Cancelled
    );
    drop(tx);
    let mut r = store.read().await.unwrap();
    let list = r.meetings(&family).await.unwrap();
    assert_eq!(list.len(), 1);
    let m = &list[0];
    assert_eq!(
        (m.state, m.kind, m.cancelled_on),
        (
            MeetingState::Cancelled,
            MeetingKind::LearningMeeting,
            Some(today())
        )
    );
    assert_eq!(
        m.cancel_reason.as_deref(),
        Some("Vader opgenomen; nieuwe datum volgt")
    );
    assert!(
        m.family_takes_part && m.family_absence_reason.is_empty(),
        "no absence reason when the family takes part"
    );
    assert_eq!(m.meets_at, date(2026, 12, 1).at(14, 0, 0, 0));
    let last = r.timeline(&family).await.unwrap().pop().unwrap();
    assert_eq!(last.kind, "joint_assessment_cancelled");
    assert!(!last.payload.contains("Vader"));
    drop(r);
    store.close().await;
    db
}
