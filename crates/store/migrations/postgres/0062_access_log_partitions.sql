-- The access log partitioned by month (issue 18 §4), step one of two: at peak it grows
-- by hundreds of millions of lines a year, and a cut of whole months should drop those
-- months' tables instead of deleting their lines one by one.
--
-- The old table is set aside and an empty partitioned `access_log` takes its place,
-- with the same columns in the same order (the store's queries and both backends'
-- schema stay one). Between this script and 0063, in the same migration transaction,
-- the store creates a partition for every Dutch month from the oldest line to a few
-- months ahead (`Tx::create_access_log_months`: the month bounds come from the
-- domain's Amsterdam calendar, the same days a cut counts in); 0063 then copies the
-- lines and puts the indexes and triggers back.

ALTER TABLE access_log RENAME TO access_log_unpartitioned;
ALTER TABLE access_log_unpartitioned RENAME CONSTRAINT access_log_pkey TO access_log_unpartitioned_pkey;
-- Index names are the schema's, not the table's: the partitioned table gets them back
-- in 0063, and the old table is read once, whole, for the copy.
DROP INDEX access_log_at;
DROP INDEX access_log_seq;
DROP INDEX access_log_family;
DROP INDEX access_log_user;
DROP INDEX access_log_event;
DROP INDEX access_log_organisation;
DROP INDEX access_log_denied;
DROP INDEX access_log_emergency;

-- Ranged on `at`, the fixed-width UTC text of `UtcTime::to_rfc3339`, which sorts as the
-- instants do: a month's bounds are the same text form of its first Dutch midnight.
-- PostgreSQL wants the partition key in every unique constraint, so the key is
-- (id, at): an id is still one line, since ids are fresh and a line never moves.
CREATE TABLE access_log (
    id              TEXT NOT NULL,
    at              TEXT NOT NULL,
    event           TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    basis           TEXT,
    user_id         TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    role            TEXT NOT NULL,
    on_behalf_of    TEXT,
    family_id       TEXT,
    data            TEXT NOT NULL,
    client_address  TEXT NOT NULL,
    seq             BIGINT,
    payload_sha256  TEXT,
    prev_hash       TEXT,
    hash            TEXT,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);

-- Whatever month has no partition of its own (the store was down across the months it
-- creates ahead, a generator's history): an insert never fails for want of one.
CREATE TABLE access_log_default PARTITION OF access_log DEFAULT;
-- TRUNCATE of a partition is not a TRUNCATE of the partitioned table: each partition
-- refuses it itself (the store adds this trigger to every month it creates).
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log_default
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
