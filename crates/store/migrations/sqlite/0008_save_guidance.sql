-- SAVE-begeleiding (issue 7): a certified institution's guidance alongside the
-- regisseur, on the family's consent, with goals in the plan, a planned end, reviews
-- at most every three months and one end with an outcome.
CREATE TABLE save_guidances (
    id              TEXT PRIMARY KEY,
    family_id       TEXT NOT NULL REFERENCES families (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    worker_id       TEXT NOT NULL REFERENCES users (id),
    involvement_id  TEXT NOT NULL REFERENCES involvements (id),
    expertise       TEXT NOT NULL,
    goals           TEXT NOT NULL,          -- JSON list, also written into the plan
    review_months   INTEGER NOT NULL CHECK (review_months BETWEEN 1 AND 3),
    started_on      TEXT NOT NULL,
    planned_end     TEXT NOT NULL,
    next_review_on  TEXT NOT NULL,
    started_by      TEXT NOT NULL REFERENCES users (id),
    ended_on        TEXT,
    outcome         TEXT,
    end_reason      TEXT NOT NULL DEFAULT '',
    ended_by        TEXT REFERENCES users (id)
);
CREATE INDEX save_guidances_family ON save_guidances (family_id);
CREATE INDEX save_guidances_worker ON save_guidances (worker_id, ended_on, next_review_on);
-- One running guidance per family, also when two requests race.
CREATE UNIQUE INDEX save_guidances_running ON save_guidances (family_id) WHERE ended_on IS NULL;

CREATE TABLE save_guidance_reviews (
    id             TEXT PRIMARY KEY,
    guidance_id    TEXT NOT NULL REFERENCES save_guidances (id),
    reviewed_on    TEXT NOT NULL,
    planned_end    TEXT NOT NULL,
    next_review_on TEXT NOT NULL,
    note           TEXT NOT NULL,
    reviewed_by    TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX save_guidance_reviews_guidance ON save_guidance_reviews (guidance_id);
