#pragma once
// Statistics of a tracker: values per period in the user's time zone,
// streaks, target hit rate and the dashboard summary.
//
// The store hands over logs already folded into 15-minute UTC slots (every
// time zone's offset and every period boundary falls on a quarter hour), so
// the work here is proportional to slots, never to raw logs.

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
};

// The logs of one period.
struct PeriodValues {
  Period period;
  std::int64_t count = 0;
  std::optional<double> sum, min, max;
  std::map<double, std::int64_t> counts;  // per key (choice index, boolean 0/1)

  static PeriodValues of(const Period& period) {
    PeriodValues values;
    values.period = period;
    return values;
  }
  std::optional<double> mean() const;
};

// What counts for a target in a period: the sum (numeric, duration), the
// number of yes (boolean), the mean (rating), the number of logs (choice, text).
std::optional<double> period_value(const Tracker& tracker, const PeriodValues& values);
// Where a period stands against the tracker's goal (a target, or without one:
// something logged, a yes for boolean).
enum class PeriodStatus {
  met,
  not_yet,  // under way, neither met nor missed so far
  missed,
};
// `finished`: the period is over. An "at most" limit is met only once its
// period is over (until then it can still be passed) and is missed as soon as
// it is passed; a period with no logs counts as 0 for sums and counts, but is
// "no data" for a rating's mean, which meets no target.
PeriodStatus period_status(const Tracker& tracker, const PeriodValues& values, bool finished);
// The status of a period that is over is met.
bool period_done(const Tracker& tracker, const PeriodValues& values);

// Folds slots (sorted by slot) into periods of `unit`; only periods with logs.
std::vector<PeriodValues> fold(const std::vector<SlotAggregate>& slots, const Calendar& calendar, Frequency unit);

struct Streaks {
  int current = 0;  // a current period not met yet does not break it; one already missed does
  int best = 0;
};

// Streaks of done periods of the tracker's frequency, from `first` to `now`;
// the period `first` falls in counts only if something was logged in it.
Streaks streaks(const Tracker& tracker, const std::vector<PeriodValues>& by_frequency, const Calendar& calendar,
                Timestamp first, Timestamp now);

// Share of periods of the tracker's frequency in [from, min(to, now)) that met
// the target; the period under way counts once it is met or missed. Unset without
// a target or without such periods.
std::optional<double> target_hit_rate(const Tracker& tracker, const std::vector<PeriodValues>& by_frequency,
                                      const Calendar& calendar, Timestamp first, Timestamp from, Timestamp to,
                                      Timestamp now);

struct RangeSummary {
  std::int64_t count = 0;
  std::optional<double> sum, min, max, mean;
};
RangeSummary summarize(const std::vector<PeriodValues>& periods);

}  // namespace qself::core
