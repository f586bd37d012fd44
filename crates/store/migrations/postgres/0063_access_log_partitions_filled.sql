-- The access log partitioned by month (issue 18 §4), step two: the lines copied into
-- the month partitions 0062 and the store made, the old table dropped, and the
-- indexes and triggers of 0003, 0004, 0014, 0060 and 0061 put back on the partitioned
-- table (PostgreSQL gives each partition, present and future, its own copy).

-- The copy runs before the triggers exist: the lines are not new, and the chain head
-- already stands at the last of them.
INSERT INTO access_log (id, at, event, outcome, basis, user_id, organisation_id, role,
                        on_behalf_of, family_id, data, client_address, seq,
                        payload_sha256, prev_hash, hash)
SELECT id, at, event, outcome, basis, user_id, organisation_id, role,
       on_behalf_of, family_id, data, client_address, seq,
       payload_sha256, prev_hash, hash
FROM access_log_unpartitioned;
DROP TABLE access_log_unpartitioned;

-- The chain's order. A unique index must hold the partition key, so this one is
-- unique per (seq, at); seq itself stays unique across partitions because the head
-- trigger below takes each new line's seq from `access_log_head` (head + 1, one line
-- at a time, the head row locked), and no line is ever updated. `verify` reads
-- `ORDER BY seq` through it: one ordered index scan per partition, merged.
CREATE UNIQUE INDEX access_log_seq ON access_log (seq, at);
CREATE INDEX access_log_at ON access_log (at);
CREATE INDEX access_log_family ON access_log (family_id, at);
CREATE INDEX access_log_user ON access_log (user_id, at);
CREATE INDEX access_log_event ON access_log (event, at);
CREATE INDEX access_log_organisation ON access_log (organisation_id, at);
CREATE INDEX access_log_denied ON access_log (at) WHERE outcome = 'denied';
CREATE INDEX access_log_emergency ON access_log (at) WHERE (basis = 'emergency' OR event = 'emergency');

-- Row triggers on a partitioned table hold on every partition, also one attached
-- later. DETACH and DROP of a partition fire none of them: a month dropped without a
-- checkpoint leaves lines missing from the chain after the latest checkpoint (or a
-- head past the last line), which `verify` reports as tampering.
CREATE TRIGGER access_log_extends_head BEFORE INSERT ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_extend_head();
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_delete_guard();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
