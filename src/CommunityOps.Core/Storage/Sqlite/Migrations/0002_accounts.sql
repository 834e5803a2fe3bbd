-- Accounts for the web host (users, their role per workspace, API keys), the web's import jobs and
-- the shared Data Protection key ring. Roles are stored by name: readable in SQL, and the names are
-- what the CLI and docs/security.md use.
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE,
    password_hash  TEXT    NOT NULL,
    security_stamp TEXT    NOT NULL,
    language       TEXT,
    is_owner       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    disabled_at    INTEGER
);

CREATE TABLE workspace_members (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    role         TEXT    NOT NULL CHECK (role IN ('viewer', 'inspector', 'operator', 'manager', 'admin')),
    created_at   INTEGER NOT NULL,
    UNIQUE (workspace_id, user_id)
);

CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL UNIQUE,
    key_hash     TEXT    NOT NULL,
    role         TEXT    NOT NULL CHECK (role IN ('viewer', 'inspector', 'operator', 'manager', 'admin')),
    created_by   INTEGER REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);

CREATE TABLE import_jobs (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    user_id      INTEGER,
    api_key_id   INTEGER,
    status       TEXT    NOT NULL,
    files        TEXT    NOT NULL,
    total_bytes  INTEGER NOT NULL,
    read_bytes   INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    started_at   INTEGER,
    finished_at  INTEGER,
    heartbeat_at INTEGER,
    summary      TEXT,
    error        TEXT
);

CREATE INDEX ix_import_jobs_workspace ON import_jobs (workspace_id, id);

CREATE TABLE data_protection_keys (
    id            INTEGER PRIMARY KEY,
    friendly_name TEXT,
    xml           TEXT NOT NULL
);

-- A member's profile and timeline read one member's activities newest first, and the member list
-- counts each listed member's messages: kind is in the index so that counting never reads the table.
CREATE INDEX ix_activities_member ON activities (member_id, occurred_at, kind);

-- The member list is sorted by name a page at a time; without this index every page sorts the
-- whole community.
CREATE INDEX ix_members_name ON members (community_id, display_name);
