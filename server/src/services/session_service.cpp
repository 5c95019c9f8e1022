#include "services/session_service.hpp"

#include <algorithm>

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

// A token is touched at most this often, so reads stay reads.
constexpr std::chrono::seconds kTouchInterval{60};
constexpr const char* kWrongLogin = "Wrong email or password.";
constexpr const char* kBadVerificationToken =
    "has expired, was already used or is not a verification link; ask for a new one";
// The window of the per-client request limits and of the per-account email limit.
constexpr std::chrono::hours kRequestWindow{1};
constexpr std::chrono::hours kKeepExpiredLinks{24};

}  // namespace

SessionService::SessionService(store::Database& db, JobPublisher& publisher, std::string public_url, AuthPolicy policy)
    : m_db(db),
      m_publisher(publisher),
      m_public_url(std::move(public_url)),
      m_policy(policy),
      m_client_account_failures(db, "login-client-account", policy.login_failures_per_client_and_account),
      m_client_failures(db, "login-client", policy.login_failures_per_client),
      m_registrations(db, "register-client", policy.max_registrations_per_client, kRequestWindow),
      m_verification_requests(db, "verify-resend-client", policy.max_verification_requests_per_client, kRequestWindow) {
}

SignUp SessionService::register_user(Registration registration, const std::string& client) {
  ValidationError::Fields errors;
  core::User user;
  user.email = core::normalize_email(registration.email, errors);
  core::check_password(registration.password, errors);
  user.name = core::normalize_name(registration.name, errors);
  user.timezone = registration.timezone.empty() ? "UTC" : registration.timezone;
  if (!core::is_valid_timezone(user.timezone)) {
    errors["timezone"] = "must be an IANA time zone such as Europe/Paris";
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  if (const int wait = m_registrations.take(client, util::now()); wait > 0) {
    throw RateLimited("Too many accounts were registered from your network; try again later.", wait);
  }

  if (!verification_required()) {
    const std::string hash = hash_or_busy(registration.password);
    auto connection = m_db.connect();
    Transaction transaction(*connection, Transaction::Mode::write);
    user.verified_at = util::now();
    try {
      user = store::UserRepository(*connection).insert(user, hash, util::now());
    } catch (const store::UniqueViolation&) {
      throw Conflict("conflict", "An account with this email already exists.", {{"email", "is already registered"}});
    }
    transaction.commit();
    return {user, {}};
  }

  const auto answer_at = std::chrono::steady_clock::now() + m_policy.sign_up_answer_time;
  // Hashed whether or not the address is taken: the time it takes tells nothing.
  const std::string hash = hash_or_busy(registration.password);
  std::optional<std::int64_t> job;
  {
    auto connection = m_db.connect();
    Transaction transaction(*connection, Transaction::Mode::write);
    const auto now = util::now();
    store::UserRepository users(*connection);
    if (auto existing = users.find_by_email(user.email); !existing) {
      user = users.insert(user, hash, now);
      job = queue_verification(*connection, user, now);
    } else if (!existing->user.verified_at) {
      // Whoever opens the newest link signs in with the newest password.
      user.id = existing->user.id;
      users.update_unverified(user, hash, now);
      job = queue_verification(*connection, user, now);
    } else {
      const auto& owner = existing->user;
      const auto window = std::chrono::duration_cast<std::chrono::seconds>(m_policy.account_exists_notice_window);
      const auto bucket = now.time_since_epoch() / window;
      job = queue_email(*connection, owner, "account-exists:" + std::to_string(owner.id) + ":" + std::to_string(bucket),
                        "account_exists", account_exists_email(owner, m_public_url), now);
    }
    transaction.commit();
  }
  if (job) m_publisher.publish(*job);
  return {std::nullopt, answer_at};
}

std::optional<std::int64_t> SessionService::queue_verification(store::Connection& connection, const core::User& user,
                                                               core::Timestamp now) {
  store::EmailLinkRepository links(connection, store::LinkPurpose::email_verification);
  if (links.count_since(user.id, now - kRequestWindow) >= m_policy.max_verification_emails_per_account) {
    util::log(util::Level::info, "verification email for user " + std::to_string(user.id) +
                                     " not sent: the hourly limit per account is reached");
    return std::nullopt;
  }
  links.remove_expired(now - kKeepExpiredLinks);
  links.use_all(user.id, now);  // only the newest link works
  const std::string token = util::random_token(32);
  const auto id = links.insert(user.id, util::sha256_hex(token), now, now + m_policy.verification_link_expiry);
  const std::string link = m_public_url + "/verify?token=" + token;
  return queue_email(
      connection, user, "email-verification:" + std::to_string(id), "email_verification",
      email_verification_email(user, link, m_policy.verification_link_expiry, m_policy.unverified_account_lifetime),
      now);
}

LoginResult SessionService::verify_email(const std::string& token) {
  if (token.empty() || token.size() > 100) throw ValidationError("token", kBadVerificationToken);
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  const auto now = util::now();
  store::EmailLinkRepository links(*connection, store::LinkPurpose::email_verification);
  // Used up as it is read: of two requests with one link, one wins.
  const auto link = links.use(util::sha256_hex(token), now);
  if (!link) throw ValidationError("token", kBadVerificationToken);
  store::UserRepository users(*connection);
  auto user = users.find(link->user_id);
  if (!user) throw ValidationError("token", kBadVerificationToken);
  users.mark_verified(user->id, now);
  if (!user->verified_at) user->verified_at = now;
  links.use_all(user->id, now);
  auto result = open_session(*connection, *user, now);
  transaction.commit();
  return result;
}

AnswerNotBefore SessionService::resend_verification(const std::string& email, const std::string& client) {
  ValidationError::Fields errors;
  const std::string normalized = core::normalize_email(email, errors);
  if (!errors.empty()) throw ValidationError(std::move(errors));
  if (const int wait = m_verification_requests.take(client, util::now()); wait > 0) {
    throw RateLimited("Too many requests for verification links from your network; try again later.", wait);
  }
  const auto answer_at = std::chrono::steady_clock::now() + m_policy.sign_up_answer_time;
  std::optional<std::int64_t> job;
  if (verification_required()) {
    auto connection = m_db.connect();
    Transaction transaction(*connection, Transaction::Mode::write);
    const auto record = store::UserRepository(*connection).find_by_email(normalized);
    if (record && !record->user.verified_at) job = queue_verification(*connection, record->user, util::now());
    transaction.commit();
  }
  if (job) m_publisher.publish(*job);
  return answer_at;
}

LoginResult SessionService::open_session(store::Connection& connection, const core::User& user, core::Timestamp now) {
  LoginResult result;
  result.token = new_bearer_token();
  result.expires_at = now + m_policy.absolute_expiry;
  result.user = user;
  store::SessionRepository sessions(connection);
  sessions.remove_expired(now - m_policy.idle_expiry, now);
  sessions.insert(user.id, util::sha256_hex(result.token), now, result.expires_at);
  sessions.keep_recent_sessions(user.id, m_policy.max_sessions);
  return result;
}

LoginResult SessionService::login(const std::string& email, const std::string& password, const std::string& client) {
  ValidationError::Fields ignored;
  const std::string normalized = core::normalize_email(email, ignored);
  // Both limits are the client's own: others' failures never refuse it.
  const std::string pair = client + "\n" + normalized;
  const auto asked_at = util::now();
  const int wait =
      std::max(m_client_account_failures.retry_after(pair, asked_at), m_client_failures.retry_after(client, asked_at));
  if (wait > 0) throw RateLimited("Too many failed logins; try again later.", wait);
  const auto record_failure = [&] {
    const auto now = util::now();
    m_client_account_failures.record_failure(pair, now);
    m_client_failures.record_failure(client, now);
  };
  std::optional<store::UserRecord> record;
  {
    auto connection = m_db.connect();
    record = store::UserRepository(*connection).find_by_email(normalized);
  }
  if (!record) {
    try {
      util::burn_password_check(password);
    } catch (const util::HashingBusy&) {
      throw Busy("The server is busy; try again in a moment.");
    }
    record_failure();
    throw Unauthorized(kWrongLogin);
  }
  const bool password_matches = verify_or_busy(password, record->password_hash);
  // An unverified account answers exactly as a wrong password does, and counts
  // as a failure too: whoever signed it up with someone else's address learns
  // nothing from trying its password.
  const bool unverified = verification_required() && !record->user.verified_at;
  if (!password_matches || unverified) {
    record_failure();
    throw Unauthorized(kWrongLogin);
  }
  m_client_account_failures.reset(pair);

  const auto now = util::now();
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  if (!record->user.verified_at) {
    // Verification is off: an account left unverified from before is not kept waiting.
    store::UserRepository(*connection).mark_verified(record->user.id, now);
    record->user.verified_at = now;
  }
  auto result = open_session(*connection, record->user, now);
  transaction.commit();
  return result;
}

Caller SessionService::authenticate(const std::string& token) {
  if (!token.starts_with(kTokenPrefix) || token.size() > 100) throw Unauthorized("The token is not valid.");
  const auto now = util::now();
  auto connection = m_db.connect();
  store::SessionRepository sessions(*connection);
  const std::string token_hash = util::sha256_hex(token);
  auto found = sessions.find_by_token_hash(token_hash);
  if (!found) {
    if (sessions.revoked_reason(token_hash, now) == kRevokedByPasswordChange) {
      throw Unauthorized(
          "You were signed out because the password of the account was changed; log in with the new one.",
          std::string(kRevokedByPasswordChange));
    }
    throw Unauthorized("The token is not valid or has been revoked.");
  }
  const core::Session& session = found->session;
  const bool idle_too_long =
      session.kind == core::TokenKind::session && session.last_used_at + m_policy.idle_expiry <= now;
  if (session.expires_at <= now || idle_too_long) {
    sessions.remove(session.id);
    throw Unauthorized(session.kind == core::TokenKind::personal ? "The token has expired; create a new one."
                                                                 : "The session has expired; log in again.");
  }
  if (now - session.last_used_at >= kTouchInterval) {
    try {
      sessions.touch(session.id, now);
    } catch (const store::DatabaseBusy&) {
      // Bookkeeping for idle expiry, which the next request redoes: a read must
      // not fail because another process holds the write lock.
    }
  }
  return Caller{std::move(found->user), session.id, session.kind, session.scope};
}

void SessionService::logout(const Caller& caller) {
  auto connection = m_db.connect();
  store::SessionRepository(*connection).remove(caller.session_id);
}

std::vector<core::Session> SessionService::personal_tokens(const Caller& caller) {
  const auto now = util::now();
  auto connection = m_db.connect();
  return store::SessionRepository(*connection).list(caller.user.id, core::TokenKind::personal, now, now);
}

NewPersonalToken SessionService::create_personal_token(const Caller& caller, const std::string& name,
                                                       core::TokenScope scope) {
  ValidationError::Fields errors;
  const std::string normalized = core::normalize_name(name, errors);
  if (normalized.empty()) errors["name"] = "must not be empty";
  if (!errors.empty()) throw ValidationError(std::move(errors));

  const auto now = util::now();
  NewPersonalToken created;
  created.token = new_bearer_token();
  created.item.user_id = caller.user.id;
  created.item.kind = core::TokenKind::personal;
  created.item.name = normalized;
  created.item.scope = scope;
  created.item.created_at = created.item.last_used_at = now;
  created.item.expires_at = now + m_policy.personal_token_expiry;
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  store::SessionRepository sessions(*connection);
  if (sessions.count(caller.user.id, core::TokenKind::personal, now) >= m_policy.max_personal_tokens) {
    throw Conflict("conflict", "You have " + std::to_string(m_policy.max_personal_tokens) +
                                   " personal tokens already; revoke one first.");
  }
  created.item.id = sessions.insert(caller.user.id, util::sha256_hex(created.token), now, created.item.expires_at,
                                    core::TokenKind::personal, normalized, scope);
  transaction.commit();
  return created;
}

void SessionService::revoke_personal_token(const Caller& caller, core::SessionId id) {
  auto connection = m_db.connect();
  if (!store::SessionRepository(*connection).remove(caller.user.id, core::TokenKind::personal, id.value)) {
    throw NotFound("No such token.");
  }
}

std::vector<core::Session> SessionService::sessions(const Caller& caller) {
  const auto now = util::now();
  auto connection = m_db.connect();
  return store::SessionRepository(*connection)
      .list(caller.user.id, core::TokenKind::session, now - m_policy.idle_expiry, now);
}

void SessionService::end_session(const Caller& caller, core::SessionId id) {
  auto connection = m_db.connect();
  if (!store::SessionRepository(*connection).remove(caller.user.id, core::TokenKind::session, id.value)) {
    throw NotFound("No such session.");
  }
}

void SessionService::sign_out_other_sessions(const Caller& caller) {
  auto connection = m_db.connect();
  store::SessionRepository(*connection).remove_sessions_but(caller.user.id, caller.session_id);
}

}  // namespace qself::services
