//! The storage contract: every test runs on SQLite, and on PostgreSQL when
//! `EENPLAN_TEST_POSTGRES_URL` is set (each in a fresh schema). A custom harness, so
//! that a skipped PostgreSQL run is one visible line rather than silence.

#![allow(clippy::unwrap_used, clippy::expect_used)]

/// Each module of the suite once, with its tests: a new test is one line here next to
/// its module's other tests, a new module one entry.
macro_rules! suite {
    ($($module:ident: [$($test:ident),* $(,)?]),* $(,)?) => {
        $(mod $module;)*

        fn module_tests() -> Vec<(&'static str, TestFn)> {
            vec![$($((stringify!($test), (|db| Box::pin($module::$test(db))) as TestFn),)*)*]
        }
    };
}

suite! {
    family: [
        family_file_with_members_network_and_flower,
        family_rules_refuse_and_leave_nothing,
        handovers_are_explicit_reasoned_and_journaled,
        plan_versions_conflicts_and_agreement,
        racing_plan_saves_never_overwrite,
        search_duplicates_and_access_log,
        text_the_database_cannot_hold_is_bad_input,
        notes_keep_every_version_and_corrections_need_a_reason,
    ],
    consent: [
        consent_opens_the_circle_and_withdrawal_closes_it,
        implausible_consent_and_framework_dates_are_refused,
        framework_and_emergency_access_are_journaled,
        access_log_is_append_only_and_filterable,
        access_log_tampering_is_detected,
        access_log_group_commit_keeps_every_line,
        batched_access_facts_match_one_by_one,
        veilig_thuis_intake_radar_and_assessment,
        veilig_thuis_receipt_children_and_assessment_content,
        evu_areas_decide_bringing_a_report_into_the_evu,
    ],
    family_consent: [a_family_member_withdraws_a_consent_they_gave],
    chain: [
        save_guidance_starts_on_consent_and_ends_with_an_outcome,
        evu_referrals_and_the_combination,
    ],
    save_on_site: [save_on_site_schedule_bookings_advice_and_walk_ins],
    joint_assessment: [
        joint_assessment_views_judgement_and_the_plan,
        joint_assessment_cancelled_with_a_reason,
    ],
    protection_order: [protection_order_request_investigation_and_court_order],
    law: [
        statutory_terms_skip_the_days_of_the_termijnenwet,
        plan_agreement_follows_the_age_rule_and_a_court_order_takes_a_view,
    ],
    access_safety: [duplicates_signals_and_care_roles],
    bulk: [a_bulk_history_verifies_and_carries_its_own_dates],
    name_search: [the_name_index_finds_what_the_domain_finds],
    explain: [
        lists_and_search_read_big_tables_by_index_only,
        access_log_reads_name_family_members_by_index_only,
        a_name_search_asks_the_circle_not_the_country,
    ],
    explain_work: [
        access_log_filters_read_big_tables_by_index_only,
        work_lists_read_big_tables_by_index_only,
        evaluation_reads_big_tables_by_index_only,
        duplicate_check_and_radar_read_by_the_name_index_only,
        reminders_read_big_tables_by_index_only,
        the_deep_check_reads_each_page_of_the_journal_from_where_it_was,
    ],
    bulk_load: [a_bulk_load_puts_back_every_index_and_the_safe_settings],
    deep: [
        deep_verify_names_every_edit_behind_eenplans_back,
        deep_verify_counts_what_retention_destroyed,
    ],
    deep_portal: [
        deep_verify_seals_family_accounts_and_their_sessions,
        deep_verify_seals_the_portal_s_marks,
        deep_verify_seals_the_family_s_plan_additions_and_agreements,
        deep_verify_seals_copy_and_information_requests,
        deep_verify_seals_complaints_and_their_measures,
        deep_verify_counts_records_written_before_their_table_was_sealed,
    ],
    documents: [documents_keep_content_and_digest_and_scope_by_category],
    notifications: [plan_versions_tell_the_circle_that_may_see_the_plan],
    notification_rules: [
        partners_joining_leaving_and_taking_over_tell_the_circle_once,
        consent_tells_its_organisation_and_a_partner_that_lost_access_only_that,
    ],
    notification_chain: [the_chain_s_meetings_and_decisions_reach_who_they_call_on],
    notifications_vt: [veilig_thuis_outcomes_tell_whom_the_domain_names],
    reminders: [
        reminders_are_written_once_per_person_and_pass_the_gate,
        missing_views_and_veilig_thuis_deadlines_reach_their_own,
    ],
    mail: [
        outbox_wants_coalesces_leases_and_retries,
        concurrent_claims_never_share_a_row,
        notifications_queue_their_mail_and_the_digest_once_a_day,
    ],
    ops: [database_errors_name_the_code_and_constraint_never_the_values],
    paging: [
        families_page_by_keyset_each_row_once_in_order,
        next_due_moves_with_the_plan_in_its_transaction,
        families_sort_by_name_alike_on_every_backend,
        access_log_pages_each_line_once,
        emergency_reviews_page_unreviewed_first,
    ],
    evaluation: [
        evaluation_rows_follow_the_events_in_their_transaction,
        evaluation_rebuilt_from_the_journal_equals_the_rows_kept_up_to_date,
        the_evaluation_answers_from_the_rows_and_hides_small_cells,
        evaluation_of_overlapping_custom_periods_cannot_reveal_a_hidden_cell,
        evaluation_counts_held_consultations_per_team,
        evaluation_cells_are_filled_by_their_migration_and_follow_changes,
    ],
    evaluation_periods: [a_period_of_days_counts_what_its_rows_count],
    start_lists: [
        team_lists_hold_the_own_team_only,
        meetings_reviews_and_raad_requests_reach_their_own,
    ],
    accounts: [
        password_change_and_enrolment_codes,
        organisations_see_their_own_accounts_logs_and_leaderless_files,
        administrators_correct_accounts_areas_and_names,
        organisation_identity_team_area_and_shared_cbs_codes,
    ],
    pilots: [pilots_are_seeded_by_area_name_and_set_by_the_chain_admin],
    family_accounts: [family_accounts_invite_activate_sign_in_revoke_and_block],
    family_portal: [family_reads_are_the_members_and_who_looked_is_the_professionals],
    portal_marks: [portal_marks_are_checked_kept_once_and_taken_off, a_hidden_mark_follows_an_edited_plan_line],
    closing: [
        closing_and_reopening_a_file_is_journaled_and_leaves_the_active_lists,
        a_file_under_a_legal_basis_stays_open,
    ],
    complaints: [complaints_are_filed_opened_with_their_code_and_handled_by_the_officer],
    access_log_cut: [
        a_cut_at_a_checkpoint_leaves_a_provable_chain,
        lines_deleted_without_a_checkpoint_are_tampering,
        a_checkpoint_the_journal_does_not_witness_is_tampering,
        a_cut_of_whole_months_drops_their_partitions,
        a_month_dropped_without_a_checkpoint_is_tampering,
        lines_without_their_month_land_in_default,
        a_backup_restores_the_partitioned_log,
        the_partitioning_migration_keeps_every_line,
    ],
}

/// Not one test per backend: the two backends' migrated schemas compared.
mod schema;
#[path = "../support/mod.rs"]
mod support;

use std::future::Future;
use std::pin::Pin;

use eenplan_domain::area::AreaKind;
use eenplan_domain::journal::{Actor, Finding};
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_store::{
    Backend, KNOWN_SCHEMA_VERSION, NewArea, NewOrganisation, NewTeam, NewUser, StoreError,
};
use libtest_mimic::{Arguments, Trial};
use support::{TestDb, cli_actor, postgres_url, seed_organisations};

type TestFn = fn(TestDb) -> Pin<Box<dyn Future<Output = TestDb>>>;

macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        vec![$((stringify!($name), (|db| Box::pin($name(db))) as TestFn)),*]
    };
}

fn main() {
    let args = Arguments::from_args();
    let mut tests = contract![
        migrations_are_recorded_and_idempotent,
        areas_organisations_and_teams_round_trip,
        area_tree_rule_is_enforced,
        duplicate_slug_is_refused_and_leaves_nothing,
        failed_transaction_leaves_no_partial_state,
        users_with_roles,
        journal_refuses_update_and_delete,
        journal_refuses_entries_that_do_not_extend_the_head,
        verify_accepts_an_untouched_journal,
        verify_catches_an_edited_payload,
        verify_catches_a_deleted_entry,
        verify_catches_a_deleted_last_entry,
        verify_catches_an_inserted_entry,
        verify_catches_swapped_entries,
        concurrent_instances_keep_one_unbroken_chain,
        purpose_marker,
        backup_copies_sqlite_and_points_postgres_to_pg_dump,
    ];
    tests.extend(module_tests());
    let pg = postgres_url();
    let mut trials = Vec::new();
    for (name, f) in tests {
        trials.push(Trial::test(format!("sqlite::{name}"), move || {
            run(Backend::Sqlite, f)
        }));
        if pg.is_some() {
            trials.push(Trial::test(format!("postgres::{name}"), move || {
                run(Backend::Postgres, f)
            }));
        }
    }
    if pg.is_some() {
        trials.push(Trial::test(
            "postgres::migrations_give_both_backends_the_same_tables_and_columns",
            || {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()?
                    .block_on(schema::migrations_give_both_backends_the_same_tables_and_columns());
                Ok(())
            },
        ));
    }
    if pg.is_none() {
        println!(
            "NOTE: PostgreSQL contract suite SKIPPED: set {}=postgres://postgres@127.0.0.1:5432/test to run it",
            support::POSTGRES_ENV
        );
    }
    libtest_mimic::run(&args, trials).exit();
}

fn run(backend: Backend, f: TestFn) -> Result<(), libtest_mimic::Failed> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let explained = rt.block_on(async move {
        let db = TestDb::new(backend).await;
        let db = f(db).await;
        // Whatever the test did through eenplan, the journal explains every row it
        // left in the covered tables (`verify --deep`).
        let store = db.open().await;
        let deep = store.verify_deep().await;
        store.close().await;
        db.cleanup().await;
        deep
    })?;
    if explained.is_intact() {
        Ok(())
    } else {
        Err(format!("verify --deep after the test: {:?}", explained.findings).into())
    }
}

async fn migrations_are_recorded_and_idempotent(db: TestDb) -> TestDb {
    let store = db.open().await;
    assert_eq!(store.schema_version().await.unwrap(), KNOWN_SCHEMA_VERSION);
    assert!(
        store.migrate().await.unwrap().is_empty(),
        "second run applies nothing"
    );
    store.ping().await.unwrap();
    store.close().await;
    db
}

async fn areas_organisations_and_teams_round_trip(db: TestDb) -> TestDb {
    let store = db.open().await;
    let actor = cli_actor();
    let mut tx = store.write().await.unwrap();
    let province = tx
        .create_area(
            &actor,
            NewArea {
                kind: AreaKind::Province,
                name: "Utrecht".into(),
                code: Some("PV26".into()),
                parent_id: None,
            },
        )
        .await
        .unwrap();
    let city = tx
        .create_area(
            &actor,
            NewArea {
                kind: AreaKind::Municipality,
                name: "Utrecht".into(),
                code: Some("GM0344".into()),
                parent_id: Some(province.id.clone()),
            },
        )
        .await
        .unwrap();
    let overvecht = tx
        .create_area(
            &actor,
            NewArea {
                kind: AreaKind::Neighbourhood,
                name: "Overvecht".into(),
                code: None,
                parent_id: Some(city.id.clone()),
            },
        )
        .await
        .unwrap();
    let org = tx
        .create_organisation(
            &actor,
            NewOrganisation {
                slug: Slug::parse("lokalis").unwrap(),
                name: "Lokalis".into(),
                kind: OrganisationKind::LocalTeam,
            },
        )
        .await
        .unwrap();
    tx.add_organisation_area(&actor, &org.id, &city.id)
        .await
        .unwrap();
    let team = tx
        .create_team(
            &actor,
            NewTeam {
                organisation_id: org.id.clone(),
                name: "Buurtteam Overvecht".into(),
                area_id: Some(overvecht.id.clone()),
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    assert_eq!(
        r.organisation_by_slug("lokalis").await.unwrap(),
        Some(org.clone())
    );
    assert_eq!(r.organisation_by_slug("onbekend").await.unwrap(), None);
    assert_eq!(r.teams_of(&org.id).await.unwrap(), vec![team]);
    assert_eq!(
        r.organisation_area_ids(&org.id).await.unwrap(),
        vec![city.id.clone()]
    );
    assert_eq!(r.area(&overvecht.id).await.unwrap(), overvecht);
    let areas = r.areas().await.unwrap();
    assert_eq!(areas.len(), 3);
    assert_eq!(areas[0].kind, AreaKind::Province, "provinces come first");

    let page = r.journal_page(0, 100).await.unwrap();
    let kinds: Vec<&str> = page.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "area_created",
            "area_created",
            "area_created",
            "organisation_created",
            "organisation_area_added",
            "team_created"
        ]
    );
    assert_eq!(page[3].subject_id, org.id);
    assert_eq!(page[3].actor, "cli:test");
    assert!(store.verify_journal(None).await.unwrap().is_intact());
    drop(r);
    store.close().await;
    db
}

async fn area_tree_rule_is_enforced(db: TestDb) -> TestDb {
    let store = db.open().await;
    let mut tx = store.write().await.unwrap();
    let province = tx
        .create_area(
            &cli_actor(),
            NewArea {
                kind: AreaKind::Province,
                name: "Flevoland".into(),
                code: None,
                parent_id: None,
            },
        )
        .await
        .unwrap();
    let err = tx
        .create_area(
            &cli_actor(),
            NewArea {
                kind: AreaKind::Neighbourhood,
                name: "Centrum".into(),
                code: None,
                parent_id: Some(province.id.clone()),
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert!(
        err.to_string().contains("must lie in a municipality"),
        "{err}"
    );
    tx.commit().await.unwrap();
    assert_eq!(store.read().await.unwrap().areas().await.unwrap().len(), 1);
    store.close().await;
    db
}

async fn duplicate_slug_is_refused_and_leaves_nothing(db: TestDb) -> TestDb {
    let store = db.open().await;
    seed_organisations(&store, 1).await;
    let mut tx = store.write().await.unwrap();
    let err = tx
        .create_organisation(
            &cli_actor(),
            NewOrganisation {
                slug: Slug::parse("org-0").unwrap(),
                name: "Dubbel".into(),
                kind: OrganisationKind::School,
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err}");
    assert_eq!(
        err.to_string(),
        "an organisation with slug 'org-0' already exists"
    );
    drop(tx);
    let mut r = store.read().await.unwrap();
    assert_eq!(r.organisations().await.unwrap().len(), 1);
    assert_eq!(r.journal_head().await.unwrap().unwrap().seq, 1);
    drop(r);
    store.close().await;
    db
}

async fn failed_transaction_leaves_no_partial_state(db: TestDb) -> TestDb {
    let store = db.open().await;
    let mut tx = store.write().await.unwrap();
    tx.create_organisation(
        &cli_actor(),
        NewOrganisation {
            slug: Slug::parse("save").unwrap(),
            name: "SAVE".into(),
            kind: OrganisationKind::CertifiedInstitution,
        },
    )
    .await
    .unwrap();
    let err = tx
        .create_team(
            &cli_actor(),
            NewTeam {
                organisation_id: "no-such-organisation".into(),
                name: "Team".into(),
                area_id: None,
            },
        )
        .await;
    assert!(err.is_err(), "a team of an unknown organisation is refused");
    drop(tx);
    let mut r = store.read().await.unwrap();
    assert!(r.organisations().await.unwrap().is_empty());
    assert!(r.journal_page(0, 10).await.unwrap().is_empty());
    assert_eq!(r.journal_head().await.unwrap().unwrap().seq, 0);
    drop(r);
    store.close().await;
    db
}

async fn users_with_roles(db: TestDb) -> TestDb {
    let store = db.open().await;
    seed_organisations(&store, 1).await;
    let mut tx = store.write().await.unwrap();
    let org = tx.organisation_by_slug("org-0").await.unwrap().unwrap();
    let new = NewUser {
        email: Email::parse("Lianne.Groot@save.example").unwrap(),
        name: PersonName::parse("Lianne Groot").unwrap(),
        organisation_id: org.id.clone(),
        team_id: None,
        roles: vec![
            Role::Professional,
            Role::BehaviouralScientist,
            Role::Professional,
        ],
        password_hash: "$argon2id$placeholder".into(),
        totp_secret: TotpSecret::from_bytes([7; 20]),
    };
    let user = tx.create_user(&cli_actor(), new.clone()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        user.roles,
        vec![Role::Professional, Role::BehaviouralScientist]
    );

    let mut tx = store.write().await.unwrap();
    let err = tx.create_user(&cli_actor(), new.clone()).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "a user with e-mail lianne.groot@save.example already exists"
    );
    drop(tx);
    let mut tx = store.write().await.unwrap();
    let err = tx
        .create_user(
            &cli_actor(),
            NewUser {
                roles: vec![],
                ..new
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
    drop(tx);

    let mut r = store.read().await.unwrap();
    let found = r
        .user_by_email(&Email::parse("LIANNE.GROOT@save.example").unwrap())
        .await
        .unwrap();
    assert_eq!(found, Some(user));
    assert_eq!(r.count_users().await.unwrap(), 1);
    drop(r);
    store.close().await;
    db
}

async fn journal_refuses_update_and_delete(db: TestDb) -> TestDb {
    let store = db.open().await;
    seed_organisations(&store, 2).await;
    for sql in [
        "UPDATE journal SET payload = '{}' WHERE seq = 1",
        "DELETE FROM journal WHERE seq = 2",
        "UPDATE journal_head SET seq = 1 WHERE id = 1",
        // One step forward to no entry: the head names only entries the journal holds.
        "UPDATE journal_head SET seq = seq + 1 WHERE id = 1",
        "DELETE FROM journal_head",
    ] {
        let err = db.raw(sql).await.expect_err(sql);
        assert!(
            err.contains("append-only") || err.contains("journal head"),
            "{sql}: {err}"
        );
    }
    if db.backend == Backend::Postgres {
        let err = db.raw("TRUNCATE journal").await.unwrap_err();
        assert!(err.contains("append-only"), "{err}");
    }
    assert!(store.verify_journal(None).await.unwrap().is_intact());
    store.close().await;
    db
}

async fn journal_refuses_entries_that_do_not_extend_the_head(db: TestDb) -> TestDb {
    let store = db.open().await;
    seed_organisations(&store, 2).await;
    let forged = "INSERT INTO journal SELECT 3, 'forged', recorded_at, actor, actor_organisation, kind, \
                  subject_type, subject_id, payload, payload_sha256, prev_hash, hash FROM journal WHERE seq = 2";
    let err = db.raw(forged).await.unwrap_err();
    assert!(err.contains("does not extend the chain head"), "{err}");
    assert!(store.verify_journal(None).await.unwrap().is_intact());
    store.close().await;
    db
}

async fn verify_accepts_an_untouched_journal(db: TestDb) -> TestDb {
    let store = db.open().await;
    let empty = store.verify_journal(None).await.unwrap();
    assert!(empty.is_intact());
    assert_eq!(empty.entries, 0);
    seed_organisations(&store, 5).await;
    let report = store.verify_journal(None).await.unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    assert_eq!(report.entries, 5);
    let head = report.last.unwrap();
    assert_eq!(head.seq, 5);
    let anchor = format!("{}:{}", head.seq, head.hash).parse().unwrap();
    assert!(
        store
            .verify_journal(Some(anchor))
            .await
            .unwrap()
            .is_intact()
    );
    store.close().await;
    db
}

/// Seeds five entries, lets `tamper` loose without the database's protection, and
/// returns what verification finds.
async fn tampered(db: &TestDb, tamper: &str) -> Vec<Finding> {
    let store = db.open().await;
    seed_organisations(&store, 5).await;
    db.disable_journal_protection().await;
    db.raw(tamper).await.unwrap();
    let report = store.verify_journal(None).await.unwrap();
    store.close().await;
    assert!(!report.is_intact(), "tampering went unnoticed: {tamper}");
    report.findings
}

async fn verify_catches_an_edited_payload(db: TestDb) -> TestDb {
    let findings = tampered(
        &db,
        "UPDATE journal SET payload = replace(payload, 'Organisatie 2', 'Organisatie X') WHERE seq = 3",
    )
    .await;
    assert_eq!(findings, vec![Finding::Edited { seq: 3 }]);
    db
}

async fn verify_catches_a_deleted_entry(db: TestDb) -> TestDb {
    let findings = tampered(&db, "DELETE FROM journal WHERE seq = 2").await;
    assert_eq!(findings, vec![Finding::Missing { first: 2, last: 2 }]);
    db
}

async fn verify_catches_a_deleted_last_entry(db: TestDb) -> TestDb {
    let findings = tampered(&db, "DELETE FROM journal WHERE seq = 5").await;
    assert_eq!(findings, vec![Finding::Missing { first: 5, last: 5 }]);
    db
}

async fn verify_catches_an_inserted_entry(db: TestDb) -> TestDb {
    // Make room at #3 by renumbering, then slip in a copy of #2 with a new id.
    let findings = tampered(
        &db,
        "UPDATE journal SET seq = seq + 1000 WHERE seq >= 3;
         UPDATE journal SET seq = seq - 999 WHERE seq >= 1003;
         INSERT INTO journal SELECT 3, 'forged', recorded_at, actor, actor_organisation, kind,
             subject_type, subject_id, payload, payload_sha256, prev_hash, hash FROM journal WHERE seq = 2;",
    )
    .await;
    assert_eq!(
        findings.first(),
        Some(&Finding::Displaced { seq: 3 }),
        "{findings:?}"
    );
    assert!(findings.iter().all(|f| f.position() >= 3), "{findings:?}");
    db
}

async fn verify_catches_swapped_entries(db: TestDb) -> TestDb {
    let findings = tampered(
        &db,
        "UPDATE journal SET seq = 1000 WHERE seq = 2;
         UPDATE journal SET seq = 2 WHERE seq = 3;
         UPDATE journal SET seq = 3 WHERE seq = 1000;",
    )
    .await;
    assert_eq!(
        findings,
        vec![
            Finding::Displaced { seq: 2 },
            Finding::Displaced { seq: 3 },
            Finding::Unlinked { seq: 4 }
        ]
    );
    db
}

async fn concurrent_instances_keep_one_unbroken_chain(db: TestDb) -> TestDb {
    // Three stores with pools of their own: three app instances on one database.
    let instances = [db.open().await, db.open().await, db.open().await];
    let mut tasks = Vec::new();
    for (n, store) in instances.iter().enumerate() {
        for i in 0..20 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let actor = Actor::System { component: "test" };
                let mut tx = store.write().await.unwrap();
                tx.create_organisation(
                    &actor,
                    NewOrganisation {
                        slug: Slug::parse(&format!("i{n}-org-{i}")).unwrap(),
                        name: format!("Instantie {n} organisatie {i}"),
                        kind: OrganisationKind::CareProvider,
                    },
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
            }));
        }
    }
    for t in tasks {
        t.await.unwrap();
    }
    let report = instances[0].verify_journal(None).await.unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    assert_eq!(report.entries, 60);
    assert_eq!(report.last.unwrap().seq, 60);
    for s in &instances {
        s.close().await;
    }
    db
}

async fn purpose_marker(db: TestDb) -> TestDb {
    let store = db.open().await;
    assert_eq!(store.purpose().await.unwrap(), None);
    let mut tx = store.write().await.unwrap();
    tx.mark_purpose(&cli_actor(), "demo").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.purpose().await.unwrap().as_deref(), Some("demo"));
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.mark_purpose(&cli_actor(), "real").await,
        Err(StoreError::Duplicate(_))
    ));
    drop(tx);
    store.close().await;
    db
}

async fn backup_copies_sqlite_and_points_postgres_to_pg_dump(db: TestDb) -> TestDb {
    let store = db.open().await;
    seed_organisations(&store, 3).await;
    let target = std::env::temp_dir().join(format!(
        "eenplan_backup_{}_{}.sqlite",
        std::process::id(),
        eenplan_store::ids::new_id()
    ));
    match db.backend {
        Backend::Sqlite => {
            let report = store.backup_to(&target).await.unwrap();
            assert!(report.is_intact());
            assert_eq!(report.journal.entries, 3);
            let again = store.backup_to(&target).await.unwrap_err();
            assert!(again.to_string().contains("never overwrites"), "{again}");
            let _ = std::fs::remove_file(&target);
        }
        Backend::Postgres => {
            let err = store.backup_to(&target).await.unwrap_err();
            assert!(err.to_string().contains("pg_dump"), "{err}");
            assert!(!target.exists());
        }
    }
    store.close().await;
    db
}
