-- Issue 17, section 1: the sessions of family accounts, apart from the professionals'
-- (`sessions.user_id` names a `users` row; a family account is none). Same shape and
-- the same timeouts (domain::session); stage: activate (code redeemed, linking the
-- app), second_factor (password accepted) or active.
CREATE TABLE family_sessions (
    token_hash   TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES family_accounts (id),
    stage        TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ended_at     TEXT,
    end_reason   TEXT
);
CREATE INDEX family_sessions_account ON family_sessions (account_id);
