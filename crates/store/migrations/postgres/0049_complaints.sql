-- Issue 17, section 4: complaints about an organisation, filed by anyone through the
-- public form. No part of any family file: there is no family_id, and their events are
-- never on a timeline. The complainant gets a public `reference` and a secret code, of
-- which only `code_hash` (SHA-256 of the normalised code, domain `enrolment::code_hash`)
-- is kept. `procedure` is the domain's `complaint::Procedure` for the organisation's
-- kind at filing; dates are YYYY-MM-DD. The course (confirmed, extended, decided) is
-- the domain's `complaint::Complaint`; `outcome` and `theme` are its codes.
CREATE TABLE complaints (
    id                TEXT PRIMARY KEY,
    reference         TEXT NOT NULL UNIQUE,
    code_hash         TEXT NOT NULL,
    organisation_id   TEXT NOT NULL REFERENCES organisations (id),
    procedure         TEXT NOT NULL,
    professional_name TEXT,
    what_happened     TEXT NOT NULL,
    complainant_name  TEXT NOT NULL,
    contact_email     TEXT,
    contact_phone     TEXT,
    received_on       TEXT NOT NULL,
    filed_at          TEXT NOT NULL,
    confirmed_on      TEXT,
    extended_on       TEXT,
    extension_reason  TEXT,
    decided_on        TEXT,
    outcome           TEXT,
    theme             TEXT,
    CHECK ((extended_on IS NULL) = (extension_reason IS NULL)),
    CHECK ((decided_on IS NULL) = (outcome IS NULL) AND (decided_on IS NULL) = (theme IS NULL))
);

CREATE INDEX complaints_organisation ON complaints (organisation_id, received_on);
