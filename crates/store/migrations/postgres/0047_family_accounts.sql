-- Issue 17, section 1: family accounts, a principal of their own kind (never a `users`
-- row with a role). One row per invitation; the row becomes the account when the
-- invited member redeems the code (activated_at), chooses a password and links an
-- authenticator app (the professionals' machinery: domain::password, domain::totp).
-- invitation_code_hash: SHA-256 of the one-time code (domain::enrolment), never the
-- code; cleared when redeemed. sign_in_name: the e-mail address the person signs in
-- with, chosen at activation (lowercased).
-- external_issuer / external_subject: empty until another way of signing in is
-- attached (DigiD through an OIDC broker: the broker's issuer URL and the pseudonymous
-- `sub` it gives this person); a sign-in through the broker then finds the account by
-- this pair, beside or instead of the password. Nothing reads them yet.
CREATE TABLE family_accounts (
    id                   TEXT PRIMARY KEY,
    family_id            TEXT NOT NULL REFERENCES families (id),
    member_id            TEXT NOT NULL REFERENCES family_members (id),
    invited_by           TEXT NOT NULL REFERENCES users (id),
    invited_at           TEXT NOT NULL,
    by_mail              BIGINT NOT NULL DEFAULT 0 CHECK (by_mail IN (0, 1)),
    invitation_code_hash TEXT,
    invitation_expires_at TEXT NOT NULL,
    revoked_at           TEXT,
    activated_at         TEXT,
    blocked_at           TEXT,
    sign_in_name         TEXT,
    password_hash        TEXT,
    totp_secret          TEXT,
    totp_last_step       BIGINT,
    external_issuer      TEXT,
    external_subject     TEXT
);
CREATE INDEX family_accounts_family ON family_accounts (family_id);
CREATE UNIQUE INDEX family_accounts_code ON family_accounts (invitation_code_hash);
CREATE UNIQUE INDEX family_accounts_sign_in_name ON family_accounts (sign_in_name);
CREATE UNIQUE INDEX family_accounts_external ON family_accounts (external_issuer, external_subject);
-- One live invitation or account per member: a new invitation first revokes the open
-- one (the store does), a blocked or revoked row no longer counts.
CREATE UNIQUE INDEX family_accounts_member_live ON family_accounts (member_id)
    WHERE revoked_at IS NULL AND blocked_at IS NULL;
