-- Each account's data version: every write that changes what the account's
-- dashboards, log pages or statistics show increments it in the write's own
-- transaction, so a version names one state of the account's data, in every
-- process and on every node, and the cached answers are kept under it. It
-- replaces the counters that lived in Redis, which a restart could set back.
--
-- A version starts at a random number below 2^62: account ids can be used
-- again after a deletion, and a new account must never land on versions a
-- deleted one had (its cached answers may live on for ten minutes).
ALTER TABLE users ADD COLUMN data_version BIGINT NOT NULL DEFAULT 0;
UPDATE users SET data_version = floor(random() * 4611686018427387904)::bigint;
