-- The log's unique key leads with source_id instead of community_id. Same columns, same guarantee, and
-- ON CONFLICT (community_id, kind, source_id) still names it; every lookup through it gives all three.
-- Why: a btree build sorts its rows, and PostgreSQL shortens a comparison to a machine word only for
-- the leading column. With community_id first, nearly every comparison of a chat's rows tied on it and
-- fell through to a full three-column comparison. Building the key over 1M rows of ten communities took
-- 1.7-2.8 s that way and 0.5-0.8 s with source_id first (serial builds, same rows, alternated); the
-- first import into an empty log builds it once, and CLI imports of 1M messages took 1.0-1.5 s less.
-- A community's rows are found through its members and the member index instead (see
-- SqlCommands.InCommunity); PostgreSQL has no index leading with community_id on the log any more.
DROP INDEX ux_activities_source;
CREATE UNIQUE INDEX ux_activities_source ON activities (source_id, community_id, kind);
