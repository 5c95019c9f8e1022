#pragma once
// Reading files from other trackers (and qself's own exports) into one plan:
// the trackers they define and the logs they hold, with the rows that could
// not be read and why. Parsing changes nothing; the import service checks each
// value against its tracker and writes the plan in one transaction.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "core/values.hpp"

namespace qself::core {

constexpr std::size_t kMaxImportBytes = 64u << 20;  // 64 MiB (after unzipping, for Loop)

struct ImportedTracker {
  Tracker definition;  // name, type, options, unit, frequency, target, archived, description, color, icon
};

struct ImportedLog {
  std::size_t tracker = 0;  // index into ImportPlan::trackers
  util::ZonedInstant logged_at;
  NaturalValue value;  // as the API takes it; read_value checks it against the tracker
  std::string note;
  std::size_t line = 0;  // where it came from, for messages (1-based; 0 when not line-based)
  std::string uid{};     // the log's id in a qself export (core/log_uid.hpp); empty in other files
};

struct ImportProblem {
  std::size_t line = 0;
  std::string reason;
};

struct ImportPlan {
  std::string format;  // "qself-json", "qself-csv", "loop", "trackandgraph", "daylio"
  std::vector<ImportedTracker> trackers;
  std::vector<ImportedLog> logs;
  std::vector<ImportProblem> problems;  // rows skipped, with the reason
};

// Detects the format from the content (a ZIP is Loop Habit Tracker's export)
// and parses it. Times without an offset are read in `timezone` (an IANA name).
// Throws ValidationError on "file" when the file is larger than kMaxImportBytes,
// is no known format, or is malformed as a whole (no header, not JSON, a broken
// ZIP); rows that cannot be read are problems, not errors.
ImportPlan parse_import(std::string_view content, std::string_view timezone);

}  // namespace qself::core
