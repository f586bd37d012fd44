-- Issue 15, section 2: e-mail about notifications. A person's choice of how often
-- (immediately, a daily digest, off) and the language they read eenplan in, and the
-- transactional outbox: a mail job is written in the same transaction as the
-- notification that causes it, and a sender task delivers it at least once. Each row
-- has one Message-ID for its whole life, so a mail resent after a crash between the
-- SMTP server's acceptance and the commit is recognisably the same message.
ALTER TABLE users ADD COLUMN mail_preference TEXT NOT NULL DEFAULT 'immediately';
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'nl';

CREATE TABLE mail_outbox (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    message_id  TEXT NOT NULL UNIQUE,
    -- a daily digest's count of unread notifications; NULL for a mail about new ones
    digest_count BIGINT,
    -- the Dutch day of a daily digest: one per person per day, whichever instance
    -- makes it
    digest_day  TEXT,
    created_at  TEXT NOT NULL,
    due_at      TEXT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    -- a sender that claimed the row owns it until then; after a crash it runs out
    lease_until TEXT,
    leased_by   TEXT,
    sent_at     TEXT,
    last_error  TEXT,
    -- tried as often as the domain allows (`mail::gives_up`) and left unsent; the
    -- notification stays in the app
    given_up_at TEXT,
    UNIQUE (user_id, digest_day),
    CHECK ((digest_day IS NULL) = (digest_count IS NULL))
);
-- The sender's question: what is due and unsent.
CREATE INDEX mail_outbox_due ON mail_outbox (due_at) WHERE sent_at IS NULL;
-- Coalescing: does this person already have a mail waiting.
CREATE INDEX mail_outbox_waiting ON mail_outbox (user_id) WHERE sent_at IS NULL;
-- The digest job's question, once a minute from 08:00: who chose the digest.
CREATE INDEX users_mail_digest ON users (id) WHERE mail_preference = 'daily_digest';
