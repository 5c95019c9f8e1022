#pragma once
// Reports by email: the statistics of a user's trackers over a range, or over
// a calendar month in the user's zone, rendered and stored in the outbox
// (the emails table) for a worker to send.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "store/database.hpp"

namespace qself::services {

// What a report job asks for.
struct ReportJob {
  std::int64_t user_id = 0;
  // The job asking for it: a range report's email is unique per job.
  std::int64_t job_id = 0;
  std::optional<std::vector<std::int64_t>> tracker_ids;  // nullopt: every active tracker
  // A calendar month ("2026-10") in the user's zone; without it, [from, to).
  std::optional<std::string> month;
  std::optional<core::Timestamp> from;
  std::optional<core::Timestamp> to;
};

// A monthly report names this many findings of the user's insights.
constexpr std::size_t kReportFindings = 3;

class ReportService {
 public:
  // `public_url` never ends with "/": the email's links append "/path".
  ReportService(store::Database& db, std::string public_url) : m_db(db), m_public_url(std::move(public_url)) {}

  // Builds the report and stores its email, once per report: a second call
  // for the same month or job answers the email stored the first time.
  // Answers the email's id; nullopt when the user is gone. `progress(done,
  // total)` is called after each tracker. Throws ValidationError on "month"
  // when the month is not "YYYY-MM", on "from" and "to" when a range lacks them.
  std::optional<std::int64_t> build(const ReportJob& request,
                                    const std::function<void(std::size_t done, std::size_t total)>& progress);

 private:
  store::Database& m_db;
  std::string m_public_url;
};

}  // namespace qself::services
