-- The name index (issue 18 §1): each member's name as the domain's search tokens, so a
-- search by name reads an index range per typed word instead of scanning every member.
-- Filled from the names already kept right after this script (the tokens are computed
-- in Rust, one way for both backends). Tokens compare byte by byte on both backends.
CREATE TABLE family_member_tokens (
    token     TEXT COLLATE "C" NOT NULL,
    member_id TEXT NOT NULL REFERENCES family_members (id),
    family_id TEXT NOT NULL REFERENCES families (id),
    PRIMARY KEY (token, family_id, member_id)
);
CREATE INDEX family_member_tokens_member ON family_member_tokens (member_id, token);

-- A team lead's lists start from the team's members: without this index every list
-- of theirs read every user.
CREATE INDEX users_team ON users (team_id);
