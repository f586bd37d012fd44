-- The access log's checkpoints (issue 18 §4): an operator's cut of old lines first
-- writes the seq and hash of the last line cut here, in the same transaction as its
-- journal entry (`access_log_cut`, the witness `verify` trusts), and only then removes
-- the lines up to it. Append-only, each past the one before and never past the head.
CREATE TABLE access_log_checkpoints (
    seq        BIGINT PRIMARY KEY,
    hash       TEXT NOT NULL,
    cut_before TEXT NOT NULL,
    cut_at     TEXT NOT NULL
);
CREATE FUNCTION access_log_checkpoint_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION 'access log checkpoints are append-only: % is not allowed', TG_OP;
    END IF;
    IF NEW.seq <= (SELECT COALESCE(MAX(seq), 0) FROM access_log_checkpoints)
       OR NEW.seq > (SELECT seq FROM access_log_head WHERE id = 1) THEN
        RAISE EXCEPTION 'an access log checkpoint lies past the previous one and not past the head';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER access_log_checkpoints_guard BEFORE INSERT OR UPDATE OR DELETE ON access_log_checkpoints
    FOR EACH ROW EXECUTE FUNCTION access_log_checkpoint_guard();
CREATE TRIGGER access_log_checkpoints_no_truncate BEFORE TRUNCATE ON access_log_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();

-- A line may now be removed, but only one a checkpoint covers: everything else stays
-- append-only as before (UPDATE and TRUNCATE are still refused).
DROP TRIGGER access_log_no_update_delete ON access_log;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE FUNCTION access_log_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.seq IS NULL
       OR OLD.seq > (SELECT COALESCE(MAX(seq), 0) FROM access_log_checkpoints) THEN
        RAISE EXCEPTION 'access log is append-only: DELETE is allowed only up to a checkpoint';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_delete_guard();
