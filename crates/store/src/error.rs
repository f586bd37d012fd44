use std::path::PathBuf;

/// Everything the store can refuse or fail at. Messages name what to fix, because
/// they reach an operator's terminal or an API client unchanged.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "unsupported database URL '{0}': use sqlite://PATH or postgres://USER@HOST:PORT/DATABASE"
    )]
    UnsupportedUrl(String),
    #[error("malformed database URL '{url}': {reason}")]
    MalformedUrl { url: String, reason: String },
    #[error("no database at {}: create it first with `eenplan migrate`", .0.display())]
    NoDatabase(PathBuf),
    #[error("cannot open the database at {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error(
        "the database has schema version {found}, newer than this eenplan knows ({known}): upgrade eenplan"
    )]
    SchemaTooNew { found: i64, known: i64 },
    #[error("{0} already exists")]
    Duplicate(String),
    /// A CBS code names one area; this one is taken (by the area named).
    #[error("CBS code {code} is already the code of {area}: each area has its own")]
    DuplicateAreaCode { code: String, area: String },
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Unsupported(String),
    #[error("{0}")]
    KindFixed(#[from] eenplan_domain::organisation::KindFixed),
    #[error("{0}")]
    Involvement(#[from] eenplan_domain::family::InvolvementError),
    #[error("{0}")]
    Member(#[from] eenplan_domain::family::MemberError),
    #[error("{0}")]
    Plan(#[from] eenplan_domain::family::PlanError),
    #[error("{0}")]
    Note(#[from] eenplan_domain::family::NoteError),
    #[error("{0}")]
    Document(#[from] eenplan_domain::family::DocumentError),
    #[error("{0}")]
    Consent(#[from] eenplan_domain::family::ConsentError),
    #[error("{0}")]
    Withdrawal(#[from] eenplan_domain::family::WithdrawalError),
    #[error("{0}")]
    Agreement(#[from] eenplan_domain::family::AgreementError),
    #[error("{0}")]
    Framework(#[from] eenplan_domain::family::FrameworkError),
    #[error("{0}")]
    Closing(#[from] eenplan_domain::family::ClosingError),
    #[error("{0}")]
    Emergency(#[from] eenplan_domain::family::EmergencyError),
    #[error("{0}")]
    Intake(#[from] eenplan_domain::veilig_thuis::IntakeError),
    #[error("{0}")]
    Guidance(#[from] eenplan_domain::save_guidance::GuidanceError),
    #[error("{0}")]
    Evu(#[from] eenplan_domain::evu::EvuError),
    #[error("{0}")]
    Complaint(#[from] eenplan_domain::complaint::HandlingError),
    /// A professional named in the input is not an active user: bad input, not a
    /// missing page.
    #[error("no active professional {0}: choose one from the list")]
    UnknownUser(String),
    /// A family is placed in an area its regisseur's organisation does not work in.
    #[error(
        "area {0} is not one where the regisseur's organisation works: choose one of its areas"
    )]
    AreaOutside(String),
    /// A worker of an EVU combination may not join yet: who, and the step to ask.
    #[error(
        "{worker} ({organisation}) cannot join yet: ask the family's consent to the step '{step}' first"
    )]
    JoinRefused {
        worker: String,
        organisation: String,
        step: eenplan_domain::family::ConsentStep,
    },
    /// The family has not consented to this organisation joining; names the step.
    #[error("the family has not consented to this yet: ask for the step '{0}' first")]
    ConsentNeeded(eenplan_domain::family::ConsentStep),
    /// The batch this access-log line was written in failed; nothing of it was kept.
    #[error("writing the access log failed: {0}")]
    AccessLog(String),
    /// The access-log writer found the database too busy for this line's batch
    /// ([`StoreError::is_busy`]); nothing of it was kept.
    #[error("writing the access log found the database too busy: {0}")]
    AccessLogBusy(String),
    /// Text that no column can hold (a NUL byte) reached the store unchecked: bad
    /// input, refused the same way on both backends, never a database failure.
    #[error("a text value contains a character that cannot be stored (such as NUL): remove it")]
    InvalidText,
    #[error("database error: {0}")]
    Database(DbError),
    // SAVE op locatie
    #[error("{0}")]
    SaveOnSite(#[from] eenplan_domain::save_on_site::OnSiteError),
    // Joint assessment meeting and protection order request.
    #[error("{0}")]
    Meeting(#[from] eenplan_domain::joint_assessment::MeetingError),
    #[error("{0}")]
    ProtectionOrder(#[from] eenplan_domain::protection_order::OrderError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(DbError(e))
    }
}

impl StoreError {
    /// A database error, except that PostgreSQL's refusal of a character it cannot
    /// store (SQLSTATE 22021 invalid byte sequence, 22P05 untranslatable character)
    /// is bad input.
    pub(crate) fn from_db(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && matches!(db.code().as_deref(), Some("22021" | "22P05"))
        {
            return StoreError::InvalidText;
        }
        StoreError::Database(DbError(e))
    }

    /// The database could not take this request now, though nothing is wrong with it:
    /// every pooled connection stayed busy until the wait ran out, or SQLite's writer
    /// lock or a PostgreSQL lock (or its connection limit) held past its timeout. The
    /// same request can succeed a moment later, so a caller answers "busy, try again"
    /// (HTTP 503 with `Retry-After`) instead of a failure (issue 18: at a million
    /// families, slow evaluations held the pool and other requests got a 500).
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Database(DbError(sqlx::Error::PoolTimedOut))
            | StoreError::AccessLogBusy(_) => true,
            StoreError::Database(DbError(sqlx::Error::Database(db))) => matches!(
                db.code().as_deref(),
                // SQLITE_BUSY, SQLITE_LOCKED and their extended codes (BUSY_RECOVERY,
                // BUSY_SNAPSHOT, BUSY_TIMEOUT, LOCKED_SHAREDCACHE); PostgreSQL's
                // lock_not_available and too_many_connections.
                Some("5" | "6" | "261" | "262" | "517" | "773" | "55P03" | "53300")
            ),
            _ => false,
        }
    }

    /// Turns a unique-constraint violation into [`StoreError::Duplicate`] naming `what`;
    /// any other error passes through.
    pub(crate) fn duplicate_as(self, what: impl FnOnce() -> String) -> Self {
        match &self {
            StoreError::Database(DbError(sqlx::Error::Database(db)))
                if db.is_unique_violation() =>
            {
                StoreError::Duplicate(what())
            }
            _ => self,
        }
    }
}

/// A database error as it may be shown and logged: the SQLSTATE (SQLite: the extended
/// result code) and the constraint and table it concerns, never PostgreSQL's message or
/// detail, which quote the values involved (`Key (email)=(…)`, `Failing row contains
/// (…)`, `invalid input syntax for type integer: "…"`): personal data belongs in the
/// access log only, not in the server log or on an operator's terminal (AVG art. 5(1)(c),
/// ASVS 16.2.5). Debug prints the same, so `{:?}` cannot leak it either.
pub struct DbError(pub sqlx::Error);

impl DbError {
    pub fn inner(&self) -> &sqlx::Error {
        &self.0
    }
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            sqlx::Error::Database(db) => {
                let kind = match db.kind() {
                    sqlx::error::ErrorKind::UniqueViolation => "unique violation",
                    sqlx::error::ErrorKind::ForeignKeyViolation => "foreign key violation",
                    sqlx::error::ErrorKind::NotNullViolation => "not-null violation",
                    sqlx::error::ErrorKind::CheckViolation => "check violation",
                    _ => "refused",
                };
                let code = db.code();
                let code = code.as_deref().unwrap_or("unknown");
                if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                    // SQLite's messages name the constraint's table and columns (or the
                    // trigger's fixed text) and never a value; they say what PostgreSQL's
                    // constraint and table fields say.
                    write!(f, "{kind}, SQLite code {code}: {}", db.message())
                } else {
                    write!(f, "{kind}, SQLSTATE {code}")?;
                    if let Some(constraint) = db.constraint() {
                        write!(f, ", constraint {constraint}")?;
                    }
                    if let Some(table) = db.table() {
                        write!(f, ", table {table}")?;
                    }
                    Ok(())
                }
            }
            // Decoding and encoding errors can quote the value that failed.
            sqlx::Error::ColumnDecode { index, .. } => {
                write!(f, "a stored value in column {index} could not be read")
            }
            sqlx::Error::Decode(_) => f.write_str("a stored value could not be read"),
            sqlx::Error::Encode(_) => f.write_str("a value could not be sent to the database"),
            other => write!(f, "{other}"),
        }
    }
}

impl std::fmt::Debug for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DbError({self})")
    }
}
