//! Contract tests of the protection order request, on every backend: the request to
//! the Raad, the Raad's work list (only what is addressed to it), the investigation,
//! its outcome and the court's decision moving the family into the court-ordered
//! framework while the local team stays.

use eenplan_domain::OrganisationId;
use eenplan_domain::family::{Framework, InvolvementRole, MemberKind, NewMember};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::protection_order::{Conclusion, Measure, OrderError, RequestState};
use eenplan_store::{CourtRuling, NewOrganisation, ProtectionOrderInput, Store, StoreError};
use jiff::civil::{Date, date};

use crate::family::{actor, open, people};
use crate::support::TestDb;

fn today() -> Date {
    date(2026, 11, 23)
}

fn err(e: StoreError) -> OrderError {
    match e {
        StoreError::ProtectionOrder(o) => o,
        other => panic!("expected a protection order rule, got {other:?}"),
    }
}

async fn organisation(store: &Store, slug: &str, kind: OrganisationKind) -> OrganisationId {
    let mut tx = store.write().await.unwrap();
    let o = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse(slug).unwrap(),
                name: format!("Organisatie {slug}"),
                kind,
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    o.id
}

fn input(raad: &OrganisationId, children: &[&String]) -> ProtectionOrderInput {
    ProtectionOrderInput {
        rvdk_organisation_id: raad.clone(),
        children: children.iter().map(|c| (*c).clone()).collect(),
        grounds: "Ondanks zes maanden SAVE-begeleiding blijft er geweld waar Sam bij is".into(),
        tried: "Buurtteam sinds 2025, SAVE-begeleiding, veiligheidsplan met oma".into(),
    }
}

pub async fn protection_order_request_investigation_and_court_order(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let raad = organisation(&store, "rvdk", OrganisationKind::Rvdk).await;
    let other_raad = organisation(&store, "rvdk-2", OrganisationKind::Rvdk).await;
    let family = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    let noor = tx
        .add_member(
            &actor(),
            &family,
            NewMember {
                kind: MemberKind::Child,
                name: "Noor Jansen".into(),
                date_of_birth: Some(date(2019, 6, 1)),
                has_custody: false,
            },
            today(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let f = store
        .read()
        .await
        .unwrap()
        .family(&family)
        .await
        .unwrap()
        .unwrap();
    let (sam, kim) = (f.members[0].id.clone(), f.members[1].id.clone());
    let sanne = (&p.sanne.0, &p.sanne.1);
    let raad_actor = Actor::System { component: "raad" };
    let requested_on = date(2026, 9, 1);

    // Refusals name what is wrong and leave nothing.
    let mut tx = store.write().await.unwrap();
    for (bad, expected) in [
        (input(&p.thomas.1, &[&sam]), OrderError::NotRvdk),
        (input(&raad, &[]), OrderError::NoChild),
        (input(&raad, &[&kim]), OrderError::NotAChild(kim.clone())),
        (
            ProtectionOrderInput {
                grounds: " ".into(),
                ..input(&raad, &[&sam])
            },
            OrderError::GroundsNeeded,
        ),
        (
            ProtectionOrderInput {
                tried: String::new(),
                ..input(&raad, &[&sam])
            },
            OrderError::TriedNeeded,
        ),
    ] {
        assert_eq!(
            err(tx
                .request_protection_order(&actor(), &family, sanne, &bad, requested_on)
                .await
                .unwrap_err()),
            expected
        );
    }
    drop(tx);
    assert!(
        store
            .read()
            .await
            .unwrap()
            .protection_order_requests(&family)
            .await
            .unwrap()
            .is_empty()
    );

    let mut tx = store.write().await.unwrap();
    let id = tx
        .request_protection_order(
            &actor(),
            &family,
            sanne,
            &input(&raad, &[&sam, &noor, &sam]),
            requested_on,
        )
        .await
        .unwrap();
    assert_eq!(
        err(tx
            .request_protection_order(
                &actor(),
                &family,
                sanne,
                &input(&raad, &[&sam]),
                requested_on
            )
            .await
            .unwrap_err()),
        OrderError::OpenRequest
    );
    tx.commit().await.unwrap();

    // The Raad sees what it needs; another Raad sees nothing of it.
    let mut r = store.read().await.unwrap();
    let list = raad_list(&mut r, &raad).await;
    assert_eq!(list.len(), 1);
    let req = &list[0];
    assert_eq!(req.state, RequestState::Requested);
    assert_eq!(req.family_label, "Gezin Jansen");
    let children: Vec<(&str, Option<Date>)> = req
        .children
        .iter()
        .map(|c| (c.name.as_str(), c.date_of_birth))
        .collect();
    assert_eq!(
        children,
        [
            ("Sam Jansen", Some(date(2016, 4, 2))),
            ("Noor Jansen", Some(date(2019, 6, 1)))
        ]
    );
    assert!(req.grounds.contains("SAVE-begeleiding") && req.tried.contains("oma"));
    assert_eq!(
        (
            req.requesting_organisation_name.as_str(),
            req.requested_by_name.as_str()
        ),
        ("Lokalis", "sanne")
    );
    assert!(raad_list(&mut r, &other_raad).await.is_empty());
    assert!(r.raad_request(&other_raad, &id).await.unwrap().is_none());
    drop(r);

    let mut tx = store.write().await.unwrap();
    let ots = Conclusion::Petition {
        measure: Measure::SupervisionOrder,
    };
    let granted = |ends_on, institution_id: &OrganisationId| CourtRuling::Granted {
        measure: Measure::SupervisionOrder,
        ends_on,
        institution_id: institution_id.clone(),
    };
    assert_eq!(
        err(tx
            .conclude_investigation(&raad_actor, &raad, &id, &p.sanne.0, &ots, today(), today())
            .await
            .unwrap_err()),
        OrderError::NotYetInvestigated
    );
    assert_eq!(
        err(tx
            .record_court_decision(
                &raad_actor,
                &raad,
                &id,
                &p.sanne.0,
                today(),
                &granted(Some(date(2027, 11, 1)), &p.thomas.1),
                today()
            )
            .await
            .unwrap_err()),
        OrderError::NotPetitioned,
        "no court decision before the petition"
    );
    assert!(matches!(
        tx.start_investigation(&raad_actor, &other_raad, &id, &p.sanne.0, today(), today())
            .await
            .unwrap_err(),
        StoreError::NotFound(_)
    ));
    assert_eq!(
        err(tx
            .start_investigation(
                &raad_actor,
                &raad,
                &id,
                &p.sanne.0,
                date(2026, 8, 31),
                today()
            )
            .await
            .unwrap_err()),
        OrderError::BeforeRequest
    );
    tx.start_investigation(
        &raad_actor,
        &raad,
        &id,
        &p.sanne.0,
        date(2026, 9, 8),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(
        tx.conclude_investigation(
            &raad_actor,
            &raad,
            &id,
            &p.sanne.0,
            &ots,
            date(2026, 10, 20),
            today()
        )
        .await
        .unwrap(),
        RequestState::Petitioned
    );
    for (on, ruling, expected) in [
        (
            date(2026, 11, 24),
            granted(Some(date(2027, 11, 1)), &p.thomas.1),
            OrderError::InFuture,
        ),
        (
            date(2026, 11, 2),
            granted(Some(date(2027, 11, 3)), &p.thomas.1),
            OrderError::TooLong,
        ),
        (
            date(2026, 11, 2),
            granted(Some(date(2027, 11, 1)), &p.sanne.1),
            OrderError::NotCertified,
        ),
    ] {
        assert_eq!(
            err(tx
                .record_court_decision(&raad_actor, &raad, &id, &p.sanne.0, on, &ruling, today())
                .await
                .unwrap_err()),
            expected
        );
    }
    assert_eq!(
        tx.record_court_decision(
            &raad_actor,
            &raad,
            &id,
            &p.sanne.0,
            date(2026, 11, 2),
            &granted(Some(date(2027, 11, 1)), &p.thomas.1),
            today()
        )
        .await
        .unwrap(),
        RequestState::Granted
    );
    tx.commit().await.unwrap();

    // Granted: the court order is the family's framework, SAVE its basis; the local
    // team's regisseur stays.
    let mut r = store.read().await.unwrap();
    let facts = r.access_facts(&family).await.unwrap().unwrap();
    assert_eq!(
        (facts.framework, facts.basis_organisation.as_deref()),
        (Framework::CourtOrder, Some(p.thomas.1.as_str()))
    );
    assert!(
        facts
            .involved
            .iter()
            .any(|i| i.role == InvolvementRole::Regisseur && i.user_id == p.sanne.0),
        "the local team stays involved"
    );
    let done = r.protection_order_requests(&family).await.unwrap();
    assert_eq!(done[0].state, RequestState::Granted);
    assert_eq!(
        (
            done[0].granted_measure,
            done[0].ends_on,
            done[0].institution_name.as_deref()
        ),
        (
            Some(Measure::SupervisionOrder),
            Some(date(2027, 11, 1)),
            Some("SAVE")
        )
    );
    let timeline = r.timeline(&family).await.unwrap();
    let kinds: Vec<&str> = timeline.iter().map(|e| e.kind.as_str()).collect();
    assert!(
        kinds.ends_with(&[
            "protection_order_requested",
            "protection_order_investigation_started",
            "protection_order_concluded",
            "framework_changed",
            "protection_order_decided"
        ]),
        "{kinds:?}"
    );
    for e in timeline
        .iter()
        .filter(|e| e.kind.starts_with("protection_order"))
    {
        assert!(
            !e.payload.contains("Sam") && !e.payload.contains("geweld"),
            "no names or grounds in the journal: {}",
            e.payload
        );
    }
    drop(r);

    // The regisseur was told of the decision; SAVE's intake lists the order (for SAVE
    // only, while it runs) until someone of SAVE joins the circle.
    assert!(
        crate::notification_rules::kinds(&store, &p.sanne.0)
            .await
            .contains(&eenplan_domain::notification::NotificationKind::CourtDecision)
    );
    let mut r = store.read().await.unwrap();
    let (intake, waiting) = r.court_order_intake(&p.thomas.1, today(), 10).await.unwrap();
    assert_eq!(waiting, 1);
    assert_eq!(
        (
            intake[0].family_label.as_str(),
            intake[0].measure,
            intake[0].decided_on
        ),
        ("Gezin Jansen", Measure::SupervisionOrder, date(2026, 11, 2))
    );
    assert_eq!(r.court_order_intake(&raad, today(), 10).await.unwrap().1, 0);
    assert_eq!(
        r.court_order_intake(&p.thomas.1, date(2027, 11, 2), 10)
            .await
            .unwrap()
            .1,
        0,
        "an order that has ended waits for nobody"
    );
    drop(r);
    crate::notification_rules::join(&store, &family, &p.thomas).await;
    let mut r = store.read().await.unwrap();
    assert_eq!(
        r.court_order_intake(&p.thomas.1, today(), 10).await.unwrap(),
        (Vec::new(), 0),
        "taken up"
    );
    drop(r);

    // Closed: a new request may follow; this one ends without a measure.
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        err(tx
            .record_court_decision(
                &raad_actor,
                &raad,
                &id,
                &p.sanne.0,
                date(2026, 11, 3),
                &CourtRuling::Refused,
                today()
            )
            .await
            .unwrap_err()),
        OrderError::AlreadyDecided
    );
    let second = tx
        .request_protection_order(
            &actor(),
            &family,
            (&p.thomas.0, &p.thomas.1),
            &input(&raad, &[&noor]),
            today(),
        )
        .await
        .unwrap();
    tx.start_investigation(&raad_actor, &raad, &second, &p.sanne.0, today(), today())
        .await
        .unwrap();
    assert_eq!(
        err(tx
            .conclude_investigation(
                &raad_actor,
                &raad,
                &second,
                &p.sanne.0,
                &Conclusion::NoMeasure { reason: " ".into() },
                today(),
                today()
            )
            .await
            .unwrap_err()),
        OrderError::ReasonNeeded
    );
    assert_eq!(
        tx.conclude_investigation(
            &raad_actor,
            &raad,
            &second,
            &p.sanne.0,
            &Conclusion::NoMeasure {
                reason: "Ouders werken mee met de OTS-uitvoering".into()
            },
            today(),
            today()
        )
        .await
        .unwrap(),
        RequestState::NoMeasure
    );
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let list = raad_list(&mut r, &raad).await;
    assert_eq!(list.len(), 2);
    assert_eq!(
        list.iter().map(|x| x.state).collect::<Vec<_>>(),
        [RequestState::Granted, RequestState::NoMeasure],
        "closed ones, oldest first"
    );
    assert_eq!(
        r.access_facts(&family).await.unwrap().unwrap().framework,
        Framework::CourtOrder,
        "no measure on a new request leaves the running order alone"
    );
    drop(r);
    store.close().await;
    db
}

/// The Raad's whole work list, one page at a time (of one, to cross pages).
async fn raad_list(
    r: &mut eenplan_store::Tx,
    raad: &eenplan_domain::OrganisationId,
) -> Vec<eenplan_store::ProtectionOrderRequest> {
    let mut all = Vec::new();
    let mut seek = eenplan_store::Seek::First;
    loop {
        let page = r.raad_requests_page(raad, &seek, 1).await.unwrap();
        let Some((_, key)) = page.last() else { break };
        seek = eenplan_store::Seek::After(key.clone());
        all.extend(page.into_iter().map(|(q, _)| q));
    }
    assert_eq!(r.raad_requests_count(raad).await.unwrap(), all.len());
    all
}
