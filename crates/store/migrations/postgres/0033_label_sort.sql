-- Issue 14, section 3: the families list sorts by name in the same order on every
-- backend. The key is the domain's (family::label_sort_key), written with the label;
-- eenplan fills it for existing files right after this script (migrate.rs). Collation
-- "C" compares byte by byte, as SQLite does, whatever the database's locale.
ALTER TABLE families ADD COLUMN label_sort TEXT COLLATE "C" NOT NULL DEFAULT '';
DROP INDEX families_label;
CREATE INDEX families_label_sort ON families (label_sort, id);
