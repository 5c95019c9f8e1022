#pragma once
// What every account service shares: the limits on signing in, sessions,
// tokens and reset links, and who is asking.

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/model.hpp"
#include "services/throttle.hpp"
#include "util/config.hpp"

namespace qself::services {

// The earliest moment an answer may leave, for the few answers whose timing
// must not tell what happened (sign-up, a reset or verification link). The
// front holds the answer back with a timer, so no thread waits for it.
using AnswerNotBefore = std::chrono::steady_clock::time_point;

struct AuthPolicy {
  std::chrono::seconds idle_expiry{std::chrono::hours{24 * 30}};
  std::chrono::seconds absolute_expiry{std::chrono::hours{24 * 90}};
  // Failed logins slow down the client address that makes them, never the
  // account: one that has not been failing logs in whoever attacks it. Per
  // client address and account (email): 5 failures cost nothing, then each
  // further attempt waits 1 s, 2 s, 4 s... at most 15 minutes (429 with
  // Retry-After), until a success or an hour without failures.
  DelayRule login_failures_per_client_and_account{5, std::chrono::seconds{1}, std::chrono::minutes{15},
                                                  std::chrono::hours{1}};
  // Per client address over all accounts: 30 failures cost nothing, then the
  // same growing waits, until 10 minutes without failures (a success for one
  // account does not clear it).
  DelayRule login_failures_per_client{30, std::chrono::seconds{1}, std::chrono::minutes{15}, std::chrono::minutes{10}};
  // Registrations per client address and hour, then 429 with Retry-After.
  int max_registrations_per_client = 10;
  // Wrong current passwords when a signed-in user changes the password or
  // deletes the account, per account and window, then 429: only the token's
  // holder can make them.
  int max_wrong_passwords = 10;
  std::chrono::seconds wrong_password_window{std::chrono::minutes{15}};
  // Personal API tokens have no idle expiry, only this one.
  std::chrono::seconds personal_token_expiry{std::chrono::hours{24 * 365}};
  int max_personal_tokens = 50;  // per user
  // Login sessions per user: a new one signs out the least recently used
  // beyond it (a device not seen for longest), so logging in again and again
  // cannot grow the table.
  int max_sessions = 100;
  // Password reset links: how long one works, and how many are emailed per
  // account and hour (beyond that the request is answered the same, and
  // nothing is sent). There is no cap over all accounts, which anyone could
  // use up: requests are limited per client address and hour instead (then 429).
  std::chrono::seconds password_reset_expiry{std::chrono::hours{1}};
  int max_password_resets_per_account = 3;
  int max_password_reset_requests_per_client = 10;
  // A reset request is answered no sooner than this, whether the address is
  // known or not, so that timing does not tell which.
  std::chrono::milliseconds password_reset_answer_time{300};
  // Email verification of new accounts (docs/security.md, "Enumeration").
  // With it required, sign-up answers the same for a new and a taken address:
  // the new one gets a link, the taken one's owner a notice.
  util::EmailVerification email_verification = util::EmailVerification::required;
  // A verification link works once, for this long; at most this many are
  // emailed per account and hour (sign-ups again and "send it again" count).
  std::chrono::seconds verification_link_expiry{std::chrono::hours{24}};
  int max_verification_emails_per_account = 3;
  // "Send the link again" requests per client address and hour, then 429.
  int max_verification_requests_per_client = 10;
  // At most one "someone tried to sign up with your address" notice per
  // account in this window: the form cannot be used to flood an inbox.
  std::chrono::seconds account_exists_notice_window{std::chrono::hours{24}};
  // Sign-up and "send the link again" are answered no sooner than this after
  // they arrive, whatever the address, so that timing does not tell which.
  std::chrono::milliseconds sign_up_answer_time{500};
  // An account not verified within this is removed by the scheduler.
  std::chrono::seconds unverified_account_lifetime{std::chrono::hours{24 * 7}};
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
