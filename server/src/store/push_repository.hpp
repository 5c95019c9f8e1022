#pragma once
// Web Push: the browsers each account turned notifications on in
// (`push_subscriptions`) and the notifications on their way (`push_messages`).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/database.hpp"
#include "util/time.hpp"

namespace qself::store {

struct PushSubscription {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string kind = "webpush";  // or "webhook": a URL the user gave, sent JSON
  std::string endpoint;
  std::string p256dh;  // the browser's public key, base64url ("" for a webhook)
  std::string auth;    // its 16-byte secret, base64url ("" for a webhook)
  std::string label;
  util::Timestamp created_at{};
  std::optional<util::Timestamp> last_sent_at;
};

struct PushMessage {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string idempotency_key;
  std::string payload;                    // the JSON the browser gets
  std::vector<std::int64_t> tracker_ids;  // what its action token may log for
  std::optional<std::string> token_hash;
  util::Timestamp created_at{};
  util::Timestamp expires_at{};
};

class PushRepository {
 public:
  explicit PushRepository(Connection& connection) : m_db(connection) {}

  // The account's devices, newest first.
  std::vector<PushSubscription> list(std::int64_t user_id);
  std::optional<PushSubscription> find(std::int64_t id);
  std::optional<PushSubscription> find_by_endpoint(const std::string& endpoint);
  std::int64_t count(std::int64_t user_id);
  // Inserts a subscription; answers its id.
  std::int64_t create(const PushSubscription& subscription);
  // New keys and label for a device already the account's.
  void update_keys(std::int64_t id, const std::string& p256dh, const std::string& auth, const std::string& label);
  // Answers whether a row of that account went.
  bool remove(std::int64_t user_id, std::int64_t id);
  // For the push service's "gone" (404/410): whoever's it is.
  void remove_by_id(std::int64_t id);
  void set_last_sent(std::int64_t id, util::Timestamp at);

  // Answers the new message's id, or nullopt when one with its key exists.
  std::optional<std::int64_t> create_message(const PushMessage& message);
  std::optional<PushMessage> find_message(std::int64_t id);
  // The unexpired message whose action token hashes to `token_hash`.
  std::optional<PushMessage> find_message_by_token(const std::string& token_hash, util::Timestamp now);
  // Deletes messages expired before `now`; answers how many.
  std::int64_t delete_expired_messages(util::Timestamp now);

  // The server's VAPID key pair (public, private; base64url), if made.
  std::optional<std::pair<std::string, std::string>> vapid_keys();
  // Stores a key pair unless one is there already (another process's first).
  void insert_vapid_keys(const std::string& public_key, const std::string& private_key, util::Timestamp now);

 private:
  Connection& m_db;
};

}  // namespace qself::store
