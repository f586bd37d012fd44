-- Issue 15, section 1: notifications ("berichten") per person, read or unread. Written
-- in the same transaction as the journal event that causes them (the domain's
-- `notification::tells`). The text is not stored: it is the kind's label and the
-- family's label, the latter shown only to someone who may see the file when reading.
CREATE TABLE notifications (
    id           TEXT PRIMARY KEY,          -- sorts by time
    user_id      TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    kind         TEXT NOT NULL,             -- a notification kind's code
    family_id    TEXT REFERENCES families (id),
    -- Only for a partner that lost access: the label it knew, since it may no longer
    -- read the family's own.
    family_label TEXT,
    subject_id   TEXT,                      -- a plan version, a meeting, a contact
    due_on       TEXT,                      -- the date a reminder is about
    read_at      TEXT,
    -- A reminder is written once per item, person and day, whatever the number of
    -- instances running the daily job.
    once_key     TEXT UNIQUE
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_user_unread ON notifications (user_id, id) WHERE read_at IS NULL;
