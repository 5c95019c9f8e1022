#include "services/push_service.hpp"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "push/endpoint.hpp"
#include "services/throttle.hpp"
#include "services/tracker_lookup.hpp"
#include "store/job_repositories.hpp"
#include "store/push_repository.hpp"
#include "store/repositories.hpp"
#include "util/crypto.hpp"

namespace qself::services {
namespace {

using nlohmann::json;

// What a notification's JSON may grow to before trackers stop being listed
// (RFC 8291 leaves 3993 bytes in one record; the rest is the fixed fields).
constexpr std::size_t kPayloadBudget = 3000;
// A choice tracker gets a button per choice up to this many.
constexpr std::size_t kMaxChoiceActions = 4;
// Test notifications an account may ask for in a window.
constexpr int kTestsPerWindow = 10;
constexpr std::chrono::minutes kTestWindow{10};

PushDevice device_of(const store::PushSubscription& subscription) {
  PushDevice device;
  device.id = subscription.id;
  device.kind = subscription.kind;
  device.endpoint = subscription.endpoint;
  if (const auto endpoint = push::parse_endpoint(subscription.endpoint)) device.origin = endpoint->origin;
  device.label = subscription.label;
  device.created_at = subscription.created_at;
  device.last_sent_at = subscription.last_sent_at;
  return device;
}

// The buttons of a reminder for this one tracker: what can be logged in one tap.
json value_actions(const core::Tracker& tracker) {
  json actions = json::array();
  switch (tracker.type) {
    case core::TrackerType::boolean:
      actions.push_back({{"title", "Yes"}, {"value", true}});
      break;
    case core::TrackerType::rating:
      for (int step = 1; step <= tracker.options.scale; ++step) {
        const auto index = static_cast<std::size_t>(step - 1);
        const bool labelled = index < tracker.options.labels.size() && !tracker.options.labels[index].empty();
        actions.push_back(
            {{"title", labelled ? tracker.options.labels[index] : std::to_string(step)}, {"value", step}});
      }
      break;
    case core::TrackerType::choice:
      if (tracker.options.choices.size() <= kMaxChoiceActions) {
        for (const auto& choice : tracker.options.choices) {
          actions.push_back({{"title", choice.label}, {"value", choice.label}});  // as POST …/logs takes it
        }
      }
      break;
    default:
      break;
  }
  return actions;
}

// The JSON a browser gets, with its action token when it names trackers.
std::string payload_of(const PushContent& content, const std::optional<std::string>& token,
                       std::vector<std::int64_t>& tracker_ids) {
  json payload = {{"v", 1},
                  {"kind", content.kind},
                  {"title", content.title},
                  {"body", content.body},
                  {"tag", content.tag},
                  {"url", content.url}};
  json trackers = json::array();
  const bool single = content.trackers.size() == 1;
  std::size_t size = payload.dump().size();
  for (const auto* tracker : content.trackers) {
    json entry = {{"id", tracker->id},
                  {"name", tracker->name},
                  {"type", core::to_string(tracker->type)},
                  {"actions", single ? value_actions(*tracker) : json::array()}};
    size += entry.dump().size() + 1;
    if (size > kPayloadBudget) break;  // the rest are named in the body; "Log…" opens the app
    tracker_ids.push_back(tracker->id);
    trackers.push_back(std::move(entry));
  }
  payload["trackers"] = std::move(trackers);
  if (token && !tracker_ids.empty()) payload["token"] = *token;
  return payload.dump();
}

std::string truncated(std::string text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  std::size_t cut = bytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;  // not inside a UTF-8 character
  text.resize(cut);
  return text + "…";
}

}  // namespace

PushContent reminder_push(const std::vector<core::DueTracker>& due, const std::string& moment) {
  PushContent content;
  content.kind = "reminder";
  content.tag = "qself-reminder-" + moment;
  const auto time = moment.size() >= 5 ? moment.substr(moment.size() - 5) : moment;
  if (due.size() == 1) {
    content.title = due.front().tracker.name;
    content.body = "Time to log it (" + time + " reminder)";
    content.url = "/trackers/" + std::to_string(due.front().tracker.id);
  } else {
    content.title = "Time to log " + std::to_string(due.size()) + " trackers";
    std::string names;
    for (const auto& item : due) names += (names.empty() ? "" : " · ") + item.tracker.name;
    content.body = truncated(names, 240);
    content.url = "/";
  }
  for (const auto& item : due) content.trackers.push_back(&item.tracker);
  return content;
}

std::vector<std::int64_t> queue_push(store::Connection& connection, const core::User& user, const std::string& key,
                                     const PushContent& content, core::Timestamp now) {
  store::PushRepository pushes(connection);
  const auto devices = pushes.list(user.id);
  if (devices.empty()) return {};
  std::optional<std::string> token;
  if (!content.trackers.empty()) token = util::random_token(32);
  store::PushMessage message;
  message.user_id = user.id;
  message.idempotency_key = key;
  message.payload = payload_of(content, token, message.tracker_ids);
  if (token && !message.tracker_ids.empty()) message.token_hash = util::sha256_hex(*token);
  message.created_at = now;
  message.expires_at = now + kPushActionLifetime;
  const auto message_id = pushes.create_message(message);
  if (!message_id) return {};
  std::vector<std::int64_t> jobs;
  store::JobRepository job_rows(connection);
  for (const auto& device : devices) {
    const auto job = job_rows.create({core::JobKind::send_push, user.id,
                                      json{{"push_message_id", *message_id}, {"subscription_id", device.id}}.dump(),
                                      "push:" + key + ":" + std::to_string(device.id), now},
                                     now);
    if (job) jobs.push_back(*job);
  }
  return jobs;
}

std::int64_t sweep_push_messages(store::Database& db, core::Timestamp now) {
  auto connection = db.connect();
  return store::PushRepository(*connection).delete_expired_messages(now);
}

util::web_push::KeyPair vapid_keys(store::Database& db) {
  // Made once per database and never changed: one read per process.
  static std::mutex mutex;
  static std::optional<util::web_push::KeyPair> known;
  std::lock_guard lock(mutex);
  if (known) return *known;
  auto connection = db.connect();
  store::PushRepository pushes(*connection);
  auto keys = pushes.vapid_keys();
  if (!keys) {
    const auto made = util::web_push::generate_key_pair();
    pushes.insert_vapid_keys(made.public_key, made.private_key, util::now());  // unless another process was first
    keys = pushes.vapid_keys();
  }
  if (!keys) throw std::runtime_error("the VAPID keys could not be stored");
  known = util::web_push::KeyPair{keys->first, keys->second};
  return *known;
}

std::string PushService::public_key() { return vapid_keys(m_db).public_key; }

std::vector<PushDevice> PushService::devices(const core::User& user) {
  auto connection = m_db.connect();
  std::vector<PushDevice> found;
  for (const auto& subscription : store::PushRepository(*connection).list(user.id)) {
    found.push_back(device_of(subscription));
  }
  return found;
}

// A label is optional: one line of at most kMaxPushLabel bytes.
static void check_push_label(bool sent, const std::optional<std::string>& label, ValidationError::Fields& problems) {
  if (sent && !label) {
    problems["label"] = "Must be a text.";
  } else if (label && label->size() > kMaxPushLabel) {
    problems["label"] = "At most 100 characters.";
  } else if (label) {
    for (const char c : *label) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) problems["label"] = "One line of text.";
    }
  }
}

void PushService::check_target(const std::optional<std::string>& url, const std::string& field,
                               ValidationError::Fields& problems) const {
  std::optional<push::Endpoint> endpoint;
  if (!url) {
    problems[field] = "The URL is required.";
  } else if (!(endpoint = push::parse_endpoint(*url))) {
    problems[field] = "Must be an https URL of at most 1024 characters.";
  } else if (endpoint->scheme != "https" && !m_settings.allow_private) {
    problems[field] = "Must be an https URL.";
  } else if (!m_settings.allow_private) {
    Poco::Net::IPAddress address;
    if (endpoint->host == "localhost" || endpoint->host.ends_with(".localhost") ||
        (Poco::Net::IPAddress::tryParse(endpoint->host, address) && push::is_private_address(address))) {
      problems[field] = "Must not be in a private network.";
    }
  }
}

PushSubscribed PushService::subscribe(const core::User& user, const PushSubscriptionFields& fields) {
  ValidationError::Fields problems;
  check_target(fields.endpoint, "endpoint", problems);
  const auto p256dh = fields.p256dh ? util::web_push::from_base64url(*fields.p256dh) : std::nullopt;
  if (!p256dh || p256dh->size() != 65 || (*p256dh)[0] != 0x04) {
    problems["keys.p256dh"] = "Must be the subscription's P-256 public key (65 bytes, URL-safe base64).";
  } else {
    try {
      (void)util::web_push::encrypt("", *fields.p256dh, fields.auth.value_or("AAAAAAAAAAAAAAAAAAAAAA"));
    } catch (const std::invalid_argument&) {
      problems["keys.p256dh"] = "Must be a point on the P-256 curve.";
    }
  }
  const auto auth = fields.auth ? util::web_push::from_base64url(*fields.auth) : std::nullopt;
  if (!auth || auth->size() != 16)
    problems["keys.auth"] = "Must be the subscription's 16-byte secret (URL-safe base64).";
  check_push_label(fields.label_sent, fields.label, problems);
  if (!problems.empty()) throw ValidationError(problems);
  store::PushSubscription row;
  row.endpoint = *fields.endpoint;
  row.p256dh = *fields.p256dh;
  row.auth = *fields.auth;
  row.label = fields.label.value_or("");
  return store_device(user, std::move(row));
}

PushSubscribed PushService::add_webhook(const core::User& user, const PushWebhookFields& fields) {
  ValidationError::Fields problems;
  check_target(fields.url, "url", problems);
  check_push_label(fields.label_sent, fields.label, problems);
  if (!problems.empty()) throw ValidationError(problems);
  store::PushSubscription row;
  row.kind = "webhook";
  row.endpoint = *fields.url;
  row.label = fields.label.value_or("");
  return store_device(user, std::move(row));
}

PushSubscribed PushService::store_device(const core::User& user, store::PushSubscription row) {
  auto connection = m_db.connect();
  store::Transaction transaction(*connection, store::Transaction::Mode::write);
  store::PushRepository pushes(*connection);
  if (auto existing = pushes.find_by_endpoint(row.endpoint)) {
    if (existing->user_id == user.id && existing->kind == row.kind) {
      pushes.update_keys(existing->id, row.p256dh, row.auth, row.label);
      transaction.commit();
      existing->p256dh = row.p256dh;
      existing->auth = row.auth;
      existing->label = row.label;
      return {device_of(*existing), false};
    }
    // A browser that changed hands notifies the account that subscribed it last.
    pushes.remove_by_id(existing->id);
  }
  if (pushes.count(user.id) >= kMaxPushDevices) {
    throw Conflict("too_many_devices",
                   "An account can send notifications to at most 10 browsers and webhooks. Remove one first.");
  }
  row.user_id = user.id;
  row.created_at = util::now();
  row.id = pushes.create(row);
  transaction.commit();
  return {device_of(row), true};
}

void PushService::unsubscribe(const core::User& user, std::int64_t device_id) {
  auto connection = m_db.connect();
  if (!store::PushRepository(*connection).remove(user.id, device_id)) throw NotFound("No such device.");
}

std::int64_t PushService::send_test(const core::User& user, std::optional<core::TrackerId> tracker_id) {
  const auto now = util::now();
  std::optional<core::Tracker> tracker;
  {
    auto connection = m_db.connect();
    if (store::PushRepository(*connection).count(user.id) == 0) {
      throw Conflict("no_devices", "Notifications are not on in any browser of this account.");
    }
    if (tracker_id) tracker = find_tracker_or_throw(*connection, user.id, *tracker_id);
  }
  // Only a notification that goes out counts against the limit.
  if (const int wait =
          RequestCounter(m_db, "push-test", kTestsPerWindow, kTestWindow).take(std::to_string(user.id), now)) {
    throw RateLimited("Too many test notifications. Try again later.", wait);
  }
  PushContent content;
  std::vector<core::DueTracker> due;  // outlives the content, which points into it
  if (tracker) {
    due.push_back({*tracker, core::goal_period(*tracker)});
    content = reminder_push(due, "test");
    content.body = "A test of its reminder: the buttons log for real.";
    content.tag = "qself-test-" + std::to_string(tracker->id);
  } else {
    content.title = "Notifications are on";
    content.body = "Reminders for your trackers will appear like this.";
    content.tag = "qself-test";
    content.url = "/settings";
  }
  content.kind = "test";
  std::vector<std::int64_t> jobs;
  std::int64_t devices = 0;
  {
    auto connection = m_db.connect();
    store::Transaction transaction(*connection, store::Transaction::Mode::write);
    devices = store::PushRepository(*connection).count(user.id);
    jobs =
        queue_push(*connection, user, "push-test:" + std::to_string(user.id) + ":" + util::random_hex(8), content, now);
    transaction.commit();
  }
  for (const auto job : jobs) m_publisher.publish(job);
  return devices;
}

core::User PushService::action_user(std::string_view token, core::TrackerId tracker) {
  auto connection = m_db.connect();
  const auto message = store::PushRepository(*connection).find_message_by_token(util::sha256_hex(token), util::now());
  if (!message) throw Unauthorized("This notification's buttons have expired. Open qself to log.");
  if (std::find(message->tracker_ids.begin(), message->tracker_ids.end(), tracker.value) ==
      message->tracker_ids.end()) {
    throw NotFound("No such tracker.");
  }
  auto user = store::UserRepository(*connection).find(message->user_id);
  if (!user) throw Unauthorized("This notification's buttons have expired. Open qself to log.");
  return *user;
}

}  // namespace qself::services
