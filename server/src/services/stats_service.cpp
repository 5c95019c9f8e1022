#include "services/stats_service.hpp"

#include <limits>
#include <map>

#include "core/bucket_range.hpp"
#include "core/errors.hpp"
#include "services/tracker_lookup.hpp"
#include "store/repositories.hpp"

namespace qself::services {
namespace {

using core::Timestamp;

Timestamp first_instant(const core::Tracker& tracker, const std::vector<core::SlotAggregate>& slots) {
  Timestamp first = tracker.created_at;
  if (!slots.empty()) {
    first = std::min(first, Timestamp{std::chrono::seconds{slots.front().slot * core::kSlotSeconds}});
  }
  return first;
}

const core::PeriodValues* find_period(const std::vector<core::PeriodValues>& periods, const core::Period& period) {
  const auto found =
      std::lower_bound(periods.begin(), periods.end(), period.start,
                       [](const core::PeriodValues& values, Timestamp start) { return values.period.start < start; });
  return found != periods.end() && found->period.start == period.start ? &*found : nullptr;
}

TrackerSummary summarize_tracker(const core::Tracker& tracker, const core::Calendar& calendar,
                                 const std::vector<core::SlotAggregate>& slots, std::optional<core::Log> last,
                                 Timestamp now) {
  TrackerSummary summary;
  summary.last = std::move(last);
  const core::Frequency goal_period = core::goal_period(tracker);
  const auto by_goal_period = core::fold(slots, calendar, goal_period);
  const core::Period current = calendar.period_of(now, goal_period);
  const auto* values = find_period(by_goal_period, current);
  summary.period = values ? *values : core::PeriodValues::of(current);
  summary.period_value = core::period_value(tracker, summary.period);
  summary.status = core::period_status(tracker, summary.period, false);
  summary.streaks = core::streaks(tracker, by_goal_period, calendar, first_instant(tracker, slots), now);

  const auto by_frequency =
      goal_period == tracker.frequency ? by_goal_period : core::fold(slots, calendar, tracker.frequency);
  core::Period period = calendar.period_of(now, tracker.frequency);
  for (int i = 0; i < StatsService::kTrendPeriods; ++i) {
    const auto* found = find_period(by_frequency, period);
    summary.trend.emplace_back(period.start, found ? core::period_value(tracker, *found) : std::nullopt);
    period = calendar.previous(period, tracker.frequency);
  }
  std::reverse(summary.trend.begin(), summary.trend.end());
  return summary;
}

}  // namespace

std::vector<DashboardItem> StatsService::dashboard(const core::User& user, core::ArchivedFilter filter) {
  const core::Calendar calendar(user.timezone);
  const auto now = util::now();
  // Read in one snapshot, then give the connection back before the CPU work:
  // the pool is shared by every request.
  std::vector<core::Tracker> trackers;
  std::map<std::int64_t, std::vector<core::SlotAggregate>> slots;
  std::map<std::int64_t, core::Log> latest;
  {
    auto connection = m_db.connect();
    store::Transaction snapshot(*connection, store::Transaction::Mode::read);
    trackers = store::TrackerRepository(*connection).list(user.id, filter);
    store::LogRepository logs(*connection);
    slots = logs.aggregate_for_user(user.id);
    latest = logs.latest_for_user(user.id);
  }
  std::vector<DashboardItem> items;
  items.reserve(trackers.size());
  for (const auto& tracker : trackers) {
    std::optional<core::Log> last;
    if (const auto found = latest.find(tracker.id); found != latest.end()) last = std::move(found->second);
    items.push_back({tracker, summarize_tracker(tracker, calendar, slots[tracker.id], std::move(last), now)});
  }
  return items;
}

TrackerStats StatsService::stats(const core::User& user, core::TrackerId tracker_id, const StatsQuery& query) {
  const core::Calendar calendar(user.timezone);
  const auto now = util::now();

  // Read in one snapshot, then give the connection back before the CPU work:
  // the pool is shared by every request.
  TrackerStats stats;
  std::vector<core::SlotAggregate> in_range, history;
  {
    auto connection = m_db.connect();
    store::Transaction snapshot(*connection, store::Transaction::Mode::read);
    stats.tracker = find_tracker_or_throw(*connection, user.id, tracker_id);
    stats.bucket = query.bucket.value_or(stats.tracker.frequency);
    stats.to = query.to.value_or(calendar.period_of(now, core::Frequency::daily).end);
    stats.from =
        query.from.value_or(calendar.period_of(now - std::chrono::hours{24 * 29}, core::Frequency::daily).start);
    if (stats.from >= stats.to) throw BadRequest("from must be before to.");
    // Before any read of logs: an hourly tracker's default bucket is bounded like one asked for.
    core::check_bucket_range(stats.bucket, stats.from, stats.to);
    store::LogRepository logs(*connection);
    in_range = logs.aggregate(stats.tracker, stats.from, stats.to);
    constexpr Timestamp kBeginning{std::chrono::seconds{std::numeric_limits<std::int32_t>::min()}};
    history = logs.aggregate(stats.tracker, kBeginning, now + std::chrono::hours{24 * 366});
  }
  const auto& tracker = stats.tracker;
  stats.series = core::fold(in_range, calendar, stats.bucket);
  stats.summary = core::summarize(stats.series);
  stats.per_period = core::summarize_periods(tracker, stats.series);

  const auto by_goal_period = core::fold(history, calendar, core::goal_period(tracker));
  const Timestamp first = first_instant(tracker, history);
  stats.streaks = core::streaks(tracker, by_goal_period, calendar, first, now);
  stats.target_hit_rate = core::target_hit_rate(tracker, by_goal_period, calendar, first, stats.from, stats.to, now);
  return stats;
}

core::Insights StatsService::insights(const core::User& user) { return compute_insights(user, std::nullopt); }

core::Insights StatsService::insights(const core::User& user, core::TrackerId tracker_id) {
  return core::insights_of_tracker(compute_insights(user, tracker_id), tracker_id.value);
}

core::Insights StatsService::compute_insights(const core::User& user, std::optional<core::TrackerId> owned) {
  {
    const std::lock_guard lock(m_insights_mutex);
    if (!m_insights_running.insert(user.id).second) {
      throw Busy("Your insights are being computed; try again in a moment.");
    }
  }
  struct Done {
    StatsService& service;
    std::int64_t user_id;
    ~Done() {
      const std::lock_guard lock(service.m_insights_mutex);
      service.m_insights_running.erase(user_id);
    }
  } done{*this, user.id};
  const core::Calendar calendar(user.timezone);
  // Read in one snapshot, then give the connection back before the CPU work.
  std::vector<core::Tracker> trackers;
  std::map<std::int64_t, std::vector<core::SlotAggregate>> slots;
  {
    auto connection = m_db.connect();
    store::Transaction snapshot(*connection, store::Transaction::Mode::read);
    if (owned) find_tracker_or_throw(*connection, user.id, *owned);
    trackers = store::TrackerRepository(*connection).list(user.id, core::ArchivedFilter::active);
    slots = store::LogRepository(*connection).aggregate_for_user(user.id);
  }
  return core::insights(trackers, slots, calendar, util::now());
}

}  // namespace qself::services
