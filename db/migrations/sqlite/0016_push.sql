-- Notifications: the browsers a user turned them on in (Web Push, RFC 8030)
-- and the webhooks they gave, and the notifications on their way to them.
--
-- A browser's subscription is its push service's URL and the keys its
-- messages are encrypted for (RFC 8291); a webhook is a URL alone (no keys).
-- The endpoint is unique: a browser that changes hands belongs to the
-- account that subscribed it last.
CREATE TABLE push_subscriptions (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         TEXT    NOT NULL DEFAULT 'webpush' CHECK (kind IN ('webpush', 'webhook')),
  endpoint     TEXT    NOT NULL UNIQUE,
  p256dh       TEXT    NOT NULL DEFAULT '',
  auth         TEXT    NOT NULL DEFAULT '',
  label        TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  last_sent_at INTEGER
);
CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id);

-- One notification (its JSON, which the worker encrypts for each device) and
-- the hash of the action token in it, which lets its action buttons log for
-- its trackers without a session until it expires. Unique by idempotency key,
-- like emails; the scheduler deletes expired ones.
CREATE TABLE push_messages (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  idempotency_key TEXT    NOT NULL UNIQUE,
  payload         TEXT    NOT NULL,
  tracker_ids     TEXT    NOT NULL DEFAULT '',
  token_hash      TEXT    UNIQUE,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL
);
CREATE INDEX push_messages_user ON push_messages(user_id);
CREATE INDEX push_messages_expiry ON push_messages(expires_at);

-- The server's VAPID key pair (RFC 8292), made on first use and shared by
-- every process on the database: a browser subscribes with its public key,
-- and the push service then takes messages signed by its private key alone.
CREATE TABLE push_keys (
  id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  public_key  TEXT    NOT NULL,
  private_key TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
