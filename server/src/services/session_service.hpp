#pragma once
// Signing up, in and out, and the sessions and personal API tokens a user has.
//
// Revocation is immediate: authenticate reads the sessions table on every
// request, so a deleted row is a refused token on the very next one.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "services/auth_policy.hpp"
#include "services/job_publisher.hpp"
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

// What a sign-up answers: the new user when verification is off, else
// nothing, and when the answer may leave.
struct SignUp {
  std::optional<core::User> user;
  AnswerNotBefore answer_at{};
};

class SessionService {
 public:
  // `public_url` is where the web app is reached (the links in emails), without a trailing "/".
  SessionService(store::Database& db, JobPublisher& publisher, std::string public_url, AuthPolicy policy);

  // Whether new accounts must confirm their address (AuthPolicy::email_verification).
  bool verification_required() const { return m_policy.email_verification == util::EmailVerification::required; }

  // `client` is the address of the client asking (abuse limits are per client
  // address, see AuthPolicy).
  // With verification required, answers nothing and never says whether the
  // address was taken: a new one gets an unverified account and a link by
  // email; a verified account's owner gets a notice (at most one a day) and
  // nothing changes; an unverified account takes the new password, name and
  // zone and gets a new link (within the hourly limit). The password is hashed
  // and the answer leaves no sooner than sign_up_answer_time either way.
  // With verification off, answers the new (verified) user, or throws Conflict
  // when the address is taken.
  // Throws ValidationError (email, password, name, timezone), RateLimited after
  // too many registrations from `client`, Busy.
  SignUp register_user(Registration registration, const std::string& client);
  // Opens a verification link: marks its account verified and signs it in.
  // Throws ValidationError (token: unknown, used or expired).
  LoginResult verify_email(const std::string& token);
  // Emails a new verification link when `email` is an unverified account's and
  // its hourly limit allows; otherwise does nothing, and never says which.
  // Throws ValidationError (email) for text that is not an address,
  // RateLimited after too many requests from `client`.
  AnswerNotBefore resend_verification(const std::string& email, const std::string& client);
  // Throws Unauthorized, the same for an unknown email, a wrong password and
  // (verification required) an account not yet verified; RateLimited after too
  // many failures from `client` for this email, or from `client` over all
  // emails. Never because of other clients' failures.
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
  // Creates a login session for `user` in the caller's transaction.
  LoginResult open_session(store::Connection& connection, const core::User& user, core::Timestamp now);
  // Queues a new verification link for `user` unless the hourly limit is
  // reached; answers the job to publish after the commit.
  std::optional<std::int64_t> queue_verification(store::Connection& connection, const core::User& user,
                                                 core::Timestamp now);

  store::Database& m_db;
  JobPublisher& m_publisher;
  std::string m_public_url;
  AuthPolicy m_policy;
  FailureThrottle m_client_account_failures;  // failed logins per client address and email
  FailureThrottle m_client_failures;          // failed logins per client address
  RequestCounter m_registrations;             // registrations per client address
  RequestCounter m_verification_requests;     // "send the link again" per client address
};

}  // namespace qself::services
