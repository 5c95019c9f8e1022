// Trackers: every type, every validation rule, archive, order and delete.

#include <gtest/gtest.h>

#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::TestServer;

namespace {

struct TrackersTest : ::testing::Test {
  TestServer server;
  std::string token = server.client.sign_up("ada@example.org");

  qself::testing::Reply create(const json& fields) { return server.client.post("trackers", fields, token); }
  // Creates the tracker, expecting 201; answers its path, "trackers/<id>".
  std::string tracker(const json& fields) { return server.client.create_tracker(fields, token); }
  static std::int64_t id_of(const std::string& path) { return std::stoll(path.substr(path.rfind('/') + 1)); }
  std::vector<std::string> names(const std::string& query = "") {
    std::vector<std::string> out;
    const auto listed = server.client.get("trackers" + query, token);
    for (const auto& item : listed.body["items"]) out.push_back(item["name"]);
    return out;
  }
};

}  // namespace

TEST_F(TrackersTest, CreatesOneOfEachTypeWithItsOptions) {
  const auto numeric = create({{"name", "Weight"},
                               {"type", "numeric"},
                               {"unit", "kg"},
                               {"options", {{"min", 20}, {"max", 300}, {"decimals", 1}}},
                               {"target", {{"op", "at_most"}, {"value", 80}}},
                               {"color", "#3B82F6"},
                               {"icon", "⚖️"}});
  ASSERT_EQ(numeric.status, 201) << numeric.raw;
  EXPECT_EQ(numeric.body["options"], json({{"min", 20.0}, {"max", 300.0}, {"decimals", 1}}));
  EXPECT_EQ(numeric.body["target"],
            json({{"op", "at_most"}, {"value", 80.0}, {"aggregate", "sum"}, {"period", "daily"}}))
      << "a number's default aggregate, per the tracker's frequency";
  EXPECT_EQ(numeric.body["color"], "#3b82f6");
  EXPECT_EQ(numeric.body["frequency"], "daily");
  EXPECT_EQ(numeric.body["archived"], false);

  const auto boolean = create({{"name", "Meditated"}, {"type", "boolean"}, {"frequency", "daily"}});
  EXPECT_EQ(boolean.body["options"], json::object());
  EXPECT_EQ(boolean.body["color"].get<std::string>().size(), 7u) << "a palette colour when none is given";
  const auto choice = create({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok", "good"}}}}});
  EXPECT_EQ(choice.body["options"]["choices"],
            json({{{"id", 0}, {"label", "bad"}}, {{"id", 1}, {"label", "ok"}}, {{"id", 2}, {"label", "good"}}}));
  const auto rating = create({{"name", "Sleep quality"}, {"type", "rating"}});
  EXPECT_EQ(rating.body["options"], json({{"scale", 5}, {"labels", json::array()}}));
  const auto duration = create({{"name", "Reading"},
                                {"type", "duration"},
                                {"frequency", "weekly"},
                                {"target", {{"op", "at_least"}, {"value", 7200}}}});
  EXPECT_EQ(duration.body["frequency"], "weekly");
  EXPECT_EQ(duration.body["options"], json({{"duration_unit", "minutes"}})) << "a number typed alone is minutes";
  const auto sleep = create({{"name", "Sleep"}, {"type", "duration"}, {"options", {{"duration_unit", "hours"}}}});
  EXPECT_EQ(sleep.body["options"], json({{"duration_unit", "hours"}}));
  const auto text = create({{"name", "Journal"}, {"type", "text"}, {"frequency", "monthly"}});
  EXPECT_EQ(text.status, 201);
  const auto hourly = create({{"name", "Water"}, {"type", "numeric"}, {"frequency", "hourly"}});
  EXPECT_EQ(hourly.status, 201);

  EXPECT_EQ(names(), (std::vector<std::string>{"Weight", "Meditated", "Mood", "Sleep quality", "Reading", "Sleep",
                                               "Journal", "Water"}));
  const auto one = server.client.get("trackers/" + std::to_string(numeric.body["id"].get<int>()), token);
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(one.body["name"], "Weight");
  EXPECT_EQ(one.body["unit"], "kg");
}

TEST_F(TrackersTest, ExplainsEveryInvalidField) {
  struct Case {
    json fields;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"type", "numeric"}}, "name"},
      {{{"name", "   "}, {"type", "numeric"}}, "name"},
      {{{"name", std::string(101, 'x')}, {"type", "numeric"}}, "name"},
      {{{"name", "A"}}, "type"},
      {{{"name", "A"}, {"type", "colour"}}, "type"},
      {{{"name", "A"}, {"type", "numeric"}, {"frequency", "yearly"}}, "frequency"},
      {{{"name", "A"}, {"type", "choice"}}, "options.choices"},
      {{{"name", "A"}, {"type", "choice"}, {"options", {{"choices", {"a", "A"}}}}}, "options.choices"},
      {{{"name", "A"}, {"type", "choice"}, {"options", {{"choices", {"a", ""}}}}}, "options.choices"},
      {{{"name", "A"}, {"type", "rating"}, {"options", {{"scale", 11}}}}, "options.scale"},
      {{{"name", "A"}, {"type", "rating"}, {"options", {{"scale", 1}}}}, "options.scale"},
      {{{"name", "A"}, {"type", "rating"}, {"options", {{"scale", 3}, {"labels", {"a", "b"}}}}}, "options.labels"},
      {{{"name", "A"}, {"type", "numeric"}, {"options", {{"min", 10}, {"max", 5}}}}, "options.max"},
      {{{"name", "A"}, {"type", "numeric"}, {"options", {{"decimals", 7}}}}, "options.decimals"},
      {{{"name", "A"}, {"type", "numeric"}, {"options", "big"}}, "options"},
      {{{"name", "A"}, {"type", "numeric"}, {"target", {{"op", "about"}, {"value", 1}}}}, "target.op"},
      {{{"name", "A"}, {"type", "numeric"}, {"target", {{"op", "at_least"}, {"value", -1}}}}, "target.value"},
      {{{"name", "A"}, {"type", "numeric"}, {"target", 5}}, "target"},
      {{{"name", "A"}, {"type", "numeric"}, {"color", "blue"}}, "color"},
      {{{"name", "A"}, {"type", "numeric"}, {"icon", "abcdefghij"}}, "icon"},
      {{{"name", "A"}, {"type", "numeric"}, {"archived", "yes"}}, "archived"},
      {{{"name", "A"}, {"type", "numeric"}, {"unit", std::string(31, 'u')}}, "unit"},
      {{{"name", "A"}, {"type", "numeric"}, {"description", 42}}, "description"},
  };
  for (const auto& c : cases) {
    const auto reply = create(c.fields);
    EXPECT_EQ(reply.status, 422) << c.fields.dump();
    EXPECT_FALSE(reply.field_error(c.field).empty()) << c.fields.dump() << " → " << reply.raw;
  }
  EXPECT_TRUE(names("?archived=all").empty()) << "a refused tracker must not be created";
}

TEST_F(TrackersTest, NamesAreUniquePerUserWithoutRegardToCase) {
  tracker({{"name", "Water"}, {"type", "numeric"}});
  const auto clash = create({{"name", "WATER"}, {"type", "boolean"}});
  EXPECT_EQ(clash.status, 409);
  EXPECT_EQ(clash.error_code(), "conflict");
  EXPECT_EQ(clash.field_error("name"), "is already used");
  // Another user may use the same name.
  const std::string other = server.client.sign_up("bob@example.org");
  EXPECT_EQ(server.client.post("trackers", {{"name", "Water"}, {"type", "numeric"}}, other).status, 201);
}

TEST_F(TrackersTest, RenamingOntoAnotherTrackersNameIsAConflict) {
  tracker({{"name", "Water"}, {"type", "numeric"}});
  const auto coffee = tracker({{"name", "Coffee"}, {"type", "numeric"}});
  const auto reply = server.client.patch(coffee, {{"name", "water"}}, token);
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(names(), (std::vector<std::string>{"Water", "Coffee"}));
}

TEST_F(TrackersTest, PatchChangesOnlyTheFieldsSent) {
  const auto path = tracker(
      {{"name", "Water"}, {"type", "numeric"}, {"unit", "glasses"}, {"target", {{"op", "at_least"}, {"value", 8}}}});
  const auto reply = server.client.patch(path, {{"description", "Glasses of water"}, {"frequency", "daily"}}, token);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body["description"], "Glasses of water");
  EXPECT_EQ(reply.body["unit"], "glasses");
  EXPECT_EQ(reply.body["target"]["value"], 8.0);
  const auto cleared = server.client.patch(path, {{"target", nullptr}}, token);
  EXPECT_TRUE(cleared.body["target"].is_null());
  const auto invalid = server.client.patch(path, {{"name", ""}, {"unit", "l"}}, token);
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(server.client.get(path, token).body["unit"], "glasses");
}

TEST_F(TrackersTest, OptionsSentInAPatchReplaceTheOldOnes) {
  const auto path = tracker(
      {{"name", "Energy"}, {"type", "rating"}, {"options", {{"scale", 3}, {"labels", {"low", "mid", "high"}}}}});
  const auto reply = server.client.patch(path, {{"options", {{"scale", 4}}}}, token);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body["options"], json({{"scale", 4}, {"labels", json::array()}}));
}

TEST_F(TrackersTest, ArchivedTrackersAreHiddenUnlessAskedFor) {
  tracker({{"name", "Active"}, {"type", "boolean"}});
  const auto old = tracker({{"name", "Old"}, {"type", "boolean"}});
  ASSERT_EQ(server.client.patch(old, {{"archived", true}}, token).status, 200);
  EXPECT_EQ(names(), std::vector<std::string>{"Active"});
  EXPECT_EQ(names("?archived=true"), std::vector<std::string>{"Old"});
  EXPECT_EQ(names("?archived=all"), (std::vector<std::string>{"Active", "Old"}));
  EXPECT_EQ(server.client.get("trackers?archived=maybe", token).status, 400);
}

TEST_F(TrackersTest, ReorderFollowsTheGivenList) {
  const auto a = id_of(tracker({{"name", "A"}, {"type", "boolean"}}));
  const auto b = id_of(tracker({{"name", "B"}, {"type", "boolean"}}));
  const auto c = id_of(tracker({{"name", "C"}, {"type", "boolean"}}));
  const auto reply = server.client.post("trackers/reorder", {{"ids", {c, a}}}, token);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(names(), (std::vector<std::string>{"C", "A", "B"}));
  EXPECT_EQ(server.client.post("trackers/reorder", {{"ids", {a, a}}}, token).status, 422);
  EXPECT_EQ(server.client.post("trackers/reorder", {{"ids", "abc"}}, token).status, 422);
  EXPECT_EQ(server.client.post("trackers/reorder", {{"ids", {b, 999999}}}, token).status, 404);
  EXPECT_EQ(names(), (std::vector<std::string>{"C", "A", "B"})) << "a refused reorder changes nothing";
}

TEST_F(TrackersTest, DeletingATrackerDeletesItsLogs) {
  const auto path = tracker({{"name", "Water"}, {"type", "numeric"}});
  ASSERT_EQ(server.client.post(path + "/logs", {{"value", 3}}, token).status, 201);
  EXPECT_EQ(server.client.del(path, token).status, 204);
  EXPECT_EQ(server.client.get(path, token).status, 404);
  EXPECT_EQ(server.client.get(path + "/logs", token).status, 404);
  EXPECT_EQ(server.client.del(path, token).status, 404);
  // The name is free again.
  EXPECT_EQ(create({{"name", "Water"}, {"type", "numeric"}}).status, 201);
}

TEST_F(TrackersTest, AnAccountHoldsAtMostTwoHundredTrackersArchivedOnesIncluded) {
  std::vector<std::string> paths;
  for (int i = 1; i <= 200; ++i)
    paths.push_back(tracker({{"name", "Tracker " + std::to_string(i)}, {"type", "boolean"}}));
  const auto refused = create({{"name", "One too many"}, {"type", "boolean"}});
  EXPECT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(refused.error_code(), "too_many_trackers");
  EXPECT_NE(refused.body["error"]["message"].get<std::string>().find("at most 200 trackers"), std::string::npos);
  EXPECT_EQ(names("?archived=all").size(), 200u) << "a refused tracker must not be created";

  ASSERT_EQ(server.client.patch(paths[0], {{"archived", true}}, token).status, 200);
  EXPECT_EQ(create({{"name", "One too many"}, {"type", "boolean"}}).error_code(), "too_many_trackers")
      << "an archived tracker counts";

  ASSERT_EQ(server.client.del(paths[1], token).status, 204);
  EXPECT_EQ(create({{"name", "One too many"}, {"type", "boolean"}}).status, 201) << "deleting one makes room";
  EXPECT_EQ(create({{"name", "Two too many"}, {"type", "boolean"}}).error_code(), "too_many_trackers");

  const std::string other = server.client.sign_up("bob@example.org");
  EXPECT_EQ(server.client.post("trackers", {{"name", "Tracker 1"}, {"type", "boolean"}}, other).status, 201)
      << "the limit is per account";
}

TEST_F(TrackersTest, ATrackerKeepsItsOwnReminderScheduleAndRefusesAWrongOne) {
  const auto created = create({{"name", "Meds"},
                               {"type", "boolean"},
                               {"reminder_schedule", {{"times", {"20:00", "08:00"}}, {"days", {"fri", "mon"}}}}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["reminder_schedule"], (json{{"times", {"08:00", "20:00"}}, {"days", {"mon", "fri"}}}))
      << "times in order, days in week order";
  const std::string path = "trackers/" + std::to_string(created.body["id"].get<int>());

  // Days left out: every day. null: none of its own.
  auto changed = server.client.patch(path, {{"reminder_schedule", {{"times", {"07:30"}}}}}, token);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(changed.body["reminder_schedule"]["days"].size(), 7u);
  EXPECT_EQ(server.client.get(path, token).body["reminder_schedule"]["times"], json({"07:30"}));
  changed = server.client.patch(path, {{"reminder_schedule", nullptr}}, token);
  ASSERT_EQ(changed.status, 200);
  EXPECT_TRUE(changed.body["reminder_schedule"].is_null());
  EXPECT_TRUE(server.client.get(path, token).body["reminder_schedule"].is_null());

  // Each mistake is named, and changes nothing.
  const std::vector<std::pair<json, std::string>> wrong = {
      {{{"times", {"25:00"}}}, "reminder_schedule.times"},
      {{{"times", {"08:00", "08:00"}}}, "reminder_schedule.times"},
      {{{"times", {"08:00"}}, {"days", {"someday"}}}, "reminder_schedule.days"},
      {{{"times", {"08:00"}}, {"days", json::array()}}, "reminder_schedule.days"},
      {"08:00", "reminder_schedule"},
      {{{"times", {8}}}, "reminder_schedule"},
  };
  for (const auto& [schedule, field] : wrong) {
    const auto refused = server.client.patch(path, {{"reminder_schedule", schedule}}, token);
    EXPECT_EQ(refused.status, 422) << schedule.dump();
    EXPECT_FALSE(refused.field_error(field).empty()) << schedule.dump() << " " << refused.raw;
  }
  EXPECT_TRUE(server.client.get(path, token).body["reminder_schedule"].is_null());
}
