//! Online backup of a SQLite database.

use std::path::Path;

use crate::AccessLogReport;
use crate::{DatabaseUrl, OpenMode, Store, StoreError};
use eenplan_domain::journal::Report;

/// What the check of a fresh backup found, for both chains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub journal: Report,
    pub access_log: AccessLogReport,
}

impl BackupReport {
    pub fn is_intact(&self) -> bool {
        self.journal.is_intact() && self.access_log.chain.is_intact()
    }
}

impl Store {
    /// Writes a consistent copy of a live SQLite database to `target` with
    /// `VACUUM INTO` (readers and writers carry on meanwhile), then verifies the
    /// copy's journal and access log so a backup is known good the moment it is made.
    pub async fn backup_to(&self, target: &Path) -> Result<BackupReport, StoreError> {
        let Some(writer) = self.sqlite_writer() else {
            return Err(StoreError::Unsupported(
                "backup --to works for SQLite only; for PostgreSQL use pg_dump, e.g. \
                 pg_dump --format=custom --file=eenplan.dump \"$EENPLAN_DATABASE_URL\" \
                 (see docs/operations.md)"
                    .into(),
            ));
        };
        if target.exists() {
            return Err(StoreError::Invalid(format!(
                "{} already exists: choose a new file name, a backup never overwrites",
                target.display()
            )));
        }
        let target_text = target.to_str().ok_or_else(|| {
            StoreError::Invalid(format!("{} is not a valid UTF-8 path", target.display()))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(target_text)
            .execute(writer)
            .await?;
        let copy = Store::connect(
            &DatabaseUrl::Sqlite(target.to_path_buf()),
            OpenMode::MustExist,
        )
        .await?;
        let report = async {
            Ok::<_, StoreError>(BackupReport {
                journal: copy.verify_journal(None).await?,
                access_log: copy.verify_access_log(None).await?,
            })
        }
        .await;
        copy.close().await;
        report
    }
}
