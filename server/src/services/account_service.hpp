#pragma once
// The account lifecycle beyond logging in: changing and resetting the
// password, personal API tokens, and the list of signed-in sessions.
//
// Revocation is immediate: AuthService::authenticate reads the sessions table
// on every request, so a deleted row is a refused token on the very next one.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "services/emails.hpp"
#include "services/services.hpp"

namespace qself::services {

// A personal token as created: the token is shown this once, never again.
struct NewPersonalToken {
  std::string token;
  store::SessionRecord item;
};

class AccountService {
 public:
  // `public_url` is where the web app is reached (the links in emails), without a trailing "/" (see Config).
  AccountService(store::Database& db, JobPublisher& publisher, std::string public_url, AuthPolicy policy = {});

  // Checks the current password, sets the new one (8–128 characters, not the
  // current one), signs out every other session and every personal token (the
  // caller's own stays), cancels outstanding reset links and emails a notice.
  // Throws ValidationError (current_password, new_password), RateLimited
  // after repeated wrong current passwords, Busy.
  void change_password(const Caller& caller, const std::string& current_password, const std::string& new_password);

  // Emails a single-use reset link when `email` is an account's and its hourly
  // limits allow; otherwise does nothing. Returns after the same minimum time
  // either way, and never says which happened. Throws ValidationError (email)
  // only for text that is not an email address.
  void request_password_reset(const std::string& email);

  // Sets the new password with a link's token, uses the token up, signs out
  // every session and personal token of the account and emails a notice.
  // Throws ValidationError (token: unknown, used or expired; new_password), Busy.
  void confirm_password_reset(const std::string& token, const std::string& new_password);

  // Personal API tokens: valid until expires_at however long unused.
  std::vector<store::SessionRecord> personal_tokens(const Caller& caller);
  // Throws ValidationError (name: 1–100 characters), Conflict when the user
  // has max_personal_tokens already.
  NewPersonalToken create_personal_token(const Caller& caller, const std::string& name);
  // Throws NotFound unless `id` is one of the caller's personal tokens.
  void revoke_personal_token(const Caller& caller, std::int64_t id);

  // Login sessions still valid, newest first.
  std::vector<store::SessionRecord> sessions(const Caller& caller);
  // Throws NotFound unless `id` is one of the caller's sessions.
  void end_session(const Caller& caller, std::int64_t id);
  // Every login session of the caller but the one making the request.
  void sign_out_other_sessions(const Caller& caller);

 private:
  store::Database& m_db;
  JobPublisher& m_publisher;
  std::string m_public_url;
  AuthPolicy m_policy;
  AttemptLimiter m_wrong_passwords;  // wrong current passwords, per user
};

}  // namespace qself::services
