-- Issue 17, sections 1 and 4: the family's invitation by e-mail, and complaints filed by
-- a signed-in family member.
--
-- The outbox of issue 15 was tied to a user. A mail now has a `kind`: 'notification'
-- (to a user, as before) or 'family_invitation' (to an address the regisseur typed,
-- with the one-time code the link carries, and the invitation it belongs to). The
-- address and the code are kept only while the mail waits: they are cleared when the
-- mail is sent, given up, or its invitation revoked. SQLite cannot drop a NOT NULL,
-- so the table is rebuilt with the same rows.
CREATE TABLE mail_outbox_new (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL DEFAULT 'notification',
    user_id     TEXT REFERENCES users (id),
    -- a family invitation's recipient, its code and its invitation; NULL once done
    to_address  TEXT,
    secret      TEXT,
    family_account_id TEXT REFERENCES family_accounts (id),
    message_id  TEXT NOT NULL UNIQUE,
    digest_count BIGINT,
    digest_day  TEXT,
    created_at  TEXT NOT NULL,
    due_at      TEXT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    lease_until TEXT,
    leased_by   TEXT,
    sent_at     TEXT,
    last_error  TEXT,
    given_up_at TEXT,
    UNIQUE (user_id, digest_day),
    CHECK ((digest_day IS NULL) = (digest_count IS NULL)),
    CHECK (kind IN ('notification', 'family_invitation')),
    CHECK ((kind = 'notification') = (user_id IS NOT NULL)),
    CHECK ((kind = 'family_invitation') = (family_account_id IS NOT NULL))
);
INSERT INTO mail_outbox_new (id, kind, user_id, message_id, digest_count, digest_day, created_at,
    due_at, attempts, lease_until, leased_by, sent_at, last_error, given_up_at)
SELECT id, 'notification', user_id, message_id, digest_count, digest_day, created_at,
    due_at, attempts, lease_until, leased_by, sent_at, last_error, given_up_at
FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_new RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox (due_at) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_waiting ON mail_outbox (user_id) WHERE sent_at IS NULL;
-- Revoking an invitation cancels its mail if still waiting.
CREATE INDEX mail_outbox_invitation ON mail_outbox (family_account_id) WHERE sent_at IS NULL;

-- A complaint filed by a signed-in family member: whose list it is on. Still no part
-- of the family file (no family_id): the member sees their own complaints only.
ALTER TABLE complaints ADD COLUMN family_account_id TEXT REFERENCES family_accounts (id);
CREATE INDEX complaints_family_account ON complaints (family_account_id, filed_at);
