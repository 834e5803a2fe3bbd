-- Inspection, second part (docs/inspection.md): each workspace's own rule set, versioned (edited in the
-- dashboard; a workspace without one uses the shipped default), and what a pending pass carries from
-- one pass to the next per community (members still waiting for a staff reply).

-- Append-only: saving a rule set adds the next version; the highest version is the one in force.
CREATE TABLE inspection_rule_sets (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    version      INTEGER NOT NULL,
    json         TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    comment      TEXT,
    UNIQUE (workspace_id, version)
);

-- The rules' memory at the end of the last pass over a community (JSON by rule name), committed with
-- the pass's checkpoint, so splitting a history into two imports gives the findings of one.
CREATE TABLE inspection_carry (
    community_id INTEGER PRIMARY KEY REFERENCES communities (id),
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    state        TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- Which dashboard account is which operator (a staff member of a community), so that an operator can
-- appeal spot checks of their own conversations and no one else's.
CREATE TABLE inspection_operator_links (
    member_id    INTEGER PRIMARY KEY REFERENCES members (id),
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
);
