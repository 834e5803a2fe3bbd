-- Member tags (docs/architecture.md, "Member tags"): labels an operator puts on members ("VIP",
-- "设计师"), defined once per workspace and assigned to any member of its communities.

-- name is shown as typed; name_key (NFKC, lower-case) makes "VIP" and "vip" one tag, race-free across
-- instances because the database, not the code, refuses the second one.
CREATE TABLE tags (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    name         TEXT    NOT NULL,
    name_key     TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (workspace_id, name_key)
);

-- Who put the tag on the member, and when. The member's community and the tag belong to the same
-- workspace; the code that assigns checks it.
CREATE TABLE member_tags (
    member_id   INTEGER NOT NULL REFERENCES members (id),
    tag_id      INTEGER NOT NULL REFERENCES tags (id),
    assigned_by TEXT    NOT NULL,
    assigned_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, tag_id)
);

-- The member list's tag filter reads the tag's members from here.
CREATE INDEX ix_member_tags_tag ON member_tags (tag_id, member_id);
