-- Issue 17, section 2: a parent without custody asks the professional for information
-- about the child (BW 1:377c). They have no account: the lead records the request and
-- decides it. `decision` is 'inform' (with `information`) or 'refuse' (with `ground`,
-- the domain's `RefusalGround` as a code, and `reason`); NULL while undecided. Dates
-- are YYYY-MM-DD.
CREATE TABLE information_requests (
    id            TEXT PRIMARY KEY,
    family_id     TEXT NOT NULL REFERENCES families (id),
    asker_id      TEXT NOT NULL REFERENCES family_members (id),
    child_id      TEXT NOT NULL REFERENCES family_members (id),
    asked_on      TEXT NOT NULL,
    question      TEXT NOT NULL,
    recorded_by   TEXT NOT NULL REFERENCES users (id),
    recorded_at   TEXT NOT NULL,
    decided_on    TEXT,
    decided_by    TEXT REFERENCES users (id),
    decision      TEXT CHECK (decision IN ('inform', 'refuse')),
    information   TEXT,
    ground        TEXT CHECK (ground IN ('childs_interest', 'not_given_to_custodian_either')),
    reason        TEXT,
    CHECK ((decided_on IS NULL) = (decision IS NULL)),
    CHECK (decision IS NULL OR decision <> 'inform' OR information IS NOT NULL),
    CHECK (decision IS NULL OR decision <> 'refuse' OR (ground IS NOT NULL AND reason IS NOT NULL))
);

CREATE INDEX information_requests_family ON information_requests (family_id, asked_on);
