-- Veilig Thuis (issue 14, section 6). received_at is now the moment the professional
-- says the contact came in (the statutory term counts from it); recorded_at is when it
-- was typed in. An assessment keeps its findings and reasoning, not only its outcome.
-- One report may concern several children of one family: each child is a row here,
-- the first also on vt_contacts (child_name/child_birth) for the work list.
ALTER TABLE vt_contacts ADD COLUMN recorded_at TEXT;
UPDATE vt_contacts SET recorded_at = received_at;
ALTER TABLE vt_contacts ADD COLUMN findings TEXT;
ALTER TABLE vt_contacts ADD COLUMN reasoning TEXT;
CREATE TABLE vt_contact_children (
    contact_id  TEXT NOT NULL REFERENCES vt_contacts (id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    search      TEXT NOT NULL,
    birth       TEXT,
    PRIMARY KEY (contact_id, position)
);
INSERT INTO vt_contact_children (contact_id, position, name, search, birth)
    SELECT id, 0, child_name, child_search, child_birth FROM vt_contacts WHERE child_name <> '';
CREATE INDEX vt_contact_children_search ON vt_contact_children (search, birth);
