-- The abuse limits (failed logins per client and per client and account,
-- registrations and verification-link requests per client, reset requests per
-- client, wrong current passwords per account), kept in the database so that
-- every server process behind a balancer counts against one limit, not one
-- each. A key is "<limit>:<SHA-256 of the client or account>": never an
-- address or an email. The scheduler removes keys quiet for a day and keeps
-- at most 100,000.
CREATE TABLE throttles (
  key        TEXT   PRIMARY KEY,
  count      BIGINT NOT NULL,
  started_at BIGINT NOT NULL, -- Unix seconds: the start of the window, or the first failure
  last_at    BIGINT NOT NULL  -- Unix seconds: the last one counted
);
CREATE INDEX throttles_last_at ON throttles(last_at);
