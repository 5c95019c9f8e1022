#pragma once
// Your data is yours: everything a user owns, exported as JSON (re-importable,
// nothing lost) or CSV (one row per log), and imported back — from qself or
// from other trackers — after a preview that changes nothing.

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "core/import.hpp"
#include "store/database.hpp"

namespace qself::services {

enum class ExportFormat { json, csv };

// Writes all of a user's trackers and logs to `out`, a tracker at a time.
// `progress` is called with a share from 0 to 1.
void export_user_data(store::Database& db, const core::User& user, ExportFormat format, std::ostream& out,
                      const std::function<void(double)>& progress = {});

struct ImportTrackerSummary {
  std::string name;
  std::string type;
  bool reused = false;         // an existing tracker of the same name and type
  std::size_t logs = 0;        // logs that will be (or were) added
  std::size_t duplicates = 0;  // logs already there, skipped
};

struct ImportResult {
  std::string format;
  std::vector<ImportTrackerSummary> trackers;
  std::size_t imported = 0;
  std::size_t duplicates = 0;
  std::vector<core::ImportProblem> problems;  // rows that were skipped, with the reason
};

enum class ImportMode { preview, commit };

// A commit writes this many logs per transaction: between two, other writers
// take the lock. Each commit costs a WAL checkpoint: 2,000 made a 1,000,000-row
// import 3.5 times slower than one transaction, 10,000 1.6 times, with about
// half a second of writing per batch on the 2-core test machine.
inline constexpr std::size_t kImportBatch = 10000;

// The import's answer as the API gives it (GET /jobs/{id} → result), and as import jobs store it.
nlohmann::json import_result_json(const ImportResult& result, ImportMode mode);

class ImportService {
 public:
  explicit ImportService(store::Database& db) : m_db(db) {}

  // Reads `content` (any supported format) into the user's trackers. A preview
  // answers exactly what a commit would do and changes nothing: it only reads,
  // so it neither holds the write lock nor waits for it. A commit creates the
  // new trackers in one transaction, then adds the logs kImportBatch at a time,
  // each batch its own transaction, calling `progress` after each: a failure
  // keeps the batches committed before it, and running the import again skips
  // those logs and adds the rest, so nothing is lost or doubled.
  // A log is skipped only when the account had it before the import: its uid,
  // or for a row without one (older exports, other apps' files) the same
  // time, value and note in the tracker (core/import_match.hpp). Two identical
  // rows of one file are two logs; importing the same file twice adds
  // nothing the second time.
  // Throws ValidationError on "file" for a file that cannot be read at all.
  ImportResult run(const core::User& user, std::string_view content, ImportMode mode,
                   const std::function<void(std::size_t done, std::size_t total)>& progress = {});

 private:
  store::Database& m_db;
};

}  // namespace qself::services
