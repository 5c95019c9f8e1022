#pragma once
// Web Push notifications: the devices an account turned them on in, the
// notifications queued for them (one job per device), and the action buttons
// of a reminder, which log without a session through the notification's own
// token (docs/api.md, "Notifications").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/mail_schedule.hpp"
#include "core/model.hpp"
#include "services/job_publisher.hpp"
#include "store/database.hpp"
#include "store/push_repository.hpp"
#include "util/web_push.hpp"

namespace qself::services {

// At most this many devices per account (a hostile account cannot make a
// reminder cost thousands of requests).
inline constexpr std::int64_t kMaxPushDevices = 10;
inline constexpr std::size_t kMaxPushLabel = 100;
// How long a notification's action buttons can log.
inline constexpr std::chrono::hours kPushActionLifetime{24};

struct PushSettings {
  // Endpoints in private networks or on loopback (and plain http ones) are
  // refused unless the operator allows them (QSELF_PUSH_ALLOW_PRIVATE).
  bool allow_private = false;
};

struct PushDevice {
  std::int64_t id = 0;
  std::string kind;  // "webpush" (a browser) or "webhook"
  std::string endpoint;
  std::string origin;  // the push service: scheme://host[:port]
  std::string label;
  core::Timestamp created_at{};
  std::optional<core::Timestamp> last_sent_at;
};

// A subscription as the browser gave it; nullopt: missing or not a text.
struct PushSubscriptionFields {
  std::optional<std::string> endpoint;
  std::optional<std::string> p256dh;
  std::optional<std::string> auth;
  std::optional<std::string> label;  // optional
  bool label_sent = false;
};

// A webhook as the user gave it; nullopt: missing or not a text.
struct PushWebhookFields {
  std::optional<std::string> url;
  std::optional<std::string> label;
  bool label_sent = false;
};

struct PushSubscribed {
  PushDevice device;
  bool created = false;  // false: the endpoint was the account's already (keys and label updated)
};

// A notification before it is queued: what the browser gets, and the
// trackers its action token may log for (none: no token).
struct PushContent {
  std::string kind;  // "reminder", "test"
  std::string title;
  std::string body;
  std::string tag;
  std::string url;
  std::vector<const core::Tracker*> trackers;
};

// A reminder of `due` trackers at the local moment `moment` ("2026-12-05T08:00").
PushContent reminder_push(const std::vector<core::DueTracker>& due, const std::string& moment);

// Queues `content` for every device of `user` under the idempotency `key`, in
// the caller's transaction: the message (with a fresh action token when it
// names trackers) and one send_push job per device. Answers the jobs to
// publish after the commit: none when the user has no device or a message
// with that key was queued already.
std::vector<std::int64_t> queue_push(store::Connection& connection, const core::User& user, const std::string& key,
                                     const PushContent& content, core::Timestamp now);

// Deletes the notifications whose buttons expired (their jobs then send
// nothing); answers how many went.
std::int64_t sweep_push_messages(store::Database& db, core::Timestamp now);

// The server's VAPID key pair: read from the database, made there on first use.
util::web_push::KeyPair vapid_keys(store::Database& db);

class PushService {
 public:
  PushService(store::Database& db, JobPublisher& publisher, PushSettings settings)
      : m_db(db), m_publisher(publisher), m_settings(settings) {}

  // The VAPID public key browsers subscribe with.
  std::string public_key();
  std::vector<PushDevice> devices(const core::User& user);
  // Throws ValidationError (endpoint, keys.p256dh, keys.auth, label) or
  // Conflict("too_many_devices").
  PushSubscribed subscribe(const core::User& user, const PushSubscriptionFields& fields);
  // A webhook that gets every notification as JSON (without buttons). Throws
  // ValidationError (url, label) or Conflict("too_many_devices"); webhooks
  // count as devices.
  PushSubscribed add_webhook(const core::User& user, const PushWebhookFields& fields);
  // Throws NotFound unless the device is the user's.
  void unsubscribe(const core::User& user, std::int64_t device_id);
  // Sends a test notification to every device (with the reminder of
  // `tracker` and its buttons when given); answers how many devices. Throws
  // Conflict("no_devices"), NotFound for another's tracker, RateLimited.
  std::int64_t send_test(const core::User& user, std::optional<core::TrackerId> tracker);
  // The account a notification's action token logs for, if it is current
  // and names `tracker`. Throws Unauthorized, or NotFound.
  core::User action_user(std::string_view token, core::TrackerId tracker);

 private:
  // Adds `row` for `user`, or updates it when its endpoint is the user's already.
  PushSubscribed store_device(const core::User& user, store::PushSubscription row);
  // Adds to `problems` under `field` what keeps `url` from being a target.
  void check_target(const std::optional<std::string>& url, const std::string& field,
                    ValidationError::Fields& problems) const;

  store::Database& m_db;
  JobPublisher& m_publisher;
  PushSettings m_settings;
};

}  // namespace qself::services
