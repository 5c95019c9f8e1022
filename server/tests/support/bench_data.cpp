#include "support/bench_data.hpp"

#include <random>

#include "store/repositories.hpp"
#include "util/crypto.hpp"

namespace qself::testing {
namespace bench_data {

constexpr std::int64_t kTwoYears = 2 * 365 * 86400;

core::Tracker make_tracker(std::int64_t user_id, int index, util::Timestamp now) {
  core::Tracker t;
  t.user_id = user_id;
  t.position = index;
  t.created_at = t.updated_at = now - std::chrono::seconds{kTwoYears};
  t.color = "#4f46e5";
  switch (index % 6) {
    case 0:
      t.type = core::TrackerType::numeric;
      t.unit = "glasses";
      t.target = core::Target{core::TargetOp::at_least, 8, core::Aggregate::sum, std::nullopt};
      break;
    case 1:
      t.type = core::TrackerType::boolean;
      break;
    case 2:
      t.type = core::TrackerType::choice;
      t.options.choices = {{1, "bad"}, {2, "ok"}, {3, "good"}, {4, "great"}};
      break;
    case 3:
      t.type = core::TrackerType::rating;
      break;
    case 4:
      t.type = core::TrackerType::duration;
      t.frequency = core::Frequency::weekly;
      break;
    default:
      t.type = core::TrackerType::text;
      break;
  }
  t.name = std::string(core::to_string(t.type)) + " " + std::to_string(index);
  return t;
}

core::StoredValue value_for(const core::Tracker& t, std::mt19937& random) {
  switch (t.type) {
    case core::TrackerType::numeric:
      return {double(random() % 12), {}};
    case core::TrackerType::boolean:
      return {double(random() % 2), {}};
    case core::TrackerType::choice:
      return {double(1 + random() % 4), {}};  // a choice id
    case core::TrackerType::rating:
      return {double(1 + random() % 5), {}};
    case core::TrackerType::duration:
      return {double(600 + random() % 7200), {}};
    default:
      return {std::nullopt, std::string("A line about the day, number ") + std::to_string(random() % 1000)};
  }
}

void add_logs(store::Connection& connection, const core::Tracker& tracker, int count, util::Timestamp now,
              std::mt19937& random) {
  store::LogRepository logs(connection);
  core::Log log;
  log.tracker_id = tracker.id;
  log.created_at = log.updated_at = now;
  // Evenly spread over two years, newest at `now`, with a little jitter.
  const double step = double(kTwoYears) / std::max(count, 1);
  for (int i = 0; i < count; ++i) {
    const auto when = now - std::chrono::seconds{static_cast<std::int64_t>(step * i) + random() % 600};
    log.logged_at = util::ZonedInstant{when, 60};
    log.value = value_for(tracker, random);
    log.uid = util::time_ordered_uuid(when);  // as the server would have made it then
    logs.insert(log);
  }
}

}  // namespace bench_data

std::int64_t seed_bench_data(store::Database& db, const BenchDataSize& size) {
  using namespace bench_data;
  db.migrate();
  const auto now = util::now();
  const std::string hash = util::hash_password("bench-password");
  std::mt19937 random(7);
  auto connection = db.connect();
  std::int64_t rows = 0;
  for (int u = 0; u <= size.users; ++u) {
    const bool is_heavy = u == size.users;
    store::Transaction transaction(*connection, store::Transaction::Mode::write);
    core::User user;
    user.email = is_heavy ? "heavy@bench.test" : "user" + std::to_string(u) + "@bench.test";
    user.timezone = u % 3 == 0 ? "Europe/Paris" : u % 3 == 1 ? "America/New_York" : "UTC";
    user.verified_at = now;  // the benchmarks sign in as these accounts
    user = store::UserRepository(*connection).insert(user, hash, now);
    store::TrackerRepository repository(*connection);
    for (int t = 0; t < (is_heavy ? 1 : size.trackers); ++t) {
      auto tracker = repository.insert(make_tracker(user.id, t, now));
      const int count = is_heavy ? size.heavy : size.logs;
      add_logs(*connection, tracker, count, now, random);
      rows += count;
    }
    transaction.commit();
  }
  return rows;
}

}  // namespace qself::testing
