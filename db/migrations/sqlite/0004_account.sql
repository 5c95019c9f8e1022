-- Password resets: one row per emailed link. The token itself is never kept,
-- only its SHA-256; a link works once (used_at) and for an hour (expires_at).
CREATE TABLE password_resets (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
-- Rate limits count the links sent per account and in all over the last hour.
CREATE INDEX password_resets_user ON password_resets(user_id, created_at);
CREATE INDEX password_resets_created ON password_resets(created_at);

