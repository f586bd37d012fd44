-- SAVE op locatie (issue 7, point 2): a worker's weekly on-site part-day at a local
-- team, and the consultations held there (anonymous or by name) with the advice and
-- the next steps agreed.
CREATE TABLE save_on_site_slots (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),   -- the certified institution
    worker_id       TEXT NOT NULL REFERENCES users (id),
    team_id         TEXT NOT NULL REFERENCES teams (id),           -- a local team's team
    day             TEXT NOT NULL,          -- monday | ... | friday
    part_of_day     TEXT NOT NULL,          -- morning | afternoon
    starts_on       TEXT NOT NULL,
    ends_on         TEXT,                   -- the last day it holds
    added_at        TEXT NOT NULL
);
CREATE INDEX save_on_site_slots_org ON save_on_site_slots (organisation_id);
CREATE INDEX save_on_site_slots_worker ON save_on_site_slots (worker_id);
CREATE INDEX save_on_site_slots_team ON save_on_site_slots (team_id);

CREATE TABLE save_consultations (
    id            TEXT PRIMARY KEY,
    slot_id       TEXT NOT NULL REFERENCES save_on_site_slots (id),
    on_date       TEXT NOT NULL,            -- the on-site day
    walk_in       INTEGER NOT NULL CHECK (walk_in IN (0, 1)),
    family_id     TEXT REFERENCES families (id),   -- set only for a consultation by name
    asked_by      TEXT NOT NULL REFERENCES users (id),
    question      TEXT NOT NULL,
    state         TEXT NOT NULL,            -- booked | held | cancelled
    advice        TEXT NOT NULL DEFAULT '',
    result        TEXT,                     -- none | save_involvement | veilig_thuis_report
    cancel_reason TEXT NOT NULL DEFAULT '',
    booked_at     TEXT NOT NULL,
    decided_at    TEXT,
    decided_by    TEXT REFERENCES users (id)
);
CREATE INDEX save_consultations_slot ON save_consultations (slot_id, on_date);
CREATE INDEX save_consultations_asked_by ON save_consultations (asked_by, on_date);
CREATE INDEX save_consultations_family ON save_consultations (family_id);

CREATE TABLE save_consultation_steps (
    consultation_id TEXT NOT NULL REFERENCES save_consultations (id),
    position        INTEGER NOT NULL,
    what            TEXT NOT NULL,
    who             TEXT NOT NULL,
    PRIMARY KEY (consultation_id, position)
);
