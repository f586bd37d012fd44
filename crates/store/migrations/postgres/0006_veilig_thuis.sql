-- Veilig Thuis intake (issue 7): advice requests and reports, their safety assessment
-- and its outcome. A report's reporter stays here, never in the family's file.
CREATE TABLE vt_contacts (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    kind             TEXT NOT NULL,          -- advice_request | report
    acute            BIGINT NOT NULL CHECK (acute IN (0, 1)),
    reporter         TEXT,                   -- police | school | ... (reports)
    reporter_name    TEXT NOT NULL DEFAULT '',
    reporter_contact TEXT NOT NULL DEFAULT '',
    child_name       TEXT NOT NULL DEFAULT '',
    child_search     TEXT NOT NULL DEFAULT '',
    child_birth      TEXT,
    postcode         TEXT,
    house_number     TEXT NOT NULL DEFAULT '',
    concern          TEXT NOT NULL,
    family_id        TEXT REFERENCES families (id),   -- linked by the radar
    received_at      TEXT NOT NULL,
    received_on      TEXT NOT NULL,          -- the Dutch calendar day
    due_on           TEXT,                   -- the safety assessment's deadline
    state            TEXT NOT NULL,          -- advice_given | awaiting_assessment | assessed
    outcome          TEXT,
    assessed_on      TEXT,
    assessed_by      TEXT REFERENCES users (id),
    follow_up_on     TEXT,
    feedback         TEXT,
    recorded_by      TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX vt_contacts_work ON vt_contacts (organisation_id, state, due_on);
CREATE INDEX vt_contacts_child ON vt_contacts (child_search, child_birth);
CREATE INDEX vt_contacts_family ON vt_contacts (family_id);
