-- Issue 17, section 2: the marks that steer what a family member sees of an item of the
-- file through the portal (domain::family::portal::marks). Generic over the kind of
-- item: item_kind is the domain's ItemKind code, item_ref the item's reference within
-- the family (a plan line's digest, later a consent's or a meeting's id).
-- kind: 'hidden' (not shown to member_id; reason for the professionals), 'only_child'
-- (concerns only the child member_id), 'shared' (the young person it concerns only
-- shares it with member_id). Set either by a professional (by_user) or by a family
-- member through their account (by_member, by_account). Never deleted: ended_at and
-- ended_by take a mark off, so the history stays.
CREATE TABLE portal_marks (
    id          TEXT PRIMARY KEY,
    family_id   TEXT NOT NULL REFERENCES families (id),
    item_kind   TEXT NOT NULL,
    item_ref    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('hidden', 'only_child', 'shared')),
    member_id   TEXT NOT NULL REFERENCES family_members (id),
    reason      TEXT NOT NULL DEFAULT '',
    by_user     TEXT REFERENCES users (id),
    by_member   TEXT REFERENCES family_members (id),
    by_account  TEXT REFERENCES family_accounts (id),
    at          TEXT NOT NULL,
    ended_at    TEXT,
    ended_by    TEXT,
    CHECK ((by_user IS NULL) <> (by_member IS NULL)),
    CHECK ((by_member IS NULL) = (by_account IS NULL)),
    CHECK (kind <> 'hidden' OR reason <> '')
);
CREATE INDEX portal_marks_family ON portal_marks (family_id, item_kind, item_ref);
-- One live mark of a kind per item and member, and one child an item is only about.
CREATE UNIQUE INDEX portal_marks_live ON portal_marks (family_id, item_kind, item_ref, kind, member_id)
    WHERE ended_at IS NULL;
CREATE UNIQUE INDEX portal_marks_only_child ON portal_marks (family_id, item_kind, item_ref)
    WHERE ended_at IS NULL AND kind = 'only_child';
