//! Issue 18 §2, continued: the privacy officer's access-log filters, the work lists of
//! the start pages, the evaluation of a region-year, the duplicate check and the Veilig
//! Thuis radar read the tables of national size by an index only (see `explain` for
//! how a plan is asked and judged). Each area seeds a little of everything it reads, so
//! no query is planned on an empty table.

use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::evaluation::report::{AreaFilter, EvaluationQuery};
use eenplan_domain::evaluation::suppression::Threshold;
use eenplan_domain::family::{DocumentCategory, Expertise, InvolvementRole};
use eenplan_domain::joint_assessment::MeetingKind;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::time::amsterdam_date;
use eenplan_domain::veilig_thuis::{ContactKind, Reporter};
use eenplan_domain::{FamilyId, OrganisationId, UserId, UtcTime};
use eenplan_store::{
    AccessEntry, AccessFilter, Backend, NewContact, NewInvolvement, NewMeeting, NewOrganisation, PageKey, Seek,
    TeamScope, Tx,
};
use jiff::ToSpan;
use jiff::civil::{Date, date};

use crate::consent::consent_to;
use crate::explain::{plan_as_if_big, scans_in, scans_of};
use crate::family::{People, actor, open, people, sample_plan};
use crate::start_lists::{hand_over, zuilen};
use crate::support::TestDb;

fn today() -> Date {
    amsterdam_date(UtcTime::now())
}

fn ago(hours: i64) -> UtcTime {
    UtcTime::from_timestamp(UtcTime::now().timestamp() - hours.hours())
}

/// The reads recorded in `tx` scan no big table.
async fn assert_no_scans(tx: &mut Tx) {
    let scans = scans_of(tx).await;
    assert!(scans.is_empty(), "full scans:\n{}", scans.join("\n"));
}

/// Ten files of Sanne (Lokalis, team Overvecht), SAVE a partner in the first.
async fn files(store: &eenplan_store::Store, p: &People) -> Vec<FamilyId> {
    let mut out = Vec::new();
    for n in 0..10 {
        out.push(open(store, p, &format!("Gezin {n}"), &format!("{}", n + 1)).await);
    }
    consent_to(store, &out[0], &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &out[0],
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
    tx.commit().await.unwrap();
    out
}

pub async fn access_log_filters_read_big_tables_by_index_only(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let families = files(&store, &p).await;
    let line = |who: &(UserId, OrganisationId), family: &FamilyId, n: usize| AccessEntry {
        event: if n % 5 == 4 {
            AccessEvent::Emergency
        } else {
            AccessEvent::Read
        },
        granted: n % 3 != 2,
        basis: Some(if n % 4 == 3 {
            AccessBasis::Emergency
        } else {
            AccessBasis::Involved
        }),
        user_id: who.0.to_string(),
        organisation_id: who.1.to_string(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: Some(family.to_string()),
        data: format!("GET /regel/{n}"),
        client_address: "127.0.0.1".into(),
    };
    let mut tx = store.write().await.unwrap();
    for (n, family) in families.iter().enumerate() {
        for who in [&p.sanne, &p.thomas, &p.mohamed] {
            tx.log_access(&line(who, family, n)).await.unwrap();
        }
    }
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    plan_as_if_big(&mut tx).await;
    let day = ago(1);
    let each = [
        AccessFilter::default(),
        AccessFilter {
            family_id: families[3].to_string(),
            ..AccessFilter::default()
        },
        AccessFilter {
            user_email: "thomas@save.example".into(),
            ..AccessFilter::default()
        },
        AccessFilter {
            organisation_id: p.thomas.1.to_string(),
            ..AccessFilter::default()
        },
        AccessFilter {
            from: Some(day),
            ..AccessFilter::default()
        },
        AccessFilter {
            until: Some(day),
            ..AccessFilter::default()
        },
        AccessFilter {
            emergency_only: true,
            ..AccessFilter::default()
        },
        AccessFilter {
            denied_only: true,
            ..AccessFilter::default()
        },
    ];
    tx.record_reads();
    // Each filter alone, as the operator's tools ask it and as a privacy officer (of
    // Lokalis, or of SAVE) does, whose scope is always set.
    for scope in ["", p.sanne.1.as_str(), p.thomas.1.as_str()] {
        for filter in &each {
            let f = AccessFilter {
                scope_organisation: scope.to_owned(),
                limit: 5,
                ..filter.clone()
            };
            let page = tx.access_log_page(&f, &Seek::First, 2).await.unwrap();
            if let Some((_, key)) = page.last() {
                tx.access_log_page(&f, &Seek::After(key.clone()), 2)
                    .await
                    .unwrap();
                tx.access_log_page(&f, &Seek::Before(key.clone()), 2)
                    .await
                    .unwrap();
            }
            tx.access_log_count(&f).await.unwrap();
        }
    }
    tx.access_log_for(&families[3]).await.unwrap();
    assert_no_scans(&mut tx).await;
    drop(tx);
    store.close().await;
    db
}

pub async fn work_lists_read_big_tables_by_index_only(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let (zuilen_team, piet) = zuilen(&store, &p).await;
    let families = files(&store, &p).await;
    let mut tx = store.write().await.unwrap();
    for family in &families[..4] {
        tx.save_plan(&actor(), &p.sanne.0, family, 0, &sample_plan())
            .await
            .unwrap();
    }
    tx.schedule_meeting(
        &actor(),
        &families[0],
        (&p.sanne.0, &p.sanne.1),
        &NewMeeting {
            kind: MeetingKind::LearningMeeting,
            meets_at: today().saturating_add(10.days()).at(14, 0, 0, 0),
            invited: vec![p.sanne.1.to_string(), p.thomas.1.to_string()],
            family_takes_part: true,
            family_absence_reason: String::new(),
        },
        today(),
    )
    .await
    .unwrap();
    for family in &families[..3] {
        tx.write_note(
            &actor(),
            family,
            &p.sanne.0,
            eenplan_store::NoteContent {
                interaction: eenplan_domain::family::Interaction::HomeVisit,
                happened_on: date(2026, 11, 20),
                text: "Huisbezoek".into(),
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    hand_over(&store, &families[5], &piet).await;

    let mut tx = store.write().await.unwrap();
    plan_as_if_big(&mut tx).await;
    tx.record_reads();
    let overvecht = TeamScope {
        organisation_id: p.sanne.1.clone(),
        team_id: Some(p.overvecht_team.clone()),
    };
    let organisation = TeamScope {
        organisation_id: p.sanne.1.clone(),
        team_id: None,
    };
    let zuilen_scope = TeamScope {
        organisation_id: p.sanne.1.clone(),
        team_id: Some(zuilen_team),
    };
    let month = eenplan_domain::start::this_month(today());
    for scope in [&overvecht, &organisation, &zuilen_scope] {
        tx.team_caseload(scope).await.unwrap();
        tx.plans_led_in_scope(scope).await.unwrap();
        tx.handovers_in(scope, month).await.unwrap();
        tx.files_without_regisseur(&scope.organisation_id, scope.team_id.as_deref())
            .await
            .unwrap();
    }
    let review = date(2027, 2, 1);
    for (who, team) in [
        (&p.sanne.0, None),
        (&p.joyce.0, Some(p.overvecht_team.as_str())),
        (&piet, None),
    ] {
        tx.meetings_ahead(who, team, today()).await.unwrap();
        tx.plans_with_review_by(who, team, review).await.unwrap();
        tx.files_led_by(who).await.unwrap();
        tx.plans_led_by(who).await.unwrap();
        tx.circles_led_by(who).await.unwrap();
        tx.duplicate_signals(who, team, ago(24), 5)
            .await
            .unwrap();
        tx.duplicate_probes_since(who, ago(1))
            .await
            .unwrap();
        let (list, _) = tx.notifications(who, &Seek::First, 2).await.unwrap();
        if let Some(last) = list.last() {
            let key = PageKey {
                value: last.created_at.clone(),
                id: last.id.clone(),
            };
            tx.notifications(who, &Seek::After(key), 2)
                .await
                .unwrap();
        }
        tx.unread_notifications(who).await.unwrap();
    }
    tx.raad_requests_to_take_up(&p.thomas.1, 5).await.unwrap();
    tx.emergencies_page(&p.sanne.1, &Seek::First, 5)
        .await
        .unwrap();
    let versions = tx
        .plan_versions_page(&families[0], &Seek::First, 5)
        .await
        .unwrap();
    assert!(!versions.is_empty(), "the file has a plan");
    tx.documents(&families[0], &[DocumentCategory::SignedPlan], &Seek::First, 5)
        .await
        .unwrap();
    // The other lists paged by keyset (`page.rs`).
    tx.evu_work_page(&Seek::First, 5).await.unwrap();
    tx.raad_requests_page(&p.thomas.1, &Seek::First, 5)
        .await
        .unwrap();
    tx.vt_work_page(&p.thomas.1, today(), &Seek::First, 5)
        .await
        .unwrap();
    tx.on_site_history_page(
        &p.sanne.0,
        Some(p.overvecht_team.as_str()),
        (date(2026, 1, 1), today()),
        &Seek::First,
        5,
    )
    .await
    .unwrap();
    // What a file's own pages read of the tables that grow with it.
    for family in &families[..2] {
        assert!(!tx.notes(family).await.unwrap().is_empty());
        tx.consents(family).await.unwrap();
        tx.access_facts(family).await.unwrap();
        tx.plan_history(family).await.unwrap();
        tx.recent_plans(family, 2).await.unwrap();
        tx.current_plan(family).await.unwrap();
        tx.plan_version_count(family).await.unwrap();
        tx.timeline(family).await.unwrap();
    }
    tx.access_facts_of(&families).await.unwrap();
    assert_no_scans(&mut tx).await;
    drop(tx);
    store.close().await;
    db
}

pub async fn evaluation_reads_big_tables_by_index_only(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let families = files(&store, &p).await;
    let mut tx = store.write().await.unwrap();
    for family in &families[..3] {
        tx.save_plan(&actor(), &p.sanne.0, family, 0, &sample_plan())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    // Rows of many more families over the year, as at any real size: the planner then
    // sees that a family has few rows and a range of days many.
    let year = today().year();
    let mut tx = store.write().await.unwrap();
    for family in 0..300 {
        let values = (0..8)
            .map(|n| {
                format!(
                    "('synthetic-{family}', 'handovers_lead', '{n}', '{}', NULL, 1)",
                    date(year, 1, 1)
                        .checked_add(((family * 7 + n * 45) % 365).days())
                        .unwrap()
                        .min(date(year, 12, 31))
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        tx.execute(
            &format!(
                "INSERT INTO evaluation_rows (family_id, metric, item, on_date, area_id, value) \
                 VALUES {values}"
            ),
            vec![],
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    plan_as_if_big(&mut tx).await;
    tx.record_reads();
    // A region-year: whole months (from the cells); periods that are not (their whole
    // months from the cells, their edges from the rows), for the region; and all of
    // them for one organisation (from its own cells, and its families' edge rows).
    for (from, to) in [
        (date(year, 1, 1), date(year, 12, 31)),
        (date(year, 1, 5), date(year, 12, 20)),
        (date(year, 1, 1), date(year, 12, 7)),
        (date(year, 3, 5), date(year, 3, 20)),
        (date(year, 3, 5), date(year, 4, 20)),
    ] {
        for organisation in [None, Some(p.sanne.1.to_string())] {
            let query = EvaluationQuery {
                from,
                to,
                areas: AreaFilter::All,
                organisation,
                threshold: Threshold::MIN,
            };
            tx.evaluation_counts(&query, from, to).await.unwrap();
        }
    }
    let reads = tx.take_reads();
    // The cells of a period are searched by the organisation (or '', every one) and
    // the months their key leads with: an organisation's cells are not read with
    // every other organisation's.
    let cell_reads: Vec<_> = reads
        .iter()
        .filter(|(sql, _)| sql.contains("_cells "))
        .cloned()
        .collect();
    assert_eq!(cell_reads.len(), 3 * 2 * 2, "two cell reads per query with whole months");
    for (sql, params) in cell_reads {
        let plan = tx.explain(&sql, params).await.unwrap();
        let shown = format!("{}\n  in: {sql}", plan.join("\n"));
        match tx.backend() {
            Backend::Sqlite => assert!(
                plan.iter().any(|l| l.contains("SEARCH ")
                    && l.contains("(organisation_id=? AND month>? AND month<?)")),
                "the cells are not searched by organisation and month:\n{shown}"
            ),
            Backend::Postgres => {
                assert!(!plan.iter().any(|l| l.contains("Seq Scan")), "{shown}");
                let conditions: Vec<&String> =
                    plan.iter().filter(|l| l.contains("Index Cond:")).collect();
                assert!(!conditions.is_empty(), "{shown}");
                for line in conditions {
                    let first = line
                        .split("Index Cond:")
                        .nth(1)
                        .unwrap_or_default()
                        .trim_start_matches([' ', '(']);
                    assert!(
                        first.starts_with("organisation_id ="),
                        "the cells are not searched by organisation: {line}\n{shown}"
                    );
                }
            }
        }
    }
    let edges: Vec<_> = reads
        .iter()
        .filter(|(sql, _)| sql.contains("FROM evaluation_rows x"))
        .cloned()
        .collect();
    assert!(!edges.is_empty(), "the edges' families were read");
    // Per row of an edge, its family's rows in the rest of the period: searched by the
    // family (an index that leads with `family_id`), never by the days, which would
    // read the rest of the period's rows for every row of the edge.
    for (sql, params) in edges {
        let plan = tx.explain(&sql, params).await.unwrap();
        let shown = format!("{}\n  in: {sql}", plan.join("\n"));
        match tx.backend() {
            Backend::Sqlite => {
                let searches: Vec<&String> =
                    plan.iter().filter(|l| l.contains("SEARCH x ")).collect();
                assert!(!searches.is_empty(), "{shown}");
                for line in searches {
                    assert!(
                        line.contains(" evaluation_rows_family_days (family_id=?")
                            || line.contains(" sqlite_autoindex_evaluation_rows_1 (family_id=?"),
                        "the edge's families are not looked up by family: {line}\n{shown}"
                    );
                }
            }
            // PostgreSQL lists an index's conditions in the order of its columns.
            Backend::Postgres => {
                let subplan = plan
                    .iter()
                    .position(|l| l.trim() == "SubPlan 1")
                    .unwrap_or_else(|| panic!("a subplan per row of the edge:\n{shown}"));
                let conditions: Vec<&String> = plan[subplan..]
                    .iter()
                    .filter(|l| l.contains("Index Cond:"))
                    .collect();
                assert!(!conditions.is_empty(), "{shown}");
                for line in conditions {
                    let first = line
                        .split("Index Cond:")
                        .nth(1)
                        .unwrap_or_default()
                        .trim_start_matches([' ', '(']);
                    assert!(
                        first.starts_with("family_id = r.family_id"),
                        "the edge's families are not looked up by family: {line}\n{shown}"
                    );
                }
            }
        }
    }
    let scans = scans_in(&mut tx, reads).await;
    assert!(scans.is_empty(), "full scans:\n{}", scans.join("\n"));
    drop(tx);
    store.close().await;
    db
}

pub async fn duplicate_check_and_radar_read_by_the_name_index_only(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let families = files(&store, &p).await;
    let mut tx = store.write().await.unwrap();
    let vt = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse("vt").unwrap(),
                name: "Veilig Thuis".into(),
                kind: OrganisationKind::VeiligThuis,
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    plan_as_if_big(&mut tx).await;
    tx.record_reads();
    let sam = ("Sam  JANSEN".to_owned(), date(2016, 4, 2));
    let found = tx
        .possible_duplicates(
            std::slice::from_ref(&sam),
            &eenplan_domain::family::Postcode::parse("3562 JW").unwrap(),
            "4",
        )
        .await
        .unwrap();
    assert_eq!(found.len(), families.len(), "every file has a Sam Jansen");
    let found = tx.families_with_child(&sam.0, sam.1).await.unwrap();
    assert_eq!(found.len(), families.len());
    let contact = |postcode: Option<&str>, house_number: &str| NewContact {
        kind: ContactKind::Report,
        acute: false,
        reporter: Some(Reporter::School),
        reporter_name: "Meester Bas".into(),
        reporter_contact: "030-000 00 00".into(),
        child_name: "sam jansen".into(),
        child_birth: Some(date(2016, 4, 2)),
        postcode: postcode.map(|p| eenplan_domain::family::Postcode::parse(p).unwrap()),
        house_number: house_number.into(),
        more_children: Vec::new(),
        received_at: None,
        concern: "Sam komt met blauwe plekken op school".into(),
    };
    let now = UtcTime::parse("2026-11-23T09:00:00Z").unwrap();
    for c in [contact(None, ""), contact(Some("3562 JW"), "2")] {
        let (_, radar) = tx
            .receive_contact(&actor(), &vt.id, &p.sanne.0, &c, now)
            .await
            .unwrap();
        assert!(!radar.families.is_empty(), "the radar knows Sam's file");
    }
    let reads = tx.take_reads();
    let by_child: Vec<&String> = reads
        .iter()
        .map(|(sql, _)| sql)
        .filter(|sql| sql.contains("m.date_of_birth"))
        .collect();
    assert!(!by_child.is_empty(), "the check looks for the child");
    for sql in by_child {
        assert!(
            sql.contains("family_member_tokens"),
            "a child is looked up by the name index: {sql}"
        );
    }
    let scans = scans_in(&mut tx, reads).await;
    assert!(scans.is_empty(), "full scans:\n{}", scans.join("\n"));
    drop(tx);
    store.close().await;
    db
}

/// The reminders' run opens transactions of its own: its reads are recorded by the
/// store handle, and explained afterwards. A yearly or daily batch may read much, but
/// it reads the files due by the index of their next due date, never all of them.
pub async fn reminders_read_big_tables_by_index_only(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let families = files(&store, &p).await;
    let mut tx = store.write().await.unwrap();
    for family in &families[..4] {
        tx.save_plan(&actor(), &p.sanne.0, family, 0, &sample_plan())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    // Friday 29 January 2027: the sample plan's review on 1 February is near.
    let today = date(2027, 1, 29);
    let now = UtcTime::parse("2027-01-29T07:00:00Z").unwrap();
    let recording = store.recording_reads();
    let report = recording.remind(today, now).await.unwrap();
    assert!(report.written > 0, "the run wrote reminders");
    let reads = recording.take_reads();
    let mut tx = store.write().await.unwrap();
    plan_as_if_big(&mut tx).await;
    let scans = scans_in(&mut tx, reads).await;
    assert!(scans.is_empty(), "full scans:\n{}", scans.join("\n"));
    drop(tx);
    store.close().await;
    db
}

/// Issue 18: the deep check reads the journal a stretch of subjects at a time, each
/// page from where the last one ended. Its index range must start there: with only the
/// stretch's end as a bound it started at the first subject of the type, and each page
/// read every entry before it again (over 20 minutes at a million families on
/// PostgreSQL). Each read of the journal by subject is bounded on both sides.
pub async fn the_deep_check_reads_each_page_of_the_journal_from_where_it_was(
    db: TestDb,
) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    files(&store, &p).await;
    let recording = store.recording_reads();
    let report = recording.verify_deep().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    let reads: Vec<_> = recording
        .take_reads()
        .into_iter()
        .filter(|(sql, _)| sql.contains("FROM journal") && sql.contains("seq > $4"))
        .collect();
    assert!(!reads.is_empty(), "the deep check read the journal by pages");
    let mut tx = store.write().await.unwrap();
    plan_as_if_big(&mut tx).await;
    for (sql, params) in reads {
        let plan = tx.explain(&sql, params).await.unwrap();
        // SQLite: `SEARCH journal USING INDEX journal_subject (subject_type=? AND
        // subject_id>? AND subject_id<?)`; PostgreSQL: the scan's `Index Cond`.
        let range = plan
            .iter()
            .find(|l| l.contains("subject_type") && (l.contains("SEARCH") || l.contains("Index Cond")))
            .cloned()
            .unwrap_or_default();
        assert!(
            range.matches("subject_id").count() >= 2,
            "the page's index range is bounded on one side only: {range}\n  plan: {plan:?}\n  in: {sql}"
        );
    }
    drop(tx);
    store.close().await;
    db
}
