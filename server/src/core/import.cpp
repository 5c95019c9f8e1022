#include "core/import.hpp"

#include <array>
#include <unordered_set>

#include "core/errors.hpp"
#include "core/importers/common.hpp"
#include "core/importers/csv.hpp"
#include "core/text.hpp"
#include "core/tracker_rules.hpp"

namespace qself::core {
namespace {

using namespace importers;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

enum class CsvFormat { qself, trackandgraph, daylio };

// The columns of Loop Habit Tracker's Habits.csv, which is read only inside Loop's whole ZIP export.
constexpr std::array<std::string_view, 2> kLoopHabitsColumns = {"position", "name"};

bool is_zip(std::string_view content) {
  return content.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
         content.substr(0, 4) == std::string_view("PK\x05\x06", 4);  // an empty archive
}

// Which CSV export this is, from its header row.
CsvFormat detect_csv(std::string_view content) {
  CsvReader reader(content);
  CsvRecord header;
  reader.next(header);
  const Columns columns(header);
  if (columns.has_all(kQselfCsvColumns)) return CsvFormat::qself;
  if (columns.has_all(kTrackAndGraphColumns)) return CsvFormat::trackandgraph;
  if (columns.has_all(kDaylioColumns)) return CsvFormat::daylio;
  if (columns.has_all(kLoopHabitsColumns)) {
    throw ValidationError("file", "looks like Habits.csv from Loop Habit Tracker: import the whole ZIP file Loop made");
  }
  throw ValidationError("file",
                        "is not a format qself can import: its first line should be the header of a qself CSV export "
                        "(tracker,type,unit,logged_at,value,note), a Track & Graph export "
                        "(FeatureName,Timestamp,Value,Label,Note) or a Daylio export (full_date,date,weekday,time,…)");
}

// Names are unique per user without regard to case; two trackers of a file
// with the same name keep both, the second renamed.
void make_names_unique(ImportPlan& plan) {
  std::unordered_set<std::string> taken;
  for (auto& imported : plan.trackers) {
    std::string& name = imported.definition.name;
    if (taken.insert(to_lower(name)).second) continue;
    for (int n = 2;; ++n) {
      std::string candidate = name + " (" + std::to_string(n) + ")";
      if (taken.insert(to_lower(candidate)).second) {
        name = std::move(candidate);
        break;
      }
    }
  }
}

// Trackers built from another app's file pass the API's own rules, so the
// import can never create one the API would refuse.
void check_definitions(ImportPlan& plan) {
  for (auto& imported : plan.trackers) {
    Tracker checked;
    try {
      apply_tracker_fields(checked, fields_of(imported.definition), FieldsMode::create);
    } catch (const ValidationError& error) {
      const auto& [field, problem] = *error.fields().begin();
      throw ValidationError("file", "would make tracker " + in_quotes(imported.definition.name) + " with a " + field +
                                        " that " + problem);
    }
    imported.definition = std::move(checked);
  }
}

}  // namespace

ImportPlan parse_import(std::string_view content, std::string_view timezone) {
  if (content.size() > kMaxImportBytes) {
    throw ValidationError("file", "is larger than " + std::to_string(kMaxImportBytes >> 20) + " MiB");
  }
  std::string_view text = content;
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (trim_view(text).empty()) throw ValidationError("file", "is empty");
  LocalZone zone(timezone);

  ImportPlan plan;
  if (is_zip(content)) {
    plan.format = "loop";
    parse_loop(content, zone, plan);
  } else if (trim_view(text).front() == '{') {
    plan.format = "qself-json";
    parse_qself_json(text, zone, plan);
  } else {
    if (!is_valid_utf8(text)) {
      throw ValidationError("file", "is not UTF-8 text: save it as UTF-8 (CSV UTF-8 in a spreadsheet) and try again");
    }
    switch (detect_csv(text)) {
      case CsvFormat::qself:
        plan.format = "qself-csv";
        parse_qself_csv(text, zone, plan);
        break;
      case CsvFormat::trackandgraph:
        plan.format = "trackandgraph";
        parse_trackandgraph(text, zone, plan);
        break;
      case CsvFormat::daylio:
        plan.format = "daylio";
        parse_daylio(text, zone, plan);
        break;
    }
  }
  make_names_unique(plan);
  if (plan.format != "qself-json") check_definitions(plan);
  return plan;
}

}  // namespace qself::core
