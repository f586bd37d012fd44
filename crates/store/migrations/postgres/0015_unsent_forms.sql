-- A form sent after its session expired, kept sealed for its author for one hour
-- (domain::session::KEEP_UNSENT_FORM). The key is in the author's browser only, so this
-- table alone reveals nothing of what was typed. Deleted when used; at most one per user.
CREATE TABLE unsent_forms (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    path TEXT NOT NULL,
    sealed TEXT NOT NULL,
    kept_at TEXT NOT NULL
);
CREATE INDEX unsent_forms_user ON unsent_forms (user_id);
CREATE INDEX unsent_forms_kept_at ON unsent_forms (kept_at);
