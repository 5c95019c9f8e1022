#include "services/password_service.hpp"

#include "core/account_rules.hpp"
#include "services/emails.hpp"
#include "services/outbox.hpp"
#include "services/passwords.hpp"
#include "store/repositories.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"

namespace qself::services {
namespace {

using store::Transaction;

constexpr std::chrono::hours kResetLimitWindow{1};
constexpr std::chrono::hours kKeepExpiredResets{24};
constexpr const char* kBadResetToken = "has expired, was already used or is not a reset link; ask for a new one";

// One notice per change: the key holds the second it happened.
std::string password_changed_key(std::int64_t user_id, core::Timestamp now) {
  return "password-changed:" + std::to_string(user_id) + ":" + std::to_string(now.time_since_epoch().count());
}

}  // namespace

PasswordService::PasswordService(store::Database& db, JobPublisher& publisher, std::string public_url,
                                 AuthPolicy policy)
    : m_db(db),
      m_publisher(publisher),
      m_public_url(public_url),
      m_policy(policy),
      m_wrong_passwords(db, "wrong-password", policy.max_wrong_passwords, policy.wrong_password_window),
      m_reset_requests(db, "reset-client", policy.max_password_reset_requests_per_client, kResetLimitWindow) {}

bool PasswordService::password_matches(const Caller& caller, const std::string& password) {
  const std::string limiter_key = "user:" + std::to_string(caller.user.id);
  if (const int wait = m_wrong_passwords.retry_after(limiter_key, util::now()); wait > 0) {
    throw RateLimited("Too many wrong passwords; try again later.", wait);
  }
  std::optional<store::UserRecord> record;
  {
    auto connection = m_db.connect();
    record = store::UserRepository(*connection).find_by_email(caller.user.email);
  }
  if (!record || record->user.id != caller.user.id) throw Unauthorized("The account no longer exists.");
  if (!verify_or_busy(password, record->password_hash)) {
    m_wrong_passwords.record_failure(limiter_key, util::now());
    return false;
  }
  m_wrong_passwords.reset(limiter_key);
  return true;
}

void PasswordService::confirm_password(const Caller& caller, const std::string& password, const std::string& field) {
  if (!password_matches(caller, password)) throw ValidationError(field, "is not your password");
}

void PasswordService::change_password(const Caller& caller, const std::string& current_password,
                                      const std::string& new_password) {
  const auto& user = caller.user;
  ValidationError::Fields errors;
  core::check_password(new_password, errors, "new_password");
  if (!password_matches(caller, current_password)) {
    errors["current_password"] = "is not your current password";
  } else if (current_password == new_password) {
    errors["new_password"] = "must differ from the current password";
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));

  const std::string hash = hash_or_busy(new_password);
  const auto now = util::now();
  std::optional<std::int64_t> job;
  {
    auto connection = m_db.connect();
    Transaction transaction(*connection, Transaction::Mode::write);
    store::UserRepository(*connection).update_password(user.id, hash, now);
    store::SessionRepository(*connection)
        .revoke_all_but(user.id, caller.session_id, kRevokedByPasswordChange, now - m_policy.idle_expiry, now);
    store::EmailLinkRepository(*connection, store::LinkPurpose::password_reset).use_all(user.id, now);
    job = queue_email(*connection, user, password_changed_key(user.id, now), "password_changed",
                      password_changed_email(user, PasswordChange::changed, now, m_public_url), now);
    transaction.commit();
  }
  if (job) m_publisher.publish(*job);  // after the commit, and with no connection held
}

AnswerNotBefore PasswordService::request_password_reset(const std::string& email, const std::string& client) {
  ValidationError::Fields errors;
  const std::string normalized = core::normalize_email(email, errors);
  if (!errors.empty()) throw ValidationError(std::move(errors));
  if (const int wait = m_reset_requests.take(client, util::now()); wait > 0) {
    throw RateLimited("Too many password reset requests from your network; try again later.", wait);
  }
  const auto answer_at = std::chrono::steady_clock::now() + m_policy.password_reset_answer_time;

  std::optional<core::User> user;
  {
    auto connection = m_db.connect();
    if (auto record = store::UserRepository(*connection).find_by_email(normalized)) user = std::move(record->user);
  }
  std::optional<std::int64_t> job;
  if (user) {
    auto connection = m_db.connect();
    Transaction transaction(*connection, Transaction::Mode::write);
    store::EmailLinkRepository resets(*connection, store::LinkPurpose::password_reset);
    const auto now = util::now();
    if (resets.count_since(user->id, now - kResetLimitWindow) >= m_policy.max_password_resets_per_account) {
      util::log(util::Level::info, "password reset for user " + std::to_string(user->id) +
                                       " not sent: the hourly limit per account is reached");
    } else {
      resets.remove_expired(now - kKeepExpiredResets);
      const std::string token = util::random_token(32);
      const auto id = resets.insert(user->id, util::sha256_hex(token), now, now + m_policy.password_reset_expiry);
      const std::string link = m_public_url + "/reset-password?token=" + token;
      job = queue_email(*connection, *user, "password-reset:" + std::to_string(id), "password_reset",
                        password_reset_email(*user, link, m_policy.password_reset_expiry), now);
    }
    transaction.commit();
  }
  if (job) m_publisher.publish(*job);
  // Known or not, limited or not: the answer leaves at the same time.
  return answer_at;
}

void PasswordService::confirm_password_reset(const std::string& token, const std::string& new_password) {
  ValidationError::Fields errors;
  core::check_password(new_password, errors, "new_password");
  const std::string token_hash = util::sha256_hex(token);
  bool usable = false;
  if (!token.empty() && token.size() <= 100) {
    auto connection = m_db.connect();
    usable = store::EmailLinkRepository(*connection, store::LinkPurpose::password_reset)
                 .find_usable(token_hash, util::now())
                 .has_value();
  }
  if (!usable) errors["token"] = kBadResetToken;
  if (!errors.empty()) throw ValidationError(std::move(errors));

  const std::string hash = hash_or_busy(new_password);
  std::optional<std::int64_t> job;
  {
    auto connection = m_db.connect();
    Transaction transaction(*connection, Transaction::Mode::write);
    const auto now = util::now();
    store::EmailLinkRepository resets(*connection, store::LinkPurpose::password_reset);
    // Checked again as it is used up: of two requests with one token, one wins.
    const auto reset = resets.use(token_hash, now);
    if (!reset) throw ValidationError("token", kBadResetToken);
    store::UserRepository users(*connection);
    const auto user = users.find(reset->user_id);
    if (!user) throw ValidationError("token", kBadResetToken);
    users.update_password(user->id, hash, now);
    users.mark_verified(user->id, now);  // the link proved the address is theirs
    store::SessionRepository(*connection)
        .revoke_all_but(user->id, 0, kRevokedByPasswordChange, now - m_policy.idle_expiry, now);
    resets.use_all(user->id, now);
    job = queue_email(*connection, *user, password_changed_key(user->id, now), "password_changed",
                      password_changed_email(*user, PasswordChange::reset, now, m_public_url), now);
    transaction.commit();
  }
  if (job) m_publisher.publish(*job);
}

}  // namespace qself::services
