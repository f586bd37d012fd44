-- Foundation: areas, organisations, teams, users, the journal and its head.
-- Codes (kinds, roles) are validated by crates/domain, the one place that lists them.
-- Times are UTC RFC 3339 text; ids are UUIDv7 text.

CREATE TABLE areas (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    code        TEXT,
    parent_id   TEXT REFERENCES areas (id),
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX areas_name_in_parent ON areas (parent_id, name) WHERE parent_id IS NOT NULL;
CREATE UNIQUE INDEX areas_top_level_name ON areas (name) WHERE parent_id IS NULL;

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE organisation_areas (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    area_id         TEXT NOT NULL REFERENCES areas (id),
    PRIMARY KEY (organisation_id, area_id)
);

CREATE TABLE teams (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    area_id         TEXT REFERENCES areas (id),
    created_at      TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE users (
    id                TEXT PRIMARY KEY,
    email             TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    organisation_id   TEXT NOT NULL REFERENCES organisations (id),
    team_id           TEXT REFERENCES teams (id),
    password_hash     TEXT NOT NULL,
    totp_secret       TEXT NOT NULL,
    totp_confirmed_at TEXT,
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at        TEXT NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id),
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE instance (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE journal (
    seq                INTEGER PRIMARY KEY CHECK (seq >= 1),
    id                 TEXT NOT NULL UNIQUE,
    recorded_at        TEXT NOT NULL,
    actor              TEXT NOT NULL,
    actor_organisation TEXT,
    kind               TEXT NOT NULL,
    subject_type       TEXT NOT NULL,
    subject_id         TEXT NOT NULL,
    payload            TEXT NOT NULL,
    payload_sha256     TEXT NOT NULL,
    prev_hash          TEXT NOT NULL,
    hash               TEXT NOT NULL
);
CREATE INDEX journal_subject ON journal (subject_type, subject_id, seq);

CREATE TABLE journal_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO journal_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: the database itself refuses to change or remove an entry.
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: DELETE is not allowed'); END;

-- An entry must extend the chain exactly at its head; the head then follows it.
CREATE TRIGGER journal_extends_head BEFORE INSERT ON journal
WHEN NEW.seq <> (SELECT seq + 1 FROM journal_head WHERE id = 1)
  OR NEW.prev_hash <> (SELECT hash FROM journal_head WHERE id = 1)
BEGIN SELECT RAISE(ABORT, 'journal entry does not extend the chain head'); END;
CREATE TRIGGER journal_advance_head AFTER INSERT ON journal
BEGIN UPDATE journal_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END;

CREATE TRIGGER journal_head_forward BEFORE UPDATE ON journal_head
WHEN NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
BEGIN SELECT RAISE(ABORT, 'journal head only moves forward, one entry at a time'); END;
CREATE TRIGGER journal_head_no_delete BEFORE DELETE ON journal_head
BEGIN SELECT RAISE(ABORT, 'journal head cannot be removed'); END;
