-- Consent, legal frameworks and emergency access (issue 5).

-- The framework the family's help runs in now; its history is in the journal.
ALTER TABLE families ADD COLUMN framework TEXT NOT NULL DEFAULT 'voluntary';
ALTER TABLE families ADD COLUMN framework_organisation_id TEXT REFERENCES organisations (id);

-- One consent for one step. Never deleted: a withdrawal is recorded on it.
CREATE TABLE consents (
    id                TEXT PRIMARY KEY,
    family_id         TEXT NOT NULL REFERENCES families (id),
    step              TEXT NOT NULL,
    organisation_id   TEXT REFERENCES organisations (id),
    purpose           TEXT NOT NULL,
    categories        TEXT NOT NULL,          -- comma-separated data category codes
    form              TEXT NOT NULL,          -- spoken | written
    given_on          TEXT NOT NULL,
    ends_on           TEXT,
    recorded_by       TEXT NOT NULL REFERENCES users (id),
    recorded_at       TEXT NOT NULL,
    withdrawn_at      TEXT,
    withdrawn_by      TEXT REFERENCES users (id),
    withdrawal_reason TEXT
);
CREATE INDEX consents_family ON consents (family_id, given_on);

-- The children a consent concerns, and who gave it.
CREATE TABLE consent_people (
    consent_id TEXT NOT NULL REFERENCES consents (id),
    member_id  TEXT NOT NULL REFERENCES family_members (id),
    part       TEXT NOT NULL CHECK (part IN ('concerns', 'given_by')),
    PRIMARY KEY (consent_id, part, member_id)
);

-- Break the glass: one hour of access after a stated reason, reviewed afterwards.
CREATE TABLE emergency_access (
    id              TEXT PRIMARY KEY,
    family_id       TEXT NOT NULL REFERENCES families (id),
    user_id         TEXT NOT NULL REFERENCES users (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    reason          TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    reviewed_at     TEXT,
    reviewed_by     TEXT REFERENCES users (id),
    review_note     TEXT
);
CREATE INDEX emergency_access_user ON emergency_access (user_id, family_id, expires_at);
CREATE INDEX emergency_access_open ON emergency_access (reviewed_at, started_at);
CREATE INDEX access_log_at ON access_log (at);

-- The access log is evidence (NEN 7513): append-only, like the journal.
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access log is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access log is append-only: DELETE is not allowed'); END;

-- ... and chained like the journal: each line carries the SHA-256 chain fields, and a
-- head row makes lines cut from the end as visible as lines cut from the middle.
-- Lines written before this version stay unchained (seq NULL); `eenplan verify`
-- counts them.
ALTER TABLE access_log ADD COLUMN seq INTEGER;
ALTER TABLE access_log ADD COLUMN payload_sha256 TEXT;
ALTER TABLE access_log ADD COLUMN prev_hash TEXT;
ALTER TABLE access_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX access_log_seq ON access_log (seq);
CREATE TABLE access_log_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO access_log_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TRIGGER access_log_extends_head BEFORE INSERT ON access_log
WHEN NEW.seq IS NULL
  OR NEW.seq <> (SELECT seq + 1 FROM access_log_head WHERE id = 1)
  OR NEW.prev_hash <> (SELECT hash FROM access_log_head WHERE id = 1)
BEGIN SELECT RAISE(ABORT, 'access log line does not extend the chain head'); END;
CREATE TRIGGER access_log_advance_head AFTER INSERT ON access_log
BEGIN UPDATE access_log_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END;
CREATE TRIGGER access_log_head_forward BEFORE UPDATE ON access_log_head
WHEN NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
BEGIN SELECT RAISE(ABORT, 'access log head only moves forward, one line at a time'); END;
CREATE TRIGGER access_log_head_no_delete BEFORE DELETE ON access_log_head
BEGIN SELECT RAISE(ABORT, 'access log head cannot be removed'); END;
