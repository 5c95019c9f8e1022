#include "services/job_service.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "store/job_repositories.hpp"
#include "store/repositories.hpp"
#include "util/crypto.hpp"

namespace qself::services {
namespace {

constexpr std::chrono::hours kLongestReport{24 * 366 * 5};

std::string_view mode_name(ImportJobMode mode) { return mode == ImportJobMode::preview ? "preview" : "commit"; }

// Writes `content` to a new file at `path` that its owner alone may read,
// before any byte of it is on disk. Throws std::runtime_error when it cannot.
void write_private_file(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("could not create an upload file");
  bool written = ::fchmod(fd, 0600) == 0;
  for (std::size_t done = 0; written && done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    written = n > 0;
    if (written) done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (!written) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    throw std::runtime_error("could not write an upload file");
  }
}

}  // namespace

std::string import_upload_path(const std::string& import_dir, std::int64_t upload) {
  return import_dir + "/" + std::to_string(upload) + ".upload";
}

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

core::Job JobService::create_import_job(const core::User& user, ImportJobMode mode,
                                        std::optional<std::int64_t> upload) {
  auto connection = m_db.connect();
  // A write transaction: two requests at once cannot both see none and both create one.
  store::Transaction transaction(*connection, store::Transaction::Mode::write);
  store::JobRepository jobs(*connection);
  if (jobs.find_unfinished_import(user.id)) {
    throw Conflict("import_running",
                   "One of your imports is still waiting or running: wait until it has finished, then try again.");
  }
  nlohmann::json payload = {{"mode", mode_name(mode)}};  // ids only: the file stays on disk
  if (upload) payload["upload"] = *upload;
  const auto now = util::now();
  const auto id = *jobs.create({core::JobKind::import_data, user.id, payload.dump(), std::nullopt, now}, now);
  auto job = *jobs.find_for_user(user.id, id);
  transaction.commit();
  return job;
}

core::Job JobService::request_import(const core::User& user, std::string_view file, ImportJobMode mode) {
  namespace fs = std::filesystem;
  {
    // Said before 64 MiB are written for nothing; the transaction below decides.
    auto connection = m_db.connect();
    if (store::JobRepository(*connection).find_unfinished_import(user.id)) create_import_job(user, mode, {});
  }
  // The folder and the files hold what users send: the owner (qself) alone reads them.
  fs::create_directories(m_import_dir);
  fs::permissions(m_import_dir, fs::perms::owner_all, fs::perm_options::replace);
  // Written under a name of its own first, then named after the job that owns
  // it, so that every ".upload" file has a job (the scheduler's sweep relies on it).
  const std::string part = m_import_dir + "/new-" + util::random_hex(16) + ".part";
  write_private_file(part, file);
  core::Job job;
  try {
    job = create_import_job(user, mode, {});
    fs::rename(part, import_upload_path(m_import_dir, job.id));
  } catch (...) {
    std::error_code ignored;
    fs::remove(part, ignored);
    throw;
  }
  // A user keeps one upload on disk: the newest.
  std::vector<core::Job> older;
  {
    auto connection = m_db.connect();
    older = store::JobRepository(*connection).imports_except(user.id, job.id);
  }
  for (const auto& other : older) {
    std::error_code ignored;
    fs::remove(import_upload_path(m_import_dir, other.id), ignored);
  }
  m_publisher.publish(job.id);  // after the commit, and with no connection held
  return job;
}

core::Job JobService::commit_import(const core::User& user, core::JobId preview) {
  const auto checked = get(user, preview);
  const auto payload = nlohmann::json::parse(checked.payload, nullptr, false);
  if (checked.kind != core::JobKind::import_data || checked.status != core::JobStatus::done || !payload.is_object() ||
      payload.value("mode", "") != "preview") {
    throw NotFound("No finished import preview with this id.");
  }
  const std::int64_t upload = payload.value("upload", checked.id);
  if (checked.created_at + kImportUploadLifetime <= util::now() ||
      !std::filesystem::exists(import_upload_path(m_import_dir, upload))) {
    throw NotFound("This file is no longer kept: choose it again.");
  }
  auto job = create_import_job(user, ImportJobMode::commit, upload);
  m_publisher.publish(job.id);
  return job;
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
