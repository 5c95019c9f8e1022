#include "services/session_service.hpp"

#include <algorithm>

#include "core/account_rules.hpp"
#include "services/passwords.hpp"
#include "store/repositories.hpp"
#include "util/crypto.hpp"

namespace qself::services {
namespace {

using store::Transaction;

// A token is touched at most this often, so reads stay reads.
constexpr std::chrono::seconds kTouchInterval{60};
constexpr const char* kWrongLogin = "Wrong email or password.";

}  // namespace

core::User SessionService::register_user(Registration registration, const std::string& client) {
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

  const std::string hash = hash_or_busy(registration.password);
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  try {
    user = store::UserRepository(*connection).insert(user, hash, util::now());
  } catch (const store::UniqueViolation&) {
    throw Conflict("conflict", "An account with this email already exists.", {{"email", "is already registered"}});
  }
  transaction.commit();
  return user;
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
  if (!verify_or_busy(password, record->password_hash)) {
    record_failure();
    throw Unauthorized(kWrongLogin);
  }
  m_client_account_failures.reset(pair);

  const auto now = util::now();
  LoginResult result;
  result.token = new_bearer_token();
  result.expires_at = now + m_policy.absolute_expiry;
  result.user = record->user;
  auto connection = m_db.connect();
  Transaction transaction(*connection, Transaction::Mode::write);
  store::SessionRepository sessions(*connection);
  sessions.remove_expired(now - m_policy.idle_expiry, now);
  sessions.insert(record->user.id, util::sha256_hex(result.token), now, result.expires_at);
  transaction.commit();
  return result;
}

Caller SessionService::authenticate(const std::string& token) {
  if (!token.starts_with(kTokenPrefix) || token.size() > 100) throw Unauthorized("The token is not valid.");
  const auto now = util::now();
  auto connection = m_db.connect();
  store::SessionRepository sessions(*connection);
  const std::string token_hash = util::sha256_hex(token);
  const auto session = sessions.find_by_token_hash(token_hash);
  if (!session) {
    if (sessions.revoked_reason(token_hash, now) == kRevokedByPasswordChange) {
      throw Unauthorized(
          "You were signed out because the password of the account was changed; log in with the new one.",
          std::string(kRevokedByPasswordChange));
    }
    throw Unauthorized("The token is not valid or has been revoked.");
  }
  const bool idle_too_long =
      session->kind == core::TokenKind::session && session->last_used_at + m_policy.idle_expiry <= now;
  if (session->expires_at <= now || idle_too_long) {
    sessions.remove(session->id);
    throw Unauthorized(session->kind == core::TokenKind::personal ? "The token has expired; create a new one."
                                                                  : "The session has expired; log in again.");
  }
  auto user = store::UserRepository(*connection).find(session->user_id);
  if (!user) throw Unauthorized("The token is not valid or has been revoked.");
  if (now - session->last_used_at >= kTouchInterval) {
    try {
      sessions.touch(session->id, now);
    } catch (const store::DatabaseBusy&) {
      // Bookkeeping for idle expiry, which the next request redoes: a read must
      // not fail because another process holds the write lock.
    }
  }
  return Caller{std::move(*user), session->id, session->kind, session->scope};
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
