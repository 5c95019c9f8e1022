#pragma once
// Changing a password, and resetting a forgotten one by an emailed link.

#include <string>

#include "services/auth_policy.hpp"
#include "services/job_publisher.hpp"
#include "services/throttle.hpp"
#include "store/database.hpp"

namespace qself::services {

class PasswordService {
 public:
  // `public_url` is where the web app is reached (the links in emails), without a trailing "/" (see Config).
  PasswordService(store::Database& db, JobPublisher& publisher, std::string public_url, AuthPolicy policy = {});

  // Checks the current password, sets the new one (8–128 characters, not the
  // current one), signs out every other session and every personal token (the
  // caller's own stays), cancels outstanding reset links and emails a notice.
  // Throws ValidationError (current_password, new_password), RateLimited
  // after repeated wrong current passwords, Busy.
  void change_password(const Caller& caller, const std::string& current_password, const std::string& new_password);

  // Asks for the password again before an action that cannot be undone
  // (deleting the account). Throws ValidationError under `field` when it is
  // not the caller's password, RateLimited after repeated wrong ones (the same
  // count as change_password's), Busy.
  void confirm_password(const Caller& caller, const std::string& password, const std::string& field);

  // Emails a single-use reset link when `email` is an account's and its hourly
  // limit allows; otherwise does nothing. Answers the same moment to reply at
  // either way, and never says which happened. Throws ValidationError (email)
  // only for text that is not an email address, RateLimited when `client`
  // (the client's address) has made too many requests this hour.
  AnswerNotBefore request_password_reset(const std::string& email, const std::string& client);

  // Sets the new password with a link's token, uses the token up, signs out
  // every session and personal token of the account and emails a notice.
  // Throws ValidationError (token: unknown, used or expired; new_password), Busy.
  void confirm_password_reset(const std::string& token, const std::string& new_password);

 private:
  // Whether `password` is the caller's, counting a wrong one towards the limit.
  bool password_matches(const Caller& caller, const std::string& password);

  store::Database& m_db;
  JobPublisher& m_publisher;
  std::string m_public_url;
  AuthPolicy m_policy;
  AttemptLimiter m_wrong_passwords;  // wrong current passwords, per user
  RequestCounter m_reset_requests;   // reset requests, per client address
};

}  // namespace qself::services
