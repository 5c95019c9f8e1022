#pragma once
// What a user's data says: relationships between trackers, each tracker's
// weekday rhythm and trend, tested together and corrected for how many tests
// were made, so that only what survives is called a finding.
//
// Everything is computed from the 15-minute slots (core/stats.hpp) folded into
// periods of the user's zone, over at most the last kWindowDays days:
// - A period's value is the tracker's goal aggregate (core::period_value: the
//   daily total of a counter, the mean of a rating), for a yes/no tracker 1
//   when a yes was logged in it and 0 for only no, and for a choice tracker
//   one yes/no series per choice (was it logged in the period?).
// - A yes/no tracker that was never logged "no" (a habit ticked when done)
//   counts as no on the periods after its first yes in which the user logged
//   any other tracker: a day used without a tick. Every other missing period
//   is missing, never 0.
// - Two trackers are compared on the longer of their periods (a daily and a
//   weekly tracker weekly), on the same period (lag 0) and with the second on
//   the next one (lag 1), both ways round: Spearman's ρ between two numbers,
//   the difference of means (Welch) between the periods with and without a
//   yes/choice, the difference of rates between two yes/no series.
// - A tracker is never compared with itself, nor two choices of one tracker,
//   nor two trackers whose values are the same on every shared period (the
//   same data logged twice).
// - Rhythm: Kruskal–Wallis across the days of the week. Trend: Spearman's ρ
//   against time over the last 30 and 90 days, the change by least squares.
//
// Work is bounded: at most kMaxSeries series (trackers, and one per choice)
// take part in relationships — those with the most periods with a value.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/periods.hpp"
#include "core/stats.hpp"

namespace qself::core {

inline constexpr int kInsightWindowDays = 3 * 365 + 1;
inline constexpr std::size_t kInsightMinPeriods = 14;  // paired periods for a relationship
inline constexpr std::size_t kInsightMinGroup = 5;     // periods on each side of a yes/no
inline constexpr std::size_t kInsightMaxSeries = 60;
inline constexpr double kInsightFalseDiscoveryRate = 0.05;
inline constexpr std::size_t kInsightMaxFindings = 50;
inline constexpr std::size_t kInsightMaxNotReliable = 20;

enum class InsightKind { relationship, weekday, trend };
enum class InsightTest { spearman, difference_of_means, difference_of_rates, kruskal_wallis };
enum class InsightStrength { weak, moderate, strong };
std::string_view to_string(InsightKind kind);
std::string_view to_string(InsightTest test);
std::string_view to_string(InsightStrength strength);

// A group of periods a finding compares or charts, with the mean of the
// compared value over them (a share of yes for yes/no).
struct InsightGroup {
  std::string label;
  std::int64_t n = 0;
  std::optional<double> mean, sd;
};

struct InsightFinding {
  std::string key;  // names the comparison: stable while the trackers are
  InsightKind kind = InsightKind::relationship;
  bool reliable = false;
  std::string sentence;
  std::vector<std::int64_t> tracker_ids;  // the second of a relationship is the one `lag` periods later
  std::optional<int> lag;
  std::vector<std::optional<std::int64_t>> choice_ids;  // relationships: per tracker, the choice compared
  std::optional<int> window_days;                       // trends
  Frequency period = Frequency::daily;
  InsightTest test = InsightTest::spearman;
  std::int64_t n = 0;
  double effect = 0;
  std::optional<double> ci_low, ci_high;
  double p_value = 1, q_value = 1;
  InsightStrength strength = InsightStrength::weak;
  std::vector<InsightGroup> groups;
  std::optional<double> change;  // trends: the fitted line's rise over the window
  double score = 0;              // the effect on one scale (0…1), to put the strongest first
};

struct InsightWeekday {
  int weekday = 1;  // ISO: 1 Monday … 7 Sunday
  std::int64_t n = 0;
  std::optional<double> mean, sd;
  std::map<std::int64_t, std::int64_t> choices;  // choice trackers: periods per choice id
};

struct InsightHour {
  int hour = 0;
  std::int64_t logs = 0;
  std::optional<double> mean;
};

struct TrackerRhythm {
  std::int64_t tracker_id = 0;
  std::vector<InsightWeekday> weekday;  // 7 for trackers logged hourly or daily, else none
  std::vector<InsightHour> hour;        // 24 when logged at several times of day, else none
  std::optional<std::int64_t> last_at;  // UTC milliseconds of the latest log (a yes/no tracker's latest yes)
  std::optional<double> typical_gap_days;
};

struct Insights {
  Timestamp from, to;
  std::int64_t comparisons = 0;
  std::vector<InsightFinding> findings;      // reliable, strongest first
  std::vector<InsightFinding> not_reliable;  // the smallest p-values of the rest
  std::vector<TrackerRhythm> rhythms;
};

// The insights of `trackers` (active, in the order shown) from their slots
// (sorted by slot, as the store gives them), in `calendar`'s zone, as of `now`.
Insights insights(const std::vector<Tracker>& trackers, const std::map<std::int64_t, std::vector<SlotAggregate>>& slots,
                  const Calendar& calendar, Timestamp now);

// Keeps what concerns one tracker: its findings (the family and the
// q-values stay those of every tracker) and its rhythm.
Insights insights_of_tracker(Insights all, std::int64_t tracker_id);

}  // namespace qself::core
