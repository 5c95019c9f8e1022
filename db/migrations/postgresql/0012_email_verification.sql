-- Email verification of new accounts. An account is verified once someone
-- opened the link emailed to its address (verified_at); until then it cannot
-- sign in, gets no reminders or reports, and is removed after a while. Every
-- account made before this could sign in, and stays verified.
ALTER TABLE users ADD COLUMN verified_at BIGINT;
UPDATE users SET verified_at = created_at;
-- The scheduler's cleanup looks for unverified accounts by age.
CREATE INDEX users_unverified ON users(created_at) WHERE verified_at IS NULL;

-- Emailed links, of every purpose, share one table and one repository: the
-- token itself is never kept, only its SHA-256; a link works once (used_at)
-- until expires_at. Password reset links were the first.
ALTER TABLE password_resets RENAME TO email_links;
ALTER TABLE email_links ADD COLUMN purpose TEXT NOT NULL DEFAULT 'password_reset'
  CHECK (purpose IN ('password_reset', 'email_verification'));
DROP INDEX password_resets_user;
DROP INDEX password_resets_created;
-- Limits count the links sent per account and purpose over the last hour.
CREATE INDEX email_links_user ON email_links(user_id, purpose, created_at);
