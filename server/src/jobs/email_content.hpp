#pragma once
// The emails qself sends, rendered from the mustache templates in
// server/templates (HTML and plain text for each).

#include <string>
#include <vector>

#include "core/mail_schedule.hpp"
#include "core/model.hpp"
#include "services/services.hpp"

namespace qself::jobs {

struct EmailContent {
  std::string subject;
  std::string text;
  std::string html;
};

// `public_url` never ends with "/" (util::Config normalises it): links append "/path".
EmailContent reminder_email(const core::User& user, const std::vector<core::DueTracker>& due,
                            const std::string& local_date, const std::string& public_url);

// `title` names the report ("Your report", "November 2026").
EmailContent report_email(const core::User& user, const std::vector<services::TrackerStats>& stats,
                          const std::string& title, const std::string& public_url);

}  // namespace qself::jobs
