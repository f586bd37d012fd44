-- Issue 17, sections 1 and 4: the family's invitation by e-mail, and complaints filed by
-- a signed-in family member.
--
-- The outbox of issue 15 was tied to a user. A mail now has a `kind`: 'notification'
-- (to a user, as before) or 'family_invitation' (to an address the regisseur typed,
-- with the one-time code the link carries, and the invitation it belongs to). The
-- address and the code are kept only while the mail waits: they are cleared when the
-- mail is sent, given up, or its invitation revoked.
ALTER TABLE mail_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'notification';
ALTER TABLE mail_outbox ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE mail_outbox ADD COLUMN to_address TEXT;
ALTER TABLE mail_outbox ADD COLUMN secret TEXT;
ALTER TABLE mail_outbox ADD COLUMN family_account_id TEXT REFERENCES family_accounts (id);
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind
    CHECK (kind IN ('notification', 'family_invitation'));
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_user_kind
    CHECK ((kind = 'notification') = (user_id IS NOT NULL));
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_invitation_kind
    CHECK ((kind = 'family_invitation') = (family_account_id IS NOT NULL));
-- Revoking an invitation cancels its mail if still waiting.
CREATE INDEX mail_outbox_invitation ON mail_outbox (family_account_id) WHERE sent_at IS NULL;

-- A complaint filed by a signed-in family member: whose list it is on. Still no part
-- of the family file (no family_id): the member sees their own complaints only.
ALTER TABLE complaints ADD COLUMN family_account_id TEXT REFERENCES family_accounts (id);
CREATE INDEX complaints_family_account ON complaints (family_account_id, filed_at);
