#include "jobs/email_content.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mstch/mstch.hpp>

#include "core/periods.hpp"
#include "core/values.hpp"

namespace qself::embedded {
extern const std::string_view template_reminder_html_mustache;
extern const std::string_view template_reminder_txt_mustache;
extern const std::string_view template_report_html_mustache;
extern const std::string_view template_report_txt_mustache;
}  // namespace qself::embedded

namespace qself::jobs {
namespace {

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

mstch::array summary_cells(const services::TrackerStats& stats) {
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

mstch::map tracker_section(const services::TrackerStats& stats, const core::Calendar& calendar) {
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
                                 {"bar_color", tracker.color.empty() ? std::string("#6366f1") : tracker.color}});
  }
  return mstch::map{{"name", tracker.name},
                    {"icon", tracker.icon},
                    {"color", tracker.color.empty() ? std::string("#6366f1") : tracker.color},
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
  return EmailContent{subject, mstch::render(std::string(embedded::template_reminder_txt_mustache), context),
                      mstch::render(std::string(embedded::template_reminder_html_mustache), context)};
}

EmailContent report_email(const core::User& user, const std::vector<services::TrackerStats>& stats,
                          const std::string& title, const std::string& public_url) {
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
  return EmailContent{"qself: " + title, mstch::render(std::string(embedded::template_report_txt_mustache), context),
                      mstch::render(std::string(embedded::template_report_html_mustache), context)};
}

}  // namespace qself::jobs
