#pragma once
// The emails of the account lifecycle, rendered from the mustache templates in
// server/templates (HTML and plain text for each).

#include <chrono>
#include <string>

#include "core/model.hpp"

namespace qself::services {

struct AccountEmail {
  std::string subject;
  std::string text;
  std::string html;
};

// The link that lets the user choose a new password; `link` holds the token.
AccountEmail password_reset_email(const core::User& user, const std::string& link, std::chrono::seconds valid_for);

enum class PasswordChange { changed, reset };

// "Your qself password was changed", sent after a change or a reset at `when`.
AccountEmail password_changed_email(const core::User& user, PasswordChange how, core::Timestamp when,
                                    const std::string& public_url);

}  // namespace qself::services
