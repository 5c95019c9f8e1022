// qself's own CSV export, one row per log:
//   tracker,type,unit,logged_at,value,note,uid
// (uid, the log's id, since logs have one: older exports are read without it).
// Each distinct tracker name (without regard to case, as names are unique)
// becomes a daily tracker of the type and unit of its first row; values are
// read as the export writes them ("72.5", "yes", a choice's label, "4",
// "1:30", text), and text cells (names, units, notes, text values, choices)
// without the apostrophe the export guards them with (guard_text_cell).

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/importers/common.hpp"
#include "core/log_uid.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "core/values.hpp"

namespace qself::core::importers {
namespace {

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxChoices = 50;
constexpr std::size_t kMaxLabel = 100;
constexpr int kMaxScale = 10;
constexpr int kMinScale = 5;
constexpr int kMinDecimals = 2;
constexpr int kMaxDecimals = 6;

// What is learnt about a tracker from its rows, to finish its definition.
struct Seen {
  Labels choices;
  int largest_rating = 0;
  int places = 0;
};

class Reader {
 public:
  Reader(const Columns& columns, LocalZone& zone, ImportPlan& plan)
      : m_zone(zone),
        m_plan(plan),
        m_unit(columns.find("unit")),
        m_note(columns.find("note")),
        m_uid(columns.find("uid")) {
    std::tie(m_tracker, m_type, m_logged_at, m_value) = columns.where(kQselfCsvColumns);
  }

  void read_row(const CsvRecord& record) {
    const auto& fields = record.fields;
    const std::string_view name = trim_view(unguard_text_cell(fields[m_tracker]));
    if (name.empty()) return problem(record.line, "the tracker name is empty");
    if (utf8_length(name) > kMaxName) return problem(record.line, "the tracker name is longer than 100 characters");
    if (const auto wrong = name_problem(name)) return problem(record.line, "the tracker name " + *wrong);
    const auto type = parse_tracker_type(to_lower(trim_view(fields[m_type])));
    if (!type) {
      return problem(record.line, "type " + in_quotes(fields[m_type]) +
                                      " is not one of numeric, boolean, choice, rating, duration, text");
    }
    const auto when = parse_timestamp(fields[m_logged_at], m_zone);
    if (!when) return problem(record.line, "logged_at " + in_quotes(fields[m_logged_at]) + " is not a date and time");
    std::string uid;
    if (m_uid && !trim_view(fields[*m_uid]).empty()) {
      const auto parsed = parse_log_uid(trim_view(fields[*m_uid]));
      if (!parsed) return problem(record.line, "uid " + in_quotes(fields[*m_uid]) + " is not a UUID");
      uid = *parsed;
    }

    const auto existing = find_tracker(name);
    const std::string_view unit = m_unit ? trim_view(unguard_text_cell(fields[*m_unit])) : std::string_view();
    if (const auto wrong = existing ? std::nullopt : name_problem(unit)) {
      return problem(record.line, "the unit " + *wrong);
    }
    if (existing && m_plan.trackers[*existing].definition.type != *type) {
      const Tracker& first = m_plan.trackers[*existing].definition;
      return problem(record.line, "type " + std::string(to_string(*type)) + " differs from the " +
                                      std::string(to_string(first.type)) + " of the first row of " +
                                      in_quotes(first.name));
    }
    // A tracker is made from its first readable row, so none is left without logs.
    Seen fresh;
    NaturalValue value;
    if (!read_value_text(fields[m_value], *type, existing ? m_seen[*existing] : fresh, value, record.line)) return;
    const std::size_t tracker = existing ? *existing : add_tracker(name, *type, unit, std::move(fresh));
    std::string note = m_note ? std::string(unguard_text_cell(fields[*m_note])) : std::string();
    m_plan.logs.push_back({tracker, *when, std::move(value), std::move(note), record.line, std::move(uid)});
  }

  void finish() {
    for (std::size_t i = 0; i < m_plan.trackers.size(); ++i) {
      Tracker& tracker = m_plan.trackers[i].definition;
      const Seen& seen = m_seen[i];
      if (tracker.type == TrackerType::choice) {
        for (const auto& label : seen.choices.all()) add_choice(tracker.options, label);
      }
      if (tracker.type == TrackerType::rating) tracker.options.scale = std::max(kMinScale, seen.largest_rating);
      // Enough decimals to keep every value as it was written.
      if (tracker.type == TrackerType::numeric) {
        tracker.options.decimals = std::clamp(seen.places, kMinDecimals, kMaxDecimals);
      }
    }
  }

 private:
  void problem(std::size_t line, std::string reason) { m_plan.problems.push_back({line, std::move(reason)}); }

  std::optional<std::size_t> find_tracker(std::string_view name) const { return m_names.find(name); }

  std::size_t add_tracker(std::string_view name, TrackerType type, std::string_view unit, Seen seen) {
    Tracker tracker;
    tracker.name = std::string(name);
    tracker.type = type;
    tracker.frequency = Frequency::daily;
    tracker.unit = std::string(unit);
    m_plan.trackers.push_back({std::move(tracker)});
    m_seen.push_back(std::move(seen));
    m_names.add(name);
    return m_plan.trackers.size() - 1;
  }

  // Turns the exported text into the natural value of the type. A text
  // value or a choice's label is a guarded text cell.
  bool read_value_text(std::string_view cell, TrackerType type, Seen& seen, NaturalValue& out, std::size_t line) {
    const bool text_cell = type == TrackerType::text || type == TrackerType::choice;
    const std::string_view raw = text_cell ? unguard_text_cell(cell) : cell;
    const std::string_view text = trim_view(raw);
    if (text.empty()) {
      problem(line, "the value is empty");
      return false;
    }
    switch (type) {
      case TrackerType::numeric: {
        int places = 0;
        const auto number = parse_number(text, &places);
        if (!number) break;
        seen.places = std::max(seen.places, places);
        out = *number;
        return true;
      }
      case TrackerType::boolean: {
        if (iequals(text, "yes") || iequals(text, "true") || text == "1") {
          out = true;
          return true;
        }
        if (iequals(text, "no") || iequals(text, "false") || text == "0") {
          out = false;
          return true;
        }
        problem(line, "value " + in_quotes(text) + " is not yes or no");
        return false;
      }
      case TrackerType::choice: {
        auto index = seen.choices.find(text);
        if (!index) {
          if (utf8_length(text) > kMaxLabel) {
            problem(line, "choice " + in_quotes(text) + " is longer than 100 characters");
            return false;
          }
          if (const auto wrong = name_problem(text)) {
            problem(line, "choice " + in_quotes(text) + " " + *wrong);
            return false;
          }
          if (seen.choices.size() == kMaxChoices) {
            problem(line, "choice " + in_quotes(text) + " is one more than the 50 a tracker can have");
            return false;
          }
          index = seen.choices.add(text);
        }
        out = seen.choices[*index];
        return true;
      }
      case TrackerType::rating: {
        const auto number = parse_number(text);
        if (!number || *number != std::floor(*number) || *number < 1 || *number > kMaxScale) {
          problem(line, "value " + in_quotes(text) + " is not a rating from 1 to 10");
          return false;
        }
        seen.largest_rating = std::max(seen.largest_rating, static_cast<int>(*number));
        out = static_cast<int>(*number);
        return true;
      }
      case TrackerType::duration: {
        const auto seconds = parse_duration_text(text);
        if (!seconds) {
          problem(line, "value " + in_quotes(text) + " is not a duration such as 1:30");
          return false;
        }
        out = static_cast<std::int64_t>(*seconds);
        return true;
      }
      case TrackerType::text:
        out = std::string(raw);
        return true;
    }
    problem(line, "value " + in_quotes(text) + " is not a number");
    return false;
  }

  LocalZone& m_zone;
  ImportPlan& m_plan;
  std::size_t m_tracker = 0;
  std::size_t m_type = 0;
  std::size_t m_logged_at = 0;
  std::size_t m_value = 0;
  std::optional<std::size_t> m_unit;
  std::optional<std::size_t> m_note;
  std::optional<std::size_t> m_uid;
  std::vector<Seen> m_seen;  // one per tracker of the plan
  Labels m_names;            // the trackers' names, in the order of the plan
};

}  // namespace

void parse_qself_csv(std::string_view content, LocalZone& zone, ImportPlan& plan) {
  plan.logs.reserve(count_lines(content));
  read_csv<Reader>(content, zone, plan);
}

}  // namespace qself::core::importers
