#include "services/report_service.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/periods.hpp"
#include "services/emails.hpp"
#include "services/stats_service.hpp"
#include "store/job_repositories.hpp"
#include "store/repositories.hpp"

namespace qself::services {
namespace {

// A bucket that keeps a report's tables short.
core::Frequency bucket_for(std::chrono::seconds range) {
  if (range <= std::chrono::hours{24 * 32}) return core::Frequency::daily;
  if (range <= std::chrono::hours{24 * 190}) return core::Frequency::weekly;
  return core::Frequency::monthly;
}

// What the email shows of a tracker besides its statistics: the share of each
// answer of a choice, yes/no or rating tracker, a text tracker's newest entries.
TrackerReport tracker_report(store::Database& db, TrackerStats stats) {
  TrackerReport report;
  const auto& tracker = stats.tracker;
  switch (tracker.type) {
    case core::TrackerType::choice:
    case core::TrackerType::boolean:
      for (const auto& period : stats.series) {
        for (const auto& [value, count] : period.counts) report.counts[value] += count;
      }
      break;
    case core::TrackerType::rating: {
      auto connection = db.connect();
      for (const auto& step : store::LogRepository(*connection).value_counts(tracker.id, stats.from, stats.to)) {
        report.counts[step.value] = step.count;
      }
      break;
    }
    case core::TrackerType::text: {
      auto connection = db.connect();
      core::LogQuery newest;
      newest.from = stats.from;
      newest.to = stats.to;
      newest.limit = static_cast<int>(kReportEntries);
      report.entries = store::LogRepository(*connection).list(tracker.id, newest);
      break;
    }
    case core::TrackerType::numeric:
    case core::TrackerType::duration:
      break;
  }
  report.stats = std::move(stats);
  return report;
}

}  // namespace

std::optional<std::int64_t> ReportService::build(
    const ReportJob& request, const std::function<void(std::size_t done, std::size_t total)>& progress) {
  std::optional<core::User> user;
  std::vector<core::Tracker> trackers;
  {
    auto connection = m_db.connect();
    user = store::UserRepository(*connection).find(request.user_id);
    if (!user) return std::nullopt;
    store::TrackerRepository repository(*connection);
    if (request.tracker_ids) {
      for (const auto id : *request.tracker_ids) {
        if (auto tracker = repository.find(user->id, id)) trackers.push_back(*tracker);
      }
    } else {
      trackers = repository.list(user->id, core::ArchivedFilter::active);
    }
  }
  const core::Calendar calendar(user->timezone);
  StatsQuery query;
  std::string key = "report:" + std::to_string(request.job_id);
  if (request.month) {
    const auto& month = *request.month;
    const auto start = util::parse_rfc3339(month + "-01T12:00:00Z");
    if (!start) throw ValidationError("month", "must be a month such as 2026-10");
    const auto period = calendar.period_of(start->utc, core::Frequency::monthly);
    query.from = period.start;
    query.to = period.end;
    key = "monthly:" + std::to_string(user->id) + ":" + month;
  } else {
    ValidationError::Fields missing;
    if (!request.from) missing["from"] = "is required";
    if (!request.to) missing["to"] = "is required";
    if (!missing.empty()) throw ValidationError(missing);
    query.from = request.from;
    query.to = request.to;
  }
  query.bucket = bucket_for(*query.to - *query.from);

  StatsService stats_service(m_db);
  std::vector<TrackerReport> reports;
  for (std::size_t i = 0; i < trackers.size(); ++i) {
    reports.push_back(tracker_report(m_db, stats_service.stats(*user, core::TrackerId{trackers[i].id}, query)));
    progress(i + 1, trackers.size());
  }
  // A monthly report opens with the strongest findings of all the data.
  std::vector<std::string> findings;
  if (request.month) {
    const auto insights = stats_service.insights(*user);
    for (std::size_t i = 0; i < std::min(insights.findings.size(), kReportFindings); ++i) {
      findings.push_back(insights.findings[i].sentence);
    }
  }
  const auto content = report_email(*user, reports, *query.from, *query.to, m_public_url, findings);

  auto connection = m_db.connect();
  store::Email email;
  email.user_id = user->id;
  email.idempotency_key = key;
  email.kind = "report";
  email.subject = content.subject;
  email.text_body = content.text;
  email.html_body = content.html;
  store::EmailRepository emails(*connection);
  const auto email_id = emails.create(email, util::now());
  return email_id ? email_id : emails.find_by_key(key);  // a retry: the email was built before
}

}  // namespace qself::services
