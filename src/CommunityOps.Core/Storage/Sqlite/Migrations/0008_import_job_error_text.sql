-- A failed import job's reason as an ErrorText's JSON (resources, key, values), so that the page and the
-- API show it in each reader's language; error keeps the English line for jobs from before and for logs.
ALTER TABLE import_jobs ADD COLUMN error_text TEXT;
