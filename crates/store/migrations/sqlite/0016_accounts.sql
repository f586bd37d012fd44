-- Accounts that do what their roles say (issue 12, section 5).
-- must_change_password: set when an operator or administrator chose the password, so
-- only its holder knows the password that is actually used (ASVS 6.4.1).
-- enrolment_code_hash / _expires_at: the one-time code an administrator hands over out
-- of band so that a new second factor can be enrolled; only its SHA-256 is kept, and
-- it is cleared when used (domain::enrolment).
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE users ADD COLUMN enrolment_code_hash TEXT;
ALTER TABLE users ADD COLUMN enrolment_code_expires_at TEXT;
-- Files whose regisseur left: found through the regisseur's involvement.
CREATE INDEX involvements_active_regisseur ON involvements (organisation_id, role, ended_at);
