-- Issue 12, sections 3–5: who may learn what about a file.

-- An organisation's general phone number: whom someone outside a family's circle calls
-- about a possible duplicate file (they learn the organisation, never the family).
ALTER TABLE organisations ADD COLUMN phone TEXT;

-- The search key of names stored before the key collapsed spacing: lowercase already;
-- collapse runs of spaces (SQLite has no regular expressions; each pass halves a run).
UPDATE family_members SET name_search =
    replace(replace(replace(replace(replace(trim(name_search), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ');

-- A person's duplicate checks of the last hour (the rate limit) and the signals about a
-- file (the leading organisation's work list).
CREATE INDEX access_log_event ON access_log (event, at);
