// The storage seam (store/database.hpp) on both backends: the same repository
// calls against a fresh SQLite file and a fresh PostgreSQL database (in the
// throwaway cluster of support/postgres_process.hpp) answer the same — unique
// violations, rolled-back transactions, RETURNING, the single writer, and job
// claims by concurrent workers, each job taken once.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>
#include <thread>

#include "store/database.hpp"
#include "store/job_repositories.hpp"
#include "store/migrations.hpp"
#include "store/repositories.hpp"
#include "support/postgres_process.hpp"

using qself::store::Connection;
using qself::store::DatabaseBusy;
using qself::store::Transaction;
using qself::store::UniqueViolation;
using qself::testing::Backend;

namespace {

constexpr std::chrono::milliseconds kShortBusyTimeout{300};
const auto kNow = qself::util::Timestamp{std::chrono::seconds{1'800'000'000}};

class DatabaseBackends : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::postgresql) {
      m_url = qself::testing::shared_postgres().create_database();
      return;
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "qself-unit-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(pattern.data()));
    m_folder = pattern;
    m_url = "sqlite:" + m_folder + "/qself.db";
  }
  void TearDown() override {
    std::error_code ignored;
    if (!m_folder.empty()) std::filesystem::remove_all(m_folder, ignored);
  }

  std::unique_ptr<qself::store::Database> open(int connections = 8) {
    auto db = qself::store::open_database(m_url, connections, kShortBusyTimeout);
    db->migrate();
    return db;
  }

  std::int64_t insert_user(Connection& connection, const std::string& email) {
    return *connection.query_integer(
        "INSERT INTO users (email, password_hash, created_at, updated_at) VALUES (?, 'x', 0, 0) RETURNING id", {email});
  }

  std::int64_t insert_job(Connection& connection) {
    qself::store::NewJob job;
    job.kind = qself::core::JobKind::export_data;
    job.run_after = kNow;
    return *qself::store::JobRepository(connection).create(job, kNow);
  }

 private:
  std::string m_folder;
  std::string m_url;
};

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgresql";
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Both, DatabaseBackends, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

TEST_P(DatabaseBackends, MigrationsEndAtTheSameVersion) {
  auto db = open();
  const std::string latest(qself::store::sqlite_migrations().back().version);
  EXPECT_EQ(db->schema_version(), latest);
  EXPECT_EQ(db->migrate(), latest) << "a second run applies nothing";
  EXPECT_EQ(qself::store::sqlite_migrations().size(), qself::store::postgres_migrations().size());
  for (std::size_t i = 0; i < qself::store::sqlite_migrations().size(); ++i) {
    EXPECT_EQ(qself::store::sqlite_migrations()[i].version, qself::store::postgres_migrations()[i].version)
        << "one history, two dialects";
  }
}

TEST_P(DatabaseBackends, AUniqueKeyRejectsTheSecondRowWithUniqueViolation) {
  auto db = open();
  auto connection = db->connect();
  insert_user(*connection, "a@example.org");
  EXPECT_THROW(insert_user(*connection, "a@example.org"), UniqueViolation);
  EXPECT_EQ(connection->query_integer("SELECT COUNT(*) FROM users"), 1) << "the connection is still usable";
}

TEST_P(DatabaseBackends, TrackerNamesAreUniquePerUserWithoutRegardToCase) {
  auto db = open();
  auto connection = db->connect();
  const auto user = insert_user(*connection, "a@example.org");
  qself::core::Tracker tracker;
  tracker.user_id = user;
  tracker.name = "Water";
  qself::store::TrackerRepository trackers(*connection);
  trackers.insert(tracker);
  tracker.name = "WATER";
  EXPECT_THROW(trackers.insert(tracker), UniqueViolation);
}

TEST_P(DatabaseBackends, ATrackersReminderScheduleIsStoredAndReadBack) {
  auto db = open();
  auto connection = db->connect();
  qself::core::Tracker tracker;
  tracker.user_id = insert_user(*connection, "a@example.org");
  tracker.name = "Water";
  qself::store::TrackerRepository trackers(*connection);
  tracker = trackers.insert(tracker);
  auto found = trackers.find(tracker.user_id, tracker.id);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->reminder_times.empty()) << "none unless asked for";
  EXPECT_EQ(found->reminder_days, 0x7f);
  tracker.reminder_times = {std::chrono::minutes{8 * 60}, std::chrono::minutes{20 * 60 + 30}};
  tracker.reminder_days = 0b0010101;  // Mon, Wed, Fri
  trackers.update(tracker);
  found = trackers.find(tracker.user_id, tracker.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reminder_times, tracker.reminder_times);
  EXPECT_EQ(found->reminder_days, 0b0010101);
  EXPECT_EQ(connection->query_integer("SELECT COUNT(*) FROM trackers WHERE reminder_times = '08:00,20:30'"), 1);
}

TEST_P(DatabaseBackends, ATransactionNotCommittedLeavesNothing) {
  auto db = open();
  auto connection = db->connect();
  {
    Transaction transaction(*connection, Transaction::Mode::write);
    insert_user(*connection, "gone@example.org");
  }
  EXPECT_EQ(connection->query_integer("SELECT COUNT(*) FROM users"), 0);
  {
    Transaction transaction(*connection, Transaction::Mode::write);
    insert_user(*connection, "kept@example.org");
    transaction.commit();
  }
  EXPECT_EQ(connection->query_integer("SELECT COUNT(*) FROM users"), 1);
}

TEST_P(DatabaseBackends, ReturningAnswersTheRowsWritten) {
  auto db = open();
  auto connection = db->connect();
  const auto first = insert_user(*connection, "a@example.org");
  const auto second = insert_user(*connection, "b@example.org");
  EXPECT_GT(second, first);
  std::set<std::string> removed;
  connection->query("DELETE FROM users WHERE id >= ? RETURNING email", {first},
                    [&](const qself::store::Row& row) { removed.insert(row.text(0)); });
  EXPECT_EQ(removed, (std::set<std::string>{"a@example.org", "b@example.org"}));
}

TEST_P(DatabaseBackends, ValuesReadBackAsTheyWereWritten) {
  auto db = open();
  auto connection = db->connect();
  const double tenth = 0.1 + 0.2;
  const auto big = std::numeric_limits<std::int64_t>::min();
  bool seen = false;
  // A "?" inside a string literal is text, not a parameter.
  connection->query("SELECT ?, ?, ?, 'what?', CAST(? AS BIGINT) IS NULL",
                    {big, tenth, std::string_view("it's"), nullptr}, [&](const qself::store::Row& row) {
                      EXPECT_EQ(row.integer(0), big);
                      EXPECT_EQ(row.real(1), tenth);
                      EXPECT_EQ(row.text(2), "it's");
                      EXPECT_EQ(row.text(3), "what?");
                      EXPECT_EQ(row.integer(4), 1) << "a truth value reads as 1, as in SQLite";
                      seen = true;
                    });
  EXPECT_TRUE(seen);
}

TEST_P(DatabaseBackends, AWriterWaitsForAnotherWriterAtMostTheBusyTimeout) {
  auto db = open();
  auto holder = db->connect();
  auto waiting = db->connect();
  Transaction held(*holder, Transaction::Mode::write);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(Transaction(*waiting, Transaction::Mode::write), DatabaseBusy);
  EXPECT_GE(std::chrono::steady_clock::now() - started, kShortBusyTimeout / 2);
  EXPECT_EQ(waiting->query_integer("SELECT COUNT(*) FROM scheduler_fence"), 1) << "reads do not wait for writers";
  held.commit();
  Transaction now_free(*waiting, Transaction::Mode::write);
  now_free.commit();
}

// Writes of one account's rows (logs, trackers) on PostgreSQL run beside
// another account's, never beside the same account's or a plain write, which
// still runs alone. SQLite has one writer whatever the form.
TEST_P(DatabaseBackends, AnAccountsWritesWaitForTheSameAccountOnlyAndPlainWritesForAll) {
  auto db = open();
  auto one = db->connect();
  auto other = db->connect();
  auto same = db->connect();
  auto plain = db->connect();
  Transaction held(*one, std::int64_t{1});
  if (GetParam() == Backend::postgresql) {
    const auto started = std::chrono::steady_clock::now();
    Transaction beside(*other, std::int64_t{2});
    EXPECT_LT(std::chrono::steady_clock::now() - started, kShortBusyTimeout / 2) << "another account does not wait";
    beside.commit();
  } else {
    EXPECT_THROW(Transaction(*other, std::int64_t{2}), DatabaseBusy) << "SQLite: one writer";
  }
  EXPECT_THROW(Transaction(*same, std::int64_t{1}), DatabaseBusy) << "the same account waits";
  EXPECT_THROW(Transaction(*plain, Transaction::Mode::write), DatabaseBusy) << "a plain write waits for every account";
  held.commit();
  {
    Transaction alone(*plain, Transaction::Mode::write);
    EXPECT_THROW(Transaction(*other, std::int64_t{2}), DatabaseBusy) << "no account writes beside a plain write";
  }
  Transaction now_free(*same, std::int64_t{1});
  now_free.commit();
}

TEST_P(DatabaseBackends, ConcurrentWorkersClaimEachJobOnce) {
  auto db = open();
  constexpr int kJobs = 60;
  std::vector<std::int64_t> ids;
  {
    auto connection = db->connect();
    for (int i = 0; i < kJobs; ++i) ids.push_back(insert_job(*connection));
  }
  std::atomic<int> claimed{0};
  std::atomic<int> busy{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&] {
      auto connection = db->connect();
      qself::store::JobRepository jobs(*connection);
      for (const auto id : ids) {
        try {
          if (jobs.claim(id, kNow, kNow + std::chrono::minutes{5})) ++claimed;
        } catch (const DatabaseBusy&) {
          ++busy;  // SQLite's single writer may make a claim wait too long: not claimed, no harm
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  if (busy == 0) {
    EXPECT_EQ(claimed.load(), kJobs) << "every job is claimed, none twice";
  }
  auto connection = db->connect();
  EXPECT_EQ(connection->query_integer("SELECT COUNT(*) FROM jobs WHERE status = 'running' AND attempts = 1"),
            claimed.load());
}

TEST_P(DatabaseBackends, AClaimSkipsAJobAnotherWorkerHoldsWithoutWaiting) {
  if (GetParam() == Backend::sqlite) GTEST_SKIP() << "SQLite has no row locks: one writer at a time";
  auto db = open();
  auto holder = db->connect();
  auto claimer = db->connect();
  const auto held_id = insert_job(*holder);
  const auto free_id = insert_job(*holder);
  holder->execute_script("BEGIN");
  holder->query("SELECT id FROM jobs WHERE id = ? FOR UPDATE", {held_id}, [](const qself::store::Row&) {});
  qself::store::JobRepository jobs(*claimer);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(jobs.claim(held_id, kNow, kNow + std::chrono::minutes{5})) << "taken by the holder: skipped";
  EXPECT_LT(std::chrono::steady_clock::now() - started, kShortBusyTimeout) << "without waiting for its lock";
  EXPECT_TRUE(jobs.claimable(held_id, kNow)) << "still claimable: the claimer must not drop it";
  EXPECT_TRUE(jobs.claim(free_id, kNow, kNow + std::chrono::minutes{5}));
  EXPECT_FALSE(jobs.claimable(free_id, kNow)) << "claimed, under its lease";
  holder->rollback();
  EXPECT_TRUE(jobs.claim(held_id, kNow, kNow + std::chrono::minutes{5})) << "free again once the holder is done";
}

TEST_P(DatabaseBackends, ABrokenConnectionIsNotLentAgain) {
  if (GetParam() == Backend::sqlite) GTEST_SKIP() << "a SQLite connection is a file handle: it does not break";
  auto db = open(1);
  {
    auto connection = db->connect();
    EXPECT_ANY_THROW(connection->execute("SELECT pg_terminate_backend(pg_backend_pid())"));
  }
  auto fresh = db->connect();  // the pool of one opened a new connection
  EXPECT_EQ(fresh->query_integer("SELECT 1"), 1);
}
