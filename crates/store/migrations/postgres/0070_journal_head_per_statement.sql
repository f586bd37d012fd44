-- Issue 18: the chain's head moved once per journal entry, by a row trigger that read and
-- rewrote `journal_head` for each row. PostgreSQL keeps every version of a row rewritten
-- in one transaction, and each later read of it in that transaction walks past them all:
-- a transaction of n entries cost n² (the demo's bulk batches of some 40,000 entries
-- wrote 86 families a second, and a long import would do the same). Now the entries of
-- one statement are checked in order against the head, and the head moves once per
-- statement, to the last of them. The head guard lets it move only forward, and only to
-- an entry the journal holds with that hash (before, one step forward to nothing passed
-- the guard and was left to `verify`).
CREATE FUNCTION journal_extend_head_by_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head_seq  BIGINT;
    head_hash TEXT;
    entry     RECORD;
    moved     BOOLEAN := false;
BEGIN
    SELECT seq, hash INTO head_seq, head_hash FROM journal_head WHERE id = 1;
    FOR entry IN SELECT seq, prev_hash, hash FROM added ORDER BY seq LOOP
        IF entry.seq <> head_seq + 1 OR entry.prev_hash <> head_hash THEN
            RAISE EXCEPTION 'journal entry #% does not extend the chain head #%', entry.seq, head_seq;
        END IF;
        head_seq := entry.seq;
        head_hash := entry.hash;
        moved := true;
    END LOOP;
    IF moved THEN
        UPDATE journal_head SET seq = head_seq, hash = head_hash WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER journal_extends_head ON journal;
DROP FUNCTION journal_extend_head();
CREATE TRIGGER journal_extends_head AFTER INSERT ON journal
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION journal_extend_head_by_statement();

CREATE OR REPLACE FUNCTION journal_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq <= OLD.seq
       OR NOT EXISTS (SELECT 1 FROM journal WHERE seq = NEW.seq AND hash = NEW.hash) THEN
        RAISE EXCEPTION 'journal head only moves forward, to an entry of the journal';
    END IF;
    RETURN NEW;
END $$;
