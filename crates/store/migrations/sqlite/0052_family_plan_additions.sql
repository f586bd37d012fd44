-- Issue 17, section 3: what the family adds to a plan version through the portal,
-- kept apart from the professionals' versions (plan_versions.saved_by and
-- plan_agreements.recorded_by are users): a member's own scale (0 to 10) with their
-- view ("wat wij zien"), and a member's own agreement to a version.
CREATE TABLE family_plan_additions (
    id         TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    member_id  TEXT NOT NULL REFERENCES family_members (id),
    account_id TEXT NOT NULL REFERENCES family_accounts (id),
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    view       TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    at         TEXT NOT NULL,
    FOREIGN KEY (family_id, version) REFERENCES plan_versions (family_id, version)
);
CREATE INDEX family_plan_additions_version ON family_plan_additions (family_id, version, at);

CREATE TABLE family_plan_agreements (
    family_id  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    member_id  TEXT NOT NULL REFERENCES family_members (id),
    account_id TEXT NOT NULL REFERENCES family_accounts (id),
    agreed_at  TEXT NOT NULL,
    PRIMARY KEY (family_id, version, member_id),
    FOREIGN KEY (family_id, version) REFERENCES plan_versions (family_id, version)
);
