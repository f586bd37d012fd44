-- The family file: families, members, network, involvements, plan versions and the
-- family's agreement, and the NEN 7513 access log.

CREATE TABLE families (
    id           TEXT PRIMARY KEY,
    label        TEXT NOT NULL,
    street       TEXT NOT NULL,
    house_number TEXT NOT NULL,
    postcode     TEXT NOT NULL,
    city         TEXT NOT NULL,
    area_id      TEXT REFERENCES areas (id),
    opened_at    TEXT NOT NULL,
    closed_at    TEXT
);
CREATE INDEX families_address ON families (postcode, house_number);

CREATE TABLE family_members (
    id            TEXT PRIMARY KEY,
    family_id     TEXT NOT NULL REFERENCES families (id),
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_search   TEXT NOT NULL,            -- lowercased, for search
    date_of_birth TEXT,                     -- YYYY-MM-DD
    has_custody   INTEGER NOT NULL DEFAULT 0 CHECK (has_custody IN (0, 1)),
    started_at    TEXT NOT NULL,
    ended_at      TEXT,
    end_reason    TEXT
);
CREATE INDEX family_members_family ON family_members (family_id);
CREATE INDEX family_members_search ON family_members (name_search);
CREATE INDEX family_members_birth ON family_members (date_of_birth);

CREATE TABLE network_members (
    id          TEXT PRIMARY KEY,
    family_id   TEXT NOT NULL REFERENCES families (id),
    name        TEXT NOT NULL,
    relation    TEXT NOT NULL,
    safety_role TEXT NOT NULL,
    contact     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    end_reason  TEXT
);
CREATE INDEX network_members_family ON network_members (family_id);

CREATE TABLE involvements (
    id              TEXT PRIMARY KEY,
    family_id       TEXT NOT NULL REFERENCES families (id),
    role            TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    user_id         TEXT NOT NULL REFERENCES users (id),
    expertise       TEXT,
    takes_over      TEXT REFERENCES involvements (id),
    started_at      TEXT NOT NULL,
    ended_at        TEXT,
    end_reason      TEXT
);
CREATE INDEX involvements_family ON involvements (family_id);
CREATE INDEX involvements_user ON involvements (user_id);

-- One row per saved version; the primary key makes two saves of the same version
-- number impossible, so of two racing editors exactly one wins.
CREATE TABLE plan_versions (
    family_id   TEXT NOT NULL REFERENCES families (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    content     TEXT NOT NULL,
    review_date TEXT,
    saved_by    TEXT NOT NULL REFERENCES users (id),
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (family_id, version)
);

CREATE TABLE plan_agreements (
    family_id   TEXT NOT NULL,
    version     INTEGER NOT NULL,
    member_id   TEXT NOT NULL REFERENCES family_members (id),
    agreed_at   TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (family_id, version, member_id),
    FOREIGN KEY (family_id, version) REFERENCES plan_versions (family_id, version)
);

-- NEN 7513: who did what with whose data, when, for which organisation and role.
CREATE TABLE access_log (
    id              TEXT PRIMARY KEY,
    at              TEXT NOT NULL,
    event           TEXT NOT NULL,          -- read | search | create | update | print | export
    outcome         TEXT NOT NULL,          -- granted | denied
    basis           TEXT,                   -- why access was granted
    user_id         TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    role            TEXT NOT NULL,
    on_behalf_of    TEXT,
    family_id       TEXT,                   -- the client (cliënt) whose data it is
    data            TEXT NOT NULL,          -- which data
    client_address  TEXT NOT NULL
);
CREATE INDEX access_log_family ON access_log (family_id, at);
CREATE INDEX access_log_user ON access_log (user_id, at);

-- Case notes: the note, and every version of its content.
CREATE TABLE case_notes (
    id         TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL REFERENCES families (id),
    author_id  TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX case_notes_family ON case_notes (family_id, created_at);

CREATE TABLE case_note_versions (
    note_id     TEXT NOT NULL REFERENCES case_notes (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    interaction TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    text        TEXT NOT NULL,
    correction  INTEGER NOT NULL DEFAULT 0 CHECK (correction IN (0, 1)),
    reason      TEXT,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (note_id, version)
);
