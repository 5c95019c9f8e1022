// Imports (services/data_service.hpp) on a real SQLite file: a preview only
// reads — it goes ahead while another process holds the write lock — and
// answers exactly what the commit then does: the same trackers and names, the
// same counts, the same duplicates skipped and the same rows refused.

#include "services/data_service.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "core/errors.hpp"
#include "store/repositories.hpp"
#include "support/core_support.hpp"
#include "support/database_file.hpp"

using qself::services::ImportMode;
using qself::services::ImportResult;
using qself::services::ImportService;
using qself::store::Transaction;

namespace {

// An account with a boolean "Mood" and a "Steps" that refuses negative counts.
constexpr std::string_view kFirstImport = R"json({"format":"qself","version":1,"trackers":[
  {"name":"Mood","type":"boolean","logs":[{"logged_at":"2026-03-29T09:00:00Z","value":true}]},
  {"name":"Steps","type":"numeric","options":{"min":0},
   "logs":[{"logged_at":"2026-03-29T10:00:00Z","value":3000,"note":""}]}]})json";

// Every case a commit decides on: a name taken by a tracker of another type, a
// name the import itself just gave, a log already there, two identical logs in
// the file (two logs, as two taps in the same second are), and a value the
// existing tracker refuses.
constexpr std::string_view kSecondImport = R"json({"format":"qself","version":1,"trackers":[
  {"name":"Mood","type":"numeric","logs":[{"logged_at":"2026-03-30T09:00:00Z","value":7}]},
  {"name":"Mood (imported)","type":"numeric","logs":[{"logged_at":"2026-03-30T09:00:00Z","value":8}]},
  {"name":"Steps","type":"numeric","logs":[
    {"logged_at":"2026-03-29T10:00:00Z","value":3000,"note":""},
    {"logged_at":"2026-03-30T10:00:00Z","value":4000},
    {"logged_at":"2026-03-30T10:00:00Z","value":4000},
    {"logged_at":"2026-03-31T10:00:00Z","value":-5}]}]})json";

// Everything a result says, as text, so that two results compare in one line.
std::string describe_import(const ImportResult& result) {
  std::ostringstream out;
  out << result.format << ": " << result.imported << " imported, " << result.duplicates << " duplicates\n";
  for (const auto& tracker : result.trackers) {
    out << "  " << tracker.name << " (" << tracker.type << ") " << (tracker.reused ? "reused" : "created") << ", "
        << tracker.logs << " logs, " << tracker.duplicates << " duplicates\n";
  }
  for (const auto& problem : result.problems) out << "  line " << problem.line << ": " << problem.reason << '\n';
  return out.str();
}

struct ImportServiceTest : ::testing::Test {
  // Short, so that a preview that waited for the write lock would fail fast.
  qself::testing::DatabaseFile file{std::chrono::milliseconds{200}};
  ImportService imports{file.db()};
  qself::core::User user = [this] {
    qself::core::User ada;
    ada.email = "ada@example.org";
    ada.name = "Ada";
    auto connection = file.db().connect();
    return qself::store::UserRepository(*connection).insert(ada, "not a real hash", qself::util::now());
  }();

  long long count(std::string_view table) {
    auto connection = file.db().connect();
    return connection->query_integer("SELECT COUNT(*) FROM " + std::string(table)).value_or(-1);
  }
};

}  // namespace

TEST_F(ImportServiceTest, APreviewAnswersExactlyWhatTheCommitThenDoes) {
  imports.run(user, kFirstImport, ImportMode::commit);
  const long long trackers = count("trackers");
  const long long logs = count("logs");

  const auto preview = imports.run(user, kSecondImport, ImportMode::preview);
  EXPECT_EQ(count("trackers"), trackers) << "a preview changes nothing";
  EXPECT_EQ(count("logs"), logs) << "a preview changes nothing";

  const auto committed = imports.run(user, kSecondImport, ImportMode::commit);
  EXPECT_EQ(describe_import(preview), describe_import(committed));
  EXPECT_EQ(describe_import(committed),
            "qself-json: 4 imported, 1 duplicates\n"
            "  Mood (imported) (numeric) created, 1 logs, 0 duplicates\n"
            "  Mood (imported) (imported) (numeric) created, 1 logs, 0 duplicates\n"
            "  Steps (numeric) reused, 2 logs, 1 duplicates\n"
            "  line 0: Steps: must be at least 0\n");
  EXPECT_EQ(count("trackers"), trackers + 2);
  EXPECT_EQ(count("logs"), logs + 4);
}

TEST_F(ImportServiceTest, APreviewGoesAheadWhileAnotherProcessHoldsTheWriteLock) {
  imports.run(user, kFirstImport, ImportMode::commit);
  auto elsewhere = qself::store::open_database(file.url());  // its own write mutex, as another process has
  auto holder = elsewhere->connect();
  Transaction held(*holder, Transaction::Mode::write);

  const auto preview = imports.run(user, kSecondImport, ImportMode::preview);
  EXPECT_EQ(preview.imported, 4u);
  EXPECT_EQ(preview.duplicates, 1u);
}

TEST_F(ImportServiceTest, RowsThatBreakTheApisRulesAreProblemsAndTheRestIsStored) {
  // What the API refuses an import refuses too (core/validation.hpp), row by
  // row: a note over 10,000 characters, a year 1 and a year 9999, numbers that
  // are not finite or too large, a control character in text.
  const std::string csv =
      "tracker,type,unit,logged_at,value,note\n"
      "Water,numeric,,2021-03-28T08:15:00Z,1,fine\n"
      "Water,numeric,,2021-03-28T09:15:00Z,2," +
      std::string(10001, 'x') +
      "\n"
      "Water,numeric,,0001-01-01T00:00:00Z,3,\n"
      "Water,numeric,,9999-12-31T23:59:59Z,4,\n"
      "Water,numeric,,2021-03-28T10:15:00Z,nan,\n"
      "Water,numeric,,2021-03-28T10:15:00Z,inf,\n"
      "Water,numeric,,2021-03-28T10:15:00Z,1e309,\n"
      "Water,numeric,,2021-03-28T11:15:00Z,1e308,\n"
      "Water,numeric,,2021-03-28T12:15:00Z,-0,\n"
      "Journal,text,,2021-03-28T12:15:00Z,\"ring\x07\",\n"
      "Journal,text,,2021-03-28T13:15:00Z,kept,\"tab\there\"\n";
  const auto preview = imports.run(user, csv, ImportMode::preview);
  const auto committed = imports.run(user, csv, ImportMode::commit);
  EXPECT_EQ(describe_import(preview), describe_import(committed)) << "the preview reports the same problems";
  EXPECT_EQ(describe_import(committed),
            "qself-csv: 3 imported, 0 duplicates\n"
            "  Water (numeric) created, 2 logs, 0 duplicates\n"
            "  Journal (text) created, 1 logs, 0 duplicates\n"
            "  line 3: Water: note must be at most 10000 characters\n"
            "  line 4: Water: logged_at must not be before 1970\n"
            "  line 5: Water: logged_at must not be in the future (at most 5 minutes ahead of now, for clocks that "
            "differ)\n"
            "  line 6: value \"nan\" is not a number\n"
            "  line 7: value \"inf\" is not a number\n"
            "  line 8: value \"1e309\" is not a number\n"
            "  line 9: Water: must have at most 15 digits before the decimal point\n"
            "  line 11: Journal: must not contain control characters other than tabs and line breaks\n");
  EXPECT_EQ(count("logs"), 3);
}

TEST_F(ImportServiceTest, AQselfJsonFileIsHeldToTheSameRules) {
  const std::string exported = R"json({"format":"qself","version":1,"trackers":[
    {"name":"Water","type":"numeric","logs":[
      {"logged_at":"2021-03-29T09:00:00Z","value":1},
      {"logged_at":"2021-03-29T10:00:00Z","value":1e308},
      {"logged_at":"2021-03-29T11:00:00Z","value":-1e300},
      {"logged_at":"1969-12-31T23:59:59Z","value":1},
      {"logged_at":"2021-03-29T12:00:00Z","value":1,"note":")json" +
                               std::string(10001, 'n') + R"json("}]}]})json";
  const auto result = imports.run(user, exported, ImportMode::commit);
  EXPECT_EQ(describe_import(result),
            "qself-json: 1 imported, 0 duplicates\n"
            "  Water (numeric) created, 1 logs, 0 duplicates\n"
            "  line 0: Water: must have at most 15 digits before the decimal point\n"
            "  line 0: Water: must have at most 15 digits before the decimal point\n"
            "  line 0: Water: logged_at must not be before 1970\n"
            "  line 0: Water: note must be at most 10000 characters\n");
  EXPECT_EQ(count("logs"), 1);

  // Beyond what a double holds, the JSON parser stops: the file cannot be read.
  const auto fields = qself::testing::problems_of([&] {
    imports.run(user, R"json({"format":"qself","version":1,"trackers":[{"name":"Water","type":"numeric",
      "logs":[{"logged_at":"2021-03-29T11:00:00Z","value":-1e309}]}]})json",
                ImportMode::preview);
  });
  EXPECT_EQ(fields,
            (qself::ValidationError::Fields{{"file", "holds a number too large to read (more than about 1.8e308)"}}));
}

TEST_F(ImportServiceTest, AnImportIsHeldToTheTrackerLimitAndStoresNothingPastIt) {
  {
    auto connection = file.db().connect();
    qself::store::TrackerRepository trackers(*connection);
    for (int i = 0; i < 199; ++i) {
      qself::core::Tracker tracker;
      tracker.user_id = user.id;
      tracker.name = "Tracker " + std::to_string(i);
      tracker.position = i;
      tracker.created_at = tracker.updated_at = qself::util::now();
      trackers.insert(tracker);
    }
  }
  // The file makes two trackers (Mood, Steps): the 201st is one too many.
  for (const auto mode : {ImportMode::preview, ImportMode::commit}) {
    try {
      imports.run(user, kFirstImport, mode);
      ADD_FAILURE() << "expected too_many_trackers";
    } catch (const qself::Conflict& conflict) {
      EXPECT_EQ(conflict.code(), "too_many_trackers");
    }
  }
  EXPECT_EQ(count("trackers"), 199);
  EXPECT_EQ(count("logs"), 0);
}
