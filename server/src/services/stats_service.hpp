#pragma once
// What the logs add up to: the dashboard and a tracker's statistics, in the user's time zone.

#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "core/insights.hpp"
#include "core/model.hpp"
#include "core/stats.hpp"
#include "store/database.hpp"

namespace qself::services {

// What the dashboard shows of one tracker.
struct TrackerSummary {
  std::optional<core::Log> last;
  core::PeriodValues period;  // the goal period under way (core::goal_period), in the user's time zone
  std::optional<double> period_value;
  core::PeriodStatus status = core::PeriodStatus::not_yet;
  core::Streaks streaks;                                                 // in goal periods
  std::vector<std::pair<core::Timestamp, std::optional<double>>> trend;  // per frequency period, oldest first
};

struct DashboardItem {
  core::Tracker tracker;
  TrackerSummary summary;
};

struct StatsQuery {
  std::optional<core::Timestamp> from;
  std::optional<core::Timestamp> to;
  std::optional<core::Frequency> bucket;  // default: the tracker's frequency
};

struct TrackerStats {
  core::Tracker tracker;
  core::Frequency bucket = core::Frequency::daily;
  core::Timestamp from, to;
  std::vector<core::PeriodValues> series;
  core::RangeSummary summary;      // per log
  core::PeriodSummary per_period;  // per bucket of `series`, with the goal aggregate
  core::Streaks streaks;           // in goal periods
  std::optional<double> target_hit_rate;
};

class StatsService {
 public:
  static constexpr int kTrendPeriods = 14;

  explicit StatsService(store::Database& db) : m_db(db) {}

  // Every tracker with its summary, in one pass over the user's logs.
  std::vector<DashboardItem> dashboard(const core::User& user, core::ArchivedFilter filter);
  // Throws NotFound, or BadRequest when `from` is not before `to`.
  TrackerStats stats(const core::User& user, core::TrackerId tracker_id, const StatsQuery& query);
  // What the user's active trackers say together (core/insights.hpp), as of
  // now. One computation per account at a time in this process (it takes a
  // thread for up to a few hundred milliseconds): throws Busy while the
  // account has one running, so that no account can hold every thread.
  core::Insights insights(const core::User& user);
  // The same, keeping what concerns one tracker. Throws NotFound.
  core::Insights insights(const core::User& user, core::TrackerId tracker_id);

 private:
  // The insights of every active tracker, with `owned` checked to be the
  // user's in the same snapshot (NotFound otherwise).
  core::Insights compute_insights(const core::User& user, std::optional<core::TrackerId> owned);

  store::Database& m_db;
  std::mutex m_insights_mutex;
  std::set<std::int64_t> m_insights_running;  // accounts computing insights now
};

}  // namespace qself::services
