#include "services/emails.hpp"

#include <algorithm>
#include <cmath>
#include <mstch/mstch.hpp>

#include "core/palette.hpp"
#include "core/periods.hpp"
#include "core/values.hpp"
#include "services/stats_service.hpp"

namespace qself::embedded {
extern const std::string_view template_reminder_html_mustache;
extern const std::string_view template_reminder_txt_mustache;
extern const std::string_view template_report_html_mustache;
extern const std::string_view template_report_txt_mustache;
extern const std::string_view template_password_reset_html_mustache;
extern const std::string_view template_password_reset_txt_mustache;
extern const std::string_view template_password_changed_html_mustache;
extern const std::string_view template_password_changed_txt_mustache;
}  // namespace qself::embedded

namespace qself::services {
namespace {

// Every email: its subject, and both bodies rendered from one context.
EmailContent render(std::string subject, std::string_view text_template, std::string_view html_template,
                    const mstch::map& context) {
  return EmailContent{std::move(subject), mstch::render(std::string(text_template), context),
                      mstch::render(std::string(html_template), context)};
}

// A number in the tracker's own terms: h:mm for durations, its decimals otherwise.
std::string show(const core::Tracker& tracker, std::optional<double> value, int decimals = 2) {
  if (!value) return "—";
  if (tracker.type == core::TrackerType::duration) {
    return core::describe_value(tracker, core::StoredValue{std::round(*value), {}});
  }
  const int places =
      tracker.type == core::TrackerType::numeric ? std::max(tracker.options.decimals, decimals == 0 ? 0 : 1) : decimals;
  std::string text = core::format_number(*value, places);
  if (!tracker.unit.empty() && tracker.type == core::TrackerType::numeric) text += " " + tracker.unit;
  return text;
}

std::string period_heading(core::Frequency bucket) {
  switch (bucket) {
    case core::Frequency::hourly:
      return "Hour";
    case core::Frequency::daily:
      return "Day";
    case core::Frequency::weekly:
      return "Week of";
    case core::Frequency::monthly:
      return "Month";
  }
  return "Period";
}

std::string period_label(const core::Calendar& calendar, core::Timestamp start, core::Frequency bucket) {
  const std::string local = util::format_rfc3339(start, calendar.offset_minutes(start));
  if (bucket == core::Frequency::monthly) return local.substr(0, 7);
  if (bucket == core::Frequency::hourly) return local.substr(0, 10) + " " + local.substr(11, 5);
  return local.substr(0, 10);
}

mstch::array summary_cells(const TrackerStats& stats) {
  const auto& tracker = stats.tracker;
  const auto& s = stats.summary;
  const bool numeric = tracker.type != core::TrackerType::choice && tracker.type != core::TrackerType::text &&
                       tracker.type != core::TrackerType::boolean;
  mstch::array cells{mstch::map{{"label", std::string("Logs")}, {"value", std::to_string(s.count)}}};
  if (numeric) {
    cells.push_back(mstch::map{{"label", std::string("Mean")}, {"value", show(tracker, s.mean)}});
    cells.push_back(mstch::map{{"label", std::string("Min")}, {"value", show(tracker, s.min)}});
    cells.push_back(mstch::map{{"label", std::string("Max")}, {"value", show(tracker, s.max)}});
    if (tracker.type != core::TrackerType::rating) {
      cells.push_back(mstch::map{{"label", std::string("Total")}, {"value", show(tracker, s.sum)}});
    }
  }
  if (tracker.type == core::TrackerType::boolean) {
    cells.push_back(mstch::map{{"label", std::string("Yes")}, {"value", core::format_number(s.sum.value_or(0), 0)}});
  }
  cells.push_back(mstch::map{{"label", std::string("Best streak")}, {"value", std::to_string(stats.streaks.best)}});
  if (stats.target_hit_rate) {
    cells.push_back(mstch::map{{"label", std::string("Target met")},
                               {"value", core::format_number(*stats.target_hit_rate * 100, 0) + "%"}});
  }
  return cells;
}

// A tracker without a colour is drawn in the palette's first, as in the web app.
const std::string& color_of(const core::Tracker& tracker) {
  return tracker.color.empty() ? core::palette_color(0) : tracker.color;
}

mstch::map tracker_section(const TrackerStats& stats, const core::Calendar& calendar) {
  const auto& tracker = stats.tracker;
  double largest = 0;
  for (const auto& period : stats.series) largest = std::max(largest, core::period_value(tracker, period).value_or(0));
  mstch::array periods;
  for (const auto& period : stats.series) {
    const auto value = core::period_value(tracker, period);
    const int bar = largest > 0 ? static_cast<int>(std::round(std::max(0.0, value.value_or(0)) / largest * 100)) : 0;
    const bool whole = tracker.type == core::TrackerType::choice || tracker.type == core::TrackerType::text ||
                       tracker.type == core::TrackerType::boolean;
    periods.push_back(mstch::map{{"label", period_label(calendar, period.period.start, stats.bucket)},
                                 {"count", std::to_string(period.count)},
                                 {"value", whole ? core::format_number(value.value_or(0), 0) : show(tracker, value)},
                                 {"bar", std::to_string(std::max(bar, value.value_or(0) > 0 ? 2 : 0))},
                                 {"bar_color", color_of(tracker)}});
  }
  return mstch::map{{"name", tracker.name},
                    {"icon", tracker.icon},
                    {"color", color_of(tracker)},
                    {"summary", summary_cells(stats)},
                    {"period_heading", period_heading(stats.bucket)},
                    {"has_periods", !stats.series.empty()},
                    {"periods", std::move(periods)}};
}

std::string period_word(core::Frequency frequency) {
  switch (frequency) {
    case core::Frequency::weekly:
      return "this week";
    case core::Frequency::monthly:
      return "this month";
    default:
      return "today";
  }
}

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

EmailContent reminder_email(const core::User& user, const std::vector<core::DueTracker>& due,
                            const std::string& local_date, const std::string& public_url) {
  const std::string& base = public_url;
  mstch::array trackers;
  std::vector<std::string> names;
  for (const auto& item : due) {
    trackers.push_back(mstch::map{{"name", item.tracker.name},
                                  {"icon", item.tracker.icon},
                                  {"period", period_word(item.period)},
                                  {"url", base + "/trackers/" + std::to_string(item.tracker.id)}});
    names.push_back(item.tracker.name);
  }
  const mstch::map context{
      {"name", user.name},
      {"date", local_date},
      {"count_text", due.size() == 1 ? std::string("1 tracker is") : std::to_string(due.size()) + " trackers are"},
      {"trackers", std::move(trackers)},
      {"app_url", base + "/"},
      {"settings_url", base + "/settings"}};
  std::string subject = "Time to log: ";
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) subject += (i ? ", " : "") + names[i];
  if (names.size() > 3) subject += " and " + std::to_string(names.size() - 3) + " more";
  return render(subject, embedded::template_reminder_txt_mustache, embedded::template_reminder_html_mustache, context);
}

EmailContent report_email(const core::User& user, const std::vector<TrackerStats>& stats, const std::string& title,
                          const std::string& public_url) {
  const core::Calendar calendar(user.timezone);
  mstch::array sections;
  std::string range;
  for (const auto& item : stats) {
    sections.push_back(tracker_section(item, calendar));
    if (range.empty()) {
      range = period_label(calendar, item.from, core::Frequency::daily) + " to " +
              period_label(calendar, item.to - std::chrono::seconds{1}, core::Frequency::daily);
    }
  }
  const mstch::map context{
      {"title", title}, {"range", range}, {"trackers", std::move(sections)}, {"app_url", public_url + "/"}};
  return render("qself: " + title, embedded::template_report_txt_mustache, embedded::template_report_html_mustache,
                context);
}

EmailContent password_reset_email(const core::User& user, const std::string& link, std::chrono::seconds valid_for) {
  const mstch::map context{{"name", user.name}, {"link", link}, {"valid_for", duration_words(valid_for)}};
  return render("Reset your qself password", embedded::template_password_reset_txt_mustache,
                embedded::template_password_reset_html_mustache, context);
}

EmailContent password_changed_email(const core::User& user, PasswordChange how, core::Timestamp when,
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
  return render("Your qself password was changed", embedded::template_password_changed_txt_mustache,
                embedded::template_password_changed_html_mustache, context);
}

}  // namespace qself::services
