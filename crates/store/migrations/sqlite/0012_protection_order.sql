-- Protection order requests (issue 7, point 6): the request for investigation to the
-- Raad voor de Kinderbescherming, the children it concerns, the investigation, its
-- outcome and the court's decision.
CREATE TABLE protection_order_requests (
    id                        TEXT PRIMARY KEY,
    family_id                 TEXT NOT NULL REFERENCES families (id),
    rvdk_organisation_id      TEXT NOT NULL REFERENCES organisations (id),
    requested_by              TEXT NOT NULL REFERENCES users (id),
    requested_by_organisation TEXT NOT NULL REFERENCES organisations (id),
    requested_at              TEXT NOT NULL,
    requested_on              TEXT NOT NULL,      -- Dutch date
    grounds                   TEXT NOT NULL,      -- why voluntary help did not reach safety
    tried                     TEXT NOT NULL,      -- what was tried
    state                     TEXT NOT NULL,      -- requested | under_investigation | no_measure | petitioned | granted | refused
    investigation_on          TEXT,
    investigated_by           TEXT REFERENCES users (id),
    concluded_on              TEXT,
    no_measure_reason         TEXT,
    petitioned_measure        TEXT,
    concluded_by              TEXT REFERENCES users (id),
    decided_on                TEXT,
    granted_measure           TEXT,
    ends_on                   TEXT,
    institution_id            TEXT REFERENCES organisations (id),
    decided_by                TEXT REFERENCES users (id)
);
CREATE INDEX protection_order_requests_family ON protection_order_requests (family_id, requested_at);
CREATE INDEX protection_order_requests_rvdk ON protection_order_requests (rvdk_organisation_id, state);
-- One open request per family: two racing requests cannot both be made.
CREATE UNIQUE INDEX protection_order_requests_open ON protection_order_requests (family_id)
    WHERE state IN ('requested', 'under_investigation', 'petitioned');

CREATE TABLE protection_order_children (
    request_id TEXT NOT NULL REFERENCES protection_order_requests (id),
    member_id  TEXT NOT NULL REFERENCES family_members (id),
    PRIMARY KEY (request_id, member_id)
);
