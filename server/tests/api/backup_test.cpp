// `qself backup FILE` (store/sqlite_backup.hpp): a consistent copy of the
// SQLite database taken while the server goes on writing. Restored in place
// of the database, it holds every write acknowledged before the backup began,
// nothing that was never sent, and serves no answer cached since the backup.
// SQLite only: for PostgreSQL the command points to pg_dump (docs/deploy.md).

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "support/postgres_process.hpp"
#include "support/redis_process.hpp"
#include "support/server_process.hpp"
#include "support/test_clock.hpp"

using qself::testing::Client;
using qself::testing::RedisProcess;
using qself::testing::ServerProcess;
using qself::testing::TempDir;

namespace {

// Runs `qself backup FILE` against the database in `data_dir`, as an operator would.
qself::testing::CommandResult backup_test_run(const std::string& data_dir, const std::string& file) {
  return qself::testing::run_command("QSELF_DATA_DIR='" + data_dir + "' QSELF_TEST_NOW='" +
                                     qself::testing::clock_env() + "' '" + QSELF_BINARY + "' backup '" + file +
                                     "' 2>&1");
}

// `qself backup` copies SQLite; on PostgreSQL it names pg_dump instead, which
// the last test checks.
bool backup_test_on_postgresql() { return qself::testing::test_backend() == qself::testing::Backend::postgresql; }

// A copy of `backup` as the database of a new data folder, as an operator restores it.
void backup_test_restore(const std::string& backup, const std::string& data_dir) {
  std::filesystem::copy_file(backup, data_dir + "/qself.db");
}

}  // namespace

TEST(Backup, ACopyTakenUnderWriteLoadHoldsEveryAcknowledgedWriteAndRestores) {
  if (backup_test_on_postgresql()) GTEST_SKIP() << "qself backup copies SQLite databases";
  TempDir dir;
  RedisProcess redis;
  const std::string file = dir.path() + "/backup.db";
  std::string token;
  std::string tracker;
  std::set<int> acknowledged_before;  // acknowledged before the backup began
  std::set<int> sent;                 // every value any request carried
  std::set<int> acknowledged;         // every value answered 201
  {
    ServerProcess server(dir.path(), {{"QSELF_REDIS_URL", redis.url()}});
    const Client api(server.port());
    token = api.sign_up("ada@example.org");
    tracker = api.create_tracker({{"name", "Steps"}, {"type", "numeric"}}, token);
    const std::string logs = tracker + "/logs";

    std::mutex mutex;
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; !stop && i < 100000; ++i) {
          const int value = w * 1000000 + i;
          {
            std::lock_guard lock(mutex);
            sent.insert(value);
          }
          if (api.post(logs, {{"value", value}}, token).status == 201) {
            std::lock_guard lock(mutex);
            acknowledged.insert(value);
            ++written;
          }
        }
      });
    }
    while (written < 200) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    {
      std::lock_guard lock(mutex);
      acknowledged_before = acknowledged;
    }
    const auto result = backup_test_run(dir.path(), file);
    const int written_during = written;
    // Some more after it, so that the copy is known to be taken mid-stream.
    while (written < written_during + 50) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stop = true;
    for (auto& writer : writers) writer.join();
    ASSERT_EQ(result.status, 0) << result.output;
    EXPECT_NE(result.output.find("backup: " + file), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("checked"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("users 1"), std::string::npos) << result.output;
  }
  struct stat info {};
  ASSERT_EQ(stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600) << "a backup holds personal data";
  EXPECT_FALSE(std::filesystem::exists(file + ".partial"));
  EXPECT_FALSE(std::filesystem::exists(file + "-wal")) << "one file, nothing beside it";

  TempDir restored_dir;
  backup_test_restore(file, restored_dir.path());
  ServerProcess restored(restored_dir.path(), {{"QSELF_REDIS_URL", redis.url()}});
  const Client api(restored.port());
  ASSERT_EQ(api.get("me", token).status, 200) << "the sessions came along";
  const auto values = api.log_values(tracker, token);
  const std::set<int> distinct(values.begin(), values.end());
  EXPECT_EQ(distinct.size(), values.size()) << "no log twice";
  for (const int value : acknowledged_before) {
    EXPECT_TRUE(distinct.contains(value)) << value << " was acknowledged before the backup but is not in it";
  }
  for (const int value : distinct) EXPECT_TRUE(sent.contains(value)) << value << " was never sent";
  EXPECT_GE(distinct.size(), acknowledged_before.size());
  EXPECT_LT(distinct.size(), acknowledged.size()) << "the writes after the backup are not in it";

  ASSERT_EQ(api.post(tracker + "/logs", {{"value", -1}}, token).status, 201) << "the restored database takes writes";
  EXPECT_TRUE(api.log_values(tracker, token).contains(-1));
}

// Answers cached after the backup by the old server (in Redis for ten
// minutes) must never be served by the restored one, whose data is older.
TEST(Backup, ARestoredDatabaseNeverMeetsAnswersCachedAfterTheBackup) {
  if (backup_test_on_postgresql()) GTEST_SKIP() << "qself backup copies SQLite databases";
  TempDir dir;
  RedisProcess redis;
  const std::string file = dir.path() + "/backup.db";
  std::string token;
  std::string tracker;
  {
    ServerProcess server(dir.path(), {{"QSELF_REDIS_URL", redis.url()}});
    const Client api(server.port());
    token = api.sign_up("ada@example.org");
    tracker = api.create_tracker({{"name", "Steps"}, {"type", "numeric"}}, token);
    const std::string logs = tracker + "/logs";
    ASSERT_EQ(api.post(logs, {{"value", 1}}, token).status, 201);
    ASSERT_EQ(backup_test_run(dir.path(), file).status, 0);
    for (int value = 2; value <= 4; ++value) {  // each page cached in Redis under the versions after the backup
      ASSERT_EQ(api.post(tracker + "/logs", {{"value", value}}, token).status, 201);
      ASSERT_EQ(api.log_values(tracker, token).size(), static_cast<std::size_t>(value));
    }
  }
  TempDir restored_dir;
  backup_test_restore(file, restored_dir.path());
  ServerProcess restored(restored_dir.path(), {{"QSELF_REDIS_URL", redis.url()}});
  const Client api(restored.port());
  EXPECT_EQ(api.log_values(tracker, token), std::multiset<int>{1});
  for (int value = 12; value <= 14; ++value) {  // as many writes as the old server made after the backup
    ASSERT_EQ(api.post(tracker + "/logs", {{"value", value}}, token).status, 201);
    EXPECT_FALSE(api.log_values(tracker, token).contains(value - 10)) << "an answer cached after the backup";
  }
  EXPECT_EQ(api.log_values(tracker, token), (std::multiset<int>{1, 12, 13, 14}));
}

TEST(Backup, NeverOverwritesAFileAndSaysWhy) {
  if (backup_test_on_postgresql()) GTEST_SKIP() << "qself backup copies SQLite databases";
  TempDir dir;
  RedisProcess redis;
  {
    ServerProcess server(dir.path(), {{"QSELF_REDIS_URL", redis.url()}});
    Client(server.port()).sign_up("ada@example.org");
  }
  const std::string file = dir.path() + "/taken.db";
  std::ofstream(file) << "keep me";
  const auto result = backup_test_run(dir.path(), file);
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.output.find("exists already"), std::string::npos) << result.output;
  std::ifstream in(file);
  std::string kept;
  std::getline(in, kept);
  EXPECT_EQ(kept, "keep me");
  EXPECT_EQ(backup_test_run(dir.path(), "").status, 2) << "no file named: the usage";
}

TEST(Backup, OnPostgresqlNamesPgDumpAndPrintsNoPassword) {
  if (!backup_test_on_postgresql()) GTEST_SKIP() << "the PostgreSQL answer";
  TempDir dir;
  RedisProcess redis;
  { ServerProcess server(dir.path(), {{"QSELF_REDIS_URL", redis.url()}}); }
  const std::string command = "QSELF_DATABASE='postgresql://qself:s3cret@127.0.0.1:1/none' '" +
                              std::string(QSELF_BINARY) + "' backup '" + dir.path() + "/x.dump' 2>&1";
  const auto result = qself::testing::run_command(command);
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("pg_dump --format=custom"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("s3cret"), std::string::npos) << "the password stays out of the output";
}
