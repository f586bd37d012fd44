-- Issue 15, section 3: documents attached to a family file, kept in the database so
-- one backup holds everything. The content is kept apart from its metadata's seal:
-- the journal seals the metadata row (with the content's SHA-256) and `verify --deep`
-- checks the content against that digest. Removing a document is an end with a
-- reason (the content stays); destroying it empties `content` and keeps the digest.
CREATE TABLE documents (
    id             TEXT PRIMARY KEY,
    family_id      TEXT NOT NULL REFERENCES families (id),
    category       TEXT NOT NULL,
    title          TEXT NOT NULL,
    media_type     TEXT NOT NULL,       -- the type its first bytes showed (a code)
    size           BIGINT NOT NULL CHECK (size > 0),
    sha256         TEXT NOT NULL,       -- hex, of the content as uploaded
    content        BLOB,                -- NULL once destroyed
    plan_version   BIGINT,              -- a signed plan: the plan version it signs
    uploaded_by    TEXT NOT NULL REFERENCES users (id),
    uploaded_at    TEXT NOT NULL,
    ended_at       TEXT,
    ended_by       TEXT REFERENCES users (id),
    end_reason     TEXT,
    destroyed_at   TEXT,
    destroyed_by   TEXT REFERENCES users (id),
    destroy_reason TEXT,
    FOREIGN KEY (family_id, plan_version) REFERENCES plan_versions (family_id, version),
    CHECK ((content IS NULL) = (destroyed_at IS NOT NULL))
);
CREATE INDEX documents_family ON documents (family_id, uploaded_at, id);
