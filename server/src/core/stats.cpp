#include "core/stats.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

namespace qself::core {
namespace {

void merge_number(std::optional<double>& into, const std::optional<double>& value, bool take_min, bool take_max) {
  if (!value) return;
  if (!into)
    into = value;
  else if (take_min)
    into = std::min(*into, *value);
  else if (take_max)
    into = std::max(*into, *value);
  else
    *into += *value;
}

// Keeps the later of two latest values; on a tie, the one merged last.
void merge_last(std::optional<double>& last, std::int64_t& last_at, const std::optional<double>& value,
                std::int64_t value_at) {
  if (!value || (last && value_at < last_at)) return;
  last = value;
  last_at = value_at;
}

Timestamp slot_start(std::int64_t slot) { return Timestamp{std::chrono::seconds{slot * kSlotSeconds}}; }

}  // namespace

std::optional<double> PeriodValues::mean() const {
  if (!sum || count == 0) return std::nullopt;
  return *sum / static_cast<double>(count);
}

std::optional<double> period_value(const Tracker& tracker, const PeriodValues& values) {
  switch (goal_aggregate(tracker)) {
    case Aggregate::sum:
      return values.sum.value_or(0.0);
    case Aggregate::count:
      return static_cast<double>(values.count);
    case Aggregate::average:
      return values.mean();
    case Aggregate::last:
      return values.last;
    case Aggregate::min:
      return values.min;
    case Aggregate::max:
      return values.max;
  }
  return std::nullopt;
}

PeriodStatus period_status(const Tracker& tracker, const PeriodValues& values, bool finished) {
  const PeriodStatus unmet = finished ? PeriodStatus::missed : PeriodStatus::not_yet;
  if (!tracker.target) {
    const bool logged = tracker.type == TrackerType::boolean ? values.sum.value_or(0.0) > 0 : values.count > 0;
    return logged ? PeriodStatus::met : unmet;
  }
  const auto value = period_value(tracker, values);
  if (!value) return finished ? PeriodStatus::no_data : PeriodStatus::not_yet;
  const Aggregate aggregate = tracker.target->aggregate;
  const bool only_grows = aggregate == Aggregate::sum || aggregate == Aggregate::count || aggregate == Aggregate::max;
  const bool only_falls = aggregate == Aggregate::min;
  const double target = tracker.target->value;
  if (tracker.target->op == TargetOp::at_least) {
    if (*value >= target) return PeriodStatus::met;
    return finished || only_falls ? PeriodStatus::missed : PeriodStatus::not_yet;
  }
  if (*value > target) return finished || only_grows ? PeriodStatus::missed : PeriodStatus::not_yet;
  return finished || !only_grows ? PeriodStatus::met : PeriodStatus::not_yet;
}

bool period_done(const Tracker& tracker, const PeriodValues& values) {
  return period_status(tracker, values, true) == PeriodStatus::met;
}

std::vector<PeriodValues> fold(const std::vector<SlotAggregate>& slots, const Calendar& calendar, Frequency unit) {
  std::vector<PeriodValues> periods;
  for (const auto& slot : slots) {
    const Timestamp start = slot_start(slot.slot);
    if (periods.empty() || !periods.back().period.contains(start)) {
      periods.push_back(PeriodValues::of(calendar.period_of(start, unit)));
    }
    auto& current = periods.back();
    current.count += slot.count;
    merge_number(current.sum, slot.sum, false, false);
    merge_number(current.min, slot.min, true, false);
    merge_number(current.max, slot.max, false, true);
    merge_last(current.last, current.last_at, slot.last, slot.last_at);
    if (slot.key) current.counts[*slot.key] += slot.count;
  }
  return periods;
}

GoalStatuses goal_statuses(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period,
                           const Calendar& calendar, Timestamp first, Timestamp from, Timestamp end, Timestamp now) {
  GoalStatuses result;
  const Frequency unit = goal_period(tracker);
  const PeriodStatus nothing_logged = period_status(tracker, PeriodValues{}, true);
  const auto add = [&](PeriodStatus status, std::int64_t periods) {
    if (!result.runs.empty() && result.runs.back().status == status) {
      result.runs.back().periods += periods;
    } else {
      result.runs.push_back({status, periods});
    }
  };
  auto next_values = by_goal_period.begin();
  const auto pass_values_before = [&](Timestamp start) {
    while (next_values != by_goal_period.end() && next_values->period.start < start) ++next_values;
  };
  for (Period period = calendar.period_of(std::max(first, from), unit); period.start < end;) {
    ++result.steps;
    pass_values_before(period.start);
    const bool has_values = next_values != by_goal_period.end() && next_values->period.start == period.start;
    // A period begun before the tracker existed counts only for what was logged in it.
    if (has_values || period.start >= first) {
      add(period_status(tracker, has_values ? *next_values : PeriodValues::of(period), !period.contains(now)), 1);
    }
    // Up to the next period with logs, or to now or the end if sooner, every
    // period is over, begun after `first` and without logs: counted, not visited.
    period = calendar.next(period, unit);
    pass_values_before(period.start);
    Timestamp until = std::min(end, now);
    if (next_values != by_goal_period.end()) until = std::min(until, next_values->period.start);
    const PeriodSkip skip = calendar.skip_until(period, until, unit);
    result.steps += skip.steps;
    if (skip.periods > 0) add(nothing_logged, skip.periods);
    period = skip.next;
  }
  return result;
}

Streaks streaks(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period, const Calendar& calendar,
                Timestamp first, Timestamp now) {
  if (first > now) return {};
  // Every period up to the one under way (the one holding now).
  const auto runs =
      goal_statuses(tracker, by_goal_period, calendar, first, first, now + std::chrono::seconds{1}, now).runs;
  std::int64_t best = 0, run = 0;
  for (const auto& [status, periods] : runs) {
    run = status == PeriodStatus::met ? run + periods : 0;
    best = std::max(best, run);
  }
  std::int64_t current = 0;
  // The period under way breaks the streak only once it is missed.
  auto last = runs.rbegin();
  if (last != runs.rend() && last->status == PeriodStatus::not_yet) ++last;
  for (; last != runs.rend() && last->status == PeriodStatus::met; ++last) current += last->periods;
  constexpr std::int64_t kMost = std::numeric_limits<int>::max();
  return Streaks{static_cast<int>(std::min(current, kMost)), static_cast<int>(std::min(best, kMost))};
}

std::optional<double> target_hit_rate(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period,
                                      const Calendar& calendar, Timestamp first, Timestamp from, Timestamp to,
                                      Timestamp now) {
  if (!tracker.target) return std::nullopt;
  const Timestamp start = std::max(first, from);
  const Timestamp end = std::min(to, now);
  if (start >= end) return std::nullopt;
  std::int64_t hits = 0, total = 0;
  for (const auto& [status, periods] : goal_statuses(tracker, by_goal_period, calendar, first, start, end, now).runs) {
    // Still under way (neither met nor missed), or nothing to judge.
    if (status == PeriodStatus::not_yet || status == PeriodStatus::no_data) continue;
    total += periods;
    if (status == PeriodStatus::met) hits += periods;
  }
  if (total == 0) return std::nullopt;
  return static_cast<double>(hits) / static_cast<double>(total);
}

RangeSummary summarize(const std::vector<PeriodValues>& periods) {
  RangeSummary summary;
  for (const auto& period : periods) {
    summary.count += period.count;
    merge_number(summary.sum, period.sum, false, false);
    merge_number(summary.min, period.min, true, false);
    merge_number(summary.max, period.max, false, true);
  }
  if (summary.sum && summary.count > 0) summary.mean = *summary.sum / static_cast<double>(summary.count);
  return summary;
}

PeriodSummary summarize_periods(const Tracker& tracker, const std::vector<PeriodValues>& periods) {
  PeriodSummary summary;
  double total = 0;
  for (const auto& period : periods) {
    const auto value = period_value(tracker, period);
    if (!value) continue;
    ++summary.periods;
    total += *value;
    merge_number(summary.min, value, true, false);
    merge_number(summary.max, value, false, true);
  }
  if (summary.periods > 0) summary.mean = total / static_cast<double>(summary.periods);
  return summary;
}

}  // namespace qself::core
