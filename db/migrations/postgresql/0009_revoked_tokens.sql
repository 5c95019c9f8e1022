-- Tokens a password change or reset signed out, remembered by their hash until
-- they would have expired, so that the next request with one is told why
-- (401 with `reason: password_changed`) instead of only "not valid". Only the
-- holder of the token can ask: nobody else has what hashes to token_hash.
-- Rows go with their account, and the expired ones with the sweep of expired
-- sessions.
CREATE TABLE revoked_tokens (
  token_hash TEXT    PRIMARY KEY,
  user_id    BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reason     TEXT    NOT NULL CHECK (reason IN ('password_changed')),
  expires_at BIGINT  NOT NULL
);
CREATE INDEX revoked_tokens_user ON revoked_tokens(user_id);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens(expires_at);
