-- Each tracker's logs summed per 15-minute UTC slot (and per value, for choice
-- and boolean trackers). Every zone offset and every period edge falls on a
-- quarter hour, so statistics fold these rows into local days, weeks and
-- months without reading the logs. Kept in step with logs by the repository,
-- in the same transaction as each write.
CREATE TABLE log_slots (
  tracker_id BIGINT NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
  slot       BIGINT NOT NULL,  -- logged_at / 900
  key        BIGINT NOT NULL,  -- the value (choice index, boolean 0/1), or -1
  count      BIGINT NOT NULL,
  sum        DOUBLE PRECISION,
  min        DOUBLE PRECISION,
  max        DOUBLE PRECISION,
  PRIMARY KEY (tracker_id, slot, key)
);

INSERT INTO log_slots (tracker_id, slot, key, count, sum, min, max)
SELECT l.tracker_id, l.logged_at / 900,
       CASE WHEN t.type IN ('choice', 'boolean') THEN CAST(l.value AS BIGINT) ELSE -1 END,
       COUNT(*), SUM(l.value), MIN(l.value), MAX(l.value)
FROM logs l JOIN trackers t ON t.id = l.tracker_id
GROUP BY 1, 2, 3;
