-- The metrics engine's saved state (docs/metrics.md, "State and refresh"): one row per part of each
-- community's binary snapshot, and community 0 for the global watermark. Derived data only: deleting
-- every row makes the next start rebuild it from the activity log.
CREATE TABLE analytics_snapshots (
    community_id bigint  NOT NULL,
    part         integer NOT NULL,
    format       integer NOT NULL,
    data         bytea   NOT NULL,
    PRIMARY KEY (community_id, part)
);
