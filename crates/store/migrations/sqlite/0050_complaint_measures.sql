-- Issue 17, section 4: the measures an organisation took on a decided complaint, one
-- sentence a row in the order the complaints officer wrote them; the yearly analysis
-- lists them.
CREATE TABLE complaint_measures (
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    position     INTEGER NOT NULL,
    measure      TEXT NOT NULL,
    PRIMARY KEY (complaint_id, position)
);
