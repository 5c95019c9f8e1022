-- How the day in last_reminder_date was decided: when (UTC seconds) and whether
-- a reminder was sent. A day decided with nothing sent is decided again when the
-- user's reminder moment moves past that instant (core::mail_due). Days decided
-- before this migration have no instant and stay decided.
ALTER TABLE users ADD COLUMN last_reminder_decided_at BIGINT;
ALTER TABLE users ADD COLUMN last_reminder_sent BIGINT NOT NULL DEFAULT 0;
