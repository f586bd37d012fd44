-- Issue 12, sections 3–5: who may learn what about a file.

-- An organisation's general phone number: whom someone outside a family's circle calls
-- about a possible duplicate file (they learn the organisation, never the family).
ALTER TABLE organisations ADD COLUMN phone TEXT;

-- The search key of names stored before the key collapsed white space.
UPDATE family_members SET name_search = lower(regexp_replace(btrim(name), '\s+', ' ', 'g'));

-- A person's duplicate checks of the last hour (the rate limit) and the signals about a
-- file (the leading organisation's work list).
CREATE INDEX access_log_event ON access_log (event, at);
