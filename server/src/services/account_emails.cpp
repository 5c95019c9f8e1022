#include "services/account_emails.hpp"

#include <mstch/mstch.hpp>

#include "core/periods.hpp"

namespace qself::embedded {
extern const std::string_view template_password_reset_html_mustache;
extern const std::string_view template_password_reset_txt_mustache;
extern const std::string_view template_password_changed_html_mustache;
extern const std::string_view template_password_changed_txt_mustache;
}  // namespace qself::embedded

namespace qself::services {
namespace {

std::string duration_words(std::chrono::seconds span) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(span).count();
  if (minutes % 60 == 0) {
    const auto hours = minutes / 60;
    return hours == 1 ? "one hour" : std::to_string(hours) + " hours";
  }
  return minutes == 1 ? "one minute" : std::to_string(minutes) + " minutes";
}

// "2026-11-28 08:15" in the user's time zone.
std::string local_time(const core::User& user, core::Timestamp when) {
  const core::Calendar calendar(user.timezone);
  const std::string text = util::format_rfc3339(when, calendar.offset_minutes(when));
  return text.substr(0, 10) + " " + text.substr(11, 5);
}

}  // namespace

AccountEmail password_reset_email(const core::User& user, const std::string& link, std::chrono::seconds valid_for) {
  const mstch::map context{{"name", user.name}, {"link", link}, {"valid_for", duration_words(valid_for)}};
  return AccountEmail{"Reset your qself password",
                      mstch::render(std::string(embedded::template_password_reset_txt_mustache), context),
                      mstch::render(std::string(embedded::template_password_reset_html_mustache), context)};
}

AccountEmail password_changed_email(const core::User& user, PasswordChange how, core::Timestamp when,
                                    const std::string& public_url) {
  const bool reset = how == PasswordChange::reset;
  const mstch::map context{
      {"name", user.name},
      {"how", std::string(reset ? "reset with a link sent to this address" : "changed from the account settings")},
      {"when", local_time(user, when)},
      {"zone", user.timezone},
      {"signed_out", std::string(reset ? "Every session and personal API token of the account was signed out."
                                       : "Every other session and every personal API token was signed out.")},
      {"reset_url", public_url + "/reset-password"}};
  return AccountEmail{"Your qself password was changed",
                      mstch::render(std::string(embedded::template_password_changed_txt_mustache), context),
                      mstch::render(std::string(embedded::template_password_changed_html_mustache), context)};
}

}  // namespace qself::services
