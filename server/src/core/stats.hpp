#pragma once
// Statistics of a tracker: values per period in the user's time zone,
// streaks, target hit rate and the dashboard summary.
//
// The store hands over logs already folded into 15-minute UTC slots (every
// time zone's offset and every period boundary falls on a quarter hour), so
// the work here is proportional to slots, never to raw logs.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/model.hpp"
#include "core/periods.hpp"

namespace qself::core {

constexpr std::int64_t kSlotSeconds = 900;

// Logs of one tracker in one slot, with one `key` (the value, for choice and
// boolean trackers, so that each option is counted; otherwise unset).
struct SlotAggregate {
  std::int64_t slot = 0;  // UTC seconds / kSlotSeconds
  std::optional<double> key;
  std::int64_t count = 0;
  std::optional<double> sum, min, max;  // unset for text trackers
  std::optional<double> last;           // the value of the slot's latest log (by time, then id)
  std::int64_t last_at = 0;             // its time, UTC milliseconds
};

// The logs of one period.
struct PeriodValues {
  Period period;
  std::int64_t count = 0;
  std::optional<double> sum, min, max;
  std::optional<double> last;             // the latest log's value
  std::int64_t last_at = 0;               // its time, UTC milliseconds
  std::map<double, std::int64_t> counts;  // per key (choice id, boolean 0/1)

  static PeriodValues of(const Period& period) {
    PeriodValues values;
    values.period = period;
    return values;
  }
  std::optional<double> mean() const;
};

// What counts for a target in a period: the tracker's goal aggregate of its
// logs (core::goal_aggregate). A total or a count of no logs is 0; a mean,
// latest, lowest or highest of no logs is unset: no data.
std::optional<double> period_value(const Tracker& tracker, const PeriodValues& values);
// Where a period stands against the tracker's goal (a target, or without one:
// something logged, a yes for boolean).
enum class PeriodStatus {
  met,
  not_yet,  // under way, neither met nor missed so far
  missed,
  no_data,  // over, with nothing to hold a mean, latest, lowest or highest against
};
// `finished`: the period is over. What a period under way can still become
// depends on the aggregate: a total, count or highest only grows, so an "at
// least" is met for good once reached and an "at most" is missed for good once
// passed (and met only when the period is over); a lowest only falls; a mean or
// a latest value can go either way, so it is met while it meets the target and
// not yet while it does not. A period with no logs counts as 0 for a total or a
// count, and is no data otherwise.
PeriodStatus period_status(const Tracker& tracker, const PeriodValues& values, bool finished);
// The status of a period that is over is met.
bool period_done(const Tracker& tracker, const PeriodValues& values);

// Folds slots (sorted by slot) into periods of `unit`; only periods with logs.
std::vector<PeriodValues> fold(const std::vector<SlotAggregate>& slots, const Calendar& calendar, Frequency unit);

// Consecutive goal periods with one status.
struct StatusRun {
  PeriodStatus status = PeriodStatus::no_data;
  std::int64_t periods = 0;
  bool operator==(const StatusRun&) const = default;
};

// The statuses of goal periods, oldest first, in runs (two runs next to each
// other differ in status).
struct GoalStatuses {
  std::vector<StatusRun> runs;
  // The work it took: the periods looked at one by one (those with logs, the
  // first and the one under way) and the calendar's steps over the rest (see
  // Calendar::skip_until). Proportional to the periods with logs and the
  // zone's offset changes, never to the time since the first log. For the specs.
  std::int64_t steps = 0;
};

// The status of each goal period (core::goal_period) that starts before `end`,
// from the one holding `from` or `first` (the tracker's first instant),
// whichever is later, with `by_goal_period` the logs folded into those periods
// and `now` telling which one is under way. The period `first` falls in counts
// only if something was logged in it. The periods without logs between two
// with logs (or before now) are counted, not visited one by one: they are all
// over and all have the status of a period with nothing logged (for a target
// on a total or a count, 0 met or missed it; on a mean, latest, lowest or
// highest, no data; without a target, missed).
GoalStatuses goal_statuses(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period,
                           const Calendar& calendar, Timestamp first, Timestamp from, Timestamp end, Timestamp now);

struct Streaks {
  int current = 0;  // a current period not met yet does not break it; one already missed does
  int best = 0;
};

// Streaks of met periods of the tracker's goal period (core::goal_period), from
// `first` to `now`, with `by_goal_period` the logs folded into those periods;
// the period `first` falls in counts only if something was logged in it. A
// period with no data breaks a streak.
Streaks streaks(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period, const Calendar& calendar,
                Timestamp first, Timestamp now);

// Share of goal periods in [from, min(to, now)) that met the target, of those
// with data; the period under way counts once it is met or missed. Unset
// without a target or without such periods.
std::optional<double> target_hit_rate(const Tracker& tracker, const std::vector<PeriodValues>& by_goal_period,
                                      const Calendar& calendar, Timestamp first, Timestamp from, Timestamp to,
                                      Timestamp now);

// A range's figures per log: how many, their total, lowest, highest and mean.
struct RangeSummary {
  std::int64_t count = 0;
  std::optional<double> sum, min, max, mean;
};
RangeSummary summarize(const std::vector<PeriodValues>& periods);

// A range's figures per period: the goal aggregate of each period with data
// (core::period_value), and their mean, lowest and highest.
struct PeriodSummary {
  std::int64_t periods = 0;  // periods with a value
  std::optional<double> mean, min, max;
};
PeriodSummary summarize_periods(const Tracker& tracker, const std::vector<PeriodValues>& periods);

}  // namespace qself::core
