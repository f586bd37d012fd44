//! The evaluation's rows (issue 16 §3): kept up to date in the transaction of the
//! events, equal to a rebuild from the journal, and the aggregate query with its
//! small-cell rules, on every backend.

use std::collections::BTreeMap;

use eenplan_domain::area::AreaKind;
use eenplan_domain::evaluation::report::{
    AreaFilter, Cell, Counts, Evaluation, EvaluationQuery, FamilyOrganisations, Metric, MetricRow,
    cells_of, evaluate, framework_of, transition_of,
};
use eenplan_domain::evaluation::suppression::{Shown, Threshold};
use eenplan_domain::family::{Expertise, Framework, InvolvementRole};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_domain::time::amsterdam_date;
use eenplan_domain::veilig_thuis::{ContactKind, Outcome, Reporter};
use eenplan_domain::{FamilyId, UtcTime};
use eenplan_store::{FrameworkInput, NewArea, NewContact, NewGuidance, NewInvolvement, Store};
use jiff::ToSpan;
use jiff::civil::{Date, date};

use crate::consent::consent_to;
use crate::family::{People, actor, open, people};
use crate::support::TestDb;

fn today() -> Date {
    amsterdam_date(UtcTime::now())
}

async fn rows(store: &Store) -> Vec<MetricRow> {
    store
        .read()
        .await
        .unwrap()
        .evaluation_rows()
        .await
        .unwrap()
}

async fn organisations(store: &Store) -> Vec<(String, String)> {
    store
        .read()
        .await
        .unwrap()
        .fetch_all(
            "SELECT family_id, organisation_id FROM evaluation_family_organisations \
             ORDER BY family_id, organisation_id",
            vec![],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.text("family_id").unwrap(), r.text("organisation_id").unwrap()))
        .collect()
}

/// The organisations kept, as the domain's cells take them.
async fn family_organisations(store: &Store) -> FamilyOrganisations {
    let mut out = FamilyOrganisations::new();
    for (family, organisation) in organisations(store).await {
        out.entry(family).or_default().insert(organisation);
    }
    out
}

fn of<'a>(rows: &'a [MetricRow], family: &FamilyId, metric: Metric) -> Vec<&'a MetricRow> {
    rows.iter()
        .filter(|r| r.family_id == family.as_str() && r.metric == metric)
        .collect()
}

async fn area(store: &Store, name: &str, parent: Option<String>) -> String {
    let mut tx = store.write().await.unwrap();
    let kind = if parent.is_some() {
        AreaKind::Municipality
    } else {
        AreaKind::Province
    };
    let id = tx
        .create_area(
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
        .id;
    tx.commit().await.unwrap();
    id
}

/// A family in `area` whose file came under a court order on `effective_on`: its
/// framework rows count on that day.
async fn family_in(
    store: &Store,
    p: &People,
    n: usize,
    area: Option<&str>,
    effective_on: Date,
) -> FamilyId {
    let family = open(store, p, &format!("Gezin {n}"), &n.to_string()).await;
    let mut tx = store.write().await.unwrap();
    tx.execute(
        "UPDATE families SET area_id = $1 WHERE id = $2",
        vec![area.into(), family.as_str().into()],
    )
    .await
    .unwrap();
    tx.change_framework(
        &actor(),
        &family,
        &FrameworkInput {
            framework: Framework::CourtOrder,
            organisation_id: Some(p.thomas.1.clone()),
            ground: "Ondertoezichtstelling".into(),
            effective_on,
        },
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    family
}

/// One family through SAVE-begeleiding, a Veilig Thuis contact linked by the radar
/// and assessed, and a handover of the lead.
async fn a_full_family(store: &Store, p: &People) -> (FamilyId, String) {
    let family = open(store, p, "Gezin Jansen", "1").await;
    consent_to(store, &family, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    let guidance = tx
        .start_save_guidance(
            &actor(),
            &p.sanne.0,
            &family,
            &NewGuidance {
                worker_id: p.thomas.0.to_string(),
                expertise: Expertise::Violence,
                goals: vec!["Geen geweld meer in huis".into()],
                planned_end: today().checked_add(90.days()).unwrap(),
                review_months: None,
            },
            today(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    tx.end_save_guidance(
        &actor(),
        &p.thomas.1,
        false,
        &p.thomas.0,
        &family,
        &guidance,
        GuidanceOutcome::SafetyRestored,
        "",
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    let vt = tx
        .create_organisation(
            &actor(),
            eenplan_store::NewOrganisation {
                slug: eenplan_domain::organisation::Slug::parse("vt").unwrap(),
                name: "Veilig Thuis".into(),
                kind: OrganisationKind::VeiligThuis,
            },
        )
        .await
        .unwrap();
    let vera = tx
        .create_user(
            &actor(),
            eenplan_store::NewUser {
                email: eenplan_domain::user::Email::parse("vera@vt.example").unwrap(),
                name: eenplan_domain::user::PersonName::parse("Vera").unwrap(),
                organisation_id: vt.id.clone(),
                team_id: None,
                roles: vec![eenplan_domain::role::Role::Professional],
                password_hash: "-".into(),
                totp_secret: eenplan_domain::totp::TotpSecret::from_bytes([1; 20]),
            },
        )
        .await
        .unwrap();
    let (contact, radar) = tx
        .receive_contact(
            &actor(),
            &vt.id,
            &vera.id,
            &NewContact {
                kind: ContactKind::Report,
                acute: false,
                reporter: Some(Reporter::Police),
                reporter_name: String::new(),
                reporter_contact: String::new(),
                child_name: "Sam Jansen".into(),
                child_birth: Some(date(2016, 4, 2)),
                postcode: None,
                house_number: String::new(),
                more_children: Vec::new(),
                received_at: None,
                concern: "Politie na huiselijk geweld".into(),
            },
            UtcTime::now(),
        )
        .await
        .unwrap();
    assert_eq!(radar.families[0].id, family, "the radar links the contact");
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    tx.assess_contact(
        &actor(),
        &vt.id,
        &contact,
        &vera.id,
        &eenplan_store::AssessmentInput {
            outcome: Outcome::HandToLocalTeam,
            follow_up_on: Some(today().checked_add(30.days()).unwrap()),
            findings: "Gesprekken met ouders en school",
            reasoning: "Afgewogen naar de veiligheid van het kind",
        },
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let regisseur = store
        .read()
        .await
        .unwrap()
        .family(&family)
        .await
        .unwrap()
        .unwrap()
        .regisseur()
        .unwrap()
        .id
        .clone();
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &family,
        NewInvolvement {
            role: InvolvementRole::Regisseur,
            organisation_id: p.mohamed.1.to_string(),
            user_id: p.mohamed.0.to_string(),
            expertise: None,
            takes_over: Some(regisseur),
            reason: Some("Sanne gaat naar een ander buurtteam".into()),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (family, contact)
}

/// Each event's rows are there after its commit: the lead times (open ones without a
/// value), help started, the guidance, the Veilig Thuis contact (attributed through
/// the contact's link, its payload names no family), the handover, the faces and the
/// organisations.
pub async fn evaluation_rows_follow_the_events_in_their_transaction(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let (full, contact) = a_full_family(&store, &p).await;
    let family = open(&store, &p, "Gezin Pieters", "9").await;
    let opened = rows(&store).await;
    let judgement = of(&opened, &family, Metric::LeadJointJudgement);
    assert_eq!(judgement.len(), 1);
    assert_eq!((judgement[0].on, judgement[0].value), (today(), None));
    assert_eq!(
        of(&opened, &family, Metric::FacesProfessionals)[0].value,
        Some(1)
    );

    let all = rows(&store).await;
    assert_eq!(of(&all, &full, Metric::LeadHelpStarted)[0].value, Some(0));
    assert_eq!(of(&all, &full, Metric::LeadJointJudgement)[0].value, None);
    assert_eq!(of(&all, &full, Metric::SaveGuidanceDays)[0].value, Some(0));
    let outcome = of(&all, &full, Metric::SaveGuidanceOutcome)[0].value.unwrap();
    assert_eq!(
        Metric::SaveGuidanceOutcome.value_label(outcome, false).as_deref(),
        Some("Veiligheid hersteld")
    );
    let vt = of(&all, &full, Metric::VtAssessmentDays);
    assert_eq!(vt.len(), 1, "{all:#?}");
    assert_eq!((vt[0].item.as_str(), vt[0].value), (contact.as_str(), Some(0)));
    assert_eq!(of(&all, &full, Metric::HandoversLead).len(), 1);
    assert_eq!(
        of(&all, &full, Metric::FacesProfessionals)[0].value,
        Some(3),
        "Sanne, Thomas and Mohamed"
    );
    assert!(of(&all, &full, Metric::OrganisationChanges).is_empty());
    let orgs = organisations(&store).await;
    assert!(orgs.contains(&(full.to_string(), p.thomas.1.to_string())));
    assert!(!orgs.contains(&(family.to_string(), p.thomas.1.to_string())));

    let court = family_in(&store, &p, 3, None, date(2025, 3, 10)).await;
    let all = rows(&store).await;
    let framework = of(&all, &court, Metric::Framework)[0];
    assert_eq!(framework.on, date(2025, 3, 10), "dated on the day it took effect");
    assert_eq!(
        framework_of(framework.value.unwrap()),
        Some(Framework::CourtOrder)
    );
    let transition = of(&all, &court, Metric::FrameworkTransition)[0];
    assert_eq!(
        transition_of(transition.value.unwrap()).map(|t| t.1),
        Some(Framework::CourtOrder)
    );
    store.close().await;
    db
}

/// The rows kept up to date event by event equal the rows a rebuild from the journal
/// computes, for a varied set of families.
pub async fn evaluation_rebuilt_from_the_journal_equals_the_rows_kept_up_to_date(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    a_full_family(&store, &p).await;
    let a = area(&store, "Utrecht", None).await;
    let b = area(&store, "De Bilt", Some(a.clone())).await;
    for n in 0..6 {
        let at = if n % 2 == 0 { &a } else { &b };
        family_in(&store, &p, 10 + n, Some(at), date(2025, 1 + n as i8, 3)).await;
    }
    let kept = rows(&store).await;
    let kept_orgs = organisations(&store).await;
    assert!(kept.len() > 30, "{}", kept.len());
    let families = kept
        .iter()
        .map(|r| r.family_id.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .len();

    let kept_cells = cells(&store).await;
    let by_family = family_organisations(&store).await;
    assert!(
        by_family.values().any(|o| o.len() > 1),
        "a family with two organisations: {by_family:?}"
    );
    assert!(
        kept_cells.keys().any(|c| matches!(c, Cell::Value { organisation_id: Some(_), .. })),
        "cells per organisation"
    );
    assert_eq!(
        kept_cells,
        cells_of(&kept, &by_family),
        "the month cells follow the rows and organisations"
    );

    assert_eq!(store.rebuild_evaluation().await.unwrap(), families as u64);
    assert_eq!(rows(&store).await, kept);
    assert_eq!(organisations(&store).await, kept_orgs);
    assert_eq!(cells(&store).await, kept_cells);
    // Twice is the same as once.
    store.rebuild_evaluation().await.unwrap();
    assert_eq!(rows(&store).await, kept);
    assert_eq!(cells(&store).await, kept_cells);
    store.close().await;
    db
}

async fn cells(store: &Store) -> BTreeMap<Cell, i64> {
    store
        .read()
        .await
        .unwrap()
        .evaluation_cells()
        .await
        .unwrap()
}

/// The migrations that make the month cells and give them their organisation key:
/// forgotten, they run again (0045's tables, then 0068's, filled from the rows).
const CELL_MIGRATIONS: [&str; 3] = [
    "DROP TABLE evaluation_value_cells",
    "DROP TABLE evaluation_family_cells",
    "DELETE FROM schema_migrations WHERE version IN (45, 68)",
];

/// A database whose rows were kept before the month cells existed gets its cells, for
/// every organisation and per organisation, from those rows and organisations when the
/// migration that makes them runs (the full family's rows and organisations changed
/// event by event before, each change moving its cells along).
pub async fn evaluation_cells_are_filled_by_their_migration_and_follow_changes(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    a_full_family(&store, &p).await;
    let a = area(&store, "Utrecht", None).await;
    for n in 0..4 {
        family_in(&store, &p, 20 + n, Some(&a), date(2024, 11 + n as i8 % 2, 3)).await;
    }
    let kept = rows(&store).await;
    let by_family = family_organisations(&store).await;
    assert_eq!(cells(&store).await, cells_of(&kept, &by_family));

    let mut tx = store.write().await.unwrap();
    for sql in CELL_MIGRATIONS {
        tx.execute(sql, vec![]).await.unwrap();
    }
    tx.commit().await.unwrap();
    let ran: Vec<i64> = store
        .migrate()
        .await
        .unwrap()
        .iter()
        .map(|m| m.version)
        .collect();
    assert_eq!(ran, [45, 68], "the cells' migrations run again");
    assert_eq!(
        cells(&store).await,
        cells_of(&kept, &by_family),
        "filled from the rows and organisations"
    );

    // Families with rows in two months of a period count once, read from the cells;
    // four of them worked with by one organisation, two of those by another too.
    let mut tx = store.write().await.unwrap();
    for n in 0..6 {
        for (item, on) in [("a", "2025-02-10"), ("b", "2025-06-20")] {
            tx.execute(
                "INSERT INTO evaluation_rows (family_id, metric, item, on_date, area_id, value) \
                 VALUES ($1, 'faces_professionals', $2, $3, $4, 2)",
                vec![format!("x{n}").into(), item.into(), on.into(), a.as_str().into()],
            )
            .await
            .unwrap();
        }
        let organisations = match n {
            0 | 1 => vec![p.sanne.1.to_string(), "other".to_owned()],
            2 | 3 => vec![p.sanne.1.to_string()],
            _ => vec![],
        };
        for organisation in organisations {
            tx.execute(
                "INSERT INTO evaluation_family_organisations (family_id, organisation_id) \
                 VALUES ($1, $2)",
                vec![format!("x{n}").into(), organisation.into()],
            )
            .await
            .unwrap();
        }
    }
    for sql in CELL_MIGRATIONS {
        tx.execute(sql, vec![]).await.unwrap();
    }
    tx.commit().await.unwrap();
    store.migrate().await.unwrap();
    let all = rows(&store).await;
    let by_family = family_organisations(&store).await;
    let names: BTreeMap<String, String> = [(a.clone(), "Utrecht".to_owned())].into();
    for (from, to) in [
        (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2025, 3, 1), date(2025, 12, 31)),
        (date(2024, 11, 1), date(2025, 2, 28)),
    ] {
        for organisation in [
            None,
            Some(p.sanne.1.to_string()),
            Some(p.thomas.1.to_string()),
            Some("other".to_owned()),
            Some("nobody".to_owned()),
        ] {
            let period = EvaluationQuery {
                organisation: organisation.clone(),
                ..query(from, to, AreaFilter::All)
            };
            // The rows of the organisation's families, as the domain counts them.
            let theirs: Vec<MetricRow> = all
                .iter()
                .filter(|r| {
                    organisation.as_ref().is_none_or(|o| {
                        by_family
                            .get(&r.family_id)
                            .is_some_and(|set| set.contains(o))
                    })
                })
                .cloned()
                .collect();
            let reference = evaluate(
                &Counts::from_rows(&theirs, from, to, &period.areas),
                &period,
                false,
                &[],
                &names,
            );
            assert_eq!(
                store.evaluation(&period, &[]).await.unwrap(),
                reference,
                "{from}..{to} {organisation:?}"
            );
        }
    }
    store.close().await;
    db
}

fn query(from: Date, to: Date, areas: AreaFilter) -> EvaluationQuery {
    EvaluationQuery {
        from,
        to,
        areas,
        organisation: None,
        threshold: Threshold::MIN,
    }
}

fn files_of(e: &Evaluation, area: &str) -> Shown<u64> {
    e.areas
        .iter()
        .find(|a| a.area_id.as_deref() == Some(area))
        .map(|a| a.files)
        .unwrap_or(Shown::Value(0))
}

/// Six families in one area, two in another: the aggregate answers what the domain
/// computes from the rows themselves, the two families are "<5" and the six are hidden
/// with them (else the total gives the two away); filters by area and organisation.
pub async fn the_evaluation_answers_from_the_rows_and_hides_small_cells(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let province = area(&store, "Utrecht", None).await;
    let big = area(&store, "Zeist", Some(province.clone())).await;
    let small = area(&store, "De Bilt", Some(province.clone())).await;
    for n in 0..6 {
        family_in(&store, &p, n, Some(&big), date(2025, 3, 10)).await;
    }
    for n in 6..8 {
        family_in(&store, &p, n, Some(&small), date(2025, 3, 20)).await;
    }
    let year = query(date(2025, 1, 1), date(2025, 12, 31), AreaFilter::All);
    let answer = store.evaluation(&year, &[]).await.unwrap();

    let names: BTreeMap<String, String> = [
        (big.clone(), "Zeist".to_owned()),
        (small.clone(), "De Bilt".to_owned()),
        (province.clone(), "Utrecht".to_owned()),
    ]
    .into();
    let all = rows(&store).await;
    let reference = evaluate(
        &Counts::from_rows(&all, year.from, year.to, &year.areas),
        &year,
        false,
        &[],
        &names,
    );
    assert_eq!(answer, reference, "the SQL counts equal the domain's own");

    assert_eq!(files_of(&answer, &small), Shown::Suppressed, "<5");
    assert_eq!(files_of(&answer, &big), Shown::Suppressed, "the complement");
    let framework = answer
        .tallies
        .iter()
        .find(|t| t.metric == Metric::Framework)
        .unwrap();
    assert!(framework.table.has_suppressed());

    let within = store
        .evaluation(
            &query(year.from, year.to, AreaFilter::Within(vec![big.clone()])),
            &[],
        )
        .await
        .unwrap();
    assert_eq!(within.files, Shown::Value(6));
    let outside = store
        .evaluation(
            &query(year.from, year.to, AreaFilter::Outside(vec![small.clone()])),
            &[],
        )
        .await
        .unwrap();
    assert_eq!(outside.files, Shown::Value(6));
    let mut by_org = query(year.from, year.to, AreaFilter::All);
    by_org.organisation = Some(p.sanne.1.to_string());
    assert_eq!(store.evaluation(&by_org, &[]).await.unwrap(), answer);
    by_org.organisation = Some(p.thomas.1.to_string());
    assert_eq!(
        store.evaluation(&by_org, &[]).await.unwrap().files,
        Shown::Value(0),
        "SAVE worked with none of them"
    );
    let backwards = query(year.to, year.from, AreaFilter::All);
    assert!(store.evaluation(&backwards, &[]).await.is_err());
    store.close().await;
    db
}

/// The differencing attack: two families in De Bilt on 20 March among twelve in Zeist
/// on 10 and 25 March. Custom periods that avoid 20 March have no small cell, but
/// their days would add up to Zeist's March, and March's total minus Zeist's March is
/// De Bilt's two. Every custom period inside March is answered for the whole month,
/// with De Bilt and its complement hidden, so no pair of answers differs.
pub async fn evaluation_of_overlapping_custom_periods_cannot_reveal_a_hidden_cell(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let province = area(&store, "Utrecht", None).await;
    let zeist = area(&store, "Zeist", Some(province.clone())).await;
    let bilt = area(&store, "De Bilt", Some(province.clone())).await;
    for n in 0..6 {
        family_in(&store, &p, n, Some(&zeist), date(2025, 3, 10)).await;
        family_in(&store, &p, 10 + n, Some(&zeist), date(2025, 3, 25)).await;
    }
    for n in 20..22 {
        family_in(&store, &p, n, Some(&bilt), date(2025, 3, 20)).await;
    }
    let march = store
        .evaluation(
            &query(date(2025, 3, 1), date(2025, 3, 31), AreaFilter::All),
            &[],
        )
        .await
        .unwrap();
    assert_eq!(files_of(&march, &bilt), Shown::Suppressed);
    assert_eq!(files_of(&march, &zeist), Shown::Suppressed);
    let mut answers = Vec::new();
    for (from, to) in [(1, 19), (1, 24), (21, 31), (11, 31), (15, 25), (20, 20)] {
        let asked = query(date(2025, 3, from), date(2025, 3, to), AreaFilter::All);
        let answer = store.evaluation(&asked, &[]).await.unwrap();
        assert!(answer.snapped, "{from}–{to} March is answered for the month");
        assert_eq!((answer.from, answer.to), (march.from, march.to));
        answers.push(answer);
    }
    for answer in &answers {
        let mut same = answer.clone();
        same.snapped = march.snapped;
        assert_eq!(same, march, "no two answers differ, so no difference reveals");
    }
    // A period of whole months with nothing small is answered as asked.
    let april = query(date(2025, 4, 1), date(2025, 4, 30), AreaFilter::All);
    assert!(!store.evaluation(&april, &[]).await.unwrap().snapped);
    store.close().await;
    db
}

/// SAVE op locatie: held consultations per team, anonymous or by name and by result;
/// cancelled ones and other periods do not count, and two named ones are "<5" with
/// their complement. (Seeded as rows: the query, not the booking flow, is under test.)
pub async fn evaluation_counts_held_consultations_per_team(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Gezin Jansen", "1").await;
    let mut tx = store.write().await.unwrap();
    tx.execute(
        "INSERT INTO save_on_site_slots (id, organisation_id, worker_id, team_id, day, \
         part_of_day, starts_on, added_at) VALUES ('slot', $1, $2, $3, 'tuesday', 'morning', \
         '2025-01-07', '2025-01-01T08:00:00Z')",
        vec![
            p.thomas.1.as_str().into(),
            p.thomas.0.as_str().into(),
            p.overvecht_team.as_str().into(),
        ],
    )
    .await
    .unwrap();
    let rows: Vec<(&str, Option<&str>, &str, &str)> = (0..6)
        .map(|_| ("2025-05-13", None, "held", "none"))
        .chain([
            ("2025-05-13", Some(family.as_str()), "held", "veilig_thuis_report"),
            ("2025-05-20", Some(family.as_str()), "held", "veilig_thuis_report"),
            ("2025-05-20", None, "cancelled", "none"),
            ("2024-05-21", None, "held", "none"),
        ])
        .collect();
    for (n, (on, family, state, result)) in rows.into_iter().enumerate() {
        tx.execute(
            "INSERT INTO save_consultations (id, slot_id, on_date, walk_in, family_id, asked_by, \
             question, state, result, booked_at) VALUES ($1, 'slot', $2, 0, $3, $4, 'Vraag', $5, $6, \
             '2025-01-01T08:00:00Z')",
            vec![
                format!("c{n}").into(),
                on.into(),
                family.into(),
                p.sanne.0.as_str().into(),
                state.into(),
                result.into(),
            ],
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let year = query(date(2025, 1, 1), date(2025, 12, 31), AreaFilter::All);
    let t = store.evaluation(&year, &[]).await.unwrap().consultations;
    assert_eq!(t.teams.len(), 1);
    assert_eq!(t.teams[0].1, "Buurtteam Overvecht");
    assert_eq!(t.by_kind.cell(0, 1), Shown::Suppressed, "two by name");
    assert_eq!(t.by_kind.cell(0, 0), Shown::Suppressed, "the complement");
    assert_eq!(t.by_kind.row_total(0), Shown::Value(8));
    assert_eq!(t.by_result.cell(0, 1), Shown::Value(0));
    assert_eq!(t.by_result.cell(0, 2), Shown::Suppressed);
    let mut by_org = year.clone();
    by_org.organisation = Some(p.thomas.1.to_string());
    let none = store.evaluation(&by_org, &[]).await.unwrap().consultations;
    assert!(none.teams.is_empty(), "the team is Lokalis's, not SAVE's");
    store.close().await;
    db
}
