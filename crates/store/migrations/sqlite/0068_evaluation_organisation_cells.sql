-- Issue 18: a team lead's evaluation is their organisation's (the families any of
-- whose organisations ever worked with them, evaluation_family_organisations), and it
-- read every row of the period: 25 s for "this year so far" at a million families.
-- The month cells get the organisation as one more key, leading, so that an
-- organisation's whole months are a few of its own cells like the region's
-- (organisation_id = '' being every organisation, the region's cells). A family's
-- cells are counted under '' and under each of its organisations (the domain's
-- report::cells_of). The cells are dropped and made again: the migration fills them
-- from the rows and organisations right after this script, '' included, as 0045 did
-- (whose own fill this one replaces). Kept in the transaction that rewrites a
-- family's rows and organisations; `eenplan evaluation rebuild` recomputes them.
DROP TABLE IF EXISTS evaluation_value_cells;
DROP TABLE IF EXISTS evaluation_family_cells;

CREATE TABLE evaluation_value_cells (
    organisation_id TEXT NOT NULL,     -- '': every organisation
    month           TEXT NOT NULL,     -- YYYY-MM-01
    area_id         TEXT NOT NULL,
    metric          TEXT NOT NULL,
    value           INTEGER NOT NULL,
    n               INTEGER NOT NULL,     -- rows with this value
    PRIMARY KEY (organisation_id, month, area_id, metric, value)
);

CREATE TABLE evaluation_family_cells (
    organisation_id TEXT NOT NULL,     -- '': every organisation
    month           TEXT NOT NULL,     -- YYYY-MM-01
    area_id         TEXT NOT NULL,
    metric          TEXT NOT NULL,     -- '': any row (the files counted)
    previous        TEXT NOT NULL,     -- the family's previous month with such rows, or ''
    n               INTEGER NOT NULL,     -- families
    PRIMARY KEY (organisation_id, month, area_id, metric, previous)
);
