-- Issue 17, section 2: a family member's request for a full copy of the file (AVG art.
-- 15(3)). It lands with the privacy officers of `organisation_id`, the organisation that
-- led the file when the request was received (the regisseur's). Dates are YYYY-MM-DD
-- (Dutch calendar days); the term is not stored: the domain's `copy_due` computes it
-- from `received_on` and whether `extended_on` is set, on the statutory calendar.
-- `account_id` is the family account that asked; `member_id` the member it belongs to.
CREATE TABLE copy_requests (
    id               TEXT PRIMARY KEY,
    family_id        TEXT NOT NULL REFERENCES families (id),
    member_id        TEXT NOT NULL REFERENCES family_members (id),
    account_id       TEXT NOT NULL REFERENCES family_accounts (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    note             TEXT NOT NULL DEFAULT '',
    received_on      TEXT NOT NULL,
    requested_at     TEXT NOT NULL,
    extended_on      TEXT,
    extension_reason TEXT,
    handed_over_on   TEXT,
    CHECK ((extended_on IS NULL) = (extension_reason IS NULL))
);

CREATE INDEX copy_requests_organisation ON copy_requests (organisation_id, received_on);
CREATE INDEX copy_requests_member ON copy_requests (family_id, member_id);
