// Logs: natural values per type, times with offsets, paging, edit and delete.

#include <gtest/gtest.h>

#include "support/server_process.hpp"
#include "support/test_clock.hpp"
#include "util/time.hpp"

using nlohmann::json;
using qself::testing::TestServer;

namespace {

struct LogsTest : ::testing::Test {
  TestServer server;
  std::string token = server.client.sign_up("ada@example.org", "Europe/Paris");

  std::string tracker(const json& fields) { return server.client.create_tracker(fields, token) + "/logs"; }
  qself::testing::Reply log(const std::string& logs, const json& body) { return server.client.post(logs, body, token); }
};

}  // namespace

TEST_F(LogsTest, AcceptsTheNaturalValueOfEachType) {
  struct Case {
    json tracker;
    json value;
    json expected;
  };
  const std::vector<Case> cases = {
      {{{"name", "Weight"}, {"type", "numeric"}, {"options", {{"decimals", 1}}}}, 72.46, 72.5},
      {{{"name", "Glasses"}, {"type", "numeric"}, {"options", {{"decimals", 0}}}}, 8, 8},
      {{{"name", "Meditated"}, {"type", "boolean"}}, true, true},
      {{{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok", "good"}}}}}, "ok", "ok"},
      {{{"name", "Sleep"}, {"type", "rating"}, {"options", {{"scale", 10}}}}, 10, 10},
      {{{"name", "Reading"}, {"type", "duration"}}, 5400, 5400},
      {{{"name", "Journal"}, {"type", "text"}}, "A good day. ☀️", "A good day. ☀️"},
  };
  for (const auto& c : cases) {
    const auto logs = tracker(c.tracker);
    const auto reply = log(logs, {{"value", c.value}, {"note", " after lunch "}});
    ASSERT_EQ(reply.status, 201) << c.tracker.dump() << reply.raw;
    EXPECT_EQ(reply.body["value"], c.expected) << c.tracker.dump();
    EXPECT_EQ(reply.body["note"], "after lunch");
    const auto listed = server.client.get(logs, token);
    ASSERT_EQ(listed.body["items"].size(), 1u);
    EXPECT_EQ(listed.body["items"][0]["value"], c.expected);
  }
}

TEST_F(LogsTest, RefusesValuesThatDoNotFitTheTrackerAndStoresNothing) {
  struct Case {
    json tracker;
    std::vector<json> values;
  };
  const std::vector<Case> cases = {
      {{{"name", "Weight"}, {"type", "numeric"}, {"options", {{"min", 20}, {"max", 300}}}},
       {"72", true, nullptr, 19.9, 300.5, json::array()}},
      {{{"name", "Meditated"}, {"type", "boolean"}}, {1, "yes", nullptr}},
      {{{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok"}}}}}, {"great", 1, "OK"}},
      {{{"name", "Sleep"}, {"type", "rating"}, {"options", {{"scale", 5}}}}, {0, 6, 2.5, "3"}},
      {{{"name", "Reading"}, {"type", "duration"}}, {-1, 1.5, "1:30"}},
      {{{"name", "Journal"}, {"type", "text"}}, {"", "   ", 5, std::string(10001, 'x')}},
  };
  for (const auto& c : cases) {
    const auto logs = tracker(c.tracker);
    for (const auto& value : c.values) {
      const auto reply = log(logs, {{"value", value}});
      EXPECT_EQ(reply.status, 422) << c.tracker["name"] << " " << value.dump().substr(0, 40);
      EXPECT_FALSE(reply.field_error("value").empty()) << reply.raw;
    }
    EXPECT_EQ(log(logs, json::object()).field_error("value"), "is required");
    EXPECT_TRUE(server.client.get(logs, token).body["items"].empty()) << c.tracker["name"];
  }
}

TEST_F(LogsTest, KeepsTheOffsetALogWasWrittenWith) {
  const auto logs = tracker({{"name", "Weight"}, {"type", "numeric"}});
  const auto reply = log(logs, {{"value", 70}, {"logged_at", "2026-07-01T07:30:00-04:00"}});
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.body["logged_at"], "2026-07-01T07:30:00-04:00");
  // Without a time, now in the user's zone (Europe/Paris is +01:00 or +02:00).
  const std::string now = log(logs, {{"value", 71}}).body["logged_at"];
  EXPECT_TRUE(now.ends_with("+01:00") || now.ends_with("+02:00")) << now;
  for (const char* bad : {"2026-07-01", "yesterday", "2026-07-01T07:30:00"}) {
    const auto refused = log(logs, {{"value", 70}, {"logged_at", bad}});
    EXPECT_EQ(refused.status, 422) << bad;
    EXPECT_FALSE(refused.field_error("logged_at").empty());
  }
}

TEST_F(LogsTest, PagesNewestFirstWithACursor) {
  const auto logs = tracker({{"name", "Glasses"}, {"type", "numeric"}});
  for (int day = 1; day <= 7; ++day) {
    const std::string when = "2026-05-0" + std::to_string(day) + "T12:00:00Z";
    ASSERT_EQ(log(logs, {{"value", day}, {"logged_at", when}}).status, 201);
  }
  // Two logs at the same instant are both listed, once each.
  ASSERT_EQ(log(logs, {{"value", 70}, {"logged_at", "2026-05-07T12:00:00Z"}}).status, 201);

  std::vector<int> seen;
  std::string path = logs + "?limit=3";
  int pages = 0;
  while (true) {
    const auto page = server.client.get(path, token);
    ASSERT_EQ(page.status, 200) << page.raw;
    for (const auto& item : page.body["items"]) seen.push_back(item["value"]);
    ++pages;
    if (page.body["next"].is_null()) break;
    path = logs + "?limit=3&before=" + page.body["next"].get<std::string>();
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<int>{70, 7, 6, 5, 4, 3, 2, 1}));

  const auto range = server.client.get(logs + "?from=2026-05-02T00:00:00Z&to=2026-05-04T00:00:00Z", token);
  ASSERT_EQ(range.body["items"].size(), 2u);
  EXPECT_EQ(range.body["items"][0]["value"], 3);
  EXPECT_EQ(range.body["items"][1]["value"], 2);

  for (const char* bad : {"?limit=0", "?limit=501", "?limit=ten", "?from=May", "?before=xyz"}) {
    const auto reply = server.client.get(logs + bad, token);
    EXPECT_EQ(reply.status, 400) << bad;
    EXPECT_EQ(reply.error_code(), "bad_request");
  }
}

TEST_F(LogsTest, EditsAndDeletesALog) {
  const auto logs = tracker({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok", "good"}}}}});
  const auto created = log(logs, {{"value", "ok"}, {"logged_at", "2026-05-01T09:00:00+02:00"}, {"note", "meh"}});
  const std::string path = logs + "/" + std::to_string(created.body["id"].get<int>());

  const auto edited = server.client.patch(path, {{"value", "good"}}, token);
  ASSERT_EQ(edited.status, 200) << edited.raw;
  EXPECT_EQ(edited.body["value"], "good");
  EXPECT_EQ(edited.body["note"], "meh");
  EXPECT_EQ(edited.body["logged_at"], "2026-05-01T09:00:00+02:00");

  const auto refused = server.client.patch(path, {{"value", "superb"}, {"note", "changed"}}, token);
  EXPECT_EQ(refused.status, 422);
  const auto unchanged = server.client.get(path, token);
  EXPECT_EQ(unchanged.body["value"], "good");
  EXPECT_EQ(unchanged.body["note"], "meh");

  const auto moved = server.client.patch(path, {{"logged_at", "2026-05-02T10:00:00Z"}, {"note", nullptr}}, token);
  EXPECT_EQ(moved.body["logged_at"], "2026-05-02T10:00:00Z");
  EXPECT_EQ(moved.body["note"], "");

  EXPECT_EQ(server.client.del(path, token).status, 204);
  EXPECT_EQ(server.client.get(path, token).status, 404);
  EXPECT_EQ(server.client.del(path, token).status, 404);
  EXPECT_EQ(server.client.patch(path, {{"value", "ok"}}, token).status, 404);
}

TEST_F(LogsTest, RefusesTimesMoreThanFiveMinutesAheadOfNow) {
  // The 1 June, typed in February, and an hour ahead: refused, nothing
  // stored or changed. A phone's clock a few minutes fast is not.
  using std::chrono::minutes;
  const auto ahead = [](minutes by) { return qself::util::format_rfc3339(qself::testing::test_now() + by, 120); };
  const auto logs = tracker({{"name", "Weight"}, {"type", "numeric"}});
  for (const auto by : {minutes{60}, minutes{60 * 24 * 111}}) {
    const auto refused = log(logs, {{"value", 70}, {"logged_at", ahead(by)}});
    EXPECT_EQ(refused.status, 422) << ahead(by);
    EXPECT_EQ(refused.field_error("logged_at"),
              "must not be in the future (at most 5 minutes ahead of now, for clocks that differ)");
  }
  EXPECT_TRUE(server.client.get(logs, token).body["items"].empty());
  const std::string three_minutes_ahead = ahead(minutes{3});  // read once: the clock runs on between requests
  const auto skewed = log(logs, {{"value", 71}, {"logged_at", three_minutes_ahead}});
  ASSERT_EQ(skewed.status, 201) << skewed.raw;

  const std::string path = logs + "/" + std::to_string(skewed.body["id"].get<int>());
  const auto moved = server.client.patch(path, {{"value", 72}, {"logged_at", ahead(minutes{60})}}, token);
  EXPECT_EQ(moved.status, 422);
  EXPECT_FALSE(moved.field_error("logged_at").empty());
  const auto unchanged = server.client.get(path, token);
  EXPECT_EQ(unchanged.body["value"], 71);
  EXPECT_EQ(unchanged.body["logged_at"], three_minutes_ahead);
  // An import reports such rows as problems of their line and stores the rest:
  // ImportJobsTest.AnImportReportsEachRowThatBreaksTheRulesAndStoresTheRest.
}

TEST_F(LogsTest, EveryLogHasAUidAndATimeToTheMillisecond) {
  const auto logs = tracker({{"name", "Water"}, {"type", "numeric"}});
  const auto first = log(logs, {{"value", 1}, {"logged_at", "2026-05-01T08:00:00.250+02:00"}});
  ASSERT_EQ(first.status, 201) << first.raw;
  const std::string uid = first.body["uid"];
  EXPECT_EQ(uid.size(), 36u) << "the server made a UUID";
  EXPECT_EQ(uid[14], '7') << "time-ordered (version 7), so new ones land at the end of the index: " << uid;
  EXPECT_EQ(first.body["logged_at"], "2026-05-01T08:00:00.250+02:00");
  // Two taps in the same second: two logs, each with its own uid, in the order of their milliseconds.
  const auto second = log(logs, {{"value", 1}, {"logged_at", "2026-05-01T08:00:00.125+02:00"}});
  const auto third = log(logs, {{"value", 1}, {"logged_at", "2026-05-01T08:00:00+02:00"}});
  ASSERT_EQ(third.status, 201) << third.raw;
  EXPECT_NE(second.body["uid"], uid);
  EXPECT_EQ(third.body["logged_at"], "2026-05-01T08:00:00+02:00") << "no fraction when there is none";

  std::vector<std::string> seen;
  std::string path = logs + "?limit=1";
  while (true) {
    const auto page = server.client.get(path, token);
    ASSERT_EQ(page.status, 200) << page.raw;
    for (const auto& item : page.body["items"]) seen.push_back(item["logged_at"]);
    if (page.body["next"].is_null()) break;
    path = logs + "?limit=1&before=" + page.body["next"].get<std::string>();
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"2026-05-01T08:00:00.250+02:00", "2026-05-01T08:00:00.125+02:00",
                                            "2026-05-01T08:00:00+02:00"}));
  const auto dashboard = server.client.get("trackers", token);
  EXPECT_EQ(dashboard.body["items"][0]["summary"]["last"]["uid"], uid) << dashboard.raw;
}

TEST_F(LogsTest, ARetriedRequestWithTheSameUidAnswersTheLogItMadeAndAddsNothing) {
  const auto logs = tracker({{"name", "Water"}, {"type", "numeric"}});
  const std::string uid = "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43";
  const auto made = log(logs, {{"uid", "4F1C2A9E-7B3D-4C8E-9A61-2D5F0E8B7C43"}, {"value", 1}});
  ASSERT_EQ(made.status, 201) << made.raw;
  EXPECT_EQ(made.body["uid"], uid) << "kept in lower case";

  const auto again = log(logs, {{"uid", uid}, {"value", 1}});
  EXPECT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body, made.body) << "the log the first request made, unchanged";
  EXPECT_EQ(server.client.get(logs, token).body["items"].size(), 1u);

  const std::string path = logs + "/" + std::to_string(made.body["id"].get<int>());
  EXPECT_EQ(server.client.patch(path, {{"uid", uid}, {"value", 2}}, token).status, 200) << "its own uid may be sent";
  const auto renamed = server.client.patch(path, {{"uid", "01890a5d-ac96-774b-bcce-b302099a8057"}}, token);
  EXPECT_EQ(renamed.status, 422);
  EXPECT_FALSE(renamed.field_error("uid").empty()) << renamed.raw;
  EXPECT_EQ(server.client.get(path, token).body["uid"], uid);
}

TEST_F(LogsTest, AUidTakenElsewhereIsAConflictThatTellsNothingOfTheOtherLog) {
  const auto water = tracker({{"name", "Water"}, {"type", "numeric"}});
  const auto tea = tracker({{"name", "Tea"}, {"type", "numeric"}});
  const std::string uid = "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43";
  ASSERT_EQ(log(water, {{"uid", uid}, {"value", 1}, {"note", "private"}}).status, 201);

  const auto other_tracker = log(tea, {{"uid", uid}, {"value", 1}});
  EXPECT_EQ(other_tracker.status, 409) << other_tracker.raw;
  EXPECT_EQ(other_tracker.error_code(), "uid_taken");
  EXPECT_TRUE(server.client.get(tea, token).body["items"].empty());

  const std::string eve = server.client.sign_up("eve@example.org");
  const auto eves_logs = server.client.create_tracker({{"name", "Water"}, {"type", "numeric"}}, eve) + "/logs";
  const auto other_user = server.client.post(eves_logs, {{"uid", uid}, {"value", 1}}, eve);
  EXPECT_EQ(other_user.status, 409);
  EXPECT_EQ(other_user.raw.find("private"), std::string::npos);
  EXPECT_EQ(other_user.body["error"], other_tracker.body["error"]) << "another user's log reads like any other";

  for (const json& bad : {json("4f1c2a9e7b3d4c8e9a612d5f0e8b7c43"), json(""), json(42)}) {
    const auto refused = log(tea, {{"uid", bad}, {"value", 1}});
    EXPECT_EQ(refused.status, 422) << bad;
    EXPECT_FALSE(refused.field_error("uid").empty()) << refused.raw;
  }
}
