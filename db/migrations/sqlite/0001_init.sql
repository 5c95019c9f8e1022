-- Users, their sessions, trackers and logs.
-- Times are UTC seconds since the epoch; a log also keeps the offset it was written in.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT    NOT NULL UNIQUE,
  password_hash TEXT    NOT NULL,
  name          TEXT    NOT NULL DEFAULT '',
  timezone      TEXT    NOT NULL DEFAULT 'UTC',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

-- A bearer token is stored only as its SHA-256; the token itself is never kept.
CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash   TEXT    NOT NULL UNIQUE,
  kind         TEXT    NOT NULL DEFAULT 'session' CHECK (kind IN ('session', 'personal')),
  name         TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE trackers (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  description  TEXT    NOT NULL DEFAULT '',
  unit         TEXT    NOT NULL DEFAULT '',
  type         TEXT    NOT NULL CHECK (type IN ('numeric', 'boolean', 'choice', 'rating', 'duration', 'text')),
  frequency    TEXT    NOT NULL CHECK (frequency IN ('hourly', 'daily', 'weekly', 'monthly')),
  options      TEXT    NOT NULL DEFAULT '{}',
  target_op    TEXT    CHECK (target_op IN ('at_least', 'at_most')),
  target_value REAL,
  color        TEXT    NOT NULL DEFAULT '',
  icon         TEXT    NOT NULL DEFAULT '',
  position     INTEGER NOT NULL DEFAULT 0,
  archived     INTEGER NOT NULL DEFAULT 0,
  reminders    INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
-- Names are unique per user, not globally, and without regard to case.
CREATE UNIQUE INDEX trackers_user_name ON trackers(user_id, name COLLATE NOCASE);
CREATE INDEX trackers_user_position ON trackers(user_id, position);

-- value holds every type but text (boolean 0/1, choice index, rating, seconds); text holds text.
CREATE TABLE logs (
  id             INTEGER PRIMARY KEY,
  tracker_id     INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
  logged_at      INTEGER NOT NULL,
  offset_minutes INTEGER NOT NULL DEFAULT 0,
  value          REAL,
  text           TEXT,
  note           TEXT    NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX logs_tracker_time ON logs(tracker_id, logged_at, id);
