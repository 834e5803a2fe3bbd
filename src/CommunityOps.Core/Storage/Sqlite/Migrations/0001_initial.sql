-- Instants are Unix milliseconds (UTC) on both providers: hot paths compare integers, and
-- day-based metrics apply each community's time zone at read time.
CREATE TABLE workspaces (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE communities (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    platform     TEXT    NOT NULL,
    source_id    TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    time_zone    TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (workspace_id, platform, source_id)
);

CREATE TABLE channels (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    source_id    TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    UNIQUE (community_id, source_id)
);

CREATE TABLE members (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    source_id    TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    is_staff     INTEGER NOT NULL DEFAULT 0,
    is_bot       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (community_id, source_id)
);

-- The append-only log. No foreign keys here on purpose: the importer resolves every id before it
-- writes, and per-row key checks would halve bulk insert speed.
CREATE TABLE activities (
    id                INTEGER PRIMARY KEY,
    community_id      INTEGER NOT NULL,
    channel_id        INTEGER,
    member_id         INTEGER NOT NULL,
    kind              INTEGER NOT NULL,
    source_id         TEXT    NOT NULL,
    occurred_at       INTEGER NOT NULL,
    text              TEXT,
    reply_to          TEXT,
    target            TEXT,
    emoji             TEXT,
    related_member_id INTEGER,
    invite_link       TEXT,
    media_kind        TEXT,
    is_edited         INTEGER NOT NULL DEFAULT 0,
    mentions          INTEGER NOT NULL DEFAULT 0,
    import_id         INTEGER
);

CREATE UNIQUE INDEX ux_activities_source ON activities (community_id, kind, source_id);

CREATE TABLE import_runs (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    status       TEXT    NOT NULL,
    format       TEXT,
    summary      TEXT,
    error        TEXT
);
