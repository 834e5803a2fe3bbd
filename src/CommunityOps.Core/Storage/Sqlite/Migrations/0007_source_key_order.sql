-- PostgreSQL's 0007 reorders the log's unique key so that its bulk build sorts fast. SQLite keeps its
-- key live during imports (there is no bulk build to speed up), and its planner finds a community's rows
-- through the key's (community_id, kind) prefix, so SQLite keeps the order. This migration only keeps
-- both providers at the same version.
SELECT 1;
