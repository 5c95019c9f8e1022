-- A tracker's own reminder schedule (core/reminder_schedule.hpp): times of day
-- as "HH:MM" separated by commas, ascending ('' = none), and the days of the
-- week they apply on as bits, Monday = 1 … Sunday = 64 (127 = every day).
ALTER TABLE trackers ADD COLUMN reminder_times TEXT NOT NULL DEFAULT '';
ALTER TABLE trackers ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 127;
-- Up to when the scheduler has looked at the schedule's moments (NULL: never;
-- a change of schedule sets it, so a time set after it passed is not sent).
ALTER TABLE trackers ADD COLUMN reminders_checked_at INTEGER;
-- The scheduler reads only the trackers that have a schedule.
CREATE INDEX trackers_with_reminder_schedule ON trackers (user_id) WHERE reminder_times <> '';
