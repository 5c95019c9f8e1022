// Reading other trackers' files and qself's own exports into an import plan
// (core/import.hpp): each format's trackers and logs, rows that cannot be
// read, and files that cannot be read at all.

#include "core/import.hpp"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/json_forms.hpp"
#include "support/core_support.hpp"

using nlohmann::json;
using namespace qself::core;
using qself::ValidationError;
using qself::testing::problems_of;

namespace {

constexpr std::string_view kParis = "Europe/Paris";

ImportPlan parse(std::string_view content, std::string_view zone = kParis) { return parse_import(content, zone); }

// What a file error says about "file"; empty (and a failure) when there is none.
std::string file_error(std::string_view content, std::string_view zone = kParis) {
  const auto fields = problems_of([&] { parse_import(content, zone); });
  const auto found = fields.find("file");
  return found == fields.end() ? std::string() : found->second;
}

const ImportedTracker& tracker_named(const ImportPlan& plan, std::string_view name) {
  for (const auto& tracker : plan.trackers) {
    if (tracker.definition.name == name) return tracker;
  }
  ADD_FAILURE() << "no tracker named " << name;
  static const ImportedTracker none;
  return none;
}

std::size_t index_of(const ImportPlan& plan, std::string_view name) {
  return static_cast<std::size_t>(&tracker_named(plan, name) - plan.trackers.data());
}

// A log as the tests state it: when (RFC 3339 with its offset), value, note and line.
struct Entry {
  std::string logged_at;
  json value;
  std::string note;
  std::size_t line = 0;
  bool operator==(const Entry&) const = default;
};

void PrintTo(const Entry& entry, std::ostream* out) {
  *out << "{" << entry.logged_at << ", " << entry.value.dump() << ", \"" << entry.note << "\", line " << entry.line
       << "}";
}

// An imported value as the JSON the tests state it in (Other as null).
json json_of(const NaturalValue& value) {
  return std::visit(
      [](const auto& kind) -> json {
        if constexpr (std::is_same_v<std::decay_t<decltype(kind)>, NaturalValue::Other>) {
          return nullptr;
        } else {
          return kind;
        }
      },
      value.kind);
}

std::vector<Entry> logs_of(const ImportPlan& plan, std::string_view name) {
  const std::size_t tracker = index_of(plan, name);
  std::vector<Entry> entries;
  for (const auto& log : plan.logs) {
    if (log.tracker != tracker) continue;
    entries.push_back({qself::util::format_rfc3339(log.logged_at.utc, log.logged_at.offset_minutes), json_of(log.value),
                       log.note, log.line});
  }
  return entries;
}

struct Problem {
  std::size_t line;
  std::string reason;
  bool operator==(const Problem&) const = default;
};

void PrintTo(const Problem& problem, std::ostream* out) {
  *out << "{" << problem.line << ", " << problem.reason << "}";
}

std::vector<Problem> problems(const ImportPlan& plan) {
  std::vector<Problem> out;
  for (const auto& problem : plan.problems) out.push_back({problem.line, problem.reason});
  return out;
}

json options_of(const ImportedTracker& tracker) {
  return write_options(tracker.definition.type, tracker.definition.options);
}

// ---------------------------------------------------------------- whole files

TEST(Import, RefusesAnEmptyFile) {
  EXPECT_EQ(file_error(""), "is empty");
  EXPECT_EQ(file_error("\xEF\xBB\xBF \r\n\n"), "is empty");
}

TEST(Import, RefusesAFileOverTheLimitBeforeReadingIt) {
  const std::string huge(kMaxImportBytes + 1, 'x');
  EXPECT_EQ(file_error(huge), "is larger than 64 MiB");
}

TEST(Import, RefusesAnUnknownHeaderNamingTheFormatsItKnows) {
  const std::string error = file_error("date,weight\n2026-01-01,72\n");
  EXPECT_NE(error.find("is not a format qself can import"), std::string::npos) << error;
  EXPECT_NE(error.find("tracker,type,unit,logged_at,value,note"), std::string::npos) << error;
  EXPECT_NE(error.find("FeatureName"), std::string::npos) << error;
  EXPECT_NE(error.find("full_date"), std::string::npos) << error;
}

TEST(Import, AsksForTheWholeZipWhenGivenLoopsHabitsCsv) {
  EXPECT_EQ(file_error("Position,Name,Type\n001,Meditate,YES_NO\n"),
            "looks like Habits.csv from Loop Habit Tracker: import the whole ZIP file Loop made");
}

TEST(Import, RefusesCsvThatIsNotUtf8) {
  EXPECT_EQ(file_error("tracker,type,unit,logged_at,value,note\nCaf\xE9,text,,2026-01-01T10:00:00Z,x,\n"),
            "is not UTF-8 text: save it as UTF-8 (CSV UTF-8 in a spreadsheet) and try again");
}

TEST(Import, RefusesAnUnknownTimeZone) {
  const auto fields = problems_of([] { parse_import("tracker,type,unit,logged_at,value,note\n", "Mars/Olympus"); });
  EXPECT_EQ(fields.count("timezone"), 1u);
}

TEST(Import, AHeaderWithoutRowsIsAnEmptyPlan) {
  const auto plan = parse("tracker,type,unit,logged_at,value,note\r\n");
  EXPECT_EQ(plan.format, "qself-csv");
  EXPECT_TRUE(plan.trackers.empty());
  EXPECT_TRUE(plan.logs.empty());
  EXPECT_TRUE(plan.problems.empty());
}

// ------------------------------------------------------------------ qself JSON

constexpr std::string_view kQselfJson = R"({"format":"qself","version":1,"exported_at":"2026-04-01T10:00:00Z",
 "user":{"name":"Ada","timezone":"Europe/Paris"},
 "trackers":[
  {"name":"Weight","description":"Morning, before breakfast","unit":"kg","type":"numeric","frequency":"daily",
   "options":{"min":30,"max":250,"decimals":1},"target":{"op":"at_most","value":70},"color":"#3B82F6","icon":"⚖",
   "position":0,"archived":false,"reminders":true,"created_at":"2026-01-01T00:00:00Z",
   "logs":[{"logged_at":"2026-03-28T08:15:00+01:00","value":72.5,"note":""},
           {"logged_at":"2026-03-30T08:15:00+02:00","value":72,"note":"after a run"}]},
  {"name":"Mood","description":"","unit":"","type":"choice","frequency":"daily",
   "options":{"choices":["bad","ok","good"]},"target":null,"color":"","icon":"","position":1,
   "archived":true,"reminders":false,"created_at":"2026-01-01T00:00:00Z",
   "logs":[{"logged_at":"2026-03-29T21:00:00Z","value":"good","note":"sunny"}]},
  {"name":"Sleep","type":"duration","frequency":"weekly","logs":[{"logged_at":"2026-03-29T07:00:00+02:00","value":27000}]}
 ]})";

TEST(ImportQselfJson, ReadsTrackersByTheApiRulesAndTheirLogs) {
  const auto plan = parse(kQselfJson);
  EXPECT_EQ(plan.format, "qself-json");
  ASSERT_EQ(plan.trackers.size(), 3u);
  const Tracker& weight = tracker_named(plan, "Weight").definition;
  EXPECT_EQ(weight.type, TrackerType::numeric);
  EXPECT_EQ(weight.description, "Morning, before breakfast");
  EXPECT_EQ(weight.unit, "kg");
  EXPECT_EQ(weight.frequency, Frequency::daily);
  EXPECT_EQ(weight.options.min, 30);
  EXPECT_EQ(weight.options.max, 250);
  EXPECT_EQ(weight.options.decimals, 1);
  EXPECT_EQ(weight.target, (Target{TargetOp::at_most, 70, Aggregate::sum, {}}));
  EXPECT_EQ(weight.color, "#3b82f6");
  EXPECT_EQ(weight.icon, "⚖");
  EXPECT_FALSE(weight.archived);
  const Tracker& mood = tracker_named(plan, "Mood").definition;
  EXPECT_EQ(choice_labels(mood.options), (std::vector<std::string>{"bad", "ok", "good"}));
  EXPECT_TRUE(mood.archived);
  EXPECT_FALSE(mood.reminders);
  EXPECT_EQ(tracker_named(plan, "Sleep").definition.frequency, Frequency::weekly);

  EXPECT_EQ(logs_of(plan, "Weight"), (std::vector<Entry>{{"2026-03-28T08:15:00+01:00", 72.5, "", 0},
                                                         {"2026-03-30T08:15:00+02:00", 72, "after a run", 0}}));
  EXPECT_EQ(logs_of(plan, "Mood"), (std::vector<Entry>{{"2026-03-29T21:00:00Z", "good", "sunny", 0}}));
  EXPECT_EQ(logs_of(plan, "Sleep"), (std::vector<Entry>{{"2026-03-29T07:00:00+02:00", 27000, "", 0}}));
  EXPECT_TRUE(plan.problems.empty());
}

TEST(ImportQselfJson, RefusesTheFileForATrackerTheApiWouldRefuse) {
  const std::string error =
      file_error(R"({"format":"qself","version":1,"trackers":[{"name":"Mood","type":"choice","options":{}}]})");
  EXPECT_EQ(error, "tracker \"Mood\" is not valid: options.choices a choice tracker needs at least one choice");
  EXPECT_EQ(file_error(R"({"format":"qself","version":1,"trackers":[{"type":"numeric"}]})"),
            "tracker 1 is not valid: name is required");
  EXPECT_EQ(file_error(R"({"format":"qself","version":1,"trackers":[3]})"), "tracker 1 is not an object");
}

TEST(ImportQselfJson, TurnsUnreadableLogsIntoProblems) {
  const auto plan = parse(R"({"format":"qself","version":1,"trackers":[{"name":"Steps","type":"numeric","logs":[
    {"logged_at":"yesterday","value":1},
    {"logged_at":"2026-03-29T10:00:00Z"},
    {"logged_at":"2026-03-29T10:00:00Z","value":3,"note":5},
    "log",
    {"logged_at":"2026-03-29T11:00:00Z","value":4000}]}]})");
  EXPECT_EQ(logs_of(plan, "Steps"), (std::vector<Entry>{{"2026-03-29T11:00:00Z", 4000, "", 0}}));
  EXPECT_EQ(problems(plan), (std::vector<Problem>{
                                {0, "Steps, log 1: logged_at is not a date and time such as 2026-03-29T08:15:00+02:00"},
                                {0, "Steps, log 2: has no value"},
                                {0, "Steps, log 3: note is not text"},
                                {0, "Steps, log 4: is not an object"}}));
}

TEST(ImportQselfJson, RefusesBrokenOrForeignJson) {
  EXPECT_EQ(file_error(R"({"format":"qself","trackers":[)"), "is not valid JSON (it breaks at byte 31)");
  EXPECT_EQ(file_error(R"({"habits":[]})"), "is JSON but not a qself export (it has no \"format\": \"qself\")");
  EXPECT_EQ(file_error(R"({"format":"qself","version":2,"trackers":[]})"),
            "is a qself export of a version this server cannot read (it reads version 1)");
  EXPECT_EQ(file_error(R"({"format":"qself","version":1})"), "is a qself export without a list of trackers");
}

TEST(ImportQselfJson, ReadsKeysInAnyOrder) {
  const auto plan = parse(R"({"trackers":[{"logs":[{"value":1,"logged_at":"2026-03-29T10:00:00Z"},{"value":2}],
    "type":"numeric","name":"Steps"}],"version":1,"format":"qself"})");
  EXPECT_EQ(logs_of(plan, "Steps"), (std::vector<Entry>{{"2026-03-29T10:00:00Z", 1, "", 0}}));
  EXPECT_EQ(
      problems(plan),
      (std::vector<Problem>{{0, "Steps, log 2: logged_at is not a date and time such as 2026-03-29T08:15:00+02:00"}}));
}

TEST(ImportQselfJson, CallsOtherJsonWithTrackersForeignRatherThanInvalid) {
  EXPECT_EQ(file_error(R"({"trackers":[{"title":"Steps"}]})"),
            "is JSON but not a qself export (it has no \"format\": \"qself\")");
}

TEST(ImportQselfJson, RefusesTrackersAndLogsOfTheWrongShape) {
  EXPECT_EQ(file_error(R"({"format":"qself","version":1,"trackers":[["Steps"]]})"), "tracker 1 is not an object");
  EXPECT_EQ(file_error(R"({"format":"qself","version":1,"trackers":[{"name":"Steps","type":"numeric","logs":{}}]})"),
            "the logs of tracker \"Steps\" are not a list");
}

TEST(ImportQselfJson, RenamesASecondTrackerOfTheSameName) {
  const auto plan = parse(R"({"format":"qself","version":1,"trackers":[{"name":"Tea","type":"numeric"},
    {"name":"tea","type":"boolean"}]})");
  ASSERT_EQ(plan.trackers.size(), 2u);
  EXPECT_EQ(plan.trackers[0].definition.name, "Tea");
  EXPECT_EQ(plan.trackers[1].definition.name, "tea (2)");
}

TEST(ImportQselfJson, ReadsEachLogsUidAndMillisecondsAndLogsWithoutUidsAsBefore) {
  const auto plan = parse(R"({"format":"qself","version":1,"trackers":[{"name":"Water","type":"numeric","logs":[
    {"uid":"4F1C2A9E-7B3D-4C8E-9A61-2D5F0E8B7C43","logged_at":"2026-03-29T10:00:00.250Z","value":1},
    {"uid":null,"logged_at":"2026-03-29T10:00:00Z","value":1},
    {"logged_at":"2026-03-29T10:00:00Z","value":1},
    {"uid":"not-a-uuid","logged_at":"2026-03-29T10:00:00Z","value":1},
    {"uid":7,"logged_at":"2026-03-29T10:00:00Z","value":1}]}]})");
  ASSERT_EQ(plan.logs.size(), 3u);
  EXPECT_EQ(plan.logs[0].uid, "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43");
  EXPECT_EQ(plan.logs[0].logged_at.millis, 250);
  EXPECT_EQ(plan.logs[1].uid, "");
  EXPECT_EQ(plan.logs[2].uid, "") << "two identical rows are two logs of the plan";
  const std::string reason = "uid is not a UUID such as 4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43";
  EXPECT_EQ(problems(plan), (std::vector<Problem>{{0, "Water, log 4: " + reason}, {0, "Water, log 5: " + reason}}));
}

// ------------------------------------------------------------------- qself CSV

TEST(ImportQselfCsv, ReadsEveryTypeAsTheExportWritesIt) {
  const auto plan = parse(
      "\xEF\xBB\xBFtracker,type,unit,logged_at,value,note\r\n"
      "Weight,numeric,kg,2026-03-28T08:15:00+01:00,72.5,\r\n"
      "Weight,numeric,kg,2026-03-30T08:15:00+02:00,72.125,\"after a run, tired\"\r\n"
      "Meds,boolean,,2026-03-29T09:00:00+02:00,yes,\r\n"
      "Meds,boolean,,2026-03-30T09:00:00+02:00,No,\r\n"
      "meds,boolean,,2026-03-31T09:00:00+02:00,true,\r\n"
      "Mood,choice,,2026-03-29T21:00:00Z,good,\r\n"
      "Mood,choice,,2026-03-30T21:00:00Z,bad,\r\n"
      "Mood,choice,,2026-03-31T21:00:00Z,Good,\r\n"
      "Energy,rating,,2026-03-29T12:00:00Z,7,\r\n"
      "Focus,rating,,2026-03-29T12:00:00Z,3,\r\n"
      "Sleep,duration,h,2026-03-29T07:00:00+02:00,7:30,\r\n"
      "Sleep,duration,h,2026-03-30T07:00:00+02:00,0:45:15,\r\n"
      "Sleep,duration,h,2026-03-31T07:00:00+02:00,600,\r\n"
      "Journal,text,,2026-03-29T22:00:00+02:00,\"Said \"\"hello\"\",\r\nthen left\",\r\n");
  EXPECT_EQ(plan.format, "qself-csv");
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front().reason;
  ASSERT_EQ(plan.trackers.size(), 7u);

  const Tracker& weight = tracker_named(plan, "Weight").definition;
  EXPECT_EQ(weight.type, TrackerType::numeric);
  EXPECT_EQ(weight.unit, "kg");
  EXPECT_EQ(weight.frequency, Frequency::daily);
  EXPECT_EQ(weight.options.decimals, 3);  // enough for 72.125
  EXPECT_EQ(logs_of(plan, "Weight"),
            (std::vector<Entry>{{"2026-03-28T08:15:00+01:00", 72.5, "", 2},
                                {"2026-03-30T08:15:00+02:00", 72.125, "after a run, tired", 3}}));

  EXPECT_EQ(tracker_named(plan, "Meds").definition.type, TrackerType::boolean);
  EXPECT_EQ(logs_of(plan, "Meds"), (std::vector<Entry>{{"2026-03-29T09:00:00+02:00", true, "", 4},
                                                       {"2026-03-30T09:00:00+02:00", false, "", 5},
                                                       {"2026-03-31T09:00:00+02:00", true, "", 6}}));

  EXPECT_EQ(options_of(tracker_named(plan, "Mood")),
            (json{{"choices", {{{"id", 0}, {"label", "good"}}, {{"id", 1}, {"label", "bad"}}}}}));
  EXPECT_EQ(logs_of(plan, "Mood"), (std::vector<Entry>{{"2026-03-29T21:00:00Z", "good", "", 7},
                                                       {"2026-03-30T21:00:00Z", "bad", "", 8},
                                                       {"2026-03-31T21:00:00Z", "good", "", 9}}));

  EXPECT_EQ(tracker_named(plan, "Energy").definition.options.scale, 7);
  EXPECT_EQ(tracker_named(plan, "Focus").definition.options.scale, 5);
  EXPECT_EQ(logs_of(plan, "Energy"), (std::vector<Entry>{{"2026-03-29T12:00:00Z", 7, "", 10}}));

  EXPECT_EQ(tracker_named(plan, "Sleep").definition.unit, "h");
  EXPECT_EQ(logs_of(plan, "Sleep"), (std::vector<Entry>{{"2026-03-29T07:00:00+02:00", 27000, "", 12},
                                                        {"2026-03-30T07:00:00+02:00", 2715, "", 13},
                                                        {"2026-03-31T07:00:00+02:00", 600, "", 14}}));

  EXPECT_EQ(logs_of(plan, "Journal"),
            (std::vector<Entry>{{"2026-03-29T22:00:00+02:00", "Said \"hello\",\r\nthen left", "", 15}}));
}

TEST(ImportQselfCsv, ReadsATimeWithoutOffsetInTheUsersZone) {
  const auto plan =
      parse("tracker,type,unit,logged_at,value,note\nSteps,numeric,,2026-07-01 09:30,100,\n", "America/New_York");
  EXPECT_EQ(logs_of(plan, "Steps"), (std::vector<Entry>{{"2026-07-01T09:30:00-04:00", 100, "", 2}}));
}

TEST(ImportQselfCsv, ReadsTheUidColumnOfNewerExportsAndMilliseconds) {
  const auto plan = parse(
      "tracker,type,unit,logged_at,value,note,uid\n"
      "Water,numeric,,2026-07-01T09:30:00.120+02:00,1,,4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43\n"
      "Water,numeric,,2026-07-01T09:30:00+02:00,1,,\n"
      "Water,numeric,,2026-07-01T09:30:00+02:00,1,,123\n");
  ASSERT_EQ(plan.logs.size(), 2u);
  EXPECT_EQ(plan.logs[0].uid, "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43");
  EXPECT_EQ(plan.logs[0].logged_at.millis, 120);
  EXPECT_EQ(plan.logs[1].uid, "") << "an empty uid is a log without one";
  EXPECT_EQ(problems(plan), (std::vector<Problem>{{4, "uid \"123\" is not a UUID"}}));
}

TEST(ImportQselfCsv, TurnsEachUnreadableRowIntoAProblemOnItsLine) {
  const auto plan = parse(
      "tracker,type,unit,logged_at,value,note\n"
      "Weight,numeric,kg,2026-03-28T08:15:00+01:00,72.5,\n"  // 2: fine
      "Weight,numeric,kg,2026-03-28T08:15:00+01:00\n"        // 3: a column short
      "Weight,numeric,kg,2026-13-28T08:15:00+01:00,72,\n"    // 4: no 13th month
      "Weight,numeric,kg,2026-03-28T08:15:00+01:00,heavy,\n"
      "Weight,boolean,,2026-03-28T08:15:00+01:00,yes,\n"  // 6: Weight is numeric
      "Meds,boolean,,2026-03-28T08:15:00+01:00,maybe,\n"
      "Energy,rating,,2026-03-28T08:15:00+01:00,11,\n"
      "Sleep,duration,,2026-03-28T08:15:00+01:00,7h,\n"
      "Journal,text,,2026-03-28T08:15:00+01:00,  ,\n"
      "Pages,counter,,2026-03-28T08:15:00+01:00,3,\n"
      ",numeric,,2026-03-28T08:15:00+01:00,3,\n"
      "\"Note,numeric,,2026-03-28T08:15:00+01:00,3,\n");
  EXPECT_EQ(logs_of(plan, "Weight").size(), 1u);
  EXPECT_EQ(plan.trackers.size(), 1u) << "no tracker is made from rows that cannot be read";
  EXPECT_EQ(problems(plan), (std::vector<Problem>{
                                {3, "expected 6 columns, found 4"},
                                {4, "logged_at \"2026-13-28T08:15:00+01:00\" is not a date and time"},
                                {5, "value \"heavy\" is not a number"},
                                {6, "type boolean differs from the numeric of the first row of \"Weight\""},
                                {7, "value \"maybe\" is not yes or no"},
                                {8, "value \"11\" is not a rating from 1 to 10"},
                                {9, "value \"7h\" is not a duration such as 1:30"},
                                {10, "the value is empty"},
                                {11, "type \"counter\" is not one of numeric, boolean, choice, rating, duration, text"},
                                {12, "the tracker name is empty"},
                                {13, "a quoted field is never closed"},
                            }));
}

TEST(ImportQselfCsv, TakesOffTheApostropheTheExportGuardsTextCellsWith) {
  const auto plan = parse(
      "tracker,type,unit,logged_at,value,note\n"
      "'=Sum,numeric,'+,2026-03-28T08:15:00+01:00,-5,'=1+1\n"
      "'=Sum,numeric,'+,2026-03-28T09:15:00+01:00,-0.5,'-x\n"
      "Mood,choice,,2026-03-28T08:15:00+01:00,'-1,'@a\n"
      "Journal,text,,2026-03-28T08:15:00+01:00,'+1 more,''quoted\n"
      "Journal,text,,2026-03-28T09:15:00+01:00,'quoted,plain\n");
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front().reason;
  EXPECT_EQ(tracker_named(plan, "=Sum").definition.unit, "+");
  EXPECT_EQ(logs_of(plan, "=Sum"), (std::vector<Entry>{{"2026-03-28T08:15:00+01:00", -5, "=1+1", 2},
                                                       {"2026-03-28T09:15:00+01:00", -0.5, "-x", 3}}))
      << "a number is not a text cell";
  EXPECT_EQ(choice_labels(tracker_named(plan, "Mood").definition.options), (std::vector<std::string>{"-1"}));
  EXPECT_EQ(logs_of(plan, "Mood"), (std::vector<Entry>{{"2026-03-28T08:15:00+01:00", "-1", "@a", 4}}));
  EXPECT_EQ(logs_of(plan, "Journal"), (std::vector<Entry>{{"2026-03-28T08:15:00+01:00", "+1 more", "'quoted", 5},
                                                          {"2026-03-28T09:15:00+01:00", "quoted", "plain", 6}}));
}

TEST(ImportQselfCsv, RefusesTheRowOfANameThatIsNotOneLine) {
  const auto plan = parse(
      "tracker,type,unit,logged_at,value,note\n"
      "Water,numeric,,2026-03-28T08:15:00+01:00,1,\n"
      "\"Water\nBcc: eve@example.org\",numeric,,2026-03-28T08:15:00+01:00,1,\n"
      "Tea,numeric,\"cups\tbig\",2026-03-28T08:15:00+01:00,1,\n"
      "Mood,choice,,2026-03-28T08:15:00+01:00,\"so\x07so\",\n");
  EXPECT_EQ(plan.trackers.size(), 1u);
  EXPECT_EQ(problems(plan), (std::vector<Problem>{
                                {3, "the tracker name must be one line, without tabs or control characters"},
                                {5, "the unit must be one line, without tabs or control characters"},
                                {6, "choice \"so\x07so\" must be one line, without tabs or control characters"},
                            }));
}

TEST(Import, OtherAppsNamesThatAreNotOneLineAreProblemsOfTheirRows) {
  const auto graph = parse(
      "FeatureName,Timestamp,Value,Label,Note\n"
      "Weight,2026-03-28T08:15:00+01:00,72,,\n"
      "\"Wei\rght\",2026-03-28T08:15:00+01:00,72,,\n");
  EXPECT_EQ(graph.trackers.size(), 1u);
  EXPECT_EQ(problems(graph),
            (std::vector<Problem>{{3, "the feature name must be one line, without tabs or control characters"}}));
  const auto daylio = parse(
      "full_date,date,weekday,time,mood,activities,note_title,note\n"
      "2026-03-29,March 29,Sunday,20:35,good,\"work | fri\x1b"
      "ends\",,\n"
      "2026-03-29,March 29,Sunday,21:35,\"go\nod\",work,,\n");
  EXPECT_EQ(logs_of(daylio, "work").size(), 1u);
  EXPECT_EQ(problems(daylio),
            (std::vector<Problem>{{2,
                                   "activity \"fri\x1b"
                                   "ends\" must be one line, without tabs or control characters"},
                                  {3, "mood \"go\nod\" must be one line, without tabs or control characters"}}));
}

// ------------------------------------------------------------ Loop Habit Tracker

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files, bool seekable = true) {
  std::ostringstream out;
  Poco::Zip::Compress zip(out, seekable);
  for (const auto& [path, text] : files) {
    std::istringstream in(text);
    zip.addFile(in, Poco::DateTime(2026, 4, 1), Poco::Path(path, Poco::Path::PATH_UNIX));
  }
  zip.close();
  return out.str();
}

constexpr std::string_view kLoopHabits =
    "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,"
    "Target Value,Archived?\n"
    "001,Meditate,YES_NO,Did you meditate today?,Ten minutes,1,1,#FF5722,,AT_LEAST,0.0,false\n"
    "002,Run,NUMERICAL,How far did you run?,,3,7,#8BC34A,km,AT_LEAST,5.5,true\n"
    "003,Call mum,YES_NO,,,1,30,5,,AT_LEAST,0,false\n"
    "004,Coffee,NUMERICAL,,,1,1,#FFAB00E0,cups,AT_MOST,2,false\n";

class LoopImport : public ::testing::TestWithParam<bool> {};  // the parameter: sizes in the ZIP's headers

TEST_P(LoopImport, ReadsHabitsAndTheCheckmarksOfLoop23AndLater) {
  const auto plan = parse(
      make_zip({{"Habits.csv", std::string(kLoopHabits)},
                {"Checkmarks.csv", "Date,Meditate,Run,\n2026-03-30,2,5000,\n"},
                {"001 Meditate/Checkmarks.csv",
                 "Date,Value,Notes\n"
                 "2026-03-30,YES_MANUAL,\"calm, finally\"\n"
                 "2026-03-29,YES_AUTO,\n"
                 "2026-03-28,NO,\n"
                 "2026-03-27,SKIP,\n"
                 "2026-03-26,UNKNOWN,\n"},
                {"001 Meditate/Scores.csv", "Date,Score\n2026-03-30,0.5\n"},
                {"002 Run/Checkmarks.csv", "Date,Value,Notes\n2026-03-30,5250,\n2026-03-29,UNKNOWN,\n2026-03-28,NO,\n"},
                {"004 Coffee/Checkmarks.csv", "Date,Value,Notes\n2026-01-15,1500,decaf\n"}},
               GetParam()));
  EXPECT_EQ(plan.format, "loop");
  ASSERT_EQ(plan.trackers.size(), 4u);

  const Tracker& meditate = tracker_named(plan, "Meditate").definition;
  EXPECT_EQ(meditate.type, TrackerType::boolean);
  EXPECT_EQ(meditate.frequency, Frequency::daily);
  EXPECT_EQ(meditate.description, "Did you meditate today?\nTen minutes");
  EXPECT_EQ(meditate.color, "#ff5722");
  EXPECT_FALSE(meditate.target);
  EXPECT_FALSE(meditate.archived);

  const Tracker& run = tracker_named(plan, "Run").definition;
  EXPECT_EQ(run.type, TrackerType::numeric);
  EXPECT_EQ(run.unit, "km");
  EXPECT_EQ(run.frequency, Frequency::weekly);
  EXPECT_EQ(run.target, (Target{TargetOp::at_least, 5.5, Aggregate::sum, {}}));
  EXPECT_EQ(run.options.decimals, 3);
  EXPECT_TRUE(run.archived);

  const Tracker& call = tracker_named(plan, "Call mum").definition;
  EXPECT_EQ(call.frequency, Frequency::monthly);
  EXPECT_EQ(call.color, "") << "a palette index has no colour of its own";

  const Tracker& coffee = tracker_named(plan, "Coffee").definition;
  EXPECT_EQ(coffee.target, (Target{TargetOp::at_most, 2, Aggregate::sum, {}}));
  EXPECT_EQ(coffee.color, "#ab00e0");

  // Days are logged at noon local time: +01:00 before 29 March 2026 in Paris, +02:00 after.
  EXPECT_EQ(logs_of(plan, "Meditate"), (std::vector<Entry>{{"2026-03-30T12:00:00+02:00", true, "calm, finally", 2},
                                                           {"2026-03-28T12:00:00+01:00", false, "", 4}}));
  EXPECT_EQ(logs_of(plan, "Run"),
            (std::vector<Entry>{{"2026-03-30T12:00:00+02:00", 5.25, "", 2}, {"2026-03-28T12:00:00+01:00", 0, "", 4}}));
  EXPECT_EQ(logs_of(plan, "Coffee"), (std::vector<Entry>{{"2026-01-15T12:00:00+01:00", 1.5, "decaf", 2}}));
  EXPECT_TRUE(logs_of(plan, "Call mum").empty());
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front().reason;
}

TEST_P(LoopImport, ReadsTheHeaderlessCheckmarksOfOlderVersions) {
  const auto plan = parse(
      make_zip({{"Habits.csv",
                 "Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
                 "001,Floss,Did you floss?,,3,7,#FF0000\n"
                 "002,Read,,,1,1,#00FF00\n"},
                {"001 Floss/Checkmarks.csv", "2026-03-05,2\n2026-03-04,1\n2026-03-03,0\n2026-03-02,-1\n2026-03-01,3\n"},
                {"002 Read/Checkmarks.csv", "2026-08-01,2\r\n"}},
               GetParam()));
  ASSERT_EQ(plan.trackers.size(), 2u);
  const Tracker& floss = tracker_named(plan, "Floss").definition;
  EXPECT_EQ(floss.type, TrackerType::boolean);
  EXPECT_EQ(floss.frequency, Frequency::daily) << "checked off day by day";
  EXPECT_EQ(floss.target, (Target{TargetOp::at_least, 3, Aggregate::sum, Frequency::weekly})) << "3 times a week";
  EXPECT_EQ(floss.description, "Did you floss?");
  EXPECT_EQ(logs_of(plan, "Floss"), (std::vector<Entry>{{"2026-03-05T12:00:00+01:00", true, "", 1},
                                                        {"2026-03-03T12:00:00+01:00", false, "", 3}}));
  EXPECT_EQ(logs_of(plan, "Read"), (std::vector<Entry>{{"2026-08-01T12:00:00+02:00", true, "", 1}}));
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front().reason;
}

INSTANTIATE_TEST_SUITE_P(SizesInHeadersOrAfterData, LoopImport, ::testing::Bool());

TEST(LoopImport, MatchesAFolderByNameWhenItsNumberMatchesNoHabit) {
  const auto plan = parse(make_zip(
      {{"Loop Habits CSV 2026-04-01/Habits.csv", "Position,Name,Type\n001,Drink water!,YES_NO\n002,Stretch,YES_NO\n"},
       {"Loop Habits CSV 2026-04-01/007 Drink water/Checkmarks.csv", "Date,Value,Notes\n2026-03-30,YES_MANUAL,\n"},
       {"Loop Habits CSV 2026-04-01/009 Yoga/Checkmarks.csv", "Date,Value,Notes\n2026-03-30,YES_MANUAL,\n"}}));
  EXPECT_EQ(logs_of(plan, "Drink water!").size(), 1u);
  EXPECT_EQ(problems(plan), (std::vector<Problem>{{0, "009 Yoga: matches no habit in Habits.csv"}}));
}

TEST(LoopImport, TurnsUnreadableCheckmarksIntoProblemsNamingTheFolder) {
  const auto plan = parse(make_zip({{"Habits.csv",
                                     "Position,Name,Type\n001,Meditate,YES_NO\n002,,YES_NO\n"
                                     "003,Dance,BOOLEAN\n"},
                                    {"001 Meditate/Checkmarks.csv",
                                     "Date,Value,Notes\n"
                                     "2026-03-30,YES_MANUAL,\n"
                                     "30/03/2026,YES_MANUAL,\n"
                                     "2026-03-28,MAYBE,\n"
                                     "2026-03-27\n"
                                     "2026-03-26,7,\n"}}));
  EXPECT_EQ(logs_of(plan, "Meditate").size(), 1u);
  EXPECT_EQ(problems(plan), (std::vector<Problem>{
                                {3, "Habits.csv: a habit has no name"},
                                {4, "Habits.csv: habit \"Dance\" has type \"BOOLEAN\", not YES_NO or NUMERICAL"},
                                {3, "001 Meditate/Checkmarks.csv: date \"30/03/2026\" is not a date"},
                                {4, "001 Meditate/Checkmarks.csv: value \"MAYBE\" is not a Loop checkmark"},
                                {5, "001 Meditate/Checkmarks.csv: expected 3 columns, found 1"},
                                {6, "001 Meditate/Checkmarks.csv: value \"7\" is not a Loop checkmark"},
                            }));
}

TEST(LoopImport, RefusesAZipWithoutHabitsCsv) {
  EXPECT_EQ(file_error(make_zip({{"notes.txt", "hello"}})),
            "is a ZIP file but not a Loop Habit Tracker export (it has no Habits.csv)");
}

TEST(LoopImport, RefusesADamagedZip) {
  std::string zip = make_zip({{"Habits.csv", std::string(kLoopHabits)}});
  EXPECT_EQ(file_error(zip.substr(0, zip.size() / 2)),
            "is a ZIP file that cannot be read (it is damaged or uses an unsupported feature)");
  zip[40] = static_cast<char>(zip[40] ^ 0x55);  // inside the compressed Habits.csv
  EXPECT_EQ(file_error(zip), "is a ZIP file that cannot be read (it is damaged or uses an unsupported feature)");
}

TEST(LoopImport, StopsInflatingAZipBombAtTheLimit) {
  // 64 MiB of checkmarks compress to well under a megabyte.
  const std::string line = "2026-03-30,YES_MANUAL,\n";
  std::string huge = "Date,Value,Notes\n";
  huge.reserve(kMaxImportBytes + line.size());
  while (huge.size() <= kMaxImportBytes) huge += line;
  const std::string name = "001 Meditate/Checkmarks.csv";
  std::string zip = make_zip({{"Habits.csv", "Position,Name,Type\n001,Meditate,YES_NO\n"}, {name, huge}});
  huge.clear();
  huge.shrink_to_fit();
  ASSERT_LT(zip.size(), kMaxImportBytes / 16);
  EXPECT_EQ(file_error(zip), "unzips to more than 64 MiB") << "the size the ZIP declares is too large";

  // A bomb lies about its size: only inflating tells, and inflating stops at the limit.
  const std::size_t header = zip.find(name) - 30;
  ASSERT_EQ(zip.substr(header, 4), "PK\x03\x04");
  zip[header + 22] = 100;  // the uncompressed size, little-endian
  zip[header + 23] = zip[header + 24] = zip[header + 25] = 0;
  EXPECT_EQ(file_error(zip), "unzips to more than 64 MiB");
}

// --------------------------------------------------------------- Track & Graph

TEST(ImportTrackAndGraph, TellsDurationsChoicesAndNumbersApart) {
  const auto plan = parse(
      "FeatureName,Timestamp,Value,Label,Note\n"
      "Weight,2026-03-28T08:15:00.123+01:00,72.35,,\n"
      "Sleep,2026-03-29T07:00:00+02:00,7:30:00,,\n"
      "Mood,2026-03-29T21:00:00Z,3,Good,\"lovely, warm\"\n"
      "Weight,2026-03-30T08:15:00+02:00,72,,after a run\n"
      "Sleep,2026-03-30T07:00:00+02:00,10:05:09,,\n"
      "Mood,2026-03-30T21:00:00Z,1,Bad,\n"
      "Mood,2026-03-31T21:00:00Z,2,OK,\n"
      "Mood,2026-04-01T21:00:00Z,3,good,\n");
  EXPECT_EQ(plan.format, "trackandgraph");
  ASSERT_EQ(plan.trackers.size(), 3u);
  EXPECT_EQ(plan.trackers[0].definition.name, "Weight");
  EXPECT_EQ(plan.trackers[0].definition.type, TrackerType::numeric);
  EXPECT_EQ(plan.trackers[0].definition.options.decimals, 2);
  EXPECT_EQ(plan.trackers[1].definition.type, TrackerType::duration);
  EXPECT_EQ(plan.trackers[2].definition.type, TrackerType::choice);
  EXPECT_EQ(choice_labels(plan.trackers[2].definition.options), (std::vector<std::string>{"Bad", "OK", "Good"}))
      << "labels are ordered by the values they stand for";

  EXPECT_EQ(logs_of(plan, "Weight"), (std::vector<Entry>{{"2026-03-28T08:15:00+01:00", 72.35, "", 2},
                                                         {"2026-03-30T08:15:00+02:00", 72, "after a run", 5}}));
  EXPECT_EQ(logs_of(plan, "Sleep"), (std::vector<Entry>{{"2026-03-29T07:00:00+02:00", 27000, "", 3},
                                                        {"2026-03-30T07:00:00+02:00", 36309, "", 6}}));
  EXPECT_EQ(logs_of(plan, "Mood"), (std::vector<Entry>{{"2026-03-29T21:00:00Z", "Good", "lovely, warm", 4},
                                                       {"2026-03-30T21:00:00Z", "Bad", "", 7},
                                                       {"2026-03-31T21:00:00Z", "OK", "", 8},
                                                       {"2026-04-01T21:00:00Z", "Good", "", 9}}));
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front().reason;
}

TEST(ImportTrackAndGraph, KeepsTheLabelOfANumberInItsNote) {
  const auto plan = parse(
      "FeatureName,Timestamp,Value,Label,Note\n"
      "Coffee,2026-03-29T09:00:00+02:00,1,espresso,at work\n"
      "Coffee,2026-03-29T15:00:00+02:00,2.5,,\n");
  EXPECT_EQ(tracker_named(plan, "Coffee").definition.type, TrackerType::numeric);
  EXPECT_EQ(logs_of(plan, "Coffee"), (std::vector<Entry>{{"2026-03-29T09:00:00+02:00", 1, "espresso\nat work", 2},
                                                         {"2026-03-29T15:00:00+02:00", 2.5, "", 3}}));
}

TEST(ImportTrackAndGraph, TurnsEachUnreadableRowIntoAProblemOnItsLine) {
  const auto plan = parse(
      "FeatureName,Timestamp,Value,Label,Note\n"
      "Weight,2026-03-28T08:15:00+01:00,72,,\n"
      "Weight,28/03/2026 08:15,72,,\n"
      "Weight,2026-03-28T08:15:00+01:00,heavy,,\n"
      "Weight,2026-03-28T08:15:00+01:00,,,\n"
      "Weight,2026-03-28T08:15:00+01:00,72\n"
      ",2026-03-28T08:15:00+01:00,72,,\n");
  EXPECT_EQ(logs_of(plan, "Weight").size(), 1u);
  EXPECT_EQ(problems(plan), (std::vector<Problem>{{3, "timestamp \"28/03/2026 08:15\" is not a date and time"},
                                                  {4, "value \"heavy\" is not a number"},
                                                  {5, "the value is empty"},
                                                  {6, "expected 5 columns, found 3"},
                                                  {7, "the feature name is empty"}}));
}

// ---------------------------------------------------------------------- Daylio

TEST(ImportDaylio, ReadsMoodsAndActivitiesInLocalTimeAcrossTheChangeToSummerTime) {
  const auto plan = parse(
      "full_date,date,weekday,time,mood,activities,note_title,note\n"
      "2026-03-29,March 29,Sunday,8:35 pm,good,work | friends,Long day,\"Met Sam.\nGood talk.\"\n"
      "2026-03-29,March 29,Sunday,02:30,custom calm,,,\n"
      "2026-03-28,March 28,Saturday,20:35,awful,Friends | reading | friends,,Rain\n"
      "2026-03-27,March 27,Friday,12:00 AM,rad,,Title only,\n");
  EXPECT_EQ(plan.format, "daylio");
  ASSERT_EQ(plan.trackers.size(), 4u);
  const Tracker& mood = tracker_named(plan, "Mood").definition;
  EXPECT_EQ(mood.type, TrackerType::choice);
  EXPECT_EQ(choice_labels(mood.options), (std::vector<std::string>{"rad", "good", "awful", "custom calm"}))
      << "Daylio's moods best first, then the user's own";
  EXPECT_EQ(tracker_named(plan, "work").definition.type, TrackerType::boolean);
  EXPECT_EQ(tracker_named(plan, "reading").definition.frequency, Frequency::daily);

  EXPECT_EQ(logs_of(plan, "Mood"),
            (std::vector<Entry>{{"2026-03-29T20:35:00+02:00", "good", "Long day\nMet Sam.\nGood talk.", 2},
                                // 02:30 does not exist that night: clocks jump to 03:00
                                {"2026-03-29T03:00:00+02:00", "custom calm", "", 4},
                                {"2026-03-28T20:35:00+01:00", "awful", "Rain", 5},
                                {"2026-03-27T00:00:00+01:00", "rad", "Title only", 6}}));
  EXPECT_EQ(logs_of(plan, "friends"), (std::vector<Entry>{{"2026-03-29T20:35:00+02:00", true, "", 2},
                                                          {"2026-03-28T20:35:00+01:00", true, "", 5}}));
  EXPECT_EQ(logs_of(plan, "work"), (std::vector<Entry>{{"2026-03-29T20:35:00+02:00", true, "", 2}}));
  EXPECT_EQ(logs_of(plan, "reading"), (std::vector<Entry>{{"2026-03-28T20:35:00+01:00", true, "", 5}}));
  EXPECT_TRUE(plan.problems.empty()) << plan.problems.front().reason;
}

TEST(ImportDaylio, ReadsNewerFilesWithScales) {
  const auto plan = parse(
      "\xEF\xBB\xBF"
      "full_date,date,weekday,time,mood,activities,scales,note_title,note\r\n"
      "2026-10-25,Oct 25,Sunday,02:30,meh,Mood,\"Stress: 2\",,\r\n");
  EXPECT_EQ(logs_of(plan, "Mood"), (std::vector<Entry>{{"2026-10-25T02:30:00+02:00", "meh", "", 2}}))
      << "a time repeated when clocks go back is its first occurrence";
  EXPECT_EQ(logs_of(plan, "Mood (2)"), (std::vector<Entry>{{"2026-10-25T02:30:00+02:00", true, "", 2}}))
      << "an activity named like the mood tracker is renamed";
}

TEST(ImportDaylio, TurnsEachUnreadableRowIntoAProblemOnItsLine) {
  const auto plan = parse(
      "full_date,date,weekday,time,mood,activities,note_title,note\n"
      "2026-03-29,March 29,Sunday,20:35,good,,,\n"
      "29.03.2026,March 29,Sunday,20:35,good,,,\n"
      "2026-03-29,March 29,Sunday,evening,good,,,\n"
      "2026-03-29,March 29,Sunday,25:00,good,,,\n"
      "2026-03-29,March 29,Sunday,20:35,good\n");
  EXPECT_EQ(logs_of(plan, "Mood").size(), 1u);
  EXPECT_EQ(problems(plan), (std::vector<Problem>{{3, "full_date \"29.03.2026\" is not a date"},
                                                  {4, "time \"evening\" is not a time of day"},
                                                  {5, "time \"25:00\" is not a time of day"},
                                                  {6, "expected 8 columns, found 5"}}));
}

}  // namespace
