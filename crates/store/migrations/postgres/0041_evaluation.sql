-- Issue 16: the evaluation. Derived from the journal, never edited by hand: the facts a
-- family's journal entries give (attributed to the family: a Veilig Thuis contact and a
-- SAVE op locatie consultation through the record they are about), one row per family,
-- metric and item computed from them by the domain's rule (rows_for), and the
-- organisations that ever worked with the family (the report's organisation filter).
-- Kept up to date in the transaction of the events; `eenplan evaluation rebuild`
-- recomputes all three from the journal.
CREATE TABLE evaluation_facts (
    family_id   TEXT NOT NULL,
    seq         BIGINT NOT NULL,          -- the journal entry
    recorded_on TEXT NOT NULL,          -- YYYY-MM-DD, Amsterdam day of the entry
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    PRIMARY KEY (family_id, seq)
);

CREATE TABLE evaluation_rows (
    family_id TEXT NOT NULL,
    metric    TEXT NOT NULL,
    item      TEXT NOT NULL,            -- '' once per family
    on_date   TEXT NOT NULL,            -- YYYY-MM-DD, the day the row counts in
    area_id   TEXT,
    value     BIGINT,                     -- NULL: not ended yet, never counted
    PRIMARY KEY (family_id, metric, item)
);
-- The report's histograms: per metric and period, by area and value; family_id makes
-- the distinct-family counts index-only.
CREATE INDEX evaluation_rows_query ON evaluation_rows (metric, on_date, area_id, value, family_id);
-- The files counted: any row in the period.
CREATE INDEX evaluation_rows_files ON evaluation_rows (on_date, area_id, family_id);

CREATE TABLE evaluation_family_organisations (
    family_id       TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    PRIMARY KEY (family_id, organisation_id)
);
CREATE INDEX evaluation_family_organisations_org
    ON evaluation_family_organisations (organisation_id, family_id);
