#include "services/job_service.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "store/job_repositories.hpp"
#include "store/repositories.hpp"

namespace qself::services {
namespace {

constexpr std::chrono::hours kLongestReport{24 * 366 * 5};

}  // namespace

core::Job JobService::request_report(const core::User& user, const ReportRequest& request) {
  auto job = create_report_job(user, request);
  m_publisher.publish(job.id);  // after the commit, and with no connection held
  return job;
}

core::Job JobService::create_report_job(const core::User& user, const ReportRequest& request) {
  ValidationError::Fields errors;
  std::optional<util::ZonedInstant> from, to;
  for (const auto& [key, out, sent] : {std::tuple{"from", &from, &request.from}, std::tuple{"to", &to, &request.to}}) {
    if (!sent->was_sent()) {
      errors[key] = "is required";
    } else if (!(*out = sent->value())) {
      errors[key] = "must be an RFC 3339 time with an offset";
    }
  }
  if (from && to && from->utc >= to->utc) errors["to"] = "must be after from";
  if (from && to && to->utc - from->utc > kLongestReport) errors["to"] = "a report covers at most five years";

  nlohmann::json payload = {{"from", util::format_rfc3339(from ? from->utc : util::Timestamp{})},
                            {"to", util::format_rfc3339(to ? to->utc : util::Timestamp{})}};
  auto connection = m_db.connect();
  store::Transaction transaction(*connection, store::Transaction::Mode::write);
  if (const auto& ids = request.tracker_ids; ids.was_sent() && !ids.is_null()) {
    if (!ids.value() || ids.value()->empty() || ids.value()->size() > 100) {
      errors["tracker_ids"] = "must be a list of 1 to 100 tracker ids";
    } else {
      store::TrackerRepository trackers(*connection);
      payload["tracker_ids"] = nlohmann::json::array();
      for (const auto& id : *ids.value()) {
        if (!id || !trackers.find(user.id, *id)) {
          errors["tracker_ids"] = "must list trackers of yours";
          break;
        }
        payload["tracker_ids"].push_back(*id);
      }
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  const auto now = util::now();
  store::JobRepository jobs(*connection);
  const auto id = jobs.create({core::JobKind::build_report, user.id, payload.dump(), std::nullopt, now}, now);
  auto job = jobs.find_for_user(user.id, *id);
  transaction.commit();
  return *job;
}

core::Job JobService::get(const core::User& user, core::JobId id) {
  auto connection = m_db.connect();
  auto job = store::JobRepository(*connection).find_for_user(user.id, id.value);
  if (!job) throw NotFound("No such job.");
  return *job;
}

ExportRequest JobService::request_export(const core::User& user, const std::string& format) {
  ExportRequest answer;
  {
    auto connection = m_db.connect();
    // A write transaction: two requests at once cannot both see none and both create one.
    store::Transaction transaction(*connection, store::Transaction::Mode::write);
    store::JobRepository jobs(*connection);
    if (auto unfinished = jobs.find_unfinished_export(user.id)) {
      answer.job = std::move(*unfinished);
      return answer;  // already in the outbox: the scheduler's sweep sees that it reaches a worker
    }
    const auto now = util::now();
    const auto id = *jobs.create(
        {core::JobKind::export_data, user.id, nlohmann::json{{"format", format}}.dump(), std::nullopt, now}, now);
    answer.job = *jobs.find_for_user(user.id, id);
    answer.created = true;
    transaction.commit();
  }
  m_publisher.publish(answer.job.id);  // after the commit, and with no connection held
  return answer;
}

ExportFile JobService::export_file(const core::User& user, core::JobId id) {
  const auto job = get(user, id);
  const auto result = nlohmann::json::parse(job.result, nullptr, false);
  if (job.kind != core::JobKind::export_data || job.status != core::JobStatus::done || !result.is_object() ||
      !result.contains("file")) {
    throw NotFound("No finished export with this id.");
  }
  const auto expires = util::parse_rfc3339(result.value("expires_at", ""));
  const std::string name = result["file"].get<std::string>();
  const std::string path = m_export_dir + "/" + name;
  if (!expires || expires->utc <= util::now() || !std::filesystem::exists(path)) {
    throw NotFound("This download has expired; export again.");
  }
  const std::string extension = name.ends_with(".csv") ? ".csv" : ".json";
  return {path, "qself-export-" + util::format_rfc3339(job.updated_at).substr(0, 10) + extension};
}

}  // namespace qself::services
