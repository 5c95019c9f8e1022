-- A tracker's own reminder schedule (core/reminder_schedule.hpp): times of day
-- as "HH:MM" separated by commas, ascending ('' = none), and the days of the
-- week they apply on as bits, Monday = 1 … Sunday = 64 (127 = every day).
ALTER TABLE trackers ADD COLUMN reminder_times TEXT NOT NULL DEFAULT '';
ALTER TABLE trackers ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 127;
