#include "services/emails.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <mstch/mstch.hpp>
#include <string_view>

#include "core/palette.hpp"
#include "core/periods.hpp"
#include "core/units.hpp"
#include "core/validation.hpp"
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
extern const std::string_view template_email_verification_html_mustache;
extern const std::string_view template_email_verification_txt_mustache;
extern const std::string_view template_account_exists_html_mustache;
extern const std::string_view template_account_exists_txt_mustache;
}  // namespace qself::embedded

namespace qself::services {
namespace {

// Every email: its subject, and both bodies rendered from one context. The
// subject is made one line: a tracker named before names were held to one
// line ("Water\nBcc: …") must neither inject a header nor stop the email.
EmailContent render(const std::string& subject, std::string_view text_template, std::string_view html_template,
                    const mstch::map& context) {
  return EmailContent{core::one_line(subject), mstch::render(std::string(text_template), context),
                      mstch::render(std::string(html_template), context)};
}

// ---- The report -----------------------------------------------------------

constexpr std::array<std::string_view, 12> kMonths = {"January",   "February", "March",    "April",
                                                      "May",       "June",     "July",     "August",
                                                      "September", "October",  "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::string_view month_name(const date::year_month_day& day) { return kMonths[unsigned(day.month()) - 1]; }
std::string short_month(const date::year_month_day& day) { return std::string(month_name(day).substr(0, 3)); }
std::string day_number(const date::year_month_day& day) { return std::to_string(unsigned(day.day())); }
std::string year_number(const date::year_month_day& day) { return std::to_string(int(day.year())); }

// The local day of `t`, and the last local day of [from, to): `to` is exclusive.
date::year_month_day local_day(const core::Calendar& calendar, core::Timestamp t) { return calendar.wall_clock(t).day; }
date::year_month_day last_day(const core::Calendar& calendar, core::Timestamp to) {
  return local_day(calendar, to - std::chrono::seconds{1});
}

// "Mon 2 Nov", or "Mon 2 Nov 2026" in a report that spans two years.
std::string day_label(const date::year_month_day& day, bool with_year) {
  std::string text = std::string(kWeekdays[date::weekday(date::sys_days(day)).c_encoding()]) + " " + day_number(day) +
                     " " + short_month(day);
  return with_year ? text + " " + year_number(day) : text;
}

// Days as people write them: "1–30 November 2026", "28 November – 4 December
// 2026", "29 December 2026 – 4 January 2027".
std::string human_days(const date::year_month_day& first, const date::year_month_day& last) {
  const std::string month = std::string(month_name(last)) + " " + year_number(last);
  if (first == last) return day_number(last) + " " + month;
  if (first.year() != last.year()) {
    return day_number(first) + " " + std::string(month_name(first)) + " " + year_number(first) + " – " +
           day_number(last) + " " + month;
  }
  if (first.month() != last.month()) {
    return day_number(first) + " " + std::string(month_name(first)) + " – " + day_number(last) + " " + month;
  }
  return day_number(first) + "–" + day_number(last) + " " + month;
}

// A week as a table row names it: "2–8 Nov", "30 Nov – 6 Dec".
std::string week_label(const date::year_month_day& first, const date::year_month_day& last) {
  if (first.month() == last.month()) return day_number(first) + "–" + day_number(last) + " " + short_month(last);
  return day_number(first) + " " + short_month(first) + " – " + day_number(last) + " " + short_month(last);
}

std::string period_heading(core::Frequency bucket) {
  switch (bucket) {
    case core::Frequency::hourly:
      return "Hour";
    case core::Frequency::daily:
      return "Day";
    case core::Frequency::weekly:
      return "Week";
    case core::Frequency::monthly:
      return "Month";
  }
  return "Period";
}

// "per day", for the plain text's heading of the periods.
std::string per_period(core::Frequency bucket) {
  std::string word = period_heading(bucket);
  word[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
  return "per " + word;
}

std::string period_label(const core::Calendar& calendar, const core::Period& period, core::Frequency bucket,
                         bool with_year) {
  const auto first = local_day(calendar, period.start);
  switch (bucket) {
    case core::Frequency::hourly: {
      const auto hour = std::chrono::duration_cast<std::chrono::hours>(calendar.wall_clock(period.start).time_of_day);
      return day_label(first, with_year) + " " + (hour.count() < 10 ? "0" : "") + std::to_string(hour.count()) + ":00";
    }
    case core::Frequency::daily:
      return day_label(first, with_year);
    case core::Frequency::weekly:
      return week_label(first, last_day(calendar, period.end));
    case core::Frequency::monthly:
      return short_month(first) + " " + year_number(first);
  }
  return day_label(first, with_year);
}

// The heading of the column of period values: what core::period_value gives
// for this tracker, the goal's aggregate.
std::string value_heading(const core::Tracker& tracker) {
  switch (core::goal_aggregate(tracker)) {
    case core::Aggregate::sum:
      return tracker.type == core::TrackerType::boolean ? "Yes" : "Total";
    case core::Aggregate::count:
      return "Logs";
    case core::Aggregate::average:
      return "Average";
    case core::Aggregate::last:
      return "Latest";
    case core::Aggregate::min:
      return "Lowest";
    case core::Aggregate::max:
      return "Highest";
  }
  return "Total";
}

bool has_distribution(const core::Tracker& tracker) {
  return tracker.type == core::TrackerType::choice || tracker.type == core::TrackerType::boolean ||
         tracker.type == core::TrackerType::rating;
}

std::string percent(std::int64_t part, std::int64_t whole) {
  return core::format_number(whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0, 0) + "%";
}

// "1 day", "5 weeks".
std::string periods_words(int count, core::Frequency frequency) {
  const char* unit = "day";
  if (frequency == core::Frequency::hourly) unit = "hour";
  if (frequency == core::Frequency::weekly) unit = "week";
  if (frequency == core::Frequency::monthly) unit = "month";
  return std::to_string(count) + " " + unit + (count == 1 ? "" : "s");
}

mstch::map cell(std::string label, std::string value) {
  return mstch::map{{"label", std::move(label)}, {"value", std::move(value)}};
}

mstch::array summary_cells(const TrackerReport& report) {
  const auto& tracker = report.stats.tracker;
  const auto& s = report.stats.summary;
  mstch::array cells{cell("Logs", std::to_string(s.count))};
  switch (tracker.type) {
    case core::TrackerType::numeric:
    case core::TrackerType::duration:
      // A total of weights or temperatures means nothing: only where the goal adds up.
      if (core::goal_aggregate(tracker) == core::Aggregate::sum)
        cells.push_back(cell("Total", core::show_number(tracker, s.sum)));
      [[fallthrough]];
    case core::TrackerType::rating: {
      // Per log, then per period as the goal reads it ("Average per week (avg)": the mean of weekly averages).
      cells.push_back(cell("Mean per log", core::show_number(tracker, s.mean)));
      cells.push_back(cell("Min", core::show_number(tracker, s.min)));
      cells.push_back(cell("Max", core::show_number(tracker, s.max)));
      const auto& by_period = report.stats.per_period;
      if (by_period.periods > 1) {
        cells.push_back(cell(value_heading(tracker) + " " + per_period(report.stats.bucket) + " (mean)",
                             core::show_number(tracker, by_period.mean)));
      }
      break;
    }
    case core::TrackerType::boolean: {
      const auto yes = report.counts.contains(1) ? report.counts.at(1) : 0;
      cells.push_back(cell("Yes rate", percent(yes, s.count)));
      break;
    }
    case core::TrackerType::choice:
    case core::TrackerType::text:
      break;
  }
  if (tracker.type != core::TrackerType::text) {
    cells.push_back(cell("Best streak", periods_words(report.stats.streaks.best, core::goal_period(tracker))));
  }
  if (report.stats.target_hit_rate) {
    cells.push_back(cell("Target met", core::format_number(*report.stats.target_hit_rate * 100, 0) + "%"));
  }
  return cells;
}

// What a stored value of a choice, yes/no or rating tracker reads as.
std::string value_label(const core::Tracker& tracker, double value) {
  const auto number = static_cast<std::int64_t>(std::llround(value));
  switch (tracker.type) {
    case core::TrackerType::boolean:
      return number != 0 ? "Yes" : "No";
    case core::TrackerType::choice: {
      const auto* choice = core::find_choice(tracker.options, number);
      return choice ? choice->label : "A removed choice";
    }
    case core::TrackerType::rating: {
      const auto& labels = tracker.options.labels;
      if (number >= 1 && static_cast<std::size_t>(number) <= labels.size() && !labels[number - 1].empty()) {
        return labels[number - 1];
      }
      return std::to_string(number) + " / " + std::to_string(tracker.options.scale);
    }
    default:
      return core::format_number(value, 2);
  }
}

// Every answer the tracker offers, in its order (none left out for having no
// logs), then any other value the logs hold; each with its count and share.
mstch::array distribution(const TrackerReport& report) {
  const auto& tracker = report.stats.tracker;
  std::vector<double> values;
  if (tracker.type == core::TrackerType::boolean) values = {1, 0};
  if (tracker.type == core::TrackerType::choice) {
    for (const auto& choice : tracker.options.choices) values.push_back(static_cast<double>(choice.id));
  }
  if (tracker.type == core::TrackerType::rating) {
    for (int step = tracker.options.scale; step >= 1; --step) values.push_back(step);
  }
  for (const auto& [value, count] : report.counts) {
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
  std::int64_t total = 0;
  for (const auto& [value, count] : report.counts) total += count;
  mstch::array rows;
  for (const double value : values) {
    const auto found = report.counts.find(value);
    const std::int64_t count = found == report.counts.end() ? 0 : found->second;
    const auto bar = total > 0 ? std::llround(100.0 * static_cast<double>(count) / static_cast<double>(total)) : 0;
    rows.push_back(mstch::map{{"label", value_label(tracker, value)},
                              {"count", std::to_string(count)},
                              {"share", percent(count, total)},
                              {"bar", std::to_string(bar)}});
  }
  return rows;
}

// At most `limit` characters (code points) of `text`, cut at a space near the
// end when there is one, with "…" when something was cut.
std::string cut_text(const std::string& text, std::size_t limit) {
  std::size_t characters = 0;
  std::size_t end = 0;
  while (end < text.size() && characters < limit) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    ++characters;
  }
  if (end >= text.size()) return text;
  const auto space = text.find_last_of(" \n", end);
  if (space != std::string::npos && space + 40 > end) end = space;
  return text.substr(0, end) + "…";
}

// A tracker without a colour is drawn in the palette's first, as in the web app.
const std::string& color_of(const core::Tracker& tracker) {
  return tracker.color.empty() ? core::palette_color(0) : tracker.color;
}

mstch::map tracker_section(const TrackerReport& report, const core::Calendar& calendar, bool with_year) {
  const auto& stats = report.stats;
  const auto& tracker = stats.tracker;
  const bool text = tracker.type == core::TrackerType::text;
  const bool periods_shown =
      (tracker.type == core::TrackerType::numeric || tracker.type == core::TrackerType::duration ||
       tracker.type == core::TrackerType::rating) &&
      !stats.series.empty();
  mstch::array periods;
  if (periods_shown) {
    double largest = 0;
    for (const auto& period : stats.series) {
      largest = std::max(largest, core::period_value(tracker, period).value_or(0));
    }
    for (const auto& period : stats.series) {
      const auto value = core::period_value(tracker, period);
      const auto bar = largest > 0 ? std::llround(std::max(0.0, value.value_or(0)) / largest * 100) : 0;
      periods.push_back(mstch::map{{"label", period_label(calendar, period.period, stats.bucket, with_year)},
                                   {"value", core::show_number(tracker, value)},
                                   {"bar", std::to_string(std::max<long long>(bar, value.value_or(0) > 0 ? 2 : 0))}});
    }
  }
  mstch::array entries;
  for (const auto& log : report.entries) {
    entries.push_back(mstch::map{{"date", day_label(local_day(calendar, log.logged_at.utc), with_year)},
                                 {"text", cut_text(log.value.text.value_or(""), kReportEntryChars)}});
  }
  const bool shows_distribution = has_distribution(tracker) && stats.summary.count > 0;
  const auto more = stats.summary.count - static_cast<std::int64_t>(report.entries.size());
  return mstch::map{{"heading", tracker.icon.empty() ? tracker.name : tracker.icon + " " + tracker.name},
                    {"color", color_of(tracker)},
                    {"summary", summary_cells(report)},
                    {"empty", stats.summary.count == 0},
                    {"has_distribution", shows_distribution},
                    {"distribution", shows_distribution ? distribution(report) : mstch::array{}},
                    {"has_periods", periods_shown},
                    {"period_heading", period_heading(stats.bucket)},
                    {"per_period", per_period(stats.bucket)},
                    {"value_heading", value_heading(tracker)},
                    {"periods", std::move(periods)},
                    {"entries", std::move(entries)},
                    {"more", text && more > 0 ? "…and " + std::to_string(more) + " more entries" : std::string()}};
}

std::string period_word(core::Frequency frequency) {
  switch (frequency) {
    case core::Frequency::weekly:
      return "this week";
    case core::Frequency::monthly:
      return "this month";
    case core::Frequency::hourly:
      return "this hour";
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

EmailContent reminder_email(const core::User& user, const std::vector<core::DueTracker>& due, const std::string& when,
                            const std::string& public_url, ReminderSource source) {
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
  const bool daily = source == ReminderSource::daily;
  const bool one = due.size() == 1;
  std::string why;
  if (daily) {
    why = "You get this because reminders are on. Change the time or turn them off in";
  } else {
    why = std::string("You get this because ") + (one ? "this tracker has its" : "these trackers have their") +
          " own reminder times. Change or remove them on " + (one ? "its page" : "each one's page") + " in";
  }
  const mstch::map context{
      {"name", user.name},
      {"date", when},
      {"count_text", one ? std::string("1 tracker is") : std::to_string(due.size()) + " trackers are"},
      {"trackers", std::move(trackers)},
      {"app_url", base + "/"},
      {"why", why},
      {"change_label", daily ? std::string("Settings") : std::string("qself")},
      {"change_url",
       daily ? base + "/settings" : (one ? base + "/trackers/" + std::to_string(due[0].tracker.id) : base + "/")}};
  std::string subject = "Time to log: ";
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) subject += (i ? ", " : "") + names[i];
  if (names.size() > 3) subject += " and " + std::to_string(names.size() - 3) + " more";
  return render(subject, embedded::template_reminder_txt_mustache, embedded::template_reminder_html_mustache, context);
}

EmailContent report_email(const core::User& user, const std::vector<TrackerReport>& trackers, core::Timestamp from,
                          core::Timestamp to, const std::string& public_url, const std::vector<std::string>& findings) {
  const core::Calendar calendar(user.timezone);
  const auto first = local_day(calendar, from);
  const auto last = last_day(calendar, to);
  const bool whole_month = calendar.period_of(from, core::Frequency::monthly) == core::Period{from, to};
  const std::string days = human_days(first, last);
  const std::string name = whole_month ? std::string(month_name(first)) + " " + year_number(first) : days;
  mstch::array sections;
  for (const auto& report : trackers)
    sections.push_back(tracker_section(report, calendar, first.year() != last.year()));
  const std::string subject = "Your qself report: " + name;
  mstch::array sentences;
  for (const auto& sentence : findings) sentences.push_back(mstch::map{{"sentence", sentence}});
  const mstch::map context{{"subject", subject},
                           {"has_findings", !findings.empty()},
                           {"findings", std::move(sentences)},
                           {"insights_url", public_url + "/insights"},
                           {"title", name},
                           {"days", whole_month ? days : std::string()},
                           {"zone", user.timezone},
                           {"trackers", std::move(sections)},
                           {"app_url", public_url + "/"}};
  return render(subject, embedded::template_report_txt_mustache, embedded::template_report_html_mustache, context);
}

EmailContent password_reset_email(const core::User& user, const std::string& link, std::chrono::seconds valid_for) {
  const mstch::map context{{"name", user.name}, {"link", link}, {"valid_for", duration_words(valid_for)}};
  return render("Reset your qself password", embedded::template_password_reset_txt_mustache,
                embedded::template_password_reset_html_mustache, context);
}

EmailContent email_verification_email(const core::User& user, const std::string& link, std::chrono::seconds valid_for,
                                      std::chrono::seconds removed_after) {
  const auto days = std::chrono::duration_cast<std::chrono::hours>(removed_after).count() / 24;
  const mstch::map context{{"name", user.name},
                           {"link", link},
                           {"valid_for", duration_words(valid_for)},
                           {"removed_after", days == 1 ? std::string("one day") : std::to_string(days) + " days"}};
  return render("Confirm your email address for qself", embedded::template_email_verification_txt_mustache,
                embedded::template_email_verification_html_mustache, context);
}

EmailContent account_exists_email(const core::User& user, const std::string& public_url) {
  const mstch::map context{
      {"name", user.name}, {"login_url", public_url + "/login"}, {"reset_url", public_url + "/forgot-password"}};
  return render("Someone tried to sign up with your qself address", embedded::template_account_exists_txt_mustache,
                embedded::template_account_exists_html_mustache, context);
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
