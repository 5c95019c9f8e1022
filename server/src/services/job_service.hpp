#pragma once
// Background work a user asks for (emailed reports, exports) and its progress.

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

// POST /reports: an emailed report of [from, to), of some trackers or all.
struct ReportRequest {
  core::Sent<util::ZonedInstant> from;  // required; malformed: not a time with an offset
  core::Sent<util::ZonedInstant> to;
  // Null or left out: every tracker. Malformed: not a list; an item nullopt: not a whole number.
  core::Sent<std::vector<std::optional<std::int64_t>>> tracker_ids;
};

class JobService {
 public:
  // `export_dir` holds finished exports until they expire.
  JobService(store::Database& db, JobPublisher& publisher, std::string export_dir = "data/exports")
      : m_db(db), m_publisher(publisher), m_export_dir(std::move(export_dir)) {}

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

 private:
  core::Job create_report_job(const core::User& user, const ReportRequest& request);

  store::Database& m_db;
  JobPublisher& m_publisher;
  std::string m_export_dir;
};

}  // namespace qself::services
