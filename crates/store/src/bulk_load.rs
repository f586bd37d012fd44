//! The settings of a bulk load into a new SQLite database (`eenplan demo --families
//! 1000000`), and their undoing. The database is new and disposable while it is filled:
//! a crash leaves a demo that is made again, never someone's data. So while it lasts,
//! SQLite does not wait for the disk and keeps a large cache; and the indexes the bulk path does not read through are dropped and made
//! again at the end from their own stored definitions (`sqlite_master`), so nothing
//! repeats the migrations' text and an index cannot come back different. Building an
//! index once over sorted rows is much cheaper than keeping it up to date row by row.
//!
//! Kept while loading: the unique indexes (they are rules, not speed) and those that
//! lead with `family_id`, through which the bulk path reads a batch back (its seals
//! and the evaluation's rows).

use sqlx::Row as _;

use crate::{Store, StoreError};

/// A bulk load under way: what [`Store::end_bulk_load`] puts back.
#[derive(Debug, Default)]
#[must_use = "end the bulk load to restore the indexes and the safe settings"]
pub struct BulkLoad {
    /// The dropped indexes' definitions, as `sqlite_master` held them.
    indexes: Vec<String>,
    sqlite: bool,
}

impl BulkLoad {
    /// How many indexes wait to be made again.
    pub fn dropped_indexes(&self) -> usize {
        self.indexes.len()
    }
}

/// Kibibytes of page cache while loading (negative `cache_size` means KiB).
const LOAD_CACHE_KIB: i64 = 512 * 1024;

/// The indexes the bulk path does without, with their definitions.
const DROPPABLE: &str = "SELECT m.name AS name, m.sql AS sql FROM sqlite_master m \
     WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.sql NOT LIKE 'CREATE UNIQUE%' \
     AND (SELECT i.name FROM pragma_index_info(m.name) i WHERE i.seqno = 0) <> 'family_id' \
     ORDER BY m.name";

impl Store {
    /// Starts a bulk load: on SQLite, no waiting for the disk, a large cache, and the indexes in [`DROPPABLE`] dropped. Only for a new database
    /// that nothing else uses (the demo's); on PostgreSQL it changes nothing.
    pub async fn begin_bulk_load(&self) -> Result<BulkLoad, StoreError> {
        let Some(writer) = self.sqlite_writer() else {
            return Ok(BulkLoad::default());
        };
        let mut conn = writer.acquire().await?;
        // The write-ahead log stays: SQLite leaves WAL only when no other connection
        // has the file open, and the store's readers do ("database is locked").
        sqlx::query("PRAGMA synchronous = OFF")
            .execute(&mut *conn)
            .await?;
        sqlx::query(&format!("PRAGMA cache_size = -{LOAD_CACHE_KIB}"))
            .execute(&mut *conn)
            .await?;
        let rows = sqlx::query(DROPPABLE).fetch_all(&mut *conn).await?;
        let mut indexes = Vec::with_capacity(rows.len());
        for r in &rows {
            let name: String = r.try_get("name")?;
            let sql: String = r.try_get("sql")?;
            sqlx::query(&format!("DROP INDEX \"{name}\""))
                .execute(&mut *conn)
                .await?;
            indexes.push(sql);
        }
        Ok(BulkLoad {
            indexes,
            sqlite: true,
        })
    }

    /// On PostgreSQL, gathers the planner's statistics now. A bulk load on a server
    /// whose autovacuum is off, or has not looked yet, plans every batch with the
    /// estimates of the empty tables: the batch's refresh of its families' evaluation
    /// rows then deleted by hashing a scan of the whole table, so each batch cost more
    /// than the last (issue 18: 54 families a second at 44,000 families and falling).
    /// Called as the tables double, it costs a few seconds in all. Nothing on SQLite,
    /// whose planner keeps to the indexes without statistics.
    pub async fn refresh_statistics(&self) -> Result<(), StoreError> {
        if self.backend() == crate::Backend::Postgres {
            let mut tx = self.write().await?;
            tx.execute("ANALYZE", vec![]).await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Ends a bulk load: the dropped indexes made again from their definitions, then
    /// full synchronous writes back, as every other opening of the database has them. `made` is called after each index (a progress bar: at
    /// national scale this takes a while).
    ///
    /// On PostgreSQL it gathers the planner's statistics: the tables were empty when
    /// the load began, and autovacuum's next look may come only after the first
    /// requests, which are then planned with the estimates of empty tables.
    pub async fn end_bulk_load(
        &self,
        load: BulkLoad,
        mut made: impl FnMut(),
    ) -> Result<(), StoreError> {
        if self.backend() == crate::Backend::Postgres {
            return self.refresh_statistics().await;
        }
        let (Some(writer), true) = (self.sqlite_writer(), load.sqlite) else {
            return Ok(());
        };
        let mut conn = writer.acquire().await?;
        for sql in &load.indexes {
            sqlx::query(sql).execute(&mut *conn).await?;
            made();
        }
        sqlx::query("PRAGMA synchronous = FULL")
            .execute(&mut *conn)
            .await?;
        sqlx::query("PRAGMA cache_size = -2000")
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
