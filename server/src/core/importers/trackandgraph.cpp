// Track & Graph's CSV export, one row per data point:
//   FeatureName,Timestamp,Value,Label,Note
// A feature becomes a duration tracker when every value is "H:MM:SS", a
// choice tracker when every row has a label and there are few of them (its
// choices are the labels, in the order of their values), and a numeric
// tracker otherwise. The file is read twice: once to learn each feature's
// type, once to read its rows, so no row is kept in between.

#include <algorithm>
#include <limits>
#include <tuple>

#include "core/importers/common.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "core/values.hpp"

namespace qself::core::importers {
namespace {

// More labels than this are not a list to choose from but free text.
constexpr std::size_t kMaxDetectedChoices = 20;
constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxLabel = 100;
constexpr int kMinDecimals = 2;
constexpr int kMaxDecimals = 6;

bool is_hms(std::string_view text) {
  const std::size_t first = text.find(':');
  if (first == 0 || first == std::string_view::npos || text.size() != first + 6 || text[first + 3] != ':') {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != first && i != first + 3 && (text[i] < '0' || text[i] > '9')) return false;
  }
  return true;
}

struct Feature {
  std::size_t rows = 0;
  std::size_t durations = 0;  // rows whose value is H:MM:SS
  std::size_t labelled = 0;   // rows with a label
  bool long_label = false;    // one too long to be a choice
  Labels labels;
  std::vector<double> lowest;  // per label, the lowest value seen with it
  TrackerType type = TrackerType::numeric;
  int places = 0;
  std::size_t tracker = 0;  // index in the plan
};

class Reader {
 public:
  Reader(LocalZone& zone, ImportPlan& plan) : m_zone(zone), m_plan(plan) {}

  void read(std::string_view content) {
    learn(content);
    decide();
    m_plan.logs.reserve(count_lines(content));
    CsvReader csv(content);
    CsvRecord record;
    csv.next(record);
    read_rows(csv, record, m_columns, m_plan, [this](const CsvRecord& row) { read_row(row); });
    for (const Feature& feature : m_features) {
      if (feature.type == TrackerType::numeric) {
        m_plan.trackers[feature.tracker].definition.options.decimals =
            std::clamp(feature.places, kMinDecimals, kMaxDecimals);
      }
    }
  }

 private:
  void problem(std::size_t line, std::string reason) { m_plan.problems.push_back({line, std::move(reason)}); }

  std::string_view field(const CsvRecord& record, std::optional<std::size_t> column) const {
    return column ? record.fields[*column] : std::string_view();
  }

  // The first pass: what kind of values each feature has.
  void learn(std::string_view content) {
    CsvReader csv(content);
    CsvRecord record;
    csv.next(record);
    const Columns columns(record);
    m_columns = columns.count();
    std::tie(m_name, m_timestamp, m_value) = columns.where(kTrackAndGraphColumns);
    m_label = columns.find("label");
    m_note = columns.find("note");
    while (csv.next(record)) {
      if (record.unterminated || record.fields.size() != m_columns) continue;
      const std::string_view name = trim_view(record.fields[m_name]);
      if (name.empty() || name_problem(name)) continue;  // a problem of its row, told by read_row
      Feature& feature = m_features[find_or_add(name)];
      ++feature.rows;
      const std::string_view value = trim_view(record.fields[m_value]);
      if (is_hms(value)) ++feature.durations;
      const std::string_view label = trim_view(field(record, m_label));
      if (label.empty()) continue;
      ++feature.labelled;
      if (utf8_length(label) > kMaxLabel || name_problem(label)) feature.long_label = true;  // not a choice
      if (feature.labels.size() > kMaxDetectedChoices) continue;  // already too many to be choices
      const std::size_t index = feature.labels.add(label);
      if (index == feature.lowest.size()) feature.lowest.push_back(std::numeric_limits<double>::infinity());
      if (const auto number = parse_number(value)) feature.lowest[index] = std::min(feature.lowest[index], *number);
    }
  }

  std::size_t find_or_add(std::string_view name) {
    if (const auto found = m_names.find(name)) return *found;
    m_names.add(name);
    m_features.emplace_back();
    return m_features.size() - 1;
  }

  // Each feature's type, and its tracker in the order features first appear.
  void decide() {
    for (std::size_t i = 0; i < m_features.size(); ++i) {
      Feature& feature = m_features[i];
      Tracker tracker;
      tracker.name = truncate_utf8(m_names[i], kMaxName);  // two names cut alike are told apart later
      tracker.frequency = Frequency::daily;
      if (feature.durations == feature.rows) {
        tracker.type = TrackerType::duration;
      } else if (feature.labelled == feature.rows && feature.labels.size() <= kMaxDetectedChoices &&
                 !feature.long_label) {
        tracker.type = TrackerType::choice;
        // Labels name values ("Bad" = 1, "Good" = 3): ordered by value they read as a scale.
        std::vector<std::size_t> order(feature.labels.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return feature.lowest[a] < feature.lowest[b]; });
        for (const std::size_t k : order) add_choice(tracker.options, feature.labels[k]);
      } else {
        tracker.type = TrackerType::numeric;
      }
      feature.type = tracker.type;
      feature.tracker = m_plan.trackers.size();
      m_plan.trackers.push_back({std::move(tracker)});
    }
  }

  void read_row(const CsvRecord& record) {
    const std::string_view name = trim_view(record.fields[m_name]);
    if (name.empty()) return problem(record.line, "the feature name is empty");
    if (const auto wrong = name_problem(name)) return problem(record.line, "the feature name " + *wrong);
    Feature& feature = m_features[*m_names.find(name)];
    const auto when = parse_timestamp(record.fields[m_timestamp], m_zone);
    if (!when)
      return problem(record.line, "timestamp " + in_quotes(record.fields[m_timestamp]) + " is not a date and time");
    const std::string_view value = trim_view(record.fields[m_value]);
    const std::string_view label = trim_view(field(record, m_label));
    std::string note(field(record, m_note));
    NaturalValue natural;
    switch (feature.type) {
      case TrackerType::duration: {
        const auto seconds = parse_duration_text(value);
        if (!seconds) return problem(record.line, "value " + in_quotes(value) + " is not a duration such as 1:30:00");
        natural = static_cast<std::int64_t>(*seconds);
        break;
      }
      case TrackerType::choice:
        natural = feature.labels[*feature.labels.find(label)];
        break;
      default: {
        if (value.empty()) return problem(record.line, "the value is empty");
        int places = 0;
        const auto number = parse_number(value, &places);
        if (!number) return problem(record.line, "value " + in_quotes(value) + " is not a number");
        feature.places = std::max(feature.places, places);
        natural = *number;
        // A label on a number would otherwise be lost: it is kept in the note.
        if (!label.empty()) note = note.empty() ? std::string(label) : std::string(label) + "\n" + note;
      }
    }
    m_plan.logs.push_back({feature.tracker, *when, std::move(natural), std::move(note), record.line});
  }

  LocalZone& m_zone;
  ImportPlan& m_plan;
  std::size_t m_columns = 0;
  std::size_t m_name = 0;
  std::size_t m_timestamp = 0;
  std::size_t m_value = 0;
  std::optional<std::size_t> m_label;
  std::optional<std::size_t> m_note;
  Labels m_names;  // the features' names; like tracker names, without regard to case
  std::vector<Feature> m_features;
};

}  // namespace

void parse_trackandgraph(std::string_view content, LocalZone& zone, ImportPlan& plan) {
  Reader(zone, plan).read(content);
}

}  // namespace qself::core::importers
