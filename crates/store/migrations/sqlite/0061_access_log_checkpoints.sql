-- The access log's checkpoints (issue 18 §4): an operator's cut of old lines first
-- writes the seq and hash of the last line cut here, in the same transaction as its
-- journal entry (`access_log_cut`, the witness `verify` trusts), and only then removes
-- the lines up to it. Append-only, each past the one before and never past the head.
CREATE TABLE access_log_checkpoints (
    seq        INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL,
    cut_before TEXT NOT NULL,
    cut_at     TEXT NOT NULL
);
CREATE TRIGGER access_log_checkpoints_no_update BEFORE UPDATE ON access_log_checkpoints
BEGIN SELECT RAISE(ABORT, 'access log checkpoints are append-only: UPDATE is not allowed'); END;
CREATE TRIGGER access_log_checkpoints_no_delete BEFORE DELETE ON access_log_checkpoints
BEGIN SELECT RAISE(ABORT, 'access log checkpoints are append-only: DELETE is not allowed'); END;
CREATE TRIGGER access_log_checkpoints_forward BEFORE INSERT ON access_log_checkpoints
WHEN NEW.seq <= (SELECT COALESCE(MAX(seq), 0) FROM access_log_checkpoints)
  OR NEW.seq > (SELECT seq FROM access_log_head WHERE id = 1)
BEGIN SELECT RAISE(ABORT, 'an access log checkpoint lies past the previous one and not past the head'); END;

-- A line may now be removed, but only one a checkpoint covers: everything else stays
-- append-only as before.
DROP TRIGGER access_log_no_delete;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
WHEN OLD.seq IS NULL
  OR OLD.seq > (SELECT COALESCE(MAX(seq), 0) FROM access_log_checkpoints)
BEGIN SELECT RAISE(ABORT, 'access log is append-only: DELETE is allowed only up to a checkpoint'); END;
