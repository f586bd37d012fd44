-- Sign-in: server-side sessions (shared by every instance), failed attempts for
-- throttling, and the last accepted TOTP step so a code cannot be used twice.

ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,          -- SHA-256 of the token: a leaked table opens no session
    user_id      TEXT NOT NULL REFERENCES users (id),
    kind         TEXT NOT NULL,             -- web | api
    stage        TEXT NOT NULL,             -- second_factor | enrol | active
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ended_at     TEXT,
    end_reason   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE sign_in_failures (
    id     TEXT PRIMARY KEY,
    email  TEXT NOT NULL,
    client TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_client ON sign_in_failures (client, at);
