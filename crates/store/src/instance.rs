//! What this database is for. The demo marks its database so that `eenplan demo`
//! only ever replaces a demo database, never real data.

use eenplan_domain::evaluation::suppression::Threshold;
use eenplan_domain::journal::{Actor, Event};

use crate::{Store, StoreError, Tx, params};

pub const DEMO_PURPOSE: &str = "demo";

impl Tx {
    pub async fn mark_purpose(&mut self, actor: &Actor, purpose: &str) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO instance (key, value) VALUES ('purpose', $1)",
            params![purpose],
        )
        .await
        .map_err(|e| e.duplicate_as(|| "a purpose for this database".into()))?;
        self.append(
            actor,
            Event::InstanceMarked {
                purpose: purpose.to_owned(),
            },
        )
        .await?;
        Ok(())
    }
}

impl Store {
    pub async fn purpose(&self) -> Result<Option<String>, StoreError> {
        let mut tx = self.read().await?;
        tx.fetch_optional("SELECT value FROM instance WHERE key = 'purpose'", vec![])
            .await?
            .map(|r| r.text("value"))
            .transpose()
    }
}

/// Reads the purpose of an existing SQLite file without changing anything in it (no
/// migrations, no journal-mode switch), so a file that is not ours stays untouched.
pub async fn sqlite_file_purpose(path: &std::path::Path) -> Result<Option<String>, StoreError> {
    use sqlx::Connection;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .read_only(true);
    let mut conn = sqlx::SqliteConnection::connect_with(&options).await?;
    let purpose =
        sqlx::query_scalar::<_, String>("SELECT value FROM instance WHERE key = 'purpose'")
            .fetch_optional(&mut conn)
            .await;
    let _ = conn.close().await;
    Ok(purpose?)
}

/// Whether a PostgreSQL database holds no table in its current schema. The demo fills
/// only such a database: invented families must never mix with real ones, and a demo
/// on PostgreSQL is never cleared by eenplan (drop the database to start again).
pub async fn postgres_is_empty(url: &str) -> Result<bool, StoreError> {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(url).await?;
    let tables = sqlx::query_scalar::<_, i64>(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    .fetch_one(&mut conn)
    .await;
    let _ = conn.close().await;
    Ok(tables? == 0)
}

/// The instance key holding the evaluation's threshold; absent means the domain's lowest.
const THRESHOLD_KEY: &str = "evaluation_threshold";

impl Tx {
    /// How many families a published evaluation figure must be computed from on this
    /// instance. One setting per database, so every server in front of it, the CSV and
    /// the JSON hide the same figures. A stored value the domain refuses (below 5, or
    /// not a number) reads as the lowest threshold rather than failing the page: the
    /// setting can only ever make the rule stricter.
    pub async fn evaluation_threshold(&mut self) -> Result<Threshold, StoreError> {
        let stored = self
            .fetch_optional(
                "SELECT value FROM instance WHERE key = $1",
                params![THRESHOLD_KEY],
            )
            .await?
            .map(|r| r.text("value"))
            .transpose()?;
        Ok(stored
            .and_then(|v| v.parse::<u32>().ok())
            .and_then(|n| Threshold::new(n).ok())
            .unwrap_or(Threshold::MIN))
    }

    /// Sets the threshold (journaled); the domain's type already refused anything below 5.
    pub async fn set_evaluation_threshold(
        &mut self,
        actor: &Actor,
        threshold: Threshold,
    ) -> Result<(), StoreError> {
        let value = threshold.get().to_string();
        let updated = self
            .execute(
                "UPDATE instance SET value = $1 WHERE key = $2",
                params![&value, THRESHOLD_KEY],
            )
            .await?;
        if updated == 0 {
            self.execute(
                "INSERT INTO instance (key, value) VALUES ($1, $2)",
                params![THRESHOLD_KEY, &value],
            )
            .await?;
        }
        self.append(
            actor,
            Event::EvaluationThresholdSet {
                families: threshold.get(),
            },
        )
        .await
    }
}
