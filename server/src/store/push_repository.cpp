#include "store/push_repository.hpp"

#include <charconv>

#include "store/sql_time.hpp"

namespace qself::store {
namespace {

constexpr std::string_view kListSubscriptions =
    "SELECT id, user_id, endpoint, p256dh, auth, label, created_at, last_sent_at, kind FROM push_subscriptions"
    " WHERE user_id = ? ORDER BY created_at DESC, id DESC";
constexpr std::string_view kFindSubscription =
    "SELECT id, user_id, endpoint, p256dh, auth, label, created_at, last_sent_at, kind FROM push_subscriptions"
    " WHERE id = ?";
constexpr std::string_view kFindSubscriptionByEndpoint =
    "SELECT id, user_id, endpoint, p256dh, auth, label, created_at, last_sent_at, kind FROM push_subscriptions"
    " WHERE endpoint = ?";
constexpr std::string_view kCountSubscriptions = "SELECT COUNT(*) FROM push_subscriptions WHERE user_id = ?";
constexpr std::string_view kInsertSubscription =
    "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, label, created_at, kind)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateSubscriptionKeys =
    "UPDATE push_subscriptions SET p256dh = ?, auth = ?, label = ? WHERE id = ?";
constexpr std::string_view kDeleteSubscription = "DELETE FROM push_subscriptions WHERE user_id = ? AND id = ?";
constexpr std::string_view kDeleteSubscriptionById = "DELETE FROM push_subscriptions WHERE id = ?";
constexpr std::string_view kSetSubscriptionSent = "UPDATE push_subscriptions SET last_sent_at = ? WHERE id = ?";

constexpr std::string_view kInsertMessage =
    "INSERT INTO push_messages (user_id, idempotency_key, payload, tracker_ids, token_hash, created_at, expires_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id";
constexpr std::string_view kFindMessage =
    "SELECT id, user_id, idempotency_key, payload, tracker_ids, token_hash, created_at, expires_at"
    " FROM push_messages WHERE id = ?";
constexpr std::string_view kFindMessageByToken =
    "SELECT id, user_id, idempotency_key, payload, tracker_ids, token_hash, created_at, expires_at"
    " FROM push_messages WHERE token_hash = ? AND expires_at > ?";
constexpr std::string_view kDeleteExpiredMessages = "DELETE FROM push_messages WHERE expires_at <= ?";

constexpr std::string_view kSelectVapidKeys = "SELECT public_key, private_key FROM push_keys WHERE id = 1";
constexpr std::string_view kInsertVapidKeys =
    "INSERT INTO push_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)"
    " ON CONFLICT (id) DO NOTHING";

PushSubscription subscription_of(const Row& row) {
  PushSubscription subscription;
  subscription.id = row.integer(0);
  subscription.user_id = row.integer(1);
  subscription.endpoint = row.text(2);
  subscription.p256dh = row.text(3);
  subscription.auth = row.text(4);
  subscription.label = row.text(5);
  subscription.created_at = at(row.integer(6));
  if (!row.is_null(7)) subscription.last_sent_at = at(row.integer(7));
  subscription.kind = row.text(8);
  return subscription;
}

// Tracker ids as written in the row: "12,40".
std::string join_ids(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (const auto id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
  return text;
}

std::vector<std::int64_t> split_ids(const std::string& text) {
  std::vector<std::int64_t> ids;
  const char* at = text.data();
  const char* end = text.data() + text.size();
  while (at < end) {
    std::int64_t id = 0;
    const auto [next, error] = std::from_chars(at, end, id);
    if (error != std::errc{}) break;
    ids.push_back(id);
    at = next < end && *next == ',' ? next + 1 : next;
    if (next == end) break;
  }
  return ids;
}

PushMessage message_of(const Row& row) {
  PushMessage message;
  message.id = row.integer(0);
  message.user_id = row.integer(1);
  message.idempotency_key = row.text(2);
  message.payload = row.text(3);
  message.tracker_ids = split_ids(row.text(4));
  if (!row.is_null(5)) message.token_hash = row.text(5);
  message.created_at = at(row.integer(6));
  message.expires_at = at(row.integer(7));
  return message;
}

}  // namespace

std::vector<PushSubscription> PushRepository::list(std::int64_t user_id) {
  std::vector<PushSubscription> found;
  m_db.query(kListSubscriptions, {user_id}, [&](const Row& row) { found.push_back(subscription_of(row)); });
  return found;
}

std::optional<PushSubscription> PushRepository::find(std::int64_t id) {
  std::optional<PushSubscription> found;
  m_db.query(kFindSubscription, {id}, [&](const Row& row) { found = subscription_of(row); });
  return found;
}

std::optional<PushSubscription> PushRepository::find_by_endpoint(const std::string& endpoint) {
  std::optional<PushSubscription> found;
  m_db.query(kFindSubscriptionByEndpoint, {endpoint}, [&](const Row& row) { found = subscription_of(row); });
  return found;
}

std::int64_t PushRepository::count(std::int64_t user_id) {
  return m_db.query_integer(kCountSubscriptions, {user_id}).value_or(0);
}

std::int64_t PushRepository::create(const PushSubscription& s) {
  return m_db
      .query_integer(kInsertSubscription,
                     {s.user_id, s.endpoint, s.p256dh, s.auth, s.label, seconds(s.created_at), s.kind})
      .value_or(0);
}

void PushRepository::update_keys(std::int64_t id, const std::string& p256dh, const std::string& auth,
                                 const std::string& label) {
  m_db.execute(kUpdateSubscriptionKeys, {p256dh, auth, label, id});
}

bool PushRepository::remove(std::int64_t user_id, std::int64_t id) {
  return m_db.execute(kDeleteSubscription, {user_id, id}) > 0;
}

void PushRepository::remove_by_id(std::int64_t id) { m_db.execute(kDeleteSubscriptionById, {id}); }

void PushRepository::set_last_sent(std::int64_t id, util::Timestamp when) {
  m_db.execute(kSetSubscriptionSent, {seconds(when), id});
}

std::optional<std::int64_t> PushRepository::create_message(const PushMessage& m) {
  const auto ids = join_ids(m.tracker_ids);
  const Param token = m.token_hash ? Param{std::string_view(*m.token_hash)} : Param{nullptr};
  return m_db.query_integer(kInsertMessage, {m.user_id, m.idempotency_key, m.payload, ids, token, seconds(m.created_at),
                                             seconds(m.expires_at)});
}

std::optional<PushMessage> PushRepository::find_message(std::int64_t id) {
  std::optional<PushMessage> found;
  m_db.query(kFindMessage, {id}, [&](const Row& row) { found = message_of(row); });
  return found;
}

std::optional<PushMessage> PushRepository::find_message_by_token(const std::string& token_hash, util::Timestamp now) {
  std::optional<PushMessage> found;
  m_db.query(kFindMessageByToken, {token_hash, seconds(now)}, [&](const Row& row) { found = message_of(row); });
  return found;
}

std::int64_t PushRepository::delete_expired_messages(util::Timestamp now) {
  return m_db.execute(kDeleteExpiredMessages, {seconds(now)});
}

std::optional<std::pair<std::string, std::string>> PushRepository::vapid_keys() {
  std::optional<std::pair<std::string, std::string>> found;
  m_db.query(kSelectVapidKeys, {}, [&](const Row& row) { found.emplace(row.text(0), row.text(1)); });
  return found;
}

void PushRepository::insert_vapid_keys(const std::string& public_key, const std::string& private_key,
                                       util::Timestamp now) {
  m_db.execute(kInsertVapidKeys, {public_key, private_key, seconds(now)});
}

}  // namespace qself::store
