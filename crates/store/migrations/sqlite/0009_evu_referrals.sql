-- EVU referrals (issue 7): a local team (on consent) or Veilig Thuis (its legal task)
-- calls in the EVU; the coordinator assigns a combination of workers at once.
CREATE TABLE evu_referrals (
    id              TEXT PRIMARY KEY,
    family_id       TEXT NOT NULL REFERENCES families (id),
    source          TEXT NOT NULL,          -- local_team | veilig_thuis
    vt_contact_id   TEXT REFERENCES vt_contacts (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    referred_by     TEXT NOT NULL REFERENCES users (id),
    referred_on     TEXT NOT NULL,
    reason          TEXT NOT NULL,
    state           TEXT NOT NULL,          -- new | assigned | declined | closed
    decided_on      TEXT,
    decided_by      TEXT REFERENCES users (id),
    decision_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evu_referrals_state ON evu_referrals (state, referred_on);
CREATE INDEX evu_referrals_family ON evu_referrals (family_id);
-- One open referral per family, also when two requests race.
CREATE UNIQUE INDEX evu_referrals_open ON evu_referrals (family_id) WHERE state IN ('new', 'assigned');

CREATE TABLE evu_assignments (
    referral_id     TEXT NOT NULL REFERENCES evu_referrals (id),
    user_id         TEXT NOT NULL REFERENCES users (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    involvement_id  TEXT NOT NULL REFERENCES involvements (id),
    PRIMARY KEY (referral_id, user_id)
);
