//! What this database is for. The demo marks its database so that `eenplan demo`
//! only ever replaces a demo database, never real data.

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
