-- Issue 18: a search by name within a professional's circle (about 25 files, a team
-- lead's some thousands) asks, per file of the circle, whether one of its members has a
-- name token in the typed range. Led by the token alone (the primary key), the index
-- gave every match in the country first: a common surname's four letters are tens of
-- thousands of members at a million families, read for a circle of 25. Led by the
-- family, each file of the circle is one short index range.
CREATE INDEX family_member_tokens_family ON family_member_tokens (family_id, token, member_id);
