//! Contract tests of consents, frameworks, emergency access and the access log, on
//! every backend.

use eenplan_domain::{FamilyId, OrganisationId, UserId};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    ConsentError, ConsentForm, ConsentStep, DataCategory, EmergencyError, Expertise, Framework,
    FrameworkError, InvolvementRole,
};
use eenplan_domain::journal::Finding;
use eenplan_store::{
    AccessEntry, AccessFilter, ConsentInput, FrameworkInput, NewInvolvement, Store, StoreError,
};
use jiff::civil::date;

use crate::family::{actor, open, people};
use crate::support::TestDb;

fn today() -> jiff::civil::Date {
    date(2026, 11, 23)
}

async fn members(store: &Store, family: &FamilyId) -> (String, String) {
    let f = store
        .read()
        .await
        .unwrap()
        .family(family)
        .await
        .unwrap()
        .unwrap();
    (f.members[0].id.clone(), f.members[1].id.clone())
}

fn sharing(org: &OrganisationId, child: &str, given_by: &[&str]) -> ConsentInput {
    ConsentInput {
        step: ConsentStep::SaveGuidance,
        organisation_id: Some(org.clone()),
        purpose: "SAVE-begeleiding naast het buurtteam".into(),
        categories: vec![DataCategory::Identity, DataCategory::Plan],
        children: vec![child.to_owned()],
        given_by: given_by.iter().map(|s| (*s).to_owned()).collect(),
        form: ConsentForm::Spoken,
        given_on: today(),
        ends_on: None,
    }
}

/// Records the family's consent (Kim, the parent with custody, for Sam) to `org`.
pub async fn consent_to(
    store: &Store,
    family: &FamilyId,
    org: &OrganisationId,
    by: &UserId,
) -> String {
    let (sam, kim) = members(store, family).await;
    let mut tx = store.write().await.unwrap();
    let id = tx
        .record_consent(&actor(), family, by, &sharing(org, &sam, &[&kim]), today())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn consent_opens_the_circle_and_withdrawal_closes_it(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let (sam, kim) = members(&store, &id).await;
    let thomas = NewInvolvement {
        role: InvolvementRole::Partner,
        organisation_id: p.thomas.1.to_string(),
        user_id: p.thomas.0.to_string(),
        expertise: Some(Expertise::Safety),
        takes_over: None,
        reason: None,
    };
    // Without consent SAVE cannot join; the refusal names the step.
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.add_involvement(&actor(), &id, thomas.clone())
            .await
            .unwrap_err(),
        StoreError::ConsentNeeded(ConsentStep::SaveGuidance)
    ));
    // Sam is 10: the child's word alone is not enough; the refusal names Kim.
    let err = tx
        .record_consent(
            &actor(),
            &id,
            &p.sanne.0,
            &sharing(&p.thomas.1, &sam, &[&sam]),
            today(),
        )
        .await
        .unwrap_err();
    match err {
        StoreError::Consent(ConsentError::Missing(m)) => {
            assert_eq!(
                m.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
                ["Kim Jansen"]
            );
        }
        other => panic!("expected missing consent, got {other:?}"),
    }
    drop(tx);
    let mut r = store.read().await.unwrap();
    assert!(
        r.consents(&id).await.unwrap().is_empty(),
        "a refused consent leaves nothing"
    );
    assert_eq!(
        r.access_facts(&id).await.unwrap().unwrap().involved.len(),
        1
    );
    drop(r);

    let consent = consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(&actor(), &id, thomas).await.unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let listed = r.consents(&id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].children, [(sam.clone(), "Sam Jansen".to_owned())]);
    assert_eq!(listed[0].given_by, [(kim.clone(), "Kim Jansen".to_owned())]);
    assert_eq!(
        listed[0].categories,
        [DataCategory::Identity, DataCategory::Plan]
    );
    let facts = r.access_facts(&id).await.unwrap().unwrap();
    assert!(facts.consents[0].covers(p.thomas.1.as_str(), DataCategory::Plan, today()));
    drop(r);

    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.withdraw_consent(&actor(), &id, &consent, &p.sanne.0, " ")
            .await
            .unwrap_err(),
        StoreError::Invalid(_)
    ));
    tx.withdraw_consent(
        &actor(),
        &id,
        &consent,
        &p.sanne.0,
        "Moeder belde: wil geen SAVE meer",
    )
    .await
    .unwrap();
    assert!(matches!(
        tx.withdraw_consent(&actor(), &id, &consent, &p.sanne.0, "nogmaals")
            .await
            .unwrap_err(),
        StoreError::NotFound(_)
    ));
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let facts = r.access_facts(&id).await.unwrap().unwrap();
    assert!(!facts.consents[0].in_force(today()));
    let kinds: Vec<String> = r
        .timeline(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(
        kinds.contains(&"consent_given".to_owned())
            && kinds.ends_with(&["consent_withdrawn".to_owned()])
    );
    drop(r);
    store.close().await;
    db
}

pub async fn framework_and_emergency_access_are_journaled(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    // SAVE is a certified institution: it can carry a court order, not a VT investigation.
    assert!(matches!(
        tx.change_framework(
            &actor(),
            &id,
            &FrameworkInput {
                framework: Framework::VeiligThuis,
                organisation_id: Some(p.thomas.1.clone()),
                ground: "melding".into(),
                effective_on: today(),
            },
            today()
        )
        .await
        .unwrap_err(),
        StoreError::Framework(FrameworkError::WrongOrganisationKind(_))
    ));
    tx.change_framework(
        &actor(),
        &id,
        &FrameworkInput {
            framework: Framework::CourtOrder,
            organisation_id: Some(p.thomas.1.clone()),
            ground: "Ondertoezichtstelling, beschikking 2026-11-20".into(),
            effective_on: today(),
        },
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let facts = r.access_facts(&id).await.unwrap().unwrap();
    assert_eq!(
        (facts.framework, facts.basis_organisation.as_deref()),
        (Framework::CourtOrder, Some(p.thomas.1.as_str()))
    );
    drop(r);

    let now = UtcTime::parse("2026-11-23T22:00:00Z").unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.break_glass(
            &actor(),
            &id,
            (&p.mohamed.0, &p.mohamed.1),
            "spoed",
            false,
            now
        )
        .await
        .unwrap_err(),
        StoreError::Emergency(EmergencyError::ReasonNeeded)
    ));
    let until = tx
        .break_glass(
            &actor(),
            &id,
            (&p.mohamed.0, &p.mohamed.1),
            "Politie belt: Sam alleen thuis aangetroffen",
            false,
            now,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(until.to_rfc3339(), "2026-11-23T23:00:00.000000Z");
    let mut r = store.read().await.unwrap();
    assert_eq!(
        r.emergency_until(&id, &p.mohamed.0, now).await.unwrap(),
        Some(until)
    );
    assert_eq!(
        r.emergency_until(&id, &p.mohamed.0, until).await.unwrap(),
        None,
        "over after the hour"
    );
    assert_eq!(
        r.emergency_until(&id, &p.sanne.0, now).await.unwrap(),
        None,
        "only for who asked"
    );
    let open_reviews = r.emergencies(true).await.unwrap();
    assert_eq!(open_reviews.len(), 1);
    drop(r);
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.review_emergency(&actor(), &open_reviews[0].id, &p.joyce.0, "")
            .await
            .unwrap_err(),
        StoreError::Invalid(_)
    ));
    tx.review_emergency(
        &actor(),
        &open_reviews[0].id,
        &p.joyce.0,
        "Terecht: acute situatie",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert!(r.emergencies(true).await.unwrap().is_empty());
    assert_eq!(
        r.emergencies(false).await.unwrap()[0]
            .review_note
            .as_deref(),
        Some("Terecht: acute situatie")
    );
    let kinds: Vec<String> = r
        .timeline(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    for kind in [
        "framework_changed",
        "emergency_access_granted",
        "emergency_access_reviewed",
    ] {
        assert!(kinds.contains(&kind.to_owned()), "{kind} journaled");
    }
    drop(r);
    store.close().await;
    db
}

pub async fn access_log_is_append_only_and_filterable(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let line = |user: &(UserId, OrganisationId), basis: Option<eenplan_domain::access_log::AccessBasis>| {
        AccessEntry {
            event: eenplan_domain::access_log::AccessEvent::Read,
            granted: basis.is_some(),
            basis,
            user_id: user.0.to_string(),
            organisation_id: user.1.to_string(),
            role: "professional".into(),
            on_behalf_of: None,
            family_id: Some(id.to_string()),
            data: "GET /gezinnen/{family}".into(),
            client_address: "127.0.0.1".into(),
        }
    };
    let mut tx = store.write().await.unwrap();
    tx.log_access(&line(
        &p.sanne,
        Some(eenplan_domain::access_log::AccessBasis::Involved),
    ))
    .await
    .unwrap();
    tx.log_access(&line(
        &p.mohamed,
        Some(eenplan_domain::access_log::AccessBasis::Emergency),
    ))
    .await
    .unwrap();
    tx.log_access(&line(&p.thomas, None)).await.unwrap();
    tx.commit().await.unwrap();
    for sql in [
        "UPDATE access_log SET outcome = 'granted'",
        "DELETE FROM access_log",
    ] {
        let mut tx = store.write().await.unwrap();
        assert!(tx.execute(sql, vec![]).await.is_err(), "{sql} refused");
    }
    let mut r = store.read().await.unwrap();
    let all = AccessFilter {
        family_id: id.to_string(),
        limit: 100,
        ..AccessFilter::default()
    };
    assert_eq!(r.access_log(&all).await.unwrap().len(), 3);
    let emergency = AccessFilter {
        emergency_only: true,
        ..all.clone()
    };
    let lines = r.access_log(&emergency).await.unwrap();
    assert_eq!((lines.len(), lines[0].user_name.as_str()), (1, "mohamed"));
    let by_user = AccessFilter {
        user_email: "THOMAS@save.example".into(),
        ..all.clone()
    };
    assert_eq!(r.access_log(&by_user).await.unwrap()[0].outcome, "denied");
    let by_org = AccessFilter {
        organisation_id: p.sanne.1.to_string(),
        ..all.clone()
    };
    assert_eq!(r.access_log(&by_org).await.unwrap().len(), 2);
    let later = AccessFilter {
        from: Some(UtcTime::parse("2999-01-01T00:00:00Z").unwrap()),
        ..all.clone()
    };
    assert!(r.access_log(&later).await.unwrap().is_empty());
    let earlier = AccessFilter {
        until: Some(UtcTime::parse("2000-01-01T00:00:00Z").unwrap()),
        ..all
    };
    assert!(r.access_log(&earlier).await.unwrap().is_empty());
    drop(r);
    store.close().await;
    db
}

/// The access log is chained like the journal: an administrator who switches off the
/// triggers and edits, deletes or cuts lines is caught by verification.
pub async fn access_log_tampering_is_detected(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    for event in [
        eenplan_domain::access_log::AccessEvent::Read,
        eenplan_domain::access_log::AccessEvent::Read,
        eenplan_domain::access_log::AccessEvent::Print,
        eenplan_domain::access_log::AccessEvent::Update,
    ] {
        tx.log_access(&AccessEntry {
            event,
            granted: true,
            basis: Some(eenplan_domain::access_log::AccessBasis::Involved),
            user_id: p.sanne.0.to_string(),
            organisation_id: p.sanne.1.to_string(),
            role: "professional".into(),
            on_behalf_of: None,
            family_id: Some(id.to_string()),
            data: "GET /gezinnen/{family}".into(),
            client_address: "127.0.0.1".into(),
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let report = store.verify_access_log(None).await.unwrap();
    assert!(report.chain.is_intact(), "{:?}", report.chain.findings);
    assert_eq!((report.chain.entries, report.unchained), (4, 0));
    db.disable_access_log_protection().await;
    db.raw("UPDATE access_log SET user_id = (SELECT id FROM users WHERE email = 'mohamed@lokalis.example') WHERE seq = 2")
        .await
        .unwrap();
    let report = store.verify_access_log(None).await.unwrap();
    assert_eq!(report.chain.findings, vec![Finding::Edited { seq: 2 }]);
    db.raw("DELETE FROM access_log WHERE seq = 4")
        .await
        .unwrap();
    let report = store.verify_access_log(None).await.unwrap();
    assert!(
        report
            .chain
            .findings
            .contains(&Finding::Missing { first: 4, last: 4 }),
        "{:?}",
        report.chain.findings
    );
    store.close().await;
    db
}

/// Many requests logging at once share commits, and every line is kept, in one
/// unbroken chain.
pub async fn access_log_group_commit_keeps_every_line(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let line = |n: usize| AccessEntry {
        event: eenplan_domain::access_log::AccessEvent::Read,
        granted: true,
        basis: Some(eenplan_domain::access_log::AccessBasis::Involved),
        user_id: p.sanne.0.to_string(),
        organisation_id: p.sanne.1.to_string(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: None,
        data: format!("request {n}"),
        client_address: "127.0.0.1".into(),
    };
    let mut tasks = Vec::new();
    for n in 0..180 {
        let store = store.clone();
        let entry = line(n);
        tasks.push(tokio::spawn(async move { store.log_access(entry).await }));
    }
    // A list page's lines, queued together among the others.
    let list = store.clone();
    let entries: Vec<AccessEntry> = (180..200).map(line).collect();
    tasks.push(tokio::spawn(
        async move { list.log_access_all(entries).await },
    ));
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let report = store.verify_access_log(None).await.unwrap();
    assert!(report.chain.is_intact(), "{:?}", report.chain.findings);
    assert_eq!(report.chain.entries, 200);
    let lines = store
        .read()
        .await
        .unwrap()
        .access_log(&AccessFilter {
            limit: 1_000,
            ..AccessFilter::default()
        })
        .await
        .unwrap();
    let mut seen: Vec<&str> = lines.iter().map(|l| l.data.as_str()).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 200, "each request's line exactly once");
    store.close().await;
    db
}

/// The batched facts (used by search) say exactly what the one-by-one facts say.
pub async fn batched_access_facts_match_one_by_one(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let one = open(&store, &p, "Gezin Jansen", "12").await;
    let two = open(&store, &p, "Gezin Bakker", "14").await;
    consent_to(&store, &one, &p.thomas.1, &p.sanne.0).await;
    let now = UtcTime::now();
    let mut tx = store.write().await.unwrap();
    tx.break_glass(
        &actor(),
        &two,
        (&p.mohamed.0, &p.mohamed.1),
        "Crisisdienst belt over Sam",
        false,
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let ids = vec![one.clone(), two.clone(), FamilyId::from("geen-gezin")];
    let batched = r.access_facts_of(&ids).await.unwrap();
    assert_eq!(batched.len(), 2, "a family that does not exist is absent");
    for id in [&one, &two] {
        let mut single = r.access_facts(id).await.unwrap().unwrap();
        let mut from_batch = batched[id].clone();
        single.involved.sort_by(|a, b| a.user_id.cmp(&b.user_id));
        from_batch
            .involved
            .sort_by(|a, b| a.user_id.cmp(&b.user_id));
        assert_eq!(single, from_batch);
    }
    assert_eq!(batched[&one].consents.len(), 1);
    let emergencies = r.emergencies_of(&ids, &p.mohamed.0, now).await.unwrap();
    assert_eq!(emergencies.keys().collect::<Vec<_>>(), [&two]);
    assert!(
        r.emergencies_of(&ids, &p.sanne.0, now)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(r.access_facts_of(&[]).await.unwrap().is_empty());
    drop(r);
    store.close().await;
    db
}

/// Veilig Thuis intake: the radar links a report to the file of the same child, the
/// deadline comes from the Dutch calendar, an investigation moves the family into the
/// `veilig_thuis` framework, and illegal transitions change nothing.
pub async fn veilig_thuis_intake_radar_and_assessment(db: TestDb) -> TestDb {
    use eenplan_domain::veilig_thuis::{ContactKind, IntakeError, IntakeState, Outcome, Reporter};
    use eenplan_store::NewContact;
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Gezin Jansen", "12").await;
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
    let report = |reporter: Option<Reporter>| NewContact {
        kind: ContactKind::Report,
        acute: false,
        reporter,
        reporter_name: "Meester Bas".into(),
        reporter_contact: "030-000 00 00".into(),
        child_name: "sam jansen".into(),
        child_birth: Some(date(2016, 4, 2)),
        postcode: None,
        house_number: String::new(),
        more_children: Vec::new(),
        received_at: None,
        concern: "Sam komt met blauwe plekken op school".into(),
    };
    // Monday 23 November 2026, 10:00 in Amsterdam.
    let now = UtcTime::parse("2026-11-23T09:00:00Z").unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.receive_contact(&actor(), &vt.id, &p.sanne.0, &report(None), now)
            .await
            .unwrap_err(),
        StoreError::Intake(IntakeError::ReporterNeeded)
    ));
    let (first, radar) = tx
        .receive_contact(
            &actor(),
            &vt.id,
            &p.sanne.0,
            &report(Some(Reporter::School)),
            now,
        )
        .await
        .unwrap();
    assert_eq!(radar.families.len(), 1, "the radar knows Sam's file");
    assert_eq!(radar.families[0].id, family);
    assert!(radar.earlier.is_empty());
    let (second, radar) = tx
        .receive_contact(
            &actor(),
            &vt.id,
            &p.sanne.0,
            &report(Some(Reporter::Police)),
            now,
        )
        .await
        .unwrap();
    assert_eq!(
        radar
            .earlier
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [first.as_str()]
    );
    let advice = NewContact {
        kind: ContactKind::AdviceRequest,
        reporter: None,
        child_name: String::new(),
        child_birth: None,
        ..report(None)
    };
    let (advice, _) = tx
        .receive_contact(&actor(), &vt.id, &p.sanne.0, &advice, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let list = vt_work(&mut r, &vt.id, date(2026, 11, 23)).await;
    assert_eq!(list.len(), 2, "the advice request needs no assessment");
    // Paged one at a time: the same contacts, each once, in the same order.
    let mut paged = Vec::new();
    let mut seek = eenplan_store::Seek::First;
    loop {
        let page = r.vt_work_page(&vt.id, date(2026, 11, 23), &seek, 1).await.unwrap();
        let Some((_, key)) = page.last() else { break };
        seek = eenplan_store::Seek::After(key.clone());
        paged.extend(page.into_iter().map(|(c, _)| c));
    }
    assert_eq!(paged, list);
    assert_eq!(
        r.vt_work_counts(&vt.id, date(2026, 11, 23)).await.unwrap(),
        (2, 2, 0)
    );
    assert_eq!(
        list[0].due_on,
        Some(date(2026, 11, 30)),
        "five working days after Monday"
    );
    assert!(!list[0].overdue(date(2026, 11, 30)) && list[0].overdue(date(2026, 12, 1)));
    assert_eq!(list[0].family_id.as_ref(), Some(&family));
    drop(r);

    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.assess_contact(
            &actor(),
            &vt.id,
            &second,
            &p.sanne.0, &eenplan_store::AssessmentInput { outcome: Outcome::HandToLocalTeam, follow_up_on: None, findings: "Gesprekken met ouders en school", reasoning: "Afgewogen naar de veiligheid van het kind" },
            date(2026, 11, 24)
        )
        .await
        .unwrap_err(),
        StoreError::Intake(IntakeError::FollowUpDateNeeded)
    ));
    assert!(matches!(
        tx.assess_contact(
            &actor(),
            &vt.id,
            &advice,
            &p.sanne.0, &eenplan_store::AssessmentInput { outcome: Outcome::Close, follow_up_on: None, findings: "Gesprekken met ouders en school", reasoning: "Afgewogen naar de veiligheid van het kind" },
            date(2026, 11, 24)
        )
        .await
        .unwrap_err(),
        StoreError::Intake(IntakeError::AdviceHasNoAssessment)
    ));
    assert!(matches!(
        tx.assess_contact(
            &actor(),
            &OrganisationId::from("andere-vt"),
            &first,
            &p.sanne.0, &eenplan_store::AssessmentInput { outcome: Outcome::Close, follow_up_on: None, findings: "Gesprekken met ouders en school", reasoning: "Afgewogen naar de veiligheid van het kind" },
            date(2026, 11, 24)
        )
        .await
        .unwrap_err(),
        StoreError::NotFound(_)
    ));
    let state = tx
        .assess_contact(
            &actor(),
            &vt.id,
            &first,
            &p.sanne.0, &eenplan_store::AssessmentInput { outcome: Outcome::Investigate, follow_up_on: None, findings: "Gesprekken met ouders en school", reasoning: "Afgewogen naar de veiligheid van het kind" },
            date(2026, 11, 24),)
        .await
        .unwrap();
    assert_eq!(state, IntakeState::Assessed(Outcome::Investigate));
    assert!(matches!(
        tx.assess_contact(
            &actor(),
            &vt.id,
            &first,
            &p.sanne.0, &eenplan_store::AssessmentInput { outcome: Outcome::Close, follow_up_on: None, findings: "Gesprekken met ouders en school", reasoning: "Afgewogen naar de veiligheid van het kind" },
            date(2026, 11, 24)
        )
        .await
        .unwrap_err(),
        StoreError::Intake(IntakeError::AlreadyAssessed)
    ));
    tx.assess_contact(
        &actor(),
        &vt.id,
        &second,
        &p.sanne.0, &eenplan_store::AssessmentInput { outcome: Outcome::HandToLocalTeam, follow_up_on: Some(date(2027, 1, 11)), findings: "Gesprekken met ouders en school", reasoning: "Afgewogen naar de veiligheid van het kind" },
        date(2026, 11, 24),)
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let facts = r.access_facts(&family).await.unwrap().unwrap();
    assert_eq!(
        (facts.framework, facts.basis_organisation.as_deref()),
        (
            eenplan_domain::family::Framework::VeiligThuis,
            Some(vt.id.as_str())
        ),
        "an investigation gives Veilig Thuis its legal basis"
    );
    assert!(
        vt_work(&mut r, &vt.id, date(2026, 11, 24))
            .await
            .is_empty()
    );
    let check_due = vt_work(&mut r, &vt.id, date(2027, 1, 5)).await;
    assert_eq!(
        check_due.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [second.as_str()],
        "the follow-up check comes back"
    );
    let due = r.file_due_items(&family).await.unwrap();
    assert!(
        due.iter().any(|i| i.on == date(2027, 1, 11)
            && matches!(
                &i.what,
                eenplan_domain::family::DueWhat::VeiligThuisFollowUp { contact_id, .. } if *contact_id == second
            )),
        "the family's overview shows the coming check: {due:?}"
    );
    let journal = r.journal_for_subject("vt_contact", &first).await.unwrap();
    assert_eq!(
        journal.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["vt_contact_received", "vt_contact_assessed"]
    );
    assert!(
        journal
            .iter()
            .all(|e| !e.payload.contains("Sam") && !e.payload.contains("Bas")),
        "no child or reporter in the journal"
    );
    drop(r);
    store.close().await;
    db
}

/// Veilig Thuis: the term counts from the moment of receipt the professional gives (a
/// report phoned in at night and typed in the next morning keeps its deadline), never a
/// moment in the future; one report names several children and the radar looks for
/// each; the assessment keeps its findings and reasoning.
pub async fn veilig_thuis_receipt_children_and_assessment_content(db: TestDb) -> TestDb {
    use eenplan_domain::veilig_thuis::{ContactKind, IntakeError, Outcome, Reporter};
    use eenplan_store::{AssessmentInput, ContactChild, NewContact};
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Gezin Jansen", "12").await;
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
    // Phoned in on Monday 23 November 2026 at 23:45 in Amsterdam, typed in on Tuesday.
    let night = UtcTime::parse("2026-11-23T22:45:00Z").unwrap();
    let morning = UtcTime::parse("2026-11-24T08:00:00Z").unwrap();
    let report = NewContact {
        kind: ContactKind::Report,
        acute: false,
        reporter: Some(Reporter::Police),
        reporter_name: "Agent De Wit".into(),
        reporter_contact: "0900-8844".into(),
        child_name: "Noor Jansen".into(),
        child_birth: None,
        more_children: vec![ContactChild {
            name: "Sam Jansen".into(),
            birth: Some(date(2016, 4, 2)),
        }],
        postcode: None,
        house_number: String::new(),
        concern: "Politie na huiselijk geweld; beide kinderen waren thuis".into(),
        received_at: Some(night),
    };
    let in_future = NewContact {
        received_at: Some(UtcTime::parse("2026-11-24T08:01:00Z").unwrap()),
        ..report.clone()
    };
    assert!(matches!(
        tx.receive_contact(&actor(), &vt.id, &p.sanne.0, &in_future, morning)
            .await,
        Err(StoreError::Intake(IntakeError::ReceivedInFuture))
    ));
    let (id, radar) = tx
        .receive_contact(&actor(), &vt.id, &p.sanne.0, &report, morning)
        .await
        .unwrap();
    assert_eq!(
        radar.families.iter().map(|f| &f.id).collect::<Vec<_>>(),
        [&family],
        "the radar found the file through the second child"
    );
    let only_sam = NewContact {
        child_name: "sam jansen".into(),
        child_birth: Some(date(2016, 4, 2)),
        more_children: Vec::new(),
        received_at: None,
        ..report.clone()
    };
    let (later, radar) = tx
        .receive_contact(&actor(), &vt.id, &p.sanne.0, &only_sam, morning)
        .await
        .unwrap();
    assert_eq!(
        radar.earlier.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [id.as_str()],
        "the earlier report about both children is an earlier signal about Sam"
    );
    let bare = AssessmentInput {
        outcome: Outcome::Close,
        follow_up_on: None,
        findings: " ",
        reasoning: "Geen zorgen meer",
    };
    assert!(matches!(
        tx.assess_contact(&actor(), &vt.id, &id, &p.sanne.0, &bare, date(2026, 11, 25))
            .await,
        Err(StoreError::Intake(IntakeError::FindingsNeeded))
    ));
    tx.assess_contact(
        &actor(),
        &vt.id,
        &id,
        &p.sanne.0,
        &AssessmentInput {
            findings: "Gesprek met moeder; de school ziet geen signalen",
            reasoning: "Moeder heeft hulp gezocht bij het buurtteam",
            ..bare
        },
        date(2026, 11, 25),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let detail = r.vt_contact(&vt.id, &id).await.unwrap().unwrap();
    assert_eq!(detail.received_at, night);
    assert_eq!(detail.contact.received_on, date(2026, 11, 23));
    assert_eq!(
        detail.contact.due_on,
        Some(date(2026, 11, 30)),
        "five working days from Monday, the day it came in"
    );
    assert_eq!(
        (detail.reporter_name.as_str(), detail.reporter_contact.as_str()),
        ("Agent De Wit", "0900-8844")
    );
    assert_eq!(
        detail.children,
        [
            ContactChild {
                name: "Noor Jansen".into(),
                birth: None
            },
            ContactChild {
                name: "Sam Jansen".into(),
                birth: Some(date(2016, 4, 2))
            }
        ]
    );
    assert_eq!(
        (detail.findings.as_deref(), detail.reasoning.as_deref()),
        (
            Some("Gesprek met moeder; de school ziet geen signalen"),
            Some("Moeder heeft hulp gezocht bij het buurtteam")
        )
    );
    let later = r.vt_contact(&vt.id, &later).await.unwrap().unwrap();
    assert_eq!(later.contact.received_on, date(2026, 11, 24));
    assert_eq!(later.contact.due_on, Some(date(2026, 12, 1)));
    assert_eq!(
        later.earlier.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [id.as_str()]
    );
    drop(r);
    store.close().await;
    db
}

/// The EVU covers named neighbourhoods from their start dates; "bring into the EVU" is
/// refused for a family living elsewhere, or before its neighbourhood's start.
pub async fn evu_areas_decide_bringing_a_report_into_the_evu(db: TestDb) -> TestDb {
    use eenplan_domain::area::AreaKind;
    use eenplan_domain::veilig_thuis::{ContactKind, IntakeError, Outcome, Reporter};
    use eenplan_store::{NewArea, NewContact};
    let store = db.open().await;
    let p = people(&store).await;
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
    let utrecht_p = area(AreaKind::Province, "Utrecht", None).await;
    let utrecht = area(AreaKind::Municipality, "Utrecht", Some(utrecht_p)).await;
    let gagel = area(AreaKind::Neighbourhood, "De Gagel", Some(utrecht.clone())).await;
    let spoorzoom = area(AreaKind::Neighbourhood, "Spoorzoom", Some(utrecht.clone())).await;
    tx.add_evu_area(&actor(), &gagel, date(2024, 1, 1))
        .await
        .unwrap();
    tx.add_evu_area(&actor(), &spoorzoom, date(2027, 6, 1))
        .await
        .unwrap();
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
    // The local team works in Utrecht, so its families can live in its neighbourhoods.
    tx.add_organisation_area(&actor(), &p.sanne.1, &utrecht)
        .await
        .unwrap();
    let mut family_in = async |area_id: &str, number: &str| {
        let mut home = crate::family::address("Gezin", number);
        home.area_id = Some(area_id.to_owned());
        tx.open_family(&actor(), home, &p.sanne.0, &p.sanne.1)
            .await
            .unwrap()
    };
    let in_gagel = family_in(&gagel, "1").await;
    let in_spoorzoom = family_in(&spoorzoom, "2").await;
    tx.commit().await.unwrap();
    let today = date(2026, 11, 23);
    let mut r = store.read().await.unwrap();
    assert!(r.lives_in_evu_area(&in_gagel, today).await.unwrap());
    assert!(
        !r.lives_in_evu_area(&in_spoorzoom, today).await.unwrap(),
        "Spoorzoom from June 2027"
    );
    assert!(
        r.lives_in_evu_area(&in_spoorzoom, date(2027, 6, 1))
            .await
            .unwrap()
    );
    drop(r);
    let report = |number: &str| NewContact {
        kind: ContactKind::Report,
        acute: false,
        reporter: Some(Reporter::Police),
        reporter_name: String::new(),
        reporter_contact: String::new(),
        child_name: String::new(),
        child_birth: None,
        postcode: Some(eenplan_domain::family::Postcode::parse("3562 JW").unwrap()),
        house_number: number.into(),
        more_children: Vec::new(),
        received_at: None,
        concern: "Politie na huiselijk geweld".into(),
    };
    let now = UtcTime::parse("2026-11-23T09:00:00Z").unwrap();
    let mut tx = store.write().await.unwrap();
    let (a, radar) = tx
        .receive_contact(&actor(), &vt.id, &p.sanne.0, &report("1"), now)
        .await
        .unwrap();
    assert_eq!(radar.families[0].id, in_gagel);
    let (b, _) = tx
        .receive_contact(&actor(), &vt.id, &p.sanne.0, &report("2"), now)
        .await
        .unwrap();
    assert!(matches!(
        tx.assess_contact(
            &actor(),
            &vt.id,
            &b,
            &p.sanne.0, &eenplan_store::AssessmentInput { outcome: Outcome::BringIntoEvu, follow_up_on: None, findings: "Gesprekken met ouders en school", reasoning: "Afgewogen naar de veiligheid van het kind" },
            today
        )
        .await
        .unwrap_err(),
        StoreError::Intake(IntakeError::NotInEvuArea)
    ));
    tx.assess_contact(
        &actor(),
        &vt.id,
        &a,
        &p.sanne.0, &eenplan_store::AssessmentInput { outcome: Outcome::BringIntoEvu, follow_up_on: None, findings: "Gesprekken met ouders en school", reasoning: "Afgewogen naar de veiligheid van het kind" },
        today,)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    store.close().await;
    db
}

/// A consent or a framework change dated in year 0 or 9999 is a
/// typing error, refused naming the date, with nothing stored.
pub async fn implausible_consent_and_framework_dates_are_refused(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let (sam, kim) = members(&store, &id).await;
    let mut tx = store.write().await.unwrap();
    let given_in_year_0 = ConsentInput {
        given_on: date(0, 1, 1),
        ..sharing(&p.thomas.1, &sam, &[&kim])
    };
    assert!(matches!(
        tx.record_consent(&actor(), &id, &p.thomas.0, &given_in_year_0, today())
            .await
            .unwrap_err(),
        StoreError::Consent(ConsentError::GivenOnImplausible(_))
    ));
    let ends_in_9999 = ConsentInput {
        ends_on: Some(date(9999, 12, 31)),
        ..sharing(&p.thomas.1, &sam, &[&kim])
    };
    assert!(matches!(
        tx.record_consent(&actor(), &id, &p.thomas.0, &ends_in_9999, today())
            .await
            .unwrap_err(),
        StoreError::Consent(ConsentError::EndsOnImplausible(_))
    ));
    // A consent running until the child comes of age is accepted.
    let until_eighteen = ConsentInput {
        ends_on: Some(date(2040, 1, 1)),
        ..sharing(&p.thomas.1, &sam, &[&kim])
    };
    tx.record_consent(&actor(), &id, &p.thomas.0, &until_eighteen, today())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.change_framework(
            &actor(),
            &id,
            &FrameworkInput {
                framework: Framework::CourtOrder,
                organisation_id: Some(p.thomas.1.clone()),
                ground: "Ondertoezichtstelling".into(),
                effective_on: date(0, 1, 1),
            },
            today(),
        )
        .await
        .unwrap_err(),
        StoreError::Framework(FrameworkError::Implausible(_))
    ));
    drop(tx);
    let consents = store.read().await.unwrap().consents(&id).await.unwrap();
    assert_eq!(consents.len(), 1, "only the plausible consent is stored");
    let family = store
        .read()
        .await
        .unwrap()
        .family(&id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        family.framework,
        Framework::Voluntary,
        "the framework is unchanged"
    );
    db
}

/// The whole Veilig Thuis work list on `today`, read as one page.
async fn vt_work(
    r: &mut eenplan_store::Tx,
    organisation: &eenplan_domain::OrganisationId,
    today: jiff::civil::Date,
) -> Vec<eenplan_store::Contact> {
    r.vt_work_page(organisation, today, &eenplan_store::Seek::First, 200)
        .await
        .unwrap()
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}
