-- Background jobs (an outbox: the stream in Redis only carries these ids),
-- emails with their idempotency keys, and each user's reminder settings.

CREATE TABLE jobs (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL,
  user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
  payload         TEXT    NOT NULL DEFAULT '{}',  -- ids and dates only, never personal data
  idempotency_key TEXT    UNIQUE,
  status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  run_after       INTEGER NOT NULL,
  lease_until     INTEGER,
  enqueued_at     INTEGER,
  progress        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT    NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs(status, run_after);
CREATE INDEX jobs_user ON jobs(user_id);

-- One row per email ever meant to be sent; the key makes it at most once.
-- status: pending → sending (the whole message was handed to SMTP) → sent.
CREATE TABLE emails (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
  idempotency_key TEXT    NOT NULL UNIQUE,
  kind            TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  text_body       TEXT    NOT NULL,
  html_body       TEXT    NOT NULL,
  status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent')),
  sent_at         INTEGER,
  created_at      INTEGER NOT NULL
);
CREATE INDEX emails_user ON emails(user_id);

-- Only the holder of the newest fencing token may act as the scheduler.
CREATE TABLE scheduler_fence (
  name  TEXT PRIMARY KEY,
  token INTEGER NOT NULL
);
INSERT INTO scheduler_fence (name, token) VALUES ('scheduler', 0);

ALTER TABLE users ADD COLUMN reminders_enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN reminder_minutes INTEGER NOT NULL DEFAULT 1200;  -- 20:00 local time
ALTER TABLE users ADD COLUMN monthly_report INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_reminder_date TEXT NOT NULL DEFAULT '';  -- local YYYY-MM-DD last evaluated
ALTER TABLE users ADD COLUMN last_monthly_report TEXT NOT NULL DEFAULT ''; -- local YYYY-MM last sent
