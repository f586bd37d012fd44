-- Issue 16, section 1: the pilots as data. One row per way of working per area, with
-- its start as precisely as it is known: `start_precision` is day, month, year or
-- not_known (crates/domain evaluation::pilot::StartPrecision) and `start_on` the first
-- day the start may have been on (NULL exactly when unknown; the domain reads the
-- pair back and refuses any other). Rows are written by the
-- store (seeded from the domain's KNOWN_PILOTS by area name, or by a chain
-- administrator), each change journaled as `pilot_start_set`.
CREATE TABLE pilots (
    kind            TEXT NOT NULL,
    area_id         TEXT NOT NULL REFERENCES areas (id),
    start_precision TEXT NOT NULL,
    start_on        TEXT,
    changed_at      TEXT NOT NULL,
    PRIMARY KEY (kind, area_id)
);

CREATE INDEX pilots_area ON pilots (area_id);
