-- Every log gets a stable id, `uid` (a UUID, which clients may create too):
-- exports carry it, so imports and retried requests never double or drop a
-- log. Each existing log gets a random version 4 UUID of its own; the column
-- stays nullable as in SQLite's history — the repository always writes one.
--
-- logged_at keeps milliseconds: logged_at stays whole UTC seconds, so every
-- existing value, the 15-minute slots of log_slots (logged_at / 900) and every
-- query on it keep their meaning; logged_at_millis is the part of the second
-- after it, 0 for every log written so far. Logs sort by (logged_at,
-- logged_at_millis, id), which is the old order for the existing ones.
ALTER TABLE logs ADD COLUMN uid TEXT;
ALTER TABLE logs ADD COLUMN logged_at_millis BIGINT NOT NULL DEFAULT 0
  CHECK (logged_at_millis BETWEEN 0 AND 999);

UPDATE logs SET uid = gen_random_uuid()::text;

CREATE UNIQUE INDEX logs_uid ON logs(uid);
DROP INDEX logs_tracker_time;
CREATE INDEX logs_tracker_time ON logs(tracker_id, logged_at, logged_at_millis, id);
