-- A target says what of a period's logs it is held against (target_aggregate:
-- sum, count, average, last, min, max) and may have a period of its own, longer
-- than the tracker's frequency (target_period; NULL: the frequency). Every
-- target written so far meant the sum for numbers, durations and yes/no, the
-- mean for ratings and the number of logs for choices and texts: it is given
-- exactly that aggregate, so no goal changes its meaning.
ALTER TABLE trackers ADD COLUMN target_aggregate TEXT
  CHECK (target_aggregate IN ('sum', 'count', 'average', 'last', 'min', 'max'));
ALTER TABLE trackers ADD COLUMN target_period TEXT
  CHECK (target_period IN ('hourly', 'daily', 'weekly', 'monthly'));
UPDATE trackers SET target_aggregate = CASE type
    WHEN 'rating' THEN 'average'
    WHEN 'choice' THEN 'count'
    WHEN 'text' THEN 'count'
    ELSE 'sum' END
  WHERE target_op IS NOT NULL;

-- Each slot also keeps its latest log's value (by time, then id) and that
-- log's time in UTC milliseconds, for a target on the latest value.
ALTER TABLE log_slots ADD COLUMN last DOUBLE PRECISION;
ALTER TABLE log_slots ADD COLUMN last_at BIGINT;
UPDATE log_slots SET (last, last_at) = (
  SELECT l.value, l.logged_at * 1000 + l.logged_at_millis
  FROM logs l JOIN trackers t ON t.id = l.tracker_id
  WHERE l.tracker_id = log_slots.tracker_id
    AND l.logged_at >= log_slots.slot * 900 AND l.logged_at < log_slots.slot * 900 + 900
    AND (CASE WHEN t.type IN ('choice', 'boolean') THEN CAST(l.value AS BIGINT) ELSE -1 END) = log_slots.key
  ORDER BY l.logged_at DESC, l.logged_at_millis DESC, l.id DESC LIMIT 1);
