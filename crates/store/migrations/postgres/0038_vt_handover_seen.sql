-- Issue 15, section 1: a Veilig Thuis hand-over stays visible in the family's overview
-- and on the regisseur's start page until someone of the family's lead acknowledges it
-- ("Gezien"); who and when are kept with the contact.
ALTER TABLE vt_contacts ADD COLUMN acknowledged_at TEXT;
ALTER TABLE vt_contacts ADD COLUMN acknowledged_by TEXT REFERENCES users (id);
CREATE INDEX vt_contacts_handed_over ON vt_contacts (family_id)
    WHERE outcome = 'hand_to_local_team' AND acknowledged_at IS NULL;
