//! The one place that knows there are two backends. Repository code calls
//! [`Tx::execute`], [`Tx::fetch_all`] and friends with portable SQL (`$1`-style
//! placeholders work on both) and reads columns through [`Row`].

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Connection as _, Postgres, Row as _, Sqlite, Transaction};

use crate::{DatabaseUrl, OpenMode, StoreError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The reads of every transaction of a store handle, while a test asks (`explain.rs`):
/// for a store function that opens transactions of its own (the reminders' run).
pub(crate) type Recorder = std::sync::Arc<std::sync::Mutex<Vec<(String, Vec<Param>)>>>;

/// A handle on the database; cheap to clone, shared by every request.
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
    url: DatabaseUrl,
    /// The access-log writer's queue (group commit); `None` in the writer's own handle.
    pub(crate) access_log: Option<crate::access_log::Queue>,
    /// Where the transactions of this handle record their reads, while a test asks
    /// ([`Store::recording_reads`]).
    pub(crate) recorder: Option<Recorder>,
}

#[derive(Clone, Debug)]
enum Db {
    /// One writer connection (SQLite allows one writer at a time anyway; queueing in
    /// the pool is cheaper than retrying on SQLITE_BUSY) and several read-only readers.
    Sqlite {
        writer: SqlitePool,
        reader: SqlitePool,
    },
    Postgres(PgPool),
}

const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

impl Store {
    /// Connects and brings the schema up to date.
    pub async fn open(url: &DatabaseUrl, mode: OpenMode) -> Result<Self, StoreError> {
        let store = Self::connect(url, mode).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects without touching the schema.
    pub async fn connect(url: &DatabaseUrl, mode: OpenMode) -> Result<Self, StoreError> {
        Self::connect_waiting(url, mode, ACQUIRE_TIMEOUT).await
    }

    /// Connects without touching the schema; a transaction waits at most `wait` for a
    /// pooled connection before it fails as busy (`StoreError::is_busy`). The servers
    /// wait ten seconds; a test of what a busy database answers need not.
    pub async fn connect_waiting(
        url: &DatabaseUrl,
        mode: OpenMode,
        wait: Duration,
    ) -> Result<Self, StoreError> {
        let connect_err = |e: sqlx::Error| StoreError::Connect {
            url: url.display_safe(),
            reason: e.to_string(),
        };
        let db = match url {
            DatabaseUrl::Sqlite(path) => {
                if mode == OpenMode::MustExist && !path.exists() {
                    return Err(StoreError::NoDatabase(path.clone()));
                }
                // FULL: a commit is on disk before it is acknowledged, so a power cut
                // loses nothing that a user was told was saved.
                let base = SqliteConnectOptions::new()
                    .filename(path)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT);
                let writer = SqlitePoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(wait)
                    .connect_with(
                        base.clone()
                            .create_if_missing(mode == OpenMode::CreateIfMissing),
                    )
                    .await
                    .map_err(connect_err)?;
                let reader = SqlitePoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(wait)
                    .connect_with(base.read_only(true))
                    .await
                    .map_err(connect_err)?;
                Db::Sqlite { writer, reader }
            }
            DatabaseUrl::Postgres(raw) => {
                let options = PgConnectOptions::from_str(raw).map_err(connect_err)?;
                // One direct attempt first: a refused connection or a wrong password then
                // reports its own cause at once instead of a pool timeout later.
                sqlx::PgConnection::connect_with(&options)
                    .await
                    .map_err(connect_err)?
                    .close()
                    .await
                    .map_err(connect_err)?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(wait)
                    .connect_with(options)
                    .await
                    .map_err(connect_err)?;
                Db::Postgres(pool)
            }
        };
        let mut store = Self {
            db,
            url: url.clone(),
            access_log: None,
            recorder: None,
        };
        store.access_log = Some(crate::access_log::spawn_writer(store.clone()));
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        match self.db {
            Db::Sqlite { .. } => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// A transaction of this handle, recording its reads if the handle does.
    fn begun(&self, inner: TxInner) -> Tx {
        let mut tx = Tx::new(inner);
        tx.recorder.clone_from(&self.recorder);
        tx
    }

    /// A transaction that may write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so a read-then-write never fails half-way on a lock upgrade.
    pub async fn write(&self) -> Result<Tx, StoreError> {
        Ok(self.begun(match &self.db {
            Db::Sqlite { writer, .. } => {
                TxInner::Sqlite(writer.begin_with("BEGIN IMMEDIATE").await?)
            }
            Db::Postgres(pool) => TxInner::Postgres(pool.begin().await?),
        }))
    }

    /// Runs `work` in one write transaction and commits it: an error anywhere in it
    /// leaves nothing behind, and no caller can forget the commit.
    pub async fn change<T>(
        &self,
        work: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut tx = self.write().await?;
        let out = work(&mut tx).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// A read-only transaction: one consistent snapshot for everything read in it.
    pub async fn read(&self) -> Result<Tx, StoreError> {
        Ok(self.begun(match &self.db {
            Db::Sqlite { reader, .. } => TxInner::Sqlite(reader.begin().await?),
            Db::Postgres(pool) => TxInner::Postgres(pool.begin_with("BEGIN READ ONLY").await?),
        }))
    }

    /// A read-only transaction in which every statement sees the same snapshot, also on
    /// PostgreSQL (whose default isolation gives each statement its own): for checks
    /// that compare one table with another.
    pub async fn snapshot(&self) -> Result<Tx, StoreError> {
        Ok(self.begun(match &self.db {
            Db::Sqlite { reader, .. } => TxInner::Sqlite(reader.begin().await?),
            Db::Postgres(pool) => TxInner::Postgres(
                pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?,
            ),
        }))
    }

    /// Checks that the database answers; used by `/healthz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut tx = self.read().await?;
        tx.fetch_one("SELECT 1", vec![]).await?;
        Ok(())
    }

    pub(crate) fn sqlite_writer(&self) -> Option<&SqlitePool> {
        match &self.db {
            Db::Sqlite { writer, .. } => Some(writer),
            Db::Postgres(_) => None,
        }
    }

    /// Waits for open connections to finish and closes them.
    pub async fn close(&self) {
        match &self.db {
            Db::Sqlite { writer, reader } => {
                reader.close().await;
                writer.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

/// A value bound to a placeholder. Typed nulls, because PostgreSQL wants to know the
/// type of a NULL.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    Text(Option<String>),
    Int(Option<i64>),
    /// A document's content: SQLite BLOB, PostgreSQL BYTEA.
    Bytes(Option<Vec<u8>>),
}

impl From<&str> for Param {
    fn from(v: &str) -> Self {
        Param::Text(Some(v.to_owned()))
    }
}
impl From<String> for Param {
    fn from(v: String) -> Self {
        Param::Text(Some(v))
    }
}
impl From<&String> for Param {
    fn from(v: &String) -> Self {
        Param::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Param {
    fn from(v: Option<String>) -> Self {
        Param::Text(v)
    }
}
impl From<Option<&str>> for Param {
    fn from(v: Option<&str>) -> Self {
        Param::Text(v.map(str::to_owned))
    }
}
macro_rules! id_params {
    ($($id:ty),*) => {$(
        impl From<&$id> for Param {
            fn from(v: &$id) -> Self {
                Param::Text(Some(v.as_str().to_owned()))
            }
        }
        impl From<$id> for Param {
            fn from(v: $id) -> Self {
                Param::Text(Some(v.into_string()))
            }
        }
        impl From<Option<$id>> for Param {
            fn from(v: Option<$id>) -> Self {
                Param::Text(v.map(<$id>::into_string))
            }
        }
        impl From<Option<&$id>> for Param {
            fn from(v: Option<&$id>) -> Self {
                Param::Text(v.map(|v| v.as_str().to_owned()))
            }
        }
    )*};
}
id_params!(
    eenplan_domain::FamilyId,
    eenplan_domain::UserId,
    eenplan_domain::OrganisationId
);
impl From<i64> for Param {
    fn from(v: i64) -> Self {
        Param::Int(Some(v))
    }
}
impl From<Option<i64>> for Param {
    fn from(v: Option<i64>) -> Self {
        Param::Int(v)
    }
}
impl From<&[u8]> for Param {
    fn from(v: &[u8]) -> Self {
        Param::Bytes(Some(v.to_vec()))
    }
}
impl From<bool> for Param {
    fn from(v: bool) -> Self {
        Param::Int(Some(i64::from(v)))
    }
}

/// Bound parameters per multi-row statement. Not the backends' limit (tens of
/// thousands): SQLite looks each parameter's name up by walking the statement's list
/// of names, so binding costs grow with the square of their number (at 30,000 it was
/// most of the time of a national-scale demo); a few hundred still carry a dozen or
/// more rows per statement.
pub(crate) const PARAMS_PER_STATEMENT: usize = 240;

/// `params![a, b]` builds the parameter list from anything that converts to [`Param`].
#[macro_export]
macro_rules! params {
    ($($p:expr),* $(,)?) => { vec![$($crate::Param::from($p)),*] };
}

macro_rules! bind_all {
    ($query:expr, $params:expr) => {{
        let mut q = $query;
        for p in $params {
            q = match p {
                Param::Text(v) => q.bind(v),
                Param::Int(v) => q.bind(v),
                Param::Bytes(v) => q.bind(v),
            };
        }
        q
    }};
}

/// The second line of defence behind the domain's text rule: a NUL that still reaches
/// a query is refused here, before the database sees it, so both backends answer alike
/// (SQLite would store it; PostgreSQL refuses it with an error of its own).
fn storable(params: &[Param]) -> Result<(), StoreError> {
    let nul = params
        .iter()
        .any(|p| matches!(p, Param::Text(Some(t)) if t.contains('\0')));
    if nul {
        Err(StoreError::InvalidText)
    } else {
        Ok(())
    }
}

/// A transaction on either backend. Dropping it without [`Tx::commit`] rolls back, so
/// an error part-way leaves no partial state.
#[derive(Debug)]
pub struct Tx {
    inner: TxInner,
    /// Events appended in this transaction, sealed onto the journal at commit, when
    /// the state they describe is final ([`crate::deep`]).
    pub(crate) pending: Vec<crate::journal::Pending>,
    /// The simulated moment a generator set ([`Tx::set_clock`]); `None`: the real clock.
    clock: Option<eenplan_domain::UtcTime>,
    /// The reads of this transaction, kept while a test asks ([`crate::explain`]).
    pub(crate) reads: Option<Vec<(String, Vec<Param>)>>,
    /// The store handle's record of reads, kept while a test asks.
    pub(crate) recorder: Option<Recorder>,
}

#[derive(Debug)]
enum TxInner {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    fn new(inner: TxInner) -> Self {
        Self {
            inner,
            pending: Vec::new(),
            clock: None,
            reads: None,
            recorder: None,
        }
    }

    /// Makes everything this transaction writes from now on happen at `at`: journal
    /// entries' `recorded_at` and the rows' timestamps. Only a generator of synthetic
    /// history (the demo) sets it, so that a data set can span years with every event
    /// dated on the day it happened; real work is always dated by the real clock.
    pub fn set_clock(&mut self, at: eenplan_domain::UtcTime) {
        self.clock = Some(at);
    }

    /// The moment a change in this transaction happens: the simulated one when a
    /// generator set it, otherwise now.
    pub fn now(&self) -> eenplan_domain::UtcTime {
        self.clock.unwrap_or_else(eenplan_domain::UtcTime::now)
    }

    /// The simulated moment, if a generator set one.
    pub(crate) fn clock(&self) -> Option<eenplan_domain::UtcTime> {
        self.clock
    }

    /// [`Tx::now`] as stored in timestamp columns.
    pub(crate) fn now_text(&self) -> String {
        self.now().to_rfc3339()
    }

    pub fn backend(&self) -> Backend {
        match self.inner {
            TxInner::Sqlite(_) => Backend::Sqlite,
            TxInner::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn execute(&mut self, sql: &str, params: Vec<Param>) -> Result<u64, StoreError> {
        storable(&params)?;
        Ok(match &mut self.inner {
            TxInner::Sqlite(tx) => bind_all!(sqlx::query(sql), params)
                .execute(&mut **tx)
                .await
                .map_err(StoreError::from_db)?
                .rows_affected(),
            TxInner::Postgres(tx) => bind_all!(sqlx::query(sql), params)
                .execute(&mut **tx)
                .await
                .map_err(StoreError::from_db)?
                .rows_affected(),
        })
    }

    /// Runs several statements without parameters: migrations.
    pub(crate) async fn execute_script(&mut self, sql: &str) -> Result<(), StoreError> {
        match &mut self.inner {
            TxInner::Sqlite(tx) => {
                sqlx::raw_sql(sql).execute(&mut **tx).await?;
            }
            TxInner::Postgres(tx) => {
                sqlx::raw_sql(sql).execute(&mut **tx).await?;
            }
        }
        Ok(())
    }

    pub async fn fetch_all(
        &mut self,
        sql: &str,
        params: Vec<Param>,
    ) -> Result<Vec<Row>, StoreError> {
        storable(&params)?;
        self.keep_read(sql, &params);
        Ok(match &mut self.inner {
            TxInner::Sqlite(tx) => bind_all!(sqlx::query(sql), params)
                .fetch_all(&mut **tx)
                .await
                .map_err(StoreError::from_db)?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            TxInner::Postgres(tx) => bind_all!(sqlx::query(sql), params)
                .fetch_all(&mut **tx)
                .await
                .map_err(StoreError::from_db)?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    pub async fn fetch_optional(
        &mut self,
        sql: &str,
        params: Vec<Param>,
    ) -> Result<Option<Row>, StoreError> {
        storable(&params)?;
        self.keep_read(sql, &params);
        Ok(match &mut self.inner {
            TxInner::Sqlite(tx) => bind_all!(sqlx::query(sql), params)
                .fetch_optional(&mut **tx)
                .await
                .map_err(StoreError::from_db)?
                .map(Row::Sqlite),
            TxInner::Postgres(tx) => bind_all!(sqlx::query(sql), params)
                .fetch_optional(&mut **tx)
                .await
                .map_err(StoreError::from_db)?
                .map(Row::Postgres),
        })
    }

    pub async fn fetch_one(&mut self, sql: &str, params: Vec<Param>) -> Result<Row, StoreError> {
        self.fetch_optional(sql, params)
            .await?
            .ok_or(StoreError::from(sqlx::Error::RowNotFound))
    }

    /// Seals the events appended in this transaction onto the journal, then commits
    /// them together with the state they describe.
    pub async fn commit(mut self) -> Result<(), StoreError> {
        self.seal_pending().await?;
        match self.inner {
            TxInner::Sqlite(tx) => tx.commit().await?,
            TxInner::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

/// A result row; columns are read by name (the query's column or its `AS` alias), so a
/// column added to or moved in a select list cannot shift what a field reads.
pub enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Row(..)")
    }
}

/// Which column of a row: its name. (A position only where code reads a list of
/// columns it does not know by name: the deep verifier's sealed parts.)
pub trait Column: sqlx::ColumnIndex<SqliteRow> + sqlx::ColumnIndex<PgRow> + Copy {}
impl Column for &str {}
impl Column for usize {}

impl Row {
    fn get<'r, T, C: Column>(&'r self, column: C) -> Result<T, StoreError>
    where
        T: sqlx::Decode<'r, sqlx::Sqlite>
            + sqlx::Type<sqlx::Sqlite>
            + sqlx::Decode<'r, sqlx::Postgres>
            + sqlx::Type<sqlx::Postgres>,
    {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(column)?,
            Row::Postgres(r) => r.try_get(column)?,
        })
    }

    pub fn text<C: Column>(&self, column: C) -> Result<String, StoreError> {
        self.get(column)
    }

    pub fn opt_text<C: Column>(&self, column: C) -> Result<Option<String>, StoreError> {
        self.get(column)
    }

    /// A BLOB (SQLite) or BYTEA (PostgreSQL) column that may be empty.
    pub fn opt_bytes<C: Column>(&self, column: C) -> Result<Option<Vec<u8>>, StoreError> {
        self.get(column)
    }

    /// A text column read as one of the domain's id types.
    pub fn id<T: From<String>, C: Column>(&self, column: C) -> Result<T, StoreError> {
        self.text(column).map(T::from)
    }

    pub fn opt_id<T: From<String>, C: Column>(&self, column: C) -> Result<Option<T>, StoreError> {
        Ok(self.opt_text(column)?.map(T::from))
    }

    pub fn int<C: Column>(&self, column: C) -> Result<i64, StoreError> {
        self.get(column)
    }

    pub fn opt_int<C: Column>(&self, column: C) -> Result<Option<i64>, StoreError> {
        self.get(column)
    }

    pub fn bool<C: Column>(&self, column: C) -> Result<bool, StoreError> {
        Ok(self.int(column)? != 0)
    }

    /// Parses a text column holding one of the domain's codes.
    pub fn code<T>(&self, column: impl Column) -> Result<T, StoreError>
    where
        T: FromStr,
        T::Err: std::fmt::Display,
    {
        let raw = self.text(column)?;
        raw.parse()
            .map_err(|e: T::Err| StoreError::Invalid(format!("stored value '{raw}': {e}")))
    }
}

/// A date as the store keeps it (ISO, the Dutch calendar day); a malformed one is named.
pub(crate) fn stored_date(text: &str) -> Result<jiff::civil::Date, StoreError> {
    text.parse::<jiff::civil::Date>()
        .map_err(|e| StoreError::Invalid(format!("stored date '{text}': {e}")))
}

/// An optional stored date.
pub(crate) fn stored_opt_date(
    text: Option<String>,
) -> Result<Option<jiff::civil::Date>, StoreError> {
    text.as_deref().map(stored_date).transpose()
}
