//! Schema migrations, one script per backend per version, applied in order inside one
//! transaction so a failed upgrade leaves the schema as it was.

use crate::access_log_partitions::LogMonth;
use crate::{Backend, Store, StoreError, Tx, params};

#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sqlite: include_str!("../migrations/sqlite/0001_foundation.sql"),
        postgres: include_str!("../migrations/postgres/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "sign_in",
        sqlite: include_str!("../migrations/sqlite/0002_sign_in.sql"),
        postgres: include_str!("../migrations/postgres/0002_sign_in.sql"),
    },
    Migration {
        version: 3,
        name: "family",
        sqlite: include_str!("../migrations/sqlite/0003_family.sql"),
        postgres: include_str!("../migrations/postgres/0003_family.sql"),
    },
    Migration {
        version: 4,
        name: "consent",
        sqlite: include_str!("../migrations/sqlite/0004_consent.sql"),
        postgres: include_str!("../migrations/postgres/0004_consent.sql"),
    },
    Migration {
        version: 5,
        name: "phone",
        sqlite: include_str!("../migrations/sqlite/0005_phone.sql"),
        postgres: include_str!("../migrations/postgres/0005_phone.sql"),
    },
    Migration {
        version: 6,
        name: "veilig_thuis",
        sqlite: include_str!("../migrations/sqlite/0006_veilig_thuis.sql"),
        postgres: include_str!("../migrations/postgres/0006_veilig_thuis.sql"),
    },
    Migration {
        version: 7,
        name: "evu",
        sqlite: include_str!("../migrations/sqlite/0007_evu.sql"),
        postgres: include_str!("../migrations/postgres/0007_evu.sql"),
    },
    Migration {
        version: 8,
        name: "save_guidance",
        sqlite: include_str!("../migrations/sqlite/0008_save_guidance.sql"),
        postgres: include_str!("../migrations/postgres/0008_save_guidance.sql"),
    },
    Migration {
        version: 9,
        name: "evu_referrals",
        sqlite: include_str!("../migrations/sqlite/0009_evu_referrals.sql"),
        postgres: include_str!("../migrations/postgres/0009_evu_referrals.sql"),
    },
    // SAVE op locatie
    Migration {
        version: 10,
        name: "save_on_site",
        sqlite: include_str!("../migrations/sqlite/0010_save_on_site.sql"),
        postgres: include_str!("../migrations/postgres/0010_save_on_site.sql"),
    },
    // Joint assessment meeting and protection order request.
    Migration {
        version: 11,
        name: "joint_assessment",
        sqlite: include_str!("../migrations/sqlite/0011_joint_assessment.sql"),
        postgres: include_str!("../migrations/postgres/0011_joint_assessment.sql"),
    },
    Migration {
        version: 12,
        name: "protection_order",
        sqlite: include_str!("../migrations/sqlite/0012_protection_order.sql"),
        postgres: include_str!("../migrations/postgres/0012_protection_order.sql"),
    },
    // Rules that follow the law.
    Migration {
        version: 13,
        name: "statutory_days",
        sqlite: include_str!("../migrations/sqlite/0013_statutory_days.sql"),
        postgres: include_str!("../migrations/postgres/0013_statutory_days.sql"),
    },
    // Who may learn what about a file.
    Migration {
        version: 14,
        name: "access_safety",
        sqlite: include_str!("../migrations/sqlite/0014_access_safety.sql"),
        postgres: include_str!("../migrations/postgres/0014_access_safety.sql"),
    },
    Migration {
        version: 15,
        name: "unsent_forms",
        sqlite: include_str!("../migrations/sqlite/0015_unsent_forms.sql"),
        postgres: include_str!("../migrations/postgres/0015_unsent_forms.sql"),
    },
    // First-sign-in password change and one-time enrolment codes.
    Migration {
        version: 16,
        name: "accounts",
        sqlite: include_str!("../migrations/sqlite/0016_accounts.sql"),
        postgres: include_str!("../migrations/postgres/0016_accounts.sql"),
    },
    // Tamper evidence with no blind spots.
    Migration {
        version: 18,
        name: "deep_verify",
        sqlite: include_str!("../migrations/sqlite/0018_deep_verify.sql"),
        postgres: include_str!("../migrations/postgres/0018_deep_verify.sql"),
    },
    // Lists that page, sorted by what is next due.
    Migration {
        version: NEXT_DUE_VERSION,
        name: "next_due",
        sqlite: include_str!("../migrations/sqlite/0021_next_due.sql"),
        postgres: include_str!("../migrations/postgres/0021_next_due.sql"),
    },
    // Veilig Thuis: the moment of receipt, the assessment's content, several children.
    Migration {
        version: 31,
        name: "vt_receipt",
        sqlite: include_str!("../migrations/sqlite/0031_vt_receipt.sql"),
        postgres: include_str!("../migrations/postgres/0031_vt_receipt.sql"),
    },
    // Administration: one area per CBS code.
    Migration {
        version: 32,
        name: "admin_edits",
        sqlite: include_str!("../migrations/sqlite/0032_admin_edits.sql"),
        postgres: include_str!("../migrations/postgres/0032_admin_edits.sql"),
    },
    // Lists: one name order on both backends.
    Migration {
        version: LABEL_SORT_VERSION,
        name: "label_sort",
        sqlite: include_str!("../migrations/sqlite/0033_label_sort.sql"),
        postgres: include_str!("../migrations/postgres/0033_label_sort.sql"),
    },
    // Documents attached to a family file.
    Migration {
        version: 35,
        name: "documents",
        sqlite: include_str!("../migrations/sqlite/0035_documents.sql"),
        postgres: include_str!("../migrations/postgres/0035_documents.sql"),
    },
    // Notifications ("berichten") per person.
    Migration {
        version: 36,
        name: "notifications",
        sqlite: include_str!("../migrations/sqlite/0036_notifications.sql"),
        postgres: include_str!("../migrations/postgres/0036_notifications.sql"),
    },
    // E-mail about notifications: preferences, language and the outbox.
    Migration {
        version: 37,
        name: "mail",
        sqlite: include_str!("../migrations/sqlite/0037_mail.sql"),
        postgres: include_str!("../migrations/postgres/0037_mail.sql"),
    },
    // Veilig Thuis hand-overs acknowledged by the family's lead.
    Migration {
        version: 38,
        name: "vt_handover_seen",
        sqlite: include_str!("../migrations/sqlite/0038_vt_handover_seen.sql"),
        postgres: include_str!("../migrations/postgres/0038_vt_handover_seen.sql"),
    },
    // A certified institution's intake list of court orders naming it.
    Migration {
        version: 40,
        name: "court_intake",
        sqlite: include_str!("../migrations/sqlite/0040_court_intake.sql"),
        postgres: include_str!("../migrations/postgres/0040_court_intake.sql"),
    },
    // The evaluation's facts and rows per family (issue 16).
    Migration {
        version: 41,
        name: "evaluation",
        sqlite: include_str!("../migrations/sqlite/0041_evaluation.sql"),
        postgres: include_str!("../migrations/postgres/0041_evaluation.sql"),
    },
    // The pilots as data, seeded for the areas that exist (issue 16 §1).
    Migration {
        version: PILOTS_VERSION,
        name: "pilots",
        sqlite: include_str!("../migrations/sqlite/0043_pilots.sql"),
        postgres: include_str!("../migrations/postgres/0043_pilots.sql"),
    },
    // The evaluation's month cells (issue 16 §3); made again, and filled from the
    // rows, by 0068.
    Migration {
        version: 45,
        name: "evaluation_cells",
        sqlite: include_str!("../migrations/sqlite/0045_evaluation_cells.sql"),
        postgres: include_str!("../migrations/postgres/0045_evaluation_cells.sql"),
    },
    // Closing and reopening a family file (issue 16 §5).
    Migration {
        version: 46,
        name: "file_closing",
        sqlite: include_str!("../migrations/sqlite/0046_file_closing.sql"),
        postgres: include_str!("../migrations/postgres/0046_file_closing.sql"),
    },
    // Family accounts and their sessions (issue 17 §1).
    Migration {
        version: 47,
        name: "family_accounts",
        sqlite: include_str!("../migrations/sqlite/0047_family_accounts.sql"),
        postgres: include_str!("../migrations/postgres/0047_family_accounts.sql"),
    },
    Migration {
        version: 48,
        name: "family_sessions",
        sqlite: include_str!("../migrations/sqlite/0048_family_sessions.sql"),
        postgres: include_str!("../migrations/postgres/0048_family_sessions.sql"),
    },
    // Complaints and their yearly analysis (issue 17 §4).
    Migration {
        version: 49,
        name: "complaints",
        sqlite: include_str!("../migrations/sqlite/0049_complaints.sql"),
        postgres: include_str!("../migrations/postgres/0049_complaints.sql"),
    },
    Migration {
        version: 50,
        name: "complaint_measures",
        sqlite: include_str!("../migrations/sqlite/0050_complaint_measures.sql"),
        postgres: include_str!("../migrations/postgres/0050_complaint_measures.sql"),
    },
    // The portal's marks and the family's additions to the plan (issue 17 §2/§3).
    Migration {
        version: 51,
        name: "portal_marks",
        sqlite: include_str!("../migrations/sqlite/0051_portal_marks.sql"),
        postgres: include_str!("../migrations/postgres/0051_portal_marks.sql"),
    },
    Migration {
        version: 52,
        name: "family_plan_additions",
        sqlite: include_str!("../migrations/sqlite/0052_family_plan_additions.sql"),
        postgres: include_str!("../migrations/postgres/0052_family_plan_additions.sql"),
    },
    // The family's full copy (AVG art. 15) and information requests (BW 1:377c),
    // issue 17 §2.
    Migration {
        version: 53,
        name: "copy_requests",
        sqlite: include_str!("../migrations/sqlite/0053_copy_requests.sql"),
        postgres: include_str!("../migrations/postgres/0053_copy_requests.sql"),
    },
    Migration {
        version: 54,
        name: "information_requests",
        sqlite: include_str!("../migrations/sqlite/0054_information_requests.sql"),
        postgres: include_str!("../migrations/postgres/0054_information_requests.sql"),
    },
    // The family's invitation by e-mail (a generalised outbox) and complaints filed from
    // the family portal (issue 17 §1 and §4).
    Migration {
        version: 56,
        name: "family_mail_and_complaints",
        sqlite: include_str!("../migrations/sqlite/0056_family_mail_and_complaints.sql"),
        postgres: include_str!("../migrations/postgres/0056_family_mail_and_complaints.sql"),
    },
    // The name index, and the sort key that puts a tussenvoegsel after its surname
    // (issue 18 §1).
    Migration {
        version: NAME_TOKENS_VERSION,
        name: "name_tokens",
        sqlite: include_str!("../migrations/sqlite/0058_name_tokens.sql"),
        postgres: include_str!("../migrations/postgres/0058_name_tokens.sql"),
    },
    // The indexes the EXPLAIN test asked for: the access-log filters and the privacy
    // officer's scope, a period's handovers (issue 18 §2).
    Migration {
        version: 60,
        name: "explained_indexes",
        sqlite: include_str!("../migrations/sqlite/0060_explained_indexes.sql"),
        postgres: include_str!("../migrations/postgres/0060_explained_indexes.sql"),
    },
    // The access log's checkpoints: a cut of old lines is journaled first, and a line
    // may be removed only up to a checkpoint (issue 18 §4).
    Migration {
        version: 61,
        name: "access_log_checkpoints",
        sqlite: include_str!("../migrations/sqlite/0061_access_log_checkpoints.sql"),
        postgres: include_str!("../migrations/postgres/0061_access_log_checkpoints.sql"),
    },
    // The access log partitioned by month on PostgreSQL, in two scripts with the
    // month partitions made between them (issue 18 §4).
    Migration {
        version: ACCESS_LOG_PARTITIONS_VERSION,
        name: "access_log_partitions",
        sqlite: include_str!("../migrations/sqlite/0062_access_log_partitions.sql"),
        postgres: include_str!("../migrations/postgres/0062_access_log_partitions.sql"),
    },
    Migration {
        version: 63,
        name: "access_log_partitions_filled",
        sqlite: include_str!("../migrations/sqlite/0063_access_log_partitions_filled.sql"),
        postgres: include_str!("../migrations/postgres/0063_access_log_partitions_filled.sql"),
    },
    // A family's evaluation rows by day: the edges of a period that is not whole months
    // ask, per row, whether its family has rows in the rest of the period (issue 18).
    Migration {
        version: 66,
        name: "evaluation_family_days",
        sqlite: include_str!("../migrations/sqlite/0066_evaluation_family_days.sql"),
        postgres: include_str!("../migrations/postgres/0066_evaluation_family_days.sql"),
    },
    // The name index by family: a search within a circle asks per file of the circle
    // (issue 18).
    Migration {
        version: 67,
        name: "name_tokens_by_family",
        sqlite: include_str!("../migrations/sqlite/0067_name_tokens_by_family.sql"),
        postgres: include_str!("../migrations/postgres/0067_name_tokens_by_family.sql"),
    },
    // The month cells per organisation too: a team lead's evaluation from cells
    // (issue 18).
    Migration {
        version: ORGANISATION_CELLS_VERSION,
        name: "evaluation_organisation_cells",
        sqlite: include_str!("../migrations/sqlite/0068_evaluation_organisation_cells.sql"),
        postgres: include_str!("../migrations/postgres/0068_evaluation_organisation_cells.sql"),
    },
    // The journal's head moved once per statement on PostgreSQL, and only to an entry
    // the journal holds (issue 18).
    Migration {
        version: 70,
        name: "journal_head_per_statement",
        sqlite: include_str!("../migrations/sqlite/0070_journal_head_per_statement.sql"),
        postgres: include_str!("../migrations/postgres/0070_journal_head_per_statement.sql"),
    },
];

/// The migration that makes the evaluation's month cells again with the organisation
/// as a key; they are filled from the rows and organisations kept so far by the
/// domain's `report::cells_of` right after the script (SQL would need a second copy of
/// that rule).
const ORGANISATION_CELLS_VERSION: i64 = 68;

/// The migration that sets the unpartitioned access log aside for a partitioned one;
/// the month partitions its lines go to are made right after the script, by the
/// domain's Amsterdam calendar (SQL would need a second copy of the month bounds), and
/// the next migration copies the lines into them.
const ACCESS_LOG_PARTITIONS_VERSION: i64 = 62;

/// The migration that adds the name index; it is filled from the names kept so far by
/// the domain's `name_tokens` right after the script, and every file's sort key is
/// recomputed, since the domain's key changed with it.
const NAME_TOKENS_VERSION: i64 = 58;

/// The migration that adds `pilots`; the areas that already exist get the pilots the
/// domain's `KNOWN_PILOTS` names for them right after the script (SQL cannot read that
/// list, and it must live in one place).
const PILOTS_VERSION: i64 = 43;

/// The migration that adds `families.label_sort`; its rows are filled by the domain's
/// key, which SQL cannot compute alike on both backends, right after the script.
const LABEL_SORT_VERSION: i64 = 33;

/// The migration that adds `families.next_due_on`; its rows are filled by the domain's
/// rule, which SQL cannot apply, right after the script in the same transaction.
const NEXT_DUE_VERSION: i64 = 21;

/// The migration that makes an area's CBS code unique; it would fail with a bare
/// constraint error on a database that already holds a code twice, so the areas
/// concerned are named first (`duplicate_area_codes`).
const AREA_CODES_VERSION: i64 = 32;

/// The highest version this eenplan knows. Versions are handed out per flow, so the
/// list may have gaps while flows are built in parallel; it must stay in ascending order.
pub const KNOWN_SCHEMA_VERSION: i64 = highest_version(MIGRATIONS);

const fn highest_version(migrations: &[Migration]) -> i64 {
    let mut highest = 0;
    let mut i = 0;
    while i < migrations.len() {
        if migrations[i].version > highest {
            highest = migrations[i].version;
        }
        i += 1;
    }
    highest
}

/// Any fixed number: the PostgreSQL advisory lock that keeps two instances starting
/// at the same moment from migrating at once.
const MIGRATION_LOCK: i64 = 0x6565_6e70_6c61_6e01;

impl Store {
    /// Applies the migrations this database lacks and returns them.
    pub async fn migrate(&self) -> Result<Vec<Migration>, StoreError> {
        let mut tx = self.write().await?;
        if tx.backend() == Backend::Postgres {
            tx.execute("SELECT pg_advisory_xact_lock($1)", params![MIGRATION_LOCK])
                .await?;
        }
        tx.execute_script(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version    BIGINT PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )",
        )
        .await?;
        let done: Vec<i64> = tx
            .fetch_all("SELECT version FROM schema_migrations", vec![])
            .await?
            .iter()
            .map(|r| r.int("version"))
            .collect::<Result<_, _>>()?;
        let current = done.iter().copied().max().unwrap_or(0);
        if current > KNOWN_SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                found: current,
                known: KNOWN_SCHEMA_VERSION,
            });
        }
        let mut applied = Vec::new();
        // Every migration not yet recorded, also one numbered below the newest applied
        // (a flow's migration merged after a later-numbered one was applied).
        for m in MIGRATIONS.iter().filter(|m| !done.contains(&m.version)) {
            let script = match tx.backend() {
                Backend::Sqlite => m.sqlite,
                Backend::Postgres => m.postgres,
            };
            if m.version == AREA_CODES_VERSION {
                tx.refuse_duplicate_area_codes().await?;
            }
            tx.execute_script(script).await?;
            if m.version == NEXT_DUE_VERSION {
                tx.refresh_every_next_due().await?;
            }
            if m.version == LABEL_SORT_VERSION {
                tx.fill_every_label_sort().await?;
            }
            if m.version == PILOTS_VERSION {
                tx.seed_known_pilots_everywhere().await?;
            }
            // The cells of 0045 are filled by 0068, which makes them again with the
            // organisation key (the fill writes that key, which 0045's tables lack).
            if m.version == ORGANISATION_CELLS_VERSION {
                tx.fill_evaluation_cells().await?;
            }
            if m.version == NAME_TOKENS_VERSION {
                tx.fill_member_tokens().await?;
                tx.fill_every_label_sort().await?;
            }
            if m.version == ACCESS_LOG_PARTITIONS_VERSION {
                tx.partition_the_old_access_log().await?;
            }
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                params![
                    m.version,
                    m.name,
                    eenplan_domain::UtcTime::now().to_rfc3339()
                ],
            )
            .await?;
            applied.push(*m);
        }
        // Every start-up makes the access log's partitions of this month and the
        // months ahead, should the reminders' runs not have (PostgreSQL only).
        let current = LogMonth::of(eenplan_domain::time::amsterdam_date(
            eenplan_domain::UtcTime::now(),
        ));
        tx.create_access_log_months(current, current).await?;
        tx.commit().await?;
        Ok(applied)
    }
}

impl Tx {
    /// Fails, before anything changes, when two areas share a CBS code: which area
    /// keeps a code is for the chain administrator to decide, not for a migration, so
    /// the message names every such code with its areas and how to clear one.
    async fn refuse_duplicate_area_codes(&mut self) -> Result<(), StoreError> {
        let rows = self
            .fetch_all(
                "SELECT code, name, id FROM areas WHERE code IN \
                 (SELECT code FROM areas WHERE code IS NOT NULL GROUP BY code HAVING COUNT(*) > 1) \
                 ORDER BY code, name, id",
                vec![],
            )
            .await?;
        let mut found: Vec<(String, Vec<String>)> = Vec::new();
        for r in &rows {
            let (code, area) = (
                r.text("code")?,
                format!("'{}' ({})", r.text("name")?, r.text("id")?),
            );
            match found.last_mut() {
                Some((last, areas)) if *last == code => areas.push(area),
                _ => found.push((code, vec![area])),
            }
        }
        if found.is_empty() {
            return Ok(());
        }
        let list = found
            .iter()
            .map(|(code, areas)| format!("{code}: {}", areas.join(", ")))
            .collect::<Vec<_>>()
            .join("; ");
        Err(StoreError::Invalid(format!(
            "cannot apply migration {AREA_CODES_VERSION} (one area per CBS code): these CBS codes belong to more than one area: {list}. \
             Clear or correct the code of all but one area of each (UPDATE areas SET code = NULL WHERE id = '…'), then start eenplan again"
        )))
    }
}

impl Store {
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let mut tx = self.read().await?;
        tx.fetch_one(
            "SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations",
            vec![],
        )
        .await?
        .int("version")
    }
}
