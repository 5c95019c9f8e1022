-- What a personal API token may do: `read` (GET and HEAD only) or `write`
-- (the API for trackers, logs, statistics, reports and data; never the
-- account, which needs a login session). Every token made before could write,
-- and keeps that; login sessions are `write` too.
ALTER TABLE sessions ADD COLUMN scope TEXT NOT NULL DEFAULT 'write' CHECK (scope IN ('read', 'write'));
