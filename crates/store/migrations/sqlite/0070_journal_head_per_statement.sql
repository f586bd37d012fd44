-- Issue 18 (the PostgreSQL side moves the chain's head once per statement, see there):
-- on SQLite the head still moves one entry at a time, which costs nothing here; the
-- guard now also asks that the entry it moves to is in the journal with that hash, as
-- PostgreSQL's does (before, one step forward to nothing passed and was left to
-- `verify`).
DROP TRIGGER journal_head_forward;
CREATE TRIGGER journal_head_forward BEFORE UPDATE ON journal_head
WHEN NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
  OR NOT EXISTS (SELECT 1 FROM journal WHERE seq = NEW.seq AND hash = NEW.hash)
BEGIN SELECT RAISE(ABORT, 'journal head only moves forward, to an entry of the journal'); END;
