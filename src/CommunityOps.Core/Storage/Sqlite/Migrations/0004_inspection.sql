-- Inspection around the engine (docs/inspection.md, "Runs", "Review", "Spot checks"): stored findings
-- and their review, the audit log of every decision, the background pass's watermark, and spot checks.

-- One row per (activity, rule): a re-scan updates or keeps the row instead of adding another (see
-- docs/inspection.md for what a newer rule version does). activity_id is a join's id for join waves.
CREATE TABLE findings (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    community_id INTEGER NOT NULL REFERENCES communities (id),
    activity_id  INTEGER NOT NULL REFERENCES activities (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    occurred_at  INTEGER NOT NULL,
    rule         TEXT    NOT NULL,
    rule_version TEXT    NOT NULL,
    rule_set     TEXT    NOT NULL,
    category     TEXT    NOT NULL,
    severity     INTEGER NOT NULL,
    score        REAL    NOT NULL,
    matches      TEXT    NOT NULL,
    detail       TEXT,
    status       TEXT    NOT NULL DEFAULT 'open',
    reviewer     TEXT,
    reviewed_at  INTEGER,
    comment      TEXT,
    found_at     INTEGER NOT NULL,
    UNIQUE (activity_id, rule)
);

CREATE INDEX ix_findings_queue ON findings (workspace_id, status, occurred_at);
CREATE INDEX ix_findings_community ON findings (community_id, rule);

-- Append-only. subject is 'finding', 'plan' or 'sample'; no foreign key, so that the entry of a
-- withdrawn (deleted) finding stays.
CREATE TABLE inspection_audit (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    subject      TEXT    NOT NULL,
    subject_id   INTEGER NOT NULL,
    action       TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    from_state   TEXT,
    to_state     TEXT,
    comment      TEXT
);

CREATE INDEX ix_inspection_audit_subject ON inspection_audit (subject, subject_id);

-- Every activity with id <= watermark has been inspected. A pass under way covers
-- (watermark, pass_up_to] in (community, time, id) order and checkpoints its last finished message.
CREATE TABLE inspection_progress (
    workspace_id      INTEGER PRIMARY KEY REFERENCES workspaces (id),
    watermark         INTEGER NOT NULL,
    rule_set          TEXT    NOT NULL,
    pass_up_to        INTEGER,
    pass_community_id INTEGER,
    pass_occurred_at  INTEGER,
    pass_activity_id  INTEGER,
    updated_at        INTEGER NOT NULL
);

CREATE TABLE spotcheck_rubrics (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    name         TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    base_score   INTEGER NOT NULL,
    pass_mark    INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (workspace_id, name, version)
);

CREATE TABLE spotcheck_rubric_items (
    id        INTEGER PRIMARY KEY,
    rubric_id INTEGER NOT NULL REFERENCES spotcheck_rubrics (id),
    code      TEXT    NOT NULL,
    title     TEXT    NOT NULL,
    points    INTEGER NOT NULL,
    is_fatal  INTEGER NOT NULL DEFAULT 0,
    position  INTEGER NOT NULL,
    UNIQUE (rubric_id, code)
);

CREATE TABLE spotcheck_plans (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    name         TEXT    NOT NULL,
    period_from  INTEGER NOT NULL,
    period_to    INTEGER NOT NULL,
    mode         TEXT    NOT NULL,
    amount       REAL    NOT NULL,
    seed         INTEGER NOT NULL,
    strata       TEXT    NOT NULL,
    communities  TEXT,
    rubric_id    INTEGER NOT NULL REFERENCES spotcheck_rubrics (id),
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    sampled_at   INTEGER,
    UNIQUE (workspace_id, name)
);

-- One sampled conversation: the operator's reply and the member message it answered.
CREATE TABLE spotcheck_samples (
    id                   INTEGER PRIMARY KEY,
    plan_id              INTEGER NOT NULL REFERENCES spotcheck_plans (id),
    community_id         INTEGER NOT NULL REFERENCES communities (id),
    operator_id          INTEGER NOT NULL REFERENCES members (id),
    reply_activity_id    INTEGER NOT NULL REFERENCES activities (id),
    question_activity_id INTEGER NOT NULL REFERENCES activities (id),
    draw_key             INTEGER NOT NULL,
    status               TEXT    NOT NULL,
    inspector            TEXT,
    scored_at            INTEGER,
    total                INTEGER,
    is_failed            INTEGER,
    comment              TEXT,
    appeal               TEXT,
    appealed_by          TEXT,
    appealed_at          INTEGER,
    decision             TEXT,
    decided_by           TEXT,
    decided_at           INTEGER,
    decision_comment     TEXT,
    UNIQUE (plan_id, reply_activity_id)
);

CREATE TABLE spotcheck_scores (
    id        INTEGER PRIMARY KEY,
    sample_id INTEGER NOT NULL REFERENCES spotcheck_samples (id),
    item_id   INTEGER NOT NULL REFERENCES spotcheck_rubric_items (id),
    points    INTEGER NOT NULL,
    comment   TEXT,
    UNIQUE (sample_id, item_id)
);
