// Insights: how long an uncached answer takes, and how often noise passes for
// a finding.
//
//   qself_insights_bench [seeds=1000]
// 1. One account with 50 daily trackers of every type but text and 3 years of
//    daily logs (54,800 logs), seeded through the store into a fresh SQLite
//    file; then a real `qself serve` on it (127.0.0.1) and GET /api/v1/insights
//    timed 20 times, each after a log was added (so the cached answer is
//    stale and the server computes again). Also the same work in process,
//    split into the read of the slots and the statistics.
// 2. The false-discovery rate: `seeds` accounts of 30 independent trackers ×
//    90 days (yes/no, numbers, ratings), each through core::insights; the share
//    that gave any finding. With nothing true, every finding is false, so this
//    is the rate at which insights claim something of pure noise. And the
//    power: how often a planted same-day effect of Cohen's d = 0.8 over 60 days
//    is found.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/insights.hpp"
#include "services/stats_service.hpp"
#include "store/database.hpp"
#include "store/repositories.hpp"
#include "support/server_process.hpp"
#include "util/crypto.hpp"
#include "util/time.hpp"

namespace {

using namespace qself;
using Clock = std::chrono::steady_clock;

constexpr int kTrackers = 50;
constexpr int kDays = 3 * 365 + 1;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

core::Tracker bench_tracker(std::int64_t user_id, int index, util::Timestamp now) {
  core::Tracker tracker;
  tracker.user_id = user_id;
  tracker.position = index;
  tracker.created_at = tracker.updated_at = now - std::chrono::hours{24 * (kDays + 1)};
  tracker.color = "#4f46e5";
  switch (index % 5) {
    case 0:
      tracker.type = core::TrackerType::numeric;
      tracker.unit = "kg";
      tracker.target = core::Target{core::TargetOp::at_most, 80, core::Aggregate::average, std::nullopt};
      break;
    case 1:
      tracker.type = core::TrackerType::rating;
      break;
    case 2:
      tracker.type = core::TrackerType::boolean;
      break;
    case 3:
      tracker.type = core::TrackerType::choice;
      tracker.options.choices = {{1, "bad"}, {2, "ok"}, {3, "good"}, {4, "great"}};
      break;
    default:
      tracker.type = core::TrackerType::duration;
      break;
  }
  tracker.name = "Tracker " + std::to_string(index);
  return tracker;
}

// One account, kTrackers × kDays daily logs, some trackers depending on others.
void seed(store::Database& db, util::Timestamp now) {
  db.migrate();
  auto connection = db.connect();
  store::Transaction transaction(*connection, store::Transaction::Mode::write);
  core::User user;
  user.email = "insights@bench.test";
  user.timezone = "Europe/Paris";
  user.verified_at = now;
  user = store::UserRepository(*connection).insert(user, util::hash_password("bench-password"), now);
  store::TrackerRepository trackers(*connection);
  store::LogRepository logs(*connection);
  std::mt19937 random(42);
  std::normal_distribution<double> normal(0, 1);
  std::vector<double> previous(kDays, 0);
  for (int index = 0; index < kTrackers; ++index) {
    const auto tracker = trackers.insert(bench_tracker(user.id, index, now));
    std::vector<double> latent(kDays);
    for (int day = 0; day < kDays; ++day) {
      // Every fifth tracker follows the one before it, the same day.
      latent[static_cast<std::size_t>(day)] =
          normal(random) + (index % 5 == 1 ? 0.8 * previous[static_cast<std::size_t>(day)] : 0);
    }
    for (int day = 0; day < kDays; ++day) {
      const double z = latent[static_cast<std::size_t>(day)];
      core::Log log;
      log.tracker_id = tracker.id;
      log.created_at = log.updated_at = now;
      const auto when = now - std::chrono::hours{24 * (day + 1)} + std::chrono::minutes{random() % 600};
      log.logged_at = util::ZonedInstant{when, 60};
      log.uid = util::time_ordered_uuid(when);
      switch (tracker.type) {
        case core::TrackerType::numeric:
          log.value = {std::round((75 + 2 * z) * 10) / 10, {}};
          break;
        case core::TrackerType::rating:
          log.value = {std::clamp(std::round(3 + z), 1.0, 5.0), {}};
          break;
        case core::TrackerType::boolean:
          log.value = {z > 0 ? 1.0 : 0.0, {}};
          break;
        case core::TrackerType::choice:
          log.value = {std::clamp(std::round(2.5 + z), 1.0, 4.0), {}};
          break;
        default:
          log.value = {std::round(1800 + 600 * z), {}};
          break;
      }
      logs.insert(log);
    }
    previous = latent;
  }
  transaction.commit();
}

void time_the_endpoint() {
  const auto now = util::now();
  testing::TempDir dir;
  const std::string url = "sqlite:" + dir.path() + "/qself.db";
  {
    auto db = store::open_database(url);
    const auto started = Clock::now();
    seed(*db, now);
    std::printf("seeded 1 account, %d daily trackers, %d days (%d logs) in %.1f s\n", kTrackers, kDays,
                kTrackers * kDays, milliseconds_since(started) / 1000);

    services::StatsService stats(*db);
    core::User user;
    {
      auto connection = db->connect();
      user = store::UserRepository(*connection).find_by_email("insights@bench.test")->user;
    }
    std::vector<double> service, statistics;
    std::size_t findings = 0;
    std::int64_t comparisons = 0;
    for (int round = 0; round < 5; ++round) {
      auto started = Clock::now();
      const auto result = stats.insights(user);
      service.push_back(milliseconds_since(started));
      findings = result.findings.size();
      comparisons = result.comparisons;
      std::vector<core::Tracker> trackers;
      std::map<std::int64_t, std::vector<core::SlotAggregate>> slots;
      {
        auto connection = db->connect();
        trackers = store::TrackerRepository(*connection).list(user.id, core::ArchivedFilter::active);
        slots = store::LogRepository(*connection).aggregate_for_user(user.id);
      }
      started = Clock::now();
      core::insights(trackers, slots, core::Calendar(user.timezone), util::now());
      statistics.push_back(milliseconds_since(started));
    }
    std::sort(service.begin(), service.end());
    std::sort(statistics.begin(), statistics.end());
    std::printf(
        "in process: read + statistics median %.1f ms, the statistics alone %.1f ms (%lld comparisons, %zu "
        "findings)\n",
        service[service.size() / 2], statistics[statistics.size() / 2], static_cast<long long>(comparisons), findings);
  }

  testing::ServerProcess server(dir.path());
  testing::Client api(server.port());
  const auto login = api.post("auth/login", {{"email", "insights@bench.test"}, {"password", "bench-password"}});
  const std::string token = login.body["token"].get<std::string>();
  const auto trackers = api.get("trackers", token);
  const std::string first = "trackers/" + std::to_string(trackers.body["items"][0]["id"].get<std::int64_t>());
  std::vector<double> uncached, cached;
  for (int round = 0; round < 20; ++round) {
    api.post(first + "/logs", {{"value", 75}}, token);  // the account's data changes: the answer must be computed
    auto started = Clock::now();
    const auto reply = api.get("insights", token);
    uncached.push_back(milliseconds_since(started));
    if (reply.status != 200) {
      std::fprintf(stderr, "GET /insights answered %d\n", reply.status);
      std::exit(1);
    }
    started = Clock::now();
    api.get("insights", token);
    cached.push_back(milliseconds_since(started));
  }
  std::sort(uncached.begin(), uncached.end());
  std::sort(cached.begin(), cached.end());
  std::printf("GET /api/v1/insights, 20 rounds: uncached median %.1f ms, max %.1f ms; cached median %.2f ms\n",
              uncached[uncached.size() / 2], uncached.back(), cached[cached.size() / 2]);
}

// Slots of independent daily trackers for core::insights.
struct Noise {
  std::vector<core::Tracker> trackers;
  std::map<std::int64_t, std::vector<core::SlotAggregate>> slots;

  void log(const core::Tracker& tracker, int day, double value, util::Timestamp now) {
    const auto at = now - std::chrono::hours{24 * (day + 1)};
    core::SlotAggregate slot;
    slot.slot = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count() / core::kSlotSeconds;
    if (tracker.type == core::TrackerType::boolean) slot.key = value;
    slot.count = 1;
    slot.sum = slot.min = slot.max = slot.last = value;
    slot.last_at = slot.slot * core::kSlotSeconds * 1000;
    slots[tracker.id].push_back(slot);
  }
  void finish() {
    for (auto& [id, list] : slots) {
      std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.slot < b.slot; });
    }
  }
};

void false_discoveries(int seeds) {
  const auto now = *util::parse_rfc3339("2026-11-30T12:00:00Z");
  const core::Calendar calendar("UTC");
  int with_finding = 0, found = 0;
  std::int64_t comparisons = 0;
  const auto started = Clock::now();
  for (int seed = 0; seed < seeds; ++seed) {
    std::mt19937 random(static_cast<unsigned>(seed));
    std::normal_distribution<double> normal(0, 1);
    Noise noise;
    for (int id = 1; id <= 30; ++id) {
      core::Tracker tracker;
      tracker.id = id;
      tracker.name = "T" + std::to_string(id);
      tracker.type = id % 3 == 0   ? core::TrackerType::boolean
                     : id % 3 == 1 ? core::TrackerType::numeric
                                   : core::TrackerType::rating;
      if (tracker.type == core::TrackerType::numeric) {
        tracker.target = core::Target{core::TargetOp::at_least, 0, core::Aggregate::average, {}};
      }
      noise.trackers.push_back(tracker);
      for (int day = 0; day < 90; ++day) {
        const double value = tracker.type == core::TrackerType::boolean  ? double(random() % 2)
                             : tracker.type == core::TrackerType::rating ? double(1 + random() % 5)
                                                                         : std::round(normal(random) * 100) / 10;
        noise.log(tracker, day, value, now.utc);
      }
    }
    noise.finish();
    const auto result = core::insights(noise.trackers, noise.slots, calendar, now.utc);
    comparisons = result.comparisons;
    if (!result.findings.empty()) ++with_finding;

    // Power: a yes/no and a number that is d = 0.8 higher on its yes days.
    Noise planted;
    core::Tracker yes_no, number;
    yes_no.id = 1;
    yes_no.name = "A";
    yes_no.type = core::TrackerType::boolean;
    number.id = 2;
    number.name = "B";
    number.type = core::TrackerType::numeric;
    number.target = core::Target{core::TargetOp::at_least, 0, core::Aggregate::average, {}};
    planted.trackers = {yes_no, number};
    for (int day = 0; day < 60; ++day) {
      const bool yes = random() % 2 == 0;
      planted.log(yes_no, day, yes ? 1 : 0, now.utc);
      planted.log(number, day, std::round((normal(random) + (yes ? 0.8 : 0)) * 100) / 100, now.utc);
    }
    planted.finish();
    const auto truth = core::insights(planted.trackers, planted.slots, calendar, now.utc);
    if (std::any_of(truth.findings.begin(), truth.findings.end(), [](const core::InsightFinding& f) {
          return f.kind == core::InsightKind::relationship && f.lag == 0;
        })) {
      ++found;
    }
  }
  std::printf(
      "noise: %d of %d accounts of 30 independent trackers × 90 days (%lld comparisons each) gave a finding: "
      "%.1f %% (%.1f s)\n",
      with_finding, seeds, static_cast<long long>(comparisons), 100.0 * with_finding / seeds,
      milliseconds_since(started) / 1000);
  std::printf("power: a same-day effect of d = 0.8 over 60 days found in %d of %d accounts (%.1f %%)\n", found, seeds,
              100.0 * found / seeds);
}

}  // namespace

int main(int argc, char** argv) {
  qself::util::init_crypto();
  const int seeds = argc > 1 ? std::atoi(argv[1]) : 1000;
  time_the_endpoint();
  false_discoveries(seeds);
  return 0;
}
