#pragma once
// What every account service shares: the limits on signing in, sessions,
// tokens and reset links, and who is asking.

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/model.hpp"

namespace qself::services {

struct AuthPolicy {
  std::chrono::seconds idle_expiry{std::chrono::hours{24 * 30}};
  std::chrono::seconds absolute_expiry{std::chrono::hours{24 * 90}};
  int max_failed_logins = 10;  // per email and window, then 429
  std::chrono::seconds failed_login_window{std::chrono::minutes{15}};
  // Personal API tokens have no idle expiry, only this one.
  std::chrono::seconds personal_token_expiry{std::chrono::hours{24 * 365}};
  int max_personal_tokens = 50;  // per user
  // Password reset links: how long one works, and how many are emailed an
  // hour, per account and in all (beyond that the request is answered the
  // same, and nothing is sent).
  std::chrono::seconds password_reset_expiry{std::chrono::hours{1}};
  int max_password_resets_per_account = 5;
  int max_password_resets_total = 200;
  // A reset request is answered no sooner than this, whether the address is
  // known or not, so that timing does not tell which.
  std::chrono::milliseconds password_reset_answer_time{300};
};

// Why a token stopped working, as its holder's next request is told (the 401's
// `reason`): its account's password was changed or reset.
constexpr std::string_view kRevokedByPasswordChange = "password_changed";

// Who is asking: the user and the session (or personal token) their token is.
struct Caller {
  core::User user;
  std::int64_t session_id = 0;
  core::TokenKind kind = core::TokenKind::session;   // a login session, or a personal API token
  core::TokenScope scope = core::TokenScope::write;  // a personal token's: read only, or write
};

}  // namespace qself::services
