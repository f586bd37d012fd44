-- Issue 16 §5: closing and reopening a family file. `closed_on` is the Dutch date the
-- lead closed the file (NULL while it is open): it takes the file out of the active
-- lists and starts the retention term (domain family::closing). `closing_reason` is a
-- ClosingReason code and `closing_note` the optional note; all three are cleared when
-- the file reopens, in the transaction that journals `file_reopened` (the journal keeps
-- every earlier closing). `closed_at` from 0003 was never written: it goes, so one
-- column says whether a file is closed.
ALTER TABLE families ADD COLUMN closed_on TEXT;
ALTER TABLE families ADD COLUMN closing_reason TEXT;
ALTER TABLE families ADD COLUMN closing_note TEXT;
ALTER TABLE families DROP COLUMN closed_at;
