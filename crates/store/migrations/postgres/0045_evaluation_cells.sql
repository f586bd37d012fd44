-- Issue 16 §3: month cells beside the evaluation's rows, so a report over whole months
-- reads a few thousand counts instead of every family's rows (the domain's
-- report::cells explains them and holds them equal to the rows). Kept in the
-- transaction that rewrites a family's rows; filled from the rows right after this
-- script; `eenplan evaluation rebuild` recomputes them. '' stands for "none" (no
-- area, any row, no previous month): a key column cannot be NULL.
CREATE TABLE evaluation_value_cells (
    month   TEXT NOT NULL,      -- YYYY-MM-01
    area_id TEXT NOT NULL,
    metric  TEXT NOT NULL,
    value   BIGINT NOT NULL,
    n       BIGINT NOT NULL,    -- rows with this value
    PRIMARY KEY (month, area_id, metric, value)
);

CREATE TABLE evaluation_family_cells (
    month    TEXT NOT NULL,     -- YYYY-MM-01
    area_id  TEXT NOT NULL,
    metric   TEXT NOT NULL,     -- '': any row (the files counted)
    previous TEXT NOT NULL,     -- the family's previous month with such rows, or ''
    n        BIGINT NOT NULL,   -- families
    PRIMARY KEY (month, area_id, metric, previous)
);
