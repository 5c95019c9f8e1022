#pragma once
// Background work a user asks for (emailed reports, exports, imports) and its progress.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/sent.hpp"
#include "services/job_publisher.hpp"
#include "store/database.hpp"
#include "util/time.hpp"

namespace qself::services {

struct ExportFile {
  std::string path;
  std::string download_name;
};

// POST /exports: the user's export job, and whether this request created it.
struct ExportRequest {
  core::Job job;
  bool created = false;  // false: one was already waiting or running, and that one is answered
};

// How long an upload stays on disk for its preview's "Import" (POST /imports/{id}/commit).
inline constexpr std::chrono::hours kImportUploadLifetime{24};

// What an import job does with its upload ("mode" in its payload).
enum class ImportJobMode { preview, commit };

// The file of the upload `upload` (the id of the import job that received it) in `import_dir`.
std::string import_upload_path(const std::string& import_dir, std::int64_t upload);

// POST /reports: an emailed report of [from, to), of some trackers or all.
struct ReportRequest {
  core::Sent<util::ZonedInstant> from;  // required; malformed: not a time with an offset
  core::Sent<util::ZonedInstant> to;
  // Null or left out: every tracker. Malformed: not a list; an item nullopt: not a whole number.
  core::Sent<std::vector<std::optional<std::int64_t>>> tracker_ids;
};

class JobService {
 public:
  // `export_dir` holds finished exports until they expire; `import_dir` the uploads of imports.
  JobService(store::Database& db, JobPublisher& publisher, std::string export_dir = "data/exports",
             std::string import_dir = "data/imports")
      : m_db(db), m_publisher(publisher), m_export_dir(std::move(export_dir)), m_import_dir(std::move(import_dir)) {}

  // An emailed report. Throws ValidationError naming every wrong field.
  core::Job request_report(const core::User& user, const ReportRequest& request);
  // Throws NotFound unless the job is the user's.
  core::Job get(const core::User& user, core::JobId id);
  // Everything the user owns, as a file built by a worker ("json" or "csv").
  // One at a time per user: while an export of theirs waits or runs, that job
  // is answered (whatever its format) and no other is queued.
  ExportRequest request_export(const core::User& user, const std::string& format);
  // The finished export of job `id`, for its owner only, until it expires. Throws NotFound.
  ExportFile export_file(const core::User& user, core::JobId id);
  // Stores `file` (private, under import_dir) and queues an import job that
  // previews or commits it. One import per user at a time: while one of theirs
  // waits or runs, throws Conflict "import_running" and stores nothing. A
  // user keeps one upload on disk: storing a new one removes the older ones.
  core::Job request_import(const core::User& user, std::string_view file, ImportJobMode mode);
  // Queues the commit of what the finished preview job `preview` checked, from
  // the upload it kept. Throws NotFound unless that preview is the user's, is
  // done, and its upload is still kept; Conflict "import_running" as above.
  core::Job commit_import(const core::User& user, core::JobId preview);

 private:
  core::Job create_report_job(const core::User& user, const ReportRequest& request);
  // Creates the import job unless one of the user's waits or runs (then throws Conflict).
  core::Job create_import_job(const core::User& user, ImportJobMode mode, std::optional<std::int64_t> upload);

  store::Database& m_db;
  JobPublisher& m_publisher;
  std::string m_export_dir;
  std::string m_import_dir;
};

}  // namespace qself::services
