//! What a database error may say.

use eenplan_store::{StoreError, params};

use crate::support::TestDb;

/// Section 8: a database error names its SQLSTATE (SQLite: result code), constraint and
/// table, never the values PostgreSQL quotes in its message and detail, whether shown
/// with `{}` (the log, an operator's terminal) or `{:?}`.
pub async fn database_errors_name_the_code_and_constraint_never_the_values(db: TestDb) -> TestDb {
    const VALUE: &str = "noor.geheim.4711@example.nl";
    let store = db.open().await;
    let texts = |e: &StoreError| (e.to_string(), format!("{e:?}"));
    let insert = "INSERT INTO organisations (id, slug, name, kind, created_at) \
                  VALUES ($1, $2, $3, 'school', '2026-01-01T00:00:00Z')";

    // A unique violation: PostgreSQL's detail says `Key (slug)=(…) already exists`.
    let mut tx = store.write().await.unwrap();
    tx.execute(insert, params!["o1", VALUE, "Eerste"])
        .await
        .unwrap();
    let unique = tx
        .execute(insert, params!["o2", VALUE, "Tweede"])
        .await
        .unwrap_err();
    drop(tx);
    // A check violation: PostgreSQL's detail says `Failing row contains (…)`.
    let mut tx = store.write().await.unwrap();
    tx.execute(insert, params!["o3", "ander-slug", "Derde"])
        .await
        .unwrap();
    let check = tx
        .execute(
            "INSERT INTO users (id, email, name, organisation_id, password_hash, totp_secret, \
             active, created_at) VALUES ('u1', $1, 'Noor', 'o3', 'x', 'y', 7, '2026-01-01')",
            params![VALUE],
        )
        .await
        .unwrap_err();
    drop(tx);
    // A value the database cannot read as a number: PostgreSQL quotes it in the message.
    let mut tx = store.read().await.unwrap();
    let syntax = tx
        .execute("SELECT CAST($1 AS INTEGER) + 1 WHERE 1 = 1", params![VALUE])
        .await;
    drop(tx);

    for (what, e) in [("unique", &unique), ("check", &check)] {
        assert!(matches!(e, StoreError::Database(_)), "{what}: {e}");
        let (display, debug) = texts(e);
        for text in [&display, &debug] {
            assert!(
                !text.contains(VALUE),
                "{what} error quotes the value: {text}"
            );
            assert!(!text.contains("noor.geheim"), "{what}: {text}");
        }
        match db.backend {
            eenplan_store::Backend::Postgres => {
                let (code, constraint) = match what {
                    "unique" => ("23505", "organisations_slug_key"),
                    _ => ("23514", "users_active_check"),
                };
                assert!(display.contains(&format!("SQLSTATE {code}")), "{display}");
                assert!(display.contains(constraint), "{display}");
            }
            eenplan_store::Backend::Sqlite => {
                assert!(display.contains("SQLite code"), "{display}");
            }
        }
    }
    // SQLite converts the text to 0 without complaint; PostgreSQL refuses it.
    if let Err(e) = &syntax {
        let (display, debug) = texts(e);
        assert!(
            !display.contains(VALUE) && !debug.contains(VALUE),
            "{debug}"
        );
        assert!(display.contains("SQLSTATE 22P02"), "{display}");
    } else {
        assert_eq!(db.backend, eenplan_store::Backend::Sqlite);
    }
    store.close().await;
    db
}
