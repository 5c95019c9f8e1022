// The schema migrations (db/migrations/sqlite, applied by store/sqlite_database.cpp):
// a database made by an older schema, with data in it, opens with the new code
// and every log keeps its meaning.

#include "store/migrations.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "core/log_uid.hpp"
#include "store/database.hpp"
#include "store/repositories.hpp"

using qself::store::Row;

namespace {

// A SQLite file in its own temporary folder, migrated only up to `before`
// (exclusive), as a database made by that older schema is.
class OldDatabase {
 public:
  explicit OldDatabase(std::string_view before) {
    std::string pattern = (std::filesystem::temp_directory_path() / "qself-migration-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    m_folder = pattern;
    m_db = qself::store::open_database("sqlite:" + (m_folder / "qself.db").string());
    auto connection = m_db->connect();
    // As Database::migrate records them, so that migrate() goes on from there.
    connection->execute("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (const auto& migration : qself::store::sqlite_migrations()) {
      if (migration.version >= before) break;
      connection->execute_script(migration.sql);
      connection->execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)", {migration.version});
    }
  }
  ~OldDatabase() {
    m_db.reset();
    std::error_code ignored;
    std::filesystem::remove_all(m_folder, ignored);
  }
  OldDatabase(const OldDatabase&) = delete;
  OldDatabase& operator=(const OldDatabase&) = delete;

  qself::store::Database& db() { return *m_db; }

 private:
  std::filesystem::path m_folder;
  std::unique_ptr<qself::store::Database> m_db;
};

// Every row of a query as text, to compare before and after.
std::vector<std::string> rows(qself::store::Connection& connection, std::string_view sql, int columns) {
  std::vector<std::string> out;
  connection.query(sql, {}, [&](const Row& row) {
    std::string line;
    for (int i = 0; i < columns; ++i) line += (row.is_null(i) ? "NULL" : row.text(i)) + "|";
    out.push_back(line);
  });
  return out;
}

constexpr std::string_view kLogs =
    "SELECT id, tracker_id, logged_at, offset_minutes, value, text, note, created_at, updated_at FROM logs ORDER BY id";
constexpr std::string_view kSlots =
    "SELECT tracker_id, slot, key, count, sum, min, max FROM log_slots ORDER BY 1, 2, 3";
// The slots of the logs as LogRepository kept them before 0008 (no latest value).
constexpr std::string_view kFillSlotsAsBefore =
    "INSERT INTO log_slots (tracker_id, slot, key, count, sum, min, max)"
    " SELECT l.tracker_id, l.logged_at / 900,"
    " CASE WHEN t.type IN ('choice', 'boolean') THEN CAST(l.value AS INTEGER) ELSE -1 END AS k,"
    " COUNT(*), SUM(l.value), MIN(l.value), MAX(l.value)"
    " FROM logs l JOIN trackers t ON t.id = l.tracker_id GROUP BY 1, 2, 3";

}  // namespace

TEST(Migration0006LogIds, KeepsEveryLogsTimeValueNoteAndSlotsAndGivesEachItsOwnUid) {
  OldDatabase old("0006");
  auto connection = old.db().connect();
  // What the code of schema 0005 wrote: two "+1" taps in the same second among others.
  connection->execute_script(
      "INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES"
      " (1, 'ada@example.org', 'x', 1780000000, 1780000000), (2, 'bob@example.org', 'x', 1780000000, 1780000000);"
      "INSERT INTO trackers (id, user_id, name, type, frequency, created_at, updated_at) VALUES"
      " (1, 1, 'Water', 'numeric', 'daily', 1780000000, 1780000000),"
      " (2, 1, 'Journal', 'text', 'daily', 1780000000, 1780000000),"
      " (3, 2, 'Meditated', 'boolean', 'daily', 1780000000, 1780000000);"
      "INSERT INTO logs (tracker_id, logged_at, offset_minutes, value, text, note, created_at, updated_at) VALUES"
      " (1, 1780001000, 120, 1, NULL, '', 1780001000, 1780001000),"
      " (1, 1780001000, 120, 1, NULL, '', 1780001000, 1780001000),"
      " (1, 1780000100, 120, 2.5, NULL, 'after a run', 1780000100, 1780000200),"
      " (2, 1780001000, -300, NULL, 'A good day.', '', 1780001000, 1780001000),"
      " (3, 1780005000, 0, 1, NULL, '', 1780005000, 1780005000);");
  connection->execute(kFillSlotsAsBefore);
  const auto logs_before = rows(*connection, kLogs, 9);
  const auto slots_before = rows(*connection, kSlots, 7);
  ASSERT_EQ(logs_before.size(), 5u);

  old.db().migrate();

  EXPECT_EQ(rows(*connection, kLogs, 9), logs_before);
  EXPECT_EQ(rows(*connection, kSlots, 7), slots_before);
  std::set<std::string> uids;
  connection->query("SELECT uid, logged_at_millis FROM logs", {}, [&](const Row& row) {
    const std::string uid = row.text(0);
    EXPECT_EQ(qself::core::parse_log_uid(uid), uid) << "a UUID in its stored form";
    EXPECT_EQ(uid[14], '4') << uid;
    EXPECT_EQ(row.integer(1), 0) << "no log had milliseconds";
    uids.insert(uid);
  });
  EXPECT_EQ(uids.size(), 5u) << "each log its own uid, the same-second ones too";

  // The repository reads them in the order it always did, newest first, same-second ones by id.
  qself::store::LogRepository repository(*connection);
  std::vector<std::int64_t> order;
  for (const auto& log : repository.list(1, {})) order.push_back(log.id);
  EXPECT_EQ(order, (std::vector<std::int64_t>{2, 1, 3}));
  EXPECT_EQ(repository.find_uid(*uids.begin()).has_value(), true);

  // A uid is unique.
  qself::core::Log copy = *repository.find(1, 1);
  EXPECT_THROW(repository.insert(copy), qself::store::UniqueViolation);
}

TEST(Migration0009RevokedTokens, KeepsEverySessionWorkingAndRemembersTokensAPasswordChangeRevokes) {
  OldDatabase old("0009");
  auto connection = old.db().connect();
  connection->execute_script(
      "INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES"
      " (1, 'ada@example.org', 'x', 1780000000, 1780000000);"
      "INSERT INTO sessions (id, user_id, token_hash, kind, created_at, last_used_at, expires_at) VALUES"
      " (1, 1, 'phone', 'session', 1780000000, 1780000000, 1790000000),"
      " (2, 1, 'laptop', 'session', 1780000000, 1780000000, 1790000000);");

  old.db().migrate();

  qself::store::SessionRepository sessions(*connection);
  ASSERT_TRUE(sessions.find_by_token_hash("phone").has_value());
  const auto now = qself::util::Timestamp{std::chrono::seconds{1780000100}};
  EXPECT_EQ(sessions.revoked_reason("laptop", now), std::nullopt);
  sessions.revoke_all_but(1, 1, "password_changed", now - std::chrono::hours{1}, now);
  EXPECT_FALSE(sessions.find_by_token_hash("laptop").has_value());
  EXPECT_EQ(sessions.revoked_reason("laptop", now), "password_changed");
  EXPECT_EQ(sessions.revoked_reason("phone", now), std::nullopt) << "the session kept is not revoked";
  EXPECT_EQ(sessions.revoked_reason("laptop", qself::util::Timestamp{std::chrono::seconds{1790000000}}), std::nullopt)
      << "not once the token would have expired";
  connection->execute("DELETE FROM users WHERE id = 1");
  EXPECT_EQ(connection->query_integer("SELECT COUNT(*) FROM revoked_tokens"), 0) << "they go with the account";
}

TEST(Migration0008GoalAggregates, GivesEveryTargetTheAggregateItMeantAndEachSlotItsLatestValue) {
  OldDatabase old("0008");
  auto connection = old.db().connect();
  // What the code of schema 0007 wrote: targets without an aggregate, which were
  // read as the sum (numbers, yes/no), the mean (ratings) or the count (choices).
  connection->execute_script(
      "INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES"
      " (1, 'ada@example.org', 'x', 1780000000, 1780000000);"
      "INSERT INTO trackers (id, user_id, name, type, frequency, options, target_op, target_value,"
      " created_at, updated_at) VALUES"
      " (1, 1, 'Water', 'numeric', 'daily', '{}', 'at_least', 8, 1780000000, 1780000000),"
      " (2, 1, 'Mood', 'rating', 'daily', '{\"scale\":5}', 'at_least', 4, 1780000000, 1780000000),"
      " (3, 1, 'Weather', 'choice', 'daily', '{\"choices\":[{\"id\":0,\"label\":\"sun\"}]}', 'at_most', 1,"
      "  1780000000, 1780000000),"
      " (4, 1, 'Ran', 'boolean', 'weekly', '{}', 'at_least', 3, 1780000000, 1780000000),"
      " (5, 1, 'Journal', 'text', 'daily', '{}', NULL, NULL, 1780000000, 1780000000);"
      // Slot 1780000200 / 900: two logs in the same second (ids 1 and 2), and one
      // earlier in the slot but made later (id 3); its latest is id 2's value.
      "INSERT INTO logs (id, tracker_id, logged_at, offset_minutes, value, text, note, created_at, updated_at, uid)"
      " VALUES (1, 1, 1780001000, 0, 1, NULL, '', 1780001000, 1780001000, 'a'),"
      " (2, 1, 1780001000, 0, 3, NULL, '', 1780001000, 1780001000, 'b'),"
      " (3, 1, 1780000300, 0, 2.5, NULL, '', 1780002000, 1780002000, 'c'),"
      " (4, 2, 1780001000, 0, 4, NULL, '', 1780001000, 1780001000, 'd'),"
      " (5, 5, 1780001000, 0, NULL, 'A good day.', '', 1780001000, 1780001000, 'e');");
  connection->execute(kFillSlotsAsBefore);
  const auto logs_before = rows(*connection, kLogs, 9);
  const auto slots_before = rows(*connection, kSlots, 7);

  old.db().migrate();

  EXPECT_EQ(rows(*connection, kLogs, 9), logs_before);
  EXPECT_EQ(rows(*connection, kSlots, 7), slots_before);
  EXPECT_EQ(
      rows(*connection, "SELECT id, target_aggregate, target_period FROM trackers ORDER BY id", 3),
      (std::vector<std::string>{"1|sum|NULL|", "2|average|NULL|", "3|count|NULL|", "4|sum|NULL|", "5|NULL|NULL|"}));
  EXPECT_EQ(rows(*connection, "SELECT tracker_id, last, last_at FROM log_slots ORDER BY tracker_id", 3),
            (std::vector<std::string>{"1|3.0|1780001000000|", "2|4.0|1780001000000|", "5|NULL|1780001000000|"}));

  // Read back, every goal means what it meant: water's total, mood's mean, a count of weather.
  qself::store::TrackerRepository trackers(*connection);
  using qself::core::Aggregate;
  EXPECT_EQ(trackers.find(1, 1)->target->aggregate, Aggregate::sum);
  EXPECT_EQ(trackers.find(1, 2)->target->aggregate, Aggregate::average);
  EXPECT_EQ(trackers.find(1, 3)->target->aggregate, Aggregate::count);
  EXPECT_FALSE(trackers.find(1, 4)->target->period.has_value()) << "per the tracker's frequency, as before";
  EXPECT_FALSE(trackers.find(1, 5)->target.has_value());
}

TEST(Migration0010TokenScopes, EveryTokenMadeBeforeKeepsWriting) {
  OldDatabase old("0010");
  auto connection = old.db().connect();
  connection->execute_script(
      "INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES"
      " (1, 'ada@example.org', 'x', 1780000000, 1780000000);"
      "INSERT INTO sessions (user_id, token_hash, kind, name, created_at, last_used_at, expires_at) VALUES"
      " (1, 'h1', 'session', '', 1780000000, 1780000000, 1790000000),"
      " (1, 'h2', 'personal', 'cron', 1780000000, 1780000000, 1810000000);");
  old.db().migrate();
  EXPECT_EQ(rows(*connection, "SELECT token_hash, scope FROM sessions ORDER BY id", 2),
            (std::vector<std::string>{"h1|write|", "h2|write|"}));
  const auto cron = qself::store::SessionRepository(*connection).find_by_token_hash("h2");
  ASSERT_TRUE(cron.has_value());
  EXPECT_EQ(cron->session.scope, qself::core::TokenScope::write);
}

TEST(Migration0012EmailVerification, EveryAccountMadeBeforeIsVerifiedAndResetLinksKeepWorking) {
  OldDatabase old("0012");
  auto connection = old.db().connect();
  connection->execute_script(
      "INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES"
      " (1, 'ada@example.org', 'x', 1780000000, 1780000000),"
      " (2, 'bob@example.org', 'x', 1780000500, 1780000500);"
      "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES"
      " (1, 'r1', 1780000000, 1780003600);");
  old.db().migrate();
  EXPECT_EQ(rows(*connection, "SELECT email, verified_at FROM users ORDER BY id", 2),
            (std::vector<std::string>{"ada@example.org|1780000000|", "bob@example.org|1780000500|"}));
  const auto bob = qself::store::UserRepository(*connection).find_by_email("bob@example.org");
  ASSERT_TRUE(bob.has_value());
  EXPECT_TRUE(bob->user.verified_at.has_value());
  const auto now = qself::util::Timestamp{std::chrono::seconds{1780000100}};
  using qself::store::LinkPurpose;
  EXPECT_TRUE(qself::store::EmailLinkRepository(*connection, LinkPurpose::password_reset).find_usable("r1", now))
      << "a reset link sent before still works";
  EXPECT_FALSE(qself::store::EmailLinkRepository(*connection, LinkPurpose::email_verification).find_usable("r1", now))
      << "and only as a reset link";
}

TEST(Migration0013DataVersion, EveryAccountGetsItsOwnStartAndWritesCountFromIt) {
  OldDatabase old("0013");
  auto connection = old.db().connect();
  std::string accounts = "INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES";
  for (int id = 1; id <= 50; ++id) {
    accounts += std::string(id == 1 ? " " : ", ") + "(" + std::to_string(id) + ", 'user" + std::to_string(id) +
                "@example.org', 'x', 1780000000, 1780000000)";
  }
  connection->execute_script(accounts + ";");
  old.db().migrate();
  std::set<std::int64_t> starts;
  connection->query("SELECT data_version FROM users", {}, [&](const Row& row) {
    EXPECT_GE(row.integer(0), 0);
    EXPECT_LT(row.integer(0), std::int64_t{1} << 62);
    starts.insert(row.integer(0));
  });
  EXPECT_EQ(starts.size(), 50u) << "random starts, none shared";

  qself::store::UserRepository users(*connection);
  const auto before = users.find(7)->data_version;
  const auto neighbour = users.find(8)->data_version;
  users.count_change(7);
  EXPECT_EQ(users.find(7)->data_version, before + 1);
  EXPECT_EQ(users.find(8)->data_version, neighbour) << "only the account changed counts";

  qself::core::User fresh;
  fresh.email = "new@example.org";
  const auto created = users.insert(fresh, "x", qself::util::Timestamp{});
  EXPECT_EQ(users.find(created.id)->data_version, created.data_version);
  EXPECT_FALSE(starts.contains(created.data_version)) << "a new account starts at a random version too";
}
