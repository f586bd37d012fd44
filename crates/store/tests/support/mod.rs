//! Fresh databases for tests: a new SQLite file, or a new schema in the PostgreSQL
//! database named by `EENPLAN_TEST_POSTGRES_URL`. Also the "attacker" connection used
//! to tamper with the journal behind eenplan's back.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_store::{Backend, DatabaseUrl, NewOrganisation, OpenMode, Store};
use sqlx::Connection;

pub const POSTGRES_ENV: &str = "EENPLAN_TEST_POSTGRES_URL";

pub fn postgres_url() -> Option<String> {
    std::env::var(POSTGRES_ENV)
        .ok()
        .filter(|s| !s.trim().is_empty())
}

#[derive(Debug)]
pub struct TestDb {
    pub backend: Backend,
    pub url: DatabaseUrl,
    raw_url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    File(PathBuf),
    Schema { admin_url: String, schema: String },
}

fn unique(prefix: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{}.sqlite", unique("eenplan_test")));
                TestDb {
                    backend,
                    url: DatabaseUrl::Sqlite(path.clone()),
                    raw_url: format!("sqlite://{}", path.display()),
                    cleanup: Cleanup::File(path),
                }
            }
            Backend::Postgres => {
                let admin_url = postgres_url().expect("EENPLAN_TEST_POSTGRES_URL is set");
                let schema = unique("eenplan_t");
                let mut admin = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL at {admin_url} is unreachable: {e}"));
                sqlx::query(&format!("CREATE SCHEMA {schema}"))
                    .execute(&mut admin)
                    .await
                    .unwrap();
                admin.close().await.unwrap();
                let sep = if admin_url.contains('?') { '&' } else { '?' };
                let raw_url = format!("{admin_url}{sep}options[search_path]={schema}");
                TestDb {
                    backend,
                    url: DatabaseUrl::parse(&raw_url).unwrap(),
                    raw_url,
                    cleanup: Cleanup::Schema { admin_url, schema },
                }
            }
        }
    }

    /// On PostgreSQL: the server's URL (no search path) and the test's schema, for the
    /// client tools (`pg_dump`, `pg_restore`).
    pub fn postgres_schema(&self) -> Option<(&str, &str)> {
        match &self.cleanup {
            Cleanup::Schema { admin_url, schema } => Some((admin_url, schema)),
            Cleanup::File(_) => None,
        }
    }

    /// The URL a connection of its own (outside eenplan) uses: on PostgreSQL it puts
    /// the test's schema first on the search path.
    pub fn raw_url(&self) -> &str {
        &self.raw_url
    }

    pub async fn open(&self) -> Store {
        Store::open(&self.url, OpenMode::CreateIfMissing)
            .await
            .unwrap()
    }

    /// Runs SQL on a connection of its own, outside eenplan: how someone with direct
    /// database access would tamper.
    pub async fn raw(&self, sql: &str) -> Result<(), String> {
        match self.backend {
            Backend::Sqlite => {
                let mut c = sqlx::SqliteConnection::connect(&self.raw_url)
                    .await
                    .unwrap();
                let r = sqlx::raw_sql(sql).execute(&mut c).await.map(|_| ());
                c.close().await.unwrap();
                r.map_err(|e| e.to_string())
            }
            Backend::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.raw_url).await.unwrap();
                let r = sqlx::raw_sql(sql).execute(&mut c).await.map(|_| ());
                c.close().await.unwrap();
                r.map_err(|e| e.to_string())
            }
        }
    }

    /// Switches off the database's own protection of the journal, as an administrator
    /// with full rights could.
    pub async fn disable_journal_protection(&self) {
        let sql = match self.backend {
            Backend::Sqlite => {
                "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;
                 DROP TRIGGER journal_extends_head; DROP TRIGGER journal_advance_head;
                 DROP TRIGGER journal_head_forward; DROP TRIGGER journal_head_no_delete;"
            }
            Backend::Postgres => {
                "ALTER TABLE journal DISABLE TRIGGER USER;
                 ALTER TABLE journal_head DISABLE TRIGGER USER;"
            }
        };
        self.raw(sql).await.unwrap();
    }

    /// The same for the access log.
    pub async fn disable_access_log_protection(&self) {
        let sql = match self.backend {
            Backend::Sqlite => {
                "DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;
                 DROP TRIGGER access_log_extends_head; DROP TRIGGER access_log_advance_head;
                 DROP TRIGGER access_log_head_forward; DROP TRIGGER access_log_head_no_delete;"
            }
            Backend::Postgres => {
                "ALTER TABLE access_log DISABLE TRIGGER USER;
                 ALTER TABLE access_log_head DISABLE TRIGGER USER;"
            }
        };
        self.raw(sql).await.unwrap();
    }

    pub async fn cleanup(self) {
        match self.cleanup {
            Cleanup::File(path) => {
                let _ = eenplan_store::remove_sqlite_database(&path);
            }
            Cleanup::Schema { admin_url, schema } => {
                if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                    let _ = sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                        .execute(&mut admin)
                        .await;
                    let _ = admin.close().await;
                }
            }
        }
    }
}

pub fn cli_actor() -> Actor {
    Actor::Cli {
        os_user: "test".into(),
    }
}

/// Writes `n` organisations, one journal entry each.
pub async fn seed_organisations(store: &Store, n: usize) {
    let mut tx = store.write().await.unwrap();
    for i in 0..n {
        tx.create_organisation(
            &cli_actor(),
            NewOrganisation {
                slug: Slug::parse(&format!("org-{i}")).unwrap(),
                name: format!("Organisatie {i}"),
                kind: OrganisationKind::CareProvider,
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}
