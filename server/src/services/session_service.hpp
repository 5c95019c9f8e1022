#pragma once
// Signing up, in and out, and the sessions and personal API tokens a user has.
//
// Revocation is immediate: authenticate reads the sessions table on every
// request, so a deleted row is a refused token on the very next one.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "services/auth_policy.hpp"
#include "services/throttle.hpp"
#include "store/database.hpp"

namespace qself::services {

struct Registration {
  std::string email;
  std::string password;
  std::string name;
  std::string timezone = "UTC";
};

struct LoginResult {
  std::string token;  // shown once; only its hash is stored
  core::Timestamp expires_at;
  core::User user;
};

// A personal token as created: the token is shown this once, never again.
struct NewPersonalToken {
  std::string token;
  core::Session item;
};

class SessionService {
 public:
  SessionService(store::Database& db, AuthPolicy policy)
      : m_db(db),
        m_policy(policy),
        m_client_account_failures(policy.login_failures_per_client_and_account),
        m_client_failures(policy.login_failures_per_client),
        m_registrations(policy.max_registrations_per_client, std::chrono::hours{1}) {}

  // `client` is the address of the client asking (abuse limits are per client
  // address, see AuthPolicy).
  // Throws ValidationError (email, password, name, timezone), Conflict (email
  // taken), RateLimited after too many registrations from `client`.
  core::User register_user(Registration registration, const std::string& client);
  // Throws Unauthorized, the same for an unknown email and a wrong password;
  // RateLimited after too many failures from `client` for this email, or from
  // `client` over all emails. Never because of other clients' failures.
  LoginResult login(const std::string& email, const std::string& password, const std::string& client);
  // Accepts session tokens and personal API tokens. Throws Unauthorized for an
  // unknown, expired or revoked token.
  Caller authenticate(const std::string& token);
  void logout(const Caller& caller);

  // Login sessions still valid, newest first.
  std::vector<core::Session> sessions(const Caller& caller);
  // Throws NotFound unless `id` is one of the caller's sessions.
  void end_session(const Caller& caller, core::SessionId id);
  // Every login session of the caller but the one making the request.
  void sign_out_other_sessions(const Caller& caller);

  // Personal API tokens: valid until expires_at however long unused.
  std::vector<core::Session> personal_tokens(const Caller& caller);
  // Throws ValidationError (name: 1–100 characters), Conflict when the user
  // has max_personal_tokens already.
  NewPersonalToken create_personal_token(const Caller& caller, const std::string& name,
                                         core::TokenScope scope = core::TokenScope::write);
  // Throws NotFound unless `id` is one of the caller's personal tokens.
  void revoke_personal_token(const Caller& caller, core::SessionId id);

 private:
  store::Database& m_db;
  AuthPolicy m_policy;
  FailureThrottle m_client_account_failures;  // failed logins per client address and email
  FailureThrottle m_client_failures;          // failed logins per client address
  RequestCounter m_registrations;             // registrations per client address
};

}  // namespace qself::services
