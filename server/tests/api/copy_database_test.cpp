// `qself copy-database` (store/database_copy.hpp), run as an operator runs it:
// the seeded benchmark data plus what using qself writes (sessions, jobs,
// emails, throttles) goes from SQLite to PostgreSQL and back with every table
// unchanged, a server on the copy answers as one on the original did and
// goes on writing, and a target that holds data or a source value of the
// wrong type is refused with the target unchanged.
//
// Both backends in every run: a SQLite file of the test's own and a fresh
// database in the test process's PostgreSQL. The suite's PostgreSQL pass
// leaves these tests out (CMakeLists.txt): they would run the same again.

#include <gtest/gtest.h>

#include <filesystem>

#include "store/database_copy.hpp"
#include "support/bench_data.hpp"
#include "support/postgres_process.hpp"
#include "support/redis_process.hpp"
#include "support/server_process.hpp"
#include "support/test_clock.hpp"

using qself::store::TableSummary;
using qself::testing::Client;
using qself::testing::CommandResult;
using qself::testing::RedisProcess;
using qself::testing::ServerProcess;
using qself::testing::TempDir;

namespace {

struct CopyDatabase : ::testing::Test {
  TempDir dir;
  RedisProcess redis;
  const std::string sqlite_url = "sqlite:" + dir.path() + "/qself.db";
  const std::string postgres_url = qself::testing::shared_postgres().create_database();

  // `qself copy-database ARGS`, stdout and stderr together.
  static CommandResult copy(const std::string& args) {
    return qself::testing::run_command("QSELF_TEST_NOW='" + qself::testing::clock_env() + "' '" + QSELF_BINARY +
                                       "' copy-database " + args + " 2>&1");
  }
  static std::string quoted(const std::string& text) { return "'" + text + "'"; }

  // A `qself serve` on the database at `url`.
  std::unique_ptr<ServerProcess> serve(const std::string& url, const std::string& data_dir) const {
    return std::make_unique<ServerProcess>(
        data_dir, std::map<std::string, std::string>{{"QSELF_DATABASE", url}, {"QSELF_REDIS_URL", redis.url()}});
  }
  static std::vector<TableSummary> summaries(const std::string& url) {
    auto db = qself::store::open_database(url, 1);
    return qself::store::summarize_database(*db);
  }
  static long long scalar(const std::string& url, const std::string& sql) {
    auto db = qself::store::open_database(url, 1);
    auto connection = db->connect();
    return connection->query_integer(sql).value_or(-1);
  }
  static std::vector<std::int64_t> data_versions(const std::string& url) {
    auto db = qself::store::open_database(url, 1);
    auto connection = db->connect();
    std::vector<std::int64_t> versions;
    connection->query("SELECT data_version FROM users ORDER BY id", {},
                      [&](const qself::store::Row& row) { versions.push_back(row.integer(0)); });
    return versions;
  }
  static void forget_data_versions(const std::string& url) {
    auto db = qself::store::open_database(url, 1);
    db->connect()->execute("UPDATE users SET data_version = 0");
  }

  // The seeded benchmark data, small, then what using qself adds to it.
  void make_source() {
    auto db = qself::store::open_database(sqlite_url);
    qself::testing::seed_bench_data(*db, {.users = 12, .trackers = 12, .logs = 40, .heavy = 3000});
    const auto server = serve(sqlite_url, dir.path());
    const Client api(server->port());
    const auto token = api.sign_up("ada@example.org", "Europe/Paris");
    const auto tracker = api.create_tracker({{"name", "Café ☕ \"notes\""}, {"type", "text"}}, token);
    api.add_logs(tracker, {{"Ünïcode, 'quotes' and\nnew lines", "2026-11-30T08:00:00+01:00"}}, token);
    const auto weight = api.create_tracker({{"name", "Weight"}, {"type", "numeric"}, {"unit", "kg"}}, token);
    api.add_logs(weight, {{72.35, "2026-11-29T07:00:00Z"}, {0.1, "2026-11-30T07:00:00Z"}}, token);
    EXPECT_EQ(api.post("exports", {{"format", "json"}}, token).status, 202);                     // a job
    EXPECT_EQ(api.post("auth/password-reset", {{"email", "ada@example.org"}}, "").status, 202);  // an email
    EXPECT_EQ(api.post("auth/login", {{"email", "ada@example.org"}, {"password", "wrong password"}}, "").status,
              401);  // a throttle
  }
};

// Every table but users, which the copy changes on purpose (data versions).
void copy_test_expect_same_tables(const std::vector<TableSummary>& a, const std::vector<TableSummary>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i], b[i]) << a[i].name;
}

}  // namespace

TEST_F(CopyDatabase, SeededDataGoesToPostgresqlAndBackWithEveryTableUnchanged) {
  make_source();
  const auto source = summaries(sqlite_url);
  for (const char* table : {"users", "sessions", "trackers", "logs", "log_slots", "jobs", "emails", "throttles"}) {
    const auto found = std::find_if(source.begin(), source.end(), [&](const auto& s) { return s.name == table; });
    ASSERT_NE(found, source.end()) << table;
    EXPECT_GT(found->rows, 0) << table << " has rows to copy";
  }

  const auto there = copy("--from " + quoted(sqlite_url) + " --to " + quoted(postgres_url) + " --batch 500");
  ASSERT_EQ(there.status, 0) << there.output;
  EXPECT_NE(there.output.find("the target's counts and checksums match the source's"), std::string::npos);
  EXPECT_EQ(there.output.find(postgres_url), std::string::npos) << "no URL printed";
  const TempDir back_dir;
  const std::string back_url = "sqlite:" + back_dir.path() + "/qself.db";
  const auto back = copy("--from " + quoted(postgres_url) + " --to " + quoted(back_url));
  ASSERT_EQ(back.status, 0) << back.output;

  // Each copy moved every account's data version ahead by at least 2^40.
  const auto original = data_versions(sqlite_url);
  const auto on_postgres = data_versions(postgres_url);
  const auto returned = data_versions(back_url);
  ASSERT_EQ(original.size(), on_postgres.size());
  ASSERT_EQ(original.size(), returned.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    EXPECT_GE(on_postgres[i] - original[i], std::int64_t{1} << 40);
    EXPECT_GE(returned[i] - on_postgres[i], std::int64_t{1} << 40);
  }
  // Apart from them, the same values in every table of all three.
  for (const auto& url : {sqlite_url, postgres_url, back_url}) forget_data_versions(url);
  copy_test_expect_same_tables(summaries(sqlite_url), summaries(postgres_url));
  copy_test_expect_same_tables(summaries(sqlite_url), summaries(back_url));

  // The check sees a change in the last digit of one real number.
  auto db = qself::store::open_database(back_url, 1);
  db->connect()->execute("UPDATE logs SET value = value + 1e-12 WHERE id = (SELECT MAX(id) FROM logs)");
  const auto changed = summaries(back_url);
  const auto unchanged = summaries(sqlite_url);
  for (std::size_t i = 0; i < changed.size(); ++i) {
    if (changed[i].name == "logs") {
      EXPECT_NE(changed[i].checksum, unchanged[i].checksum);
    } else {
      EXPECT_EQ(changed[i], unchanged[i]);
    }
  }
}

TEST_F(CopyDatabase, AServerOnTheCopyAnswersAsOnTheOriginalAndGoesOnWriting) {
  make_source();
  const auto copied = copy("--from " + quoted(sqlite_url) + " --to " + quoted(postgres_url));
  ASSERT_EQ(copied.status, 0) << copied.output;
  const auto max_log_id = scalar(postgres_url, "SELECT MAX(id) FROM logs");

  std::string tracker_path;
  nlohmann::json dashboard_before;
  std::multiset<int> logs_before;
  {
    const auto server = serve(sqlite_url, dir.path());
    const Client api(server->port());
    const auto token = api.post("auth/login", {{"email", "user3@bench.test"}, {"password", "bench-password"}}, "");
    ASSERT_EQ(token.status, 200) << token.raw;
    const auto session = token.body["token"].get<std::string>();
    dashboard_before = api.get("trackers", session).body;
    tracker_path = "trackers/" + std::to_string(dashboard_before["items"][0]["id"].get<int>());
    logs_before = api.log_values(tracker_path, session);
  }
  const TempDir other_dir;  // the PostgreSQL server shares nothing on disk with the original
  const auto server = serve(postgres_url, other_dir.path());
  const Client api(server->port());
  const auto login = api.post("auth/login", {{"email", "user3@bench.test"}, {"password", "bench-password"}}, "");
  ASSERT_EQ(login.status, 200) << login.raw;
  const auto session = login.body["token"].get<std::string>();
  EXPECT_EQ(api.get("trackers", session).body, dashboard_before);
  EXPECT_EQ(api.log_values(tracker_path, session), logs_before);
  ASSERT_FALSE(logs_before.empty());

  // New rows take ids after the copied ones.
  const auto created = api.post(tracker_path + "/logs", {{"value", 7}}, session);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_GT(scalar(postgres_url, "SELECT MAX(id) FROM logs"), max_log_id);
  EXPECT_EQ(api.post("auth/login", {{"email", "ada@example.org"}, {"password", "correct horse battery"}}, "").status,
            200);
}

TEST_F(CopyDatabase, ATargetHoldingDataIsRefusedUnchangedUnlessReplaceIsGiven) {
  make_source();
  const std::string args = "--from " + quoted(sqlite_url) + " --to " + quoted(postgres_url);
  ASSERT_EQ(copy(args).status, 0);
  // One more log in the source: a second copy would differ from the first.
  auto db = qself::store::open_database(sqlite_url, 1);
  db->connect()->execute("DELETE FROM logs WHERE id = (SELECT MAX(id) FROM logs)");
  const auto before = summaries(postgres_url);

  const auto refused = copy(args);
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.output.find("the target already holds data (users 14"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("--replace"), std::string::npos);
  EXPECT_EQ(summaries(postgres_url), before) << "nothing changed";

  const auto replaced = copy(args + " --replace");
  ASSERT_EQ(replaced.status, 0) << replaced.output;
  EXPECT_EQ(scalar(postgres_url, "SELECT COUNT(*) FROM logs"), scalar(sqlite_url, "SELECT COUNT(*) FROM logs"));
}

TEST_F(CopyDatabase, ASourceValueOfTheWrongTypeIsRefusedBeforeAnythingIsWritten) {
  make_source();
  {
    auto db = qself::store::open_database(sqlite_url, 1);
    // SQLite keeps text in a REAL column when it is not a number: PostgreSQL could not.
    db->connect()->execute("UPDATE logs SET value = 'seven' WHERE id = (SELECT MIN(id) FROM logs)");
  }
  const auto refused = copy("--from " + quoted(sqlite_url) + " --to " + quoted(postgres_url));
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.output.find("logs.value holds 1 value(s) of another type"), std::string::npos) << refused.output;
  EXPECT_EQ(scalar(postgres_url, "SELECT COUNT(*) FROM users"), 0) << "nothing written";
}

TEST_F(CopyDatabase, MistakesAreRefusedWithoutPrintingAPassword) {
  const auto missing = copy("--from 'sqlite:" + dir.path() + "/none.db' --to " + quoted(postgres_url));
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.output.find("the source SQLite file does not exist"), std::string::npos) << missing.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/none.db")) << "not created by opening it";

  make_source();
  const auto same = copy("--from " + quoted(sqlite_url) + " --to 'sqlite:" + dir.path() + "/../" +
                         std::filesystem::path(dir.path()).filename().string() + "/qself.db' --replace");
  EXPECT_EQ(same.status, 2);
  EXPECT_NE(same.output.find("the same database"), std::string::npos) << same.output;

  const auto unreachable =
      copy("--from " + quoted(sqlite_url) + " --to 'postgresql://qself:s3cret-pw@127.0.0.1:1/qself'");
  EXPECT_EQ(unreachable.status, 1);
  EXPECT_EQ(unreachable.output.find("s3cret-pw"), std::string::npos) << unreachable.output;

  EXPECT_EQ(copy("--from " + quoted(sqlite_url)).status, 2);
  EXPECT_EQ(copy("--from " + quoted(sqlite_url) + " --to " + quoted(postgres_url) + " --batch 0").status, 2);
}
