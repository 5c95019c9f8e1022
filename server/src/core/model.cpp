#include "core/model.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/text.hpp"

namespace qself::core {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "unknown";
}

constexpr std::array<std::pair<TrackerType, std::string_view>, 6> kTypes{{
    {TrackerType::numeric, "numeric"},
    {TrackerType::boolean, "boolean"},
    {TrackerType::choice, "choice"},
    {TrackerType::rating, "rating"},
    {TrackerType::duration, "duration"},
    {TrackerType::text, "text"},
}};
constexpr std::array<std::pair<Frequency, std::string_view>, 4> kFrequencies{{
    {Frequency::hourly, "hourly"},
    {Frequency::daily, "daily"},
    {Frequency::weekly, "weekly"},
    {Frequency::monthly, "monthly"},
}};
constexpr std::array<std::pair<TargetOp, std::string_view>, 2> kTargetOps{{
    {TargetOp::at_least, "at_least"},
    {TargetOp::at_most, "at_most"},
}};
constexpr std::array<std::pair<Aggregate, std::string_view>, 6> kAggregates{{
    {Aggregate::sum, "sum"},
    {Aggregate::count, "count"},
    {Aggregate::average, "average"},
    {Aggregate::last, "last"},
    {Aggregate::min, "min"},
    {Aggregate::max, "max"},
}};
constexpr std::array<std::pair<DurationUnit, std::string_view>, 2> kDurationUnits{{
    {DurationUnit::minutes, "minutes"},
    {DurationUnit::hours, "hours"},
}};
constexpr std::array<std::pair<TokenScope, std::string_view>, 2> kTokenScopes{{
    {TokenScope::read, "read"},
    {TokenScope::write, "write"},
}};
constexpr std::array<std::pair<JobKind, std::string_view>, 6> kJobKinds{{
    {JobKind::send_email, "send_email"},
    {JobKind::send_push, "send_push"},
    {JobKind::build_report, "build_report"},
    {JobKind::export_data, "export"},
    {JobKind::import_data, "import"},
    {JobKind::noop, "noop"},
}};
constexpr std::array<std::pair<JobStatus, std::string_view>, 4> kJobStatuses{{
    {JobStatus::pending, "pending"},
    {JobStatus::running, "running"},
    {JobStatus::done, "done"},
    {JobStatus::dead, "dead"},
}};

}  // namespace

std::string_view to_string(TrackerType type) { return name_of(kTypes, type); }
std::string_view to_string(Frequency frequency) { return name_of(kFrequencies, frequency); }
std::string_view to_string(TargetOp op) { return name_of(kTargetOps, op); }
std::optional<TrackerType> parse_tracker_type(std::string_view text) { return lookup(kTypes, text); }
std::optional<Frequency> parse_frequency(std::string_view text) { return lookup(kFrequencies, text); }
std::optional<TargetOp> parse_target_op(std::string_view text) { return lookup(kTargetOps, text); }
std::string_view to_string(Aggregate aggregate) { return name_of(kAggregates, aggregate); }
std::optional<Aggregate> parse_aggregate(std::string_view text) { return lookup(kAggregates, text); }
std::string_view to_string(DurationUnit unit) { return name_of(kDurationUnits, unit); }
std::optional<DurationUnit> parse_duration_unit(std::string_view text) { return lookup(kDurationUnits, text); }
std::string_view to_string(TokenScope scope) { return name_of(kTokenScopes, scope); }
std::optional<TokenScope> parse_token_scope(std::string_view text) { return lookup(kTokenScopes, text); }
std::string_view to_string(JobKind kind) { return name_of(kJobKinds, kind); }
std::string_view to_string(JobStatus status) { return name_of(kJobStatuses, status); }
JobKind parse_job_kind(std::string_view text) { return lookup(kJobKinds, text).value_or(JobKind::unknown); }
std::optional<JobStatus> parse_job_status(std::string_view text) { return lookup(kJobStatuses, text); }

const std::vector<Aggregate>& aggregates_for(TrackerType type) {
  using enum Aggregate;
  static const std::vector<Aggregate> measured{sum, count, average, last, min, max};
  static const std::vector<Aggregate> rated{average, last, min, max, count};
  static const std::vector<Aggregate> yes_no{sum, count};
  static const std::vector<Aggregate> counted{count};
  switch (type) {
    case TrackerType::numeric:
    case TrackerType::duration:
      return measured;
    case TrackerType::rating:
      return rated;
    case TrackerType::boolean:
      return yes_no;
    case TrackerType::choice:
    case TrackerType::text:
      return counted;
  }
  return counted;
}

Aggregate default_aggregate(TrackerType type) { return aggregates_for(type).front(); }

Aggregate goal_aggregate(const Tracker& tracker) {
  return tracker.target ? tracker.target->aggregate : default_aggregate(tracker.type);
}

Frequency goal_period(const Tracker& tracker) {
  return tracker.target && tracker.target->period ? *tracker.target->period : tracker.frequency;
}

const Choice* find_choice(const TrackerOptions& options, std::int64_t id) {
  const auto found = std::find_if(options.choices.begin(), options.choices.end(),
                                  [&](const Choice& choice) { return choice.id == id; });
  return found == options.choices.end() ? nullptr : &*found;
}

const Choice* find_choice(const TrackerOptions& options, std::string_view label) {
  const std::string lower = to_lower(std::string(label));
  const auto found = std::find_if(options.choices.begin(), options.choices.end(),
                                  [&](const Choice& choice) { return to_lower(choice.label) == lower; });
  return found == options.choices.end() ? nullptr : &*found;
}

std::int64_t add_choice(TrackerOptions& options, std::string label) {
  std::int64_t next = 0;
  for (const auto& choice : options.choices) next = std::max(next, choice.id + 1);
  options.choices.push_back({next, std::move(label)});
  return next;
}

std::vector<std::string> choice_labels(const TrackerOptions& options) {
  std::vector<std::string> labels;
  for (const auto& choice : options.choices) labels.push_back(choice.label);
  return labels;
}

}  // namespace qself::core
