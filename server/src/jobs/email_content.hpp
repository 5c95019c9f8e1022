#pragma once
// The emails qself sends, rendered from the mustache templates in
// server/templates (HTML and plain text for each).

#include <string>
#include <vector>

#include "core/model.hpp"
#include "services/services.hpp"

namespace qself::jobs {

struct EmailContent {
  std::string subject;
  std::string text;
  std::string html;
};

struct DueTracker {
  core::Tracker tracker;
  std::string period;  // "today", "this week", "this month"
};

// `public_url` never ends with "/" (util::Config normalises it): links append "/path".
EmailContent reminder_email(const core::User& user, const std::vector<DueTracker>& due, const std::string& local_date,
                            const std::string& public_url);

// `title` names the report ("Your report", "November 2026").
EmailContent report_email(const core::User& user, const std::vector<services::TrackerStats>& stats,
                          const std::string& title, const std::string& public_url);

}  // namespace qself::jobs
