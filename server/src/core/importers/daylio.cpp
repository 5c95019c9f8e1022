// Daylio's CSV export, one row per entry:
//   full_date,date,weekday,time,mood,activities,note_title,note
// (newer files add "scales" after activities; columns are found by name).
// The moods become one choice tracker "Mood", the activities one yes/no
// tracker each, logged true at every entry that lists them.

#include <algorithm>
#include <array>
#include <tuple>

#include "core/importers/common.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"

namespace qself::core::importers {
namespace {

constexpr std::string_view kMoodTracker = "Mood";
// Daylio's own moods, best first: the order its charts use.
constexpr std::array<std::string_view, 5> kDefaultMoods = {"rad", "good", "meh", "bad", "awful"};
constexpr std::size_t kMaxChoices = 50;
constexpr std::size_t kMaxName = 100;

class Reader {
 public:
  Reader(const Columns& columns, LocalZone& zone, ImportPlan& plan)
      : m_zone(zone), m_plan(plan), m_note_title(columns.find("note_title")), m_note(columns.find("note")) {
    std::tie(m_full_date, m_time, m_mood, m_activities) = columns.where(kDaylioColumns);
  }

  void read_row(const CsvRecord& record) {
    const auto& fields = record.fields;
    const auto day = parse_date(fields[m_full_date]);
    if (!day) return problem(record.line, "full_date " + in_quotes(fields[m_full_date]) + " is not a date");
    const auto clock = parse_clock(fields[m_time]);
    if (!clock) return problem(record.line, "time " + in_quotes(fields[m_time]) + " is not a time of day");
    const util::ZonedInstant when = m_zone.at(*day + *clock);

    const std::string_view mood = trim_view(fields[m_mood]);
    if (const auto wrong = mood.empty() ? std::nullopt : name_problem(mood)) {
      return problem(record.line, "mood " + in_quotes(mood) + " " + *wrong);
    }
    if (!mood.empty()) {
      auto index = m_moods.find(mood);
      if (!index && m_moods.size() == kMaxChoices) {
        return problem(record.line, "mood " + in_quotes(mood) + " is one more than the 50 a tracker can have");
      }
      if (!index) index = m_moods.add(mood);
      m_plan.logs.push_back({mood_tracker(), when, NaturalValue(m_moods[*index]), note_of(record), record.line});
    }

    // Activities are separated by " | "; an entry lists each once, but a
    // repeat must not log it twice.
    m_logged.clear();
    std::string_view rest = fields[m_activities];
    while (!rest.empty()) {
      const std::size_t bar = rest.find('|');
      const std::string_view name = trim_view(rest.substr(0, bar));
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      if (name.empty()) continue;
      if (utf8_length(name) > kMaxName) {
        problem(record.line, "activity " + in_quotes(name) + " is longer than 100 characters");
        continue;
      }
      if (const auto wrong = name_problem(name)) {
        problem(record.line, "activity " + in_quotes(name) + " " + *wrong);
        continue;
      }
      const std::size_t tracker = activity_tracker(name);
      if (std::find(m_logged.begin(), m_logged.end(), tracker) != m_logged.end()) continue;
      m_logged.push_back(tracker);
      m_plan.logs.push_back({tracker, when, NaturalValue(true), std::string(), record.line});
    }
  }

  // Daylio's own moods first, best to worst, then the user's own in the order met.
  void finish() {
    if (!m_mood_tracker) return;
    auto& options = m_plan.trackers[*m_mood_tracker].definition.options;
    std::vector<bool> placed(m_moods.size(), false);
    for (const std::string_view mood : kDefaultMoods) {
      if (const auto index = m_moods.find(mood)) {
        add_choice(options, std::string(m_moods[*index]));
        placed[*index] = true;
      }
    }
    for (std::size_t i = 0; i < m_moods.size(); ++i) {
      if (!placed[i]) add_choice(options, std::string(m_moods[i]));
    }
  }

 private:
  void problem(std::size_t line, std::string reason) { m_plan.problems.push_back({line, std::move(reason)}); }

  // "Title" and "text" as one note, the title on its own line.
  std::string note_of(const CsvRecord& record) const {
    const std::string_view title = m_note_title ? trim_view(record.fields[*m_note_title]) : std::string_view();
    const std::string_view text = m_note ? trim_view(record.fields[*m_note]) : std::string_view();
    if (title.empty()) return std::string(text);
    if (text.empty()) return std::string(title);
    std::string note;
    note.reserve(title.size() + 1 + text.size());
    note.append(title).append("\n").append(text);
    return note;
  }

  std::size_t mood_tracker() {
    if (m_mood_tracker) return *m_mood_tracker;
    Tracker tracker;
    tracker.name = std::string(kMoodTracker);
    tracker.type = TrackerType::choice;
    tracker.frequency = Frequency::daily;
    m_mood_tracker = m_plan.trackers.size();
    m_plan.trackers.push_back({std::move(tracker)});
    return *m_mood_tracker;
  }

  std::size_t activity_tracker(std::string_view name) {
    if (const auto found = m_activity_names.find(name)) return m_activity_trackers[*found];
    m_activity_names.add(name);
    Tracker tracker;
    tracker.name = std::string(name);
    tracker.type = TrackerType::boolean;
    tracker.frequency = Frequency::daily;
    m_activity_trackers.push_back(m_plan.trackers.size());
    m_plan.trackers.push_back({std::move(tracker)});
    return m_activity_trackers.back();
  }

  LocalZone& m_zone;
  ImportPlan& m_plan;
  std::size_t m_full_date = 0;
  std::size_t m_time = 0;
  std::size_t m_mood = 0;
  std::size_t m_activities = 0;
  std::optional<std::size_t> m_note_title;
  std::optional<std::size_t> m_note;
  Labels m_moods;
  std::optional<std::size_t> m_mood_tracker;
  Labels m_activity_names;
  std::vector<std::size_t> m_activity_trackers;  // per activity name, its tracker in the plan
  std::vector<std::size_t> m_logged;             // trackers logged for the current row
};

}  // namespace

void parse_daylio(std::string_view content, LocalZone& zone, ImportPlan& plan) {
  plan.logs.reserve(count_lines(content) * 2);  // room for a mood and an activity per entry
  read_csv<Reader>(content, zone, plan);
}

}  // namespace qself::core::importers
