use std::path::PathBuf;
use std::str::FromStr;

use crate::StoreError;

/// Where the data lives, parsed from `sqlite://PATH` or `postgres://...`.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

/// Whether opening may create an empty SQLite database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    CreateIfMissing,
    MustExist,
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self, StoreError> {
        let url = url.trim();
        if let Some(rest) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let path = rest.split('?').next().unwrap_or_default();
            if path.is_empty() || path == ":memory:" {
                return Err(StoreError::MalformedUrl {
                    url: url.to_owned(),
                    reason: "name a database file, for example sqlite://./eenplan.sqlite (in-memory databases keep nothing)".into(),
                });
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            sqlx::postgres::PgConnectOptions::from_str(url).map_err(|e| {
                StoreError::MalformedUrl {
                    url: redact(url),
                    reason: e.to_string(),
                }
            })?;
            return Ok(Self::Postgres(url.to_owned()));
        }
        Err(StoreError::UnsupportedUrl(redact(url)))
    }

    /// The URL without any password, safe for logs and error messages.
    pub fn display_safe(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{}", path.display()),
            Self::Postgres(url) => redact(url),
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display_safe())
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display_safe())
    }
}

impl FromStr for DatabaseUrl {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Replaces the password in `scheme://user:password@host` with `***`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://./eenplan.sqlite").ok(),
            Some(DatabaseUrl::Sqlite("./eenplan.sqlite".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/eenplan/data.sqlite").ok(),
            Some(DatabaseUrl::Sqlite("/var/lib/eenplan/data.sqlite".into()))
        );
        assert!(DatabaseUrl::parse("sqlite://").is_err());
        assert!(DatabaseUrl::parse("sqlite::memory:").is_err());
    }

    #[test]
    fn postgres_urls() {
        assert!(DatabaseUrl::parse("postgres://postgres@127.0.0.1:5432/test").is_ok());
        assert!(DatabaseUrl::parse("postgres://u@h:notaport/db").is_err());
    }

    #[test]
    fn postgres_sslmodes() {
        for mode in ["disable", "prefer", "require", "verify-ca", "verify-full"] {
            let url = format!("postgres://u@h/db?sslmode={mode}&sslrootcert=/etc/ca.pem");
            assert!(DatabaseUrl::parse(&url).is_ok(), "{mode}");
        }
        let err = DatabaseUrl::parse("postgres://u:geheim@h/db?sslmode=strict").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("strict") && !msg.contains("geheim"), "{msg}");
    }

    #[test]
    fn other_schemes_are_refused_without_leaking_passwords() {
        let err = DatabaseUrl::parse("mysql://root:geheim@localhost/db").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("use sqlite://PATH or postgres://"), "{msg}");
        assert!(!msg.contains("geheim"), "{msg}");
        let pg = DatabaseUrl::parse("postgres://u:geheim@h/db").expect("valid");
        assert_eq!(pg.display_safe(), "postgres://u:***@h/db");
    }
}
