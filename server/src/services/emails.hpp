#pragma once
// Every email qself sends — the reminder, the report, the password reset link
// and the notice of a changed password — rendered from the mustache templates
// in server/templates (plain text and HTML for each).

#include <chrono>
#include <string>
#include <vector>

#include "core/mail_schedule.hpp"
#include "core/model.hpp"

namespace qself::services {

struct TrackerStats;

struct EmailContent {
  std::string subject;
  std::string text;
  std::string html;
};

// Links append "/path" to `public_url`, which never ends with "/" (util::Config normalises it).

// The daily reminder of the trackers `due` on `local_date` ("YYYY-MM-DD").
EmailContent reminder_email(const core::User& user, const std::vector<core::DueTracker>& due,
                            const std::string& local_date, const std::string& public_url);

// `title` names the report ("Your qself report", "Your month: 2026-11").
EmailContent report_email(const core::User& user, const std::vector<TrackerStats>& stats, const std::string& title,
                          const std::string& public_url);

// The link that lets the user choose a new password; `link` holds the token.
EmailContent password_reset_email(const core::User& user, const std::string& link, std::chrono::seconds valid_for);

enum class PasswordChange { changed, reset };

// "Your qself password was changed", sent after a change or a reset at `when`.
EmailContent password_changed_email(const core::User& user, PasswordChange how, core::Timestamp when,
                                    const std::string& public_url);

}  // namespace qself::services
