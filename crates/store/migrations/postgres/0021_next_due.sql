-- Issue 14, section 3: lists that page by keyset and sort by what is next due. The
-- date is derived (domain::family::due) and kept up to date by the store in the same
-- transaction as every change that moves it; eenplan fills it for existing files right
-- after this script (migrate.rs), because the rule reads the stored plan.
ALTER TABLE families ADD COLUMN next_due_on TEXT;
CREATE INDEX families_next_due ON families (next_due_on, id);
CREATE INDEX families_label ON families (label, id);
-- A professional's own files: her open involvements, straight from the index.
CREATE INDEX involvements_user_open ON involvements (user_id, ended_at, family_id);
