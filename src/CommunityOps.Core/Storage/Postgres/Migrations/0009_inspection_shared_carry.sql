-- What a pending pass carries to the next for rules about one member across communities (the duplicate
-- rule's posts still inside its window), JSON by rule name. It spans the workspace's communities, so it
-- lives with the workspace's progress rather than in inspection_carry's per-community rows.
ALTER TABLE inspection_progress ADD COLUMN carry text;
