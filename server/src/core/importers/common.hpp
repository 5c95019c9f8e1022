#pragma once
// What the importers share: local times in the user's zone, dates, clock
// times and numbers as other apps write them, labels told apart without
// regard to case, and the wording of a row's problem.

#include <date/date.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/import.hpp"
#include "core/importers/csv.hpp"
#include "core/periods.hpp"
#include "util/time.hpp"

namespace qself::core::importers {

// A time zone that turns local wall-clock times into instants with their
// offset (Calendar::at). It remembers the last stretch of time with one offset, because
// rows come in runs and looking up the zone for each would be slow.
class LocalZone {
 public:
  // Throws ValidationError on "timezone" for an unknown IANA name.
  explicit LocalZone(std::string_view name);

  // A time repeated when clocks go back is read as its first occurrence; a
  // time skipped when they go forward as the moment they jump.
  util::ZonedInstant at(date::local_seconds local);

 private:
  Calendar m_calendar;
  // Local times whose instant, at m_offset, falls in [m_safe_begin, m_safe_end)
  // have exactly that offset: they are days away from any change.
  util::Timestamp m_safe_begin{};
  util::Timestamp m_safe_end{};
  std::chrono::seconds m_offset{};
};

bool iequals(std::string_view a, std::string_view b);  // ASCII letters only

// "2026-03-29".
std::optional<date::local_days> parse_date(std::string_view text);

// "20:35", "8:35 pm", "08:35:10 AM": the time of day.
std::optional<std::chrono::seconds> parse_clock(std::string_view text);

// ISO 8601 date and time: "2026-03-29T08:15:00.123+02:00", "…Z", "…+0200", or
// without an offset ("2026-03-29 08:15"), which is read in `zone`. Milliseconds
// are kept, finer digits dropped.
std::optional<util::ZonedInstant> parse_timestamp(std::string_view text, LocalZone& zone);

// A decimal number ("72.5", "-3", "1e3"); `places` gets how many digits follow the point.
std::optional<double> parse_number(std::string_view text, int* places = nullptr);

// The first `max` code points of `text`.
std::string truncate_utf8(std::string_view text, std::size_t max);

// `text` in quotes for a problem's reason, shortened when long.
std::string in_quotes(std::string_view text);

// "expected 6 columns, found 4".
std::string column_count_problem(std::size_t expected, std::size_t found);

// Reads the rows after the header: calls `read_row(record)` for each one that
// is whole and has `columns` fields, and notes every other one as a problem
// of `plan`, with its line.
template <typename ReadRow>
void read_rows(CsvReader& csv, CsvRecord& record, std::size_t columns, ImportPlan& plan, ReadRow&& read_row) {
  while (csv.next(record)) {
    if (record.unterminated) {
      plan.problems.push_back({record.line, "a quoted field is never closed"});
    } else if (record.fields.size() != columns) {
      plan.problems.push_back({record.line, column_count_problem(columns, record.fields.size())});
    } else {
      read_row(record);
    }
  }
}

// Lines in `text`, to reserve room for one log per row.
std::size_t count_lines(std::string_view text);

// Labels in order of first appearance, told apart without regard to case;
// each keeps the spelling it was first seen with.
class Labels {
 public:
  // The index of `label`, adding it when new.
  std::size_t add(std::string_view label);
  std::optional<std::size_t> find(std::string_view label) const;
  const std::string& operator[](std::size_t index) const { return m_labels[index]; }
  std::size_t size() const { return m_labels.size(); }
  const std::vector<std::string>& all() const { return m_labels; }

 private:
  std::vector<std::string> m_labels;
  std::unordered_map<std::string, std::size_t> m_index;  // by lower-case label
  mutable std::string m_key;                             // reused, to look up without allocating
};

// The columns of a header row, found by name without regard to case.
class Columns {
 public:
  explicit Columns(const CsvRecord& header);
  std::optional<std::size_t> find(std::string_view name) const;
  std::size_t count() const { return m_names.size(); }

  // Whether the header has every one of `names`.
  template <std::size_t N>
  bool has_all(const std::array<std::string_view, N>& names) const {
    return std::all_of(names.begin(), names.end(), [this](std::string_view name) { return find(name).has_value(); });
  }

  // Where each of `names` is, in their order, for std::tie. The header must
  // have them all (has_all), as it has the columns its format was recognised by.
  template <std::size_t N>
  auto where(const std::array<std::string_view, N>& names) const {
    return std::apply([this](auto... name) { return std::tuple{*find(name)...}; }, names);
  }

 private:
  std::vector<std::string> m_names;  // lower case, trimmed
};

// Reads a CSV export: makes a `Reader` from its header's columns, the zone and
// the plan; has it read each row after the header as read_rows does; then has
// it finish the plan.
template <typename Reader>
void read_csv(std::string_view content, LocalZone& zone, ImportPlan& plan) {
  CsvReader csv(content);
  CsvRecord record;
  csv.next(record);
  const Columns columns(record);
  Reader reader(columns, zone, plan);
  read_rows(csv, record, columns.count(), plan, [&reader](const CsvRecord& row) { reader.read_row(row); });
  reader.finish();
}

// The columns core/import.cpp recognises each CSV export by: its reader can
// count on finding them.
inline constexpr std::array<std::string_view, 4> kQselfCsvColumns = {"tracker", "type", "logged_at", "value"};
inline constexpr std::array<std::string_view, 3> kTrackAndGraphColumns = {"featurename", "timestamp", "value"};
inline constexpr std::array<std::string_view, 4> kDaylioColumns = {"full_date", "time", "mood", "activities"};

// The formats, each filling `plan` from its file (core/import.cpp picks one;
// the CSV ones expect the header columns it recognised them by).
void parse_qself_json(std::string_view content, LocalZone& zone, ImportPlan& plan);
void parse_qself_csv(std::string_view content, LocalZone& zone, ImportPlan& plan);
void parse_loop(std::string_view zip, LocalZone& zone, ImportPlan& plan);
void parse_trackandgraph(std::string_view content, LocalZone& zone, ImportPlan& plan);
void parse_daylio(std::string_view content, LocalZone& zone, ImportPlan& plan);

}  // namespace qself::core::importers
