-- Joint assessment meetings (issue 7, point 5): the meeting, whom it invites, each
-- organisation's view (every revision kept) and the joint judgement's actions, which
-- also go into the family's plan.
CREATE TABLE joint_assessments (
    id                        TEXT PRIMARY KEY,
    family_id                 TEXT NOT NULL REFERENCES families (id),
    kind                      TEXT NOT NULL,          -- learning_meeting | protection_table
    meets_on                  TEXT NOT NULL,          -- Dutch date
    meets_at                  TEXT NOT NULL,          -- Dutch local date and time
    family_takes_part         BIGINT NOT NULL CHECK (family_takes_part IN (0, 1)),
    family_absence_reason     TEXT NOT NULL DEFAULT '',
    state                     TEXT NOT NULL,          -- scheduled | held | cancelled
    scheduled_by              TEXT NOT NULL REFERENCES users (id),
    scheduled_by_organisation TEXT NOT NULL REFERENCES organisations (id),
    scheduled_at              TEXT NOT NULL,
    needs                     TEXT,                   -- the joint judgement
    differences               TEXT,
    held_on                   TEXT,
    judged_by                 TEXT REFERENCES users (id),
    plan_version              BIGINT,
    cancel_reason             TEXT,
    cancelled_on              TEXT,
    cancelled_by              TEXT REFERENCES users (id)
);
CREATE INDEX joint_assessments_family ON joint_assessments (family_id, meets_at);

CREATE TABLE joint_assessment_invitees (
    meeting_id      TEXT NOT NULL REFERENCES joint_assessments (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (meeting_id, organisation_id)
);

-- One row per revision; the current view of an organisation is its highest version.
CREATE TABLE joint_assessment_views (
    meeting_id      TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    version         BIGINT NOT NULL CHECK (version >= 1),
    worries         TEXT NOT NULL,
    strengths       TEXT NOT NULL,
    needs           TEXT NOT NULL,
    recorded_by     TEXT NOT NULL REFERENCES users (id),
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (meeting_id, organisation_id, version),
    FOREIGN KEY (meeting_id, organisation_id)
        REFERENCES joint_assessment_invitees (meeting_id, organisation_id)
);

CREATE TABLE joint_assessment_actions (
    meeting_id  TEXT NOT NULL REFERENCES joint_assessments (id),
    position    BIGINT NOT NULL CHECK (position >= 1),
    domain      TEXT NOT NULL,                  -- the plan's life domain
    what        TEXT NOT NULL,
    owner_kind  TEXT NOT NULL,                  -- organisation | professional | member | network
    owner_id    TEXT NOT NULL,
    owner_label TEXT NOT NULL,                  -- as written into the plan
    due_on      TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
);
