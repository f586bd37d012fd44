-- Foundation: areas, organisations, teams, users, the journal and its head.
-- Same tables as the SQLite migration, with BIGINT for every integer so both backends
-- read back as i64. Codes are validated by crates/domain.

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
    active            BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
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
    seq                BIGINT PRIMARY KEY CHECK (seq >= 1),
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

-- Writers lock this row (SELECT ... FOR UPDATE) before appending, which serialises
-- appends across every eenplan instance sharing the database.
CREATE TABLE journal_head (
    id   BIGINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO journal_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'journal is append-only: % is not allowed', TG_OP;
END $$;
CREATE TRIGGER journal_no_update_delete BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();

CREATE FUNCTION journal_extend_head() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head_seq  BIGINT;
    head_hash TEXT;
BEGIN
    SELECT seq, hash INTO head_seq, head_hash FROM journal_head WHERE id = 1;
    IF NEW.seq <> head_seq + 1 OR NEW.prev_hash <> head_hash THEN
        RAISE EXCEPTION 'journal entry #% does not extend the chain head #%', NEW.seq, head_seq;
    END IF;
    UPDATE journal_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
    RETURN NEW;
END $$;
CREATE TRIGGER journal_extends_head BEFORE INSERT ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_extend_head();

CREATE FUNCTION journal_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1 THEN
        RAISE EXCEPTION 'journal head only moves forward, one entry at a time';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER journal_head_forward BEFORE UPDATE OR DELETE ON journal_head
    FOR EACH ROW EXECUTE FUNCTION journal_head_guard();
CREATE TRIGGER journal_head_no_truncate BEFORE TRUNCATE ON journal_head
    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
