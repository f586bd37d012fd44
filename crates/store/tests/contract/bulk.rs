//! The bulk path of the national-scale demo: rows and a journal chained in memory that
//! `verify` and `verify --deep` accept like any other, dated when the generator says,
//! and that the store's own commands continue.

use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    ConsentForm, ConsentStep, DataCategory, Expertise, Framework, InvolvementRole, MemberKind,
    NewMember, Postcode,
};
use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_store::{Bulk, BulkGuidance, ConsentInput, FrameworkInput, NewFamily};
use jiff::civil::date;

use crate::family::{actor, open, people, sample_plan};
use crate::support::TestDb;

async fn evaluation_rows(store: &eenplan_store::Store) -> Vec<eenplan_domain::evaluation::report::MetricRow> {
    let mut tx = store.read().await.unwrap();
    tx.evaluation_rows().await.unwrap()
}

fn at(s: &str) -> UtcTime {
    UtcTime::parse(s).unwrap()
}

pub async fn a_bulk_history_verifies_and_carries_its_own_dates(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    // One file through the ordinary path first: the bulk chain continues its head.
    let before = open(&store, &p, "Gezin Jansen", "1").await;
    let mut bulk = Bulk::default();
    let mut ids = Vec::new();
    for n in 0..3 {
        let opened = at("2019-03-04T08:00:00Z");
        let (id, lead) = bulk.open_family(
            opened,
            &actor(),
            &NewFamily {
                label: format!("Gezin Bulk {n}"),
                street: "Kanaalweg".into(),
                house_number: (n + 1).to_string(),
                postcode: Postcode::parse("3526 KL").unwrap(),
                city: "Utrecht".into(),
                area_id: None,
            },
            (&p.sanne.0, &p.sanne.1),
        );
        let child = bulk.add_member(
            opened,
            &actor(),
            &id,
            &NewMember {
                kind: MemberKind::Child,
                name: "Sam Bulk".into(),
                date_of_birth: Some(date(2015, 1, 2)),
                has_custody: false,
            },
        );
        let parent = bulk.add_member(
            opened,
            &actor(),
            &id,
            &NewMember {
                kind: MemberKind::Parent,
                name: "Kim Bulk".into(),
                date_of_birth: None,
                has_custody: true,
            },
        );
        let drafted = at("2019-03-20T09:00:00Z");
        let version = bulk
            .save_plan(drafted, &actor(), &p.sanne.0, &id, &sample_plan())
            .unwrap();
        bulk.agree_plan(
            at("2019-04-01T09:00:00Z"),
            &actor(),
            &p.sanne.0,
            &id,
            (version, std::slice::from_ref(&parent)),
        );
        bulk.give_consent(
            at("2019-04-02T09:00:00Z"),
            &actor(),
            &id,
            &p.sanne.0,
            &ConsentInput {
                step: ConsentStep::SaveGuidance,
                organisation_id: Some(p.thomas.1.clone()),
                purpose: "SAVE-begeleiding".into(),
                categories: vec![DataCategory::Identity, DataCategory::Plan],
                children: vec![child.clone()],
                given_by: vec![child, parent],
                form: ConsentForm::Written,
                given_on: date(2019, 4, 2),
                ends_on: None,
            },
        );
        let save = bulk.involve(
            at("2019-04-02T09:01:00Z"),
            &actor(),
            &id,
            (InvolvementRole::Partner, &p.thomas.0, &p.thomas.1),
            Some(Expertise::Safety),
            None,
        );
        let guidance = bulk
            .start_guidance(
                at("2019-04-02T09:02:00Z"),
                &actor(),
                &id,
                date(2019, 4, 2),
                &BulkGuidance {
                    organisation_id: &p.thomas.1,
                    worker_id: &p.thomas.0,
                    involvement_id: &save,
                    expertise: Expertise::Safety,
                    goals: &["De kinderen voelen zich thuis veilig".to_owned()],
                    planned_end: date(2019, 9, 1),
                    started_by: &p.sanne.0,
                },
            )
            .unwrap();
        bulk.end_guidance(
            at("2019-09-01T09:00:00Z"),
            &actor(),
            &id,
            (&guidance, &save),
            (GuidanceOutcome::SafetyRestored, ""),
            date(2019, 9, 1),
            &p.thomas.0,
        );
        if n == 1 {
            bulk.change_framework(
                at("2019-10-01T09:00:00Z"),
                &actor(),
                &id,
                &FrameworkInput {
                    framework: Framework::CourtOrder,
                    organisation_id: Some(p.thomas.1.clone()),
                    ground: "Ondertoezichtstelling".into(),
                    effective_on: date(2019, 10, 1),
                },
            );
        }
        bulk.involve(
            at("2020-01-06T09:00:00Z"),
            &actor(),
            &id,
            (InvolvementRole::Regisseur, &p.mohamed.0, &p.mohamed.1),
            None,
            Some((&lead, "Regie overgedragen")),
        );
        ids.push(id);
    }
    assert_eq!(bulk.families(), 3);
    let mut tx = store.write().await.unwrap();
    let written = tx.write_bulk(bulk).await.unwrap();
    tx.commit().await.unwrap();
    // Per family: opened, lead, 2 members, plan, agreement, consent, SAVE joins,
    // guidance started, SAVE's involvement ended, guidance ended, handover (2 entries).
    assert_eq!(written, 3 * 13 + 1);

    // The store's own commands carry on after the bulk batch, on a bulk family too.
    let mut tx = store.write().await.unwrap();
    tx.add_member(
        &actor(),
        &ids[0],
        NewMember {
            kind: MemberKind::Child,
            name: "Noor Bulk".into(),
            date_of_birth: Some(date(2020, 5, 6)),
            has_custody: false,
        },
        date(2026, 12, 1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let report = store.verify_journal(None).await.unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    let deep = store.verify_deep().await.unwrap();
    assert!(deep.is_intact(), "{:?}", deep.findings);
    assert_eq!(deep.unprovable_old, 0, "{deep:?}");

    let mut tx = store.read().await.unwrap();
    let entries = tx.journal_for_subject("family", ids[1].as_str()).await.unwrap();
    assert_eq!(entries[0].kind, "family_opened");
    assert!(entries[0].recorded_at.starts_with("2019-03-04T08:00:00"));
    assert!(
        entries
            .windows(2)
            .all(|w| w[0].recorded_at <= w[1].recorded_at)
    );
    let family = tx.family(&ids[1]).await.unwrap().unwrap();
    assert_eq!(family.framework, Framework::CourtOrder);
    assert_eq!(family.regisseur().unwrap().user_id, p.mohamed.0.as_str());
    assert_eq!(family.members.len(), 2);
    assert!(tx.family(&before).await.unwrap().is_some());
    drop(tx);

    // The evaluation's rows follow a bulk batch as they follow any other append: the
    // rebuild from the journal finds the same.
    let incremental = evaluation_rows(&store).await;
    assert!(
        ids.iter()
            .all(|id| incremental.iter().any(|r| r.family_id == id.as_str())),
        "{incremental:?}"
    );
    store.rebuild_evaluation().await.unwrap();
    assert_eq!(evaluation_rows(&store).await, incremental);

    // The seals are real: a bulk row edited behind eenplan's back is named.
    db.raw(&format!(
        "UPDATE families SET label = 'Gezin Vervalst' WHERE id = '{}'",
        ids[2]
    ))
    .await
    .unwrap();
    let tampered = store.verify_deep().await.unwrap();
    assert_eq!(tampered.findings.len(), 1, "{:?}", tampered.findings);
    db.raw(&format!(
        "UPDATE families SET label = 'Gezin Bulk 2' WHERE id = '{}'",
        ids[2]
    ))
    .await
    .unwrap();
    store.close().await;
    db
}
