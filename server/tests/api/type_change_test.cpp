// Changing a tracker's type or choices keeps its data and its meaning, or asks
// (what each logged value becomes), or refuses with a reason.

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "support/postgres_process.hpp"
#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::TestServer;

namespace {

struct TypeChangeTest : ::testing::Test {
  TestServer server;
  std::string token = server.client.sign_up("ada@example.org");

  std::string tracker_with(const json& fields, const std::vector<json>& values) {
    const std::string path = server.client.create_tracker(fields, token);
    std::vector<std::pair<json, std::string>> logs;
    int minute = 10;
    for (const auto& value : values) logs.emplace_back(value, "2026-05-01T10:" + std::to_string(minute++) + ":00Z");
    server.client.add_logs(path, logs, token);
    return path;
  }
  std::vector<json> values(const std::string& path) {
    std::vector<json> out;
    const auto listed = server.client.get(path + "/logs?limit=500", token);
    for (const auto& item : listed.body["items"]) out.insert(out.begin(), item["value"]);
    return out;
  }
  json choices(const std::string& path) { return server.client.get(path, token).body["options"]["choices"]; }
};

std::vector<json> repeated(std::size_t times, const json& value) { return std::vector<json>(times, value); }

}  // namespace

TEST_F(TypeChangeTest, BooleanBecomesNumericAndChoiceKeepingEveryLog) {
  const auto path = tracker_with({{"name", "Ran"}, {"type", "boolean"}}, {true, false, true});
  const auto numeric = server.client.patch(path, {{"type", "numeric"}}, token);
  ASSERT_EQ(numeric.status, 200) << numeric.raw;
  EXPECT_EQ(values(path), (std::vector<json>{1, 0, 1}));
  const json to_choice = {{"type", "choice"}, {"options", {{"choices", {"rest", "run", "race"}}}}};
  // 1 is not "the second choice": the change asks what each number becomes.
  const auto asked = server.client.patch(path, to_choice, token);
  ASSERT_EQ(asked.status, 409) << asked.raw;
  EXPECT_EQ(asked.error_code(), "mapping_required");
  json with_mapping = to_choice;
  with_mapping["mapping"] = {{{"from", 1}, {"to", "run"}}, {{"from", 0}, {"to", "rest"}}};
  const auto choice = server.client.patch(path, with_mapping, token);
  ASSERT_EQ(choice.status, 200) << choice.raw;
  EXPECT_EQ(values(path), (std::vector<json>{"run", "rest", "run"}));
}

TEST_F(TypeChangeTest, RatingBecomesNumericAndBack) {
  const auto path = tracker_with({{"name", "Sleep"}, {"type", "rating"}}, {4, 2, 5});
  ASSERT_EQ(server.client.patch(path, {{"type", "numeric"}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{4, 2, 5}));
  ASSERT_EQ(server.client.patch(path, {{"type", "rating"}, {"options", {{"scale", 5}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{4, 2, 5}));
}

TEST_F(TypeChangeTest, AnythingBecomesTextInWords) {
  const auto path = tracker_with({{"name", "Reading"}, {"type", "duration"}}, {5400, 60});
  ASSERT_EQ(server.client.patch(path, {{"type", "text"}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"1:30", "0:01"}));
}

TEST_F(TypeChangeTest, ALossyChangeIsRefusedWithTheReasonAndChangesNothing) {
  const auto path = tracker_with({{"name", "Weight"}, {"type", "numeric"}}, {3, 2.5, 12});
  const auto refused = server.client.patch(path, {{"type", "rating"}, {"name", "Renamed"}}, token);
  ASSERT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(refused.error_code(), "type_change_loses_data");
  const std::string message = refused.body["error"]["message"];
  EXPECT_NE(message.find("delete 2 of 3 logs"), std::string::npos) << message;
  EXPECT_NE(message.find("1 to 5"), std::string::npos) << message;
  const auto tracker = server.client.get(path, token).body;
  EXPECT_EQ(tracker["type"], "numeric");
  EXPECT_EQ(tracker["name"], "Weight");
  EXPECT_EQ(values(path), (std::vector<json>{3, 2.5, 12}));
}

TEST_F(TypeChangeTest, ForceMakesTheChangeAndDropsOnlyWhatCannotBeKept) {
  const auto path = tracker_with({{"name", "Weight"}, {"type", "numeric"}}, {3, 2.5, 12});
  const auto forced = server.client.patch(path, {{"type", "rating"}, {"force", true}}, token);
  ASSERT_EQ(forced.status, 200) << forced.raw;
  EXPECT_EQ(forced.body["type"], "rating");
  EXPECT_EQ(values(path), (std::vector<json>{3}));
}

TEST_F(TypeChangeTest, ChoiceLabelsAreNotForgottenSilently) {
  const auto path = tracker_with(
      {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok", "good"}}}}}, {"good", "bad"});
  const auto refused = server.client.patch(path, {{"type", "numeric"}}, token);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_code(), "mapping_required");
  EXPECT_EQ(refused.body["error"]["values"],
            (json{{{"value", "bad"}, {"label", "bad"}, {"count", 1}, {"suggested", nullptr}},
                  {{"value", "good"}, {"label", "good"}, {"count", 1}, {"suggested", nullptr}}}));
  // Fewer choices than the logs use is refused too.
  const auto fewer = server.client.patch(path, {{"options", {{"choices", {"bad", "ok"}}}}}, token);
  EXPECT_EQ(fewer.status, 409);
  // Renaming labels in place (each choice by its id) keeps every log.
  const json renamed = {
      {{"id", 0}, {"label", "awful"}}, {{"id", 1}, {"label", "fine"}}, {{"id", 2}, {"label", "great"}}};
  ASSERT_EQ(server.client.patch(path, {{"options", {{"choices", renamed}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"great", "awful"}));
}

TEST_F(TypeChangeTest, TextBecomesNumericWhenEveryTextIsANumber) {
  const auto path = tracker_with({{"name", "Steps"}, {"type", "text"}}, {"1200", " 800 "});
  ASSERT_EQ(server.client.patch(path, {{"type", "numeric"}, {"options", {{"decimals", 0}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{1200, 800}));
  const auto words = tracker_with({{"name", "Words"}, {"type", "text"}}, {"12", "twelve"});
  EXPECT_EQ(server.client.patch(words, {{"type", "numeric"}}, token).status, 409);
}

TEST_F(TypeChangeTest, NarrowingNumericOptionsIsCheckedLikeATypeChange) {
  const auto path = tracker_with({{"name", "Weight"}, {"type", "numeric"}}, {72.25, 90});
  EXPECT_EQ(server.client.patch(path, {{"options", {{"max", 80}}}}, token).status, 409);
  const auto rounding = server.client.patch(path, {{"options", {{"decimals", 0}}}}, token);
  EXPECT_EQ(rounding.status, 409);
  EXPECT_NE(rounding.body["error"]["message"].get<std::string>().find("round 1 value"), std::string::npos);
  ASSERT_EQ(server.client.patch(path, {{"options", {{"decimals", 0}}}, {"force", true}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{72, 90}));
  EXPECT_EQ(server.client.patch(path, {{"force", "yes"}}, token).status, 422);
}

// The seed's example: Yes/No stored as 0/1 becomes Good/Bad/Neutral.
TEST_F(TypeChangeTest, YesNoToChoiceAsksWhatYesAndNoBecomeAndChangesNothingUntilTold) {
  auto logged = repeated(5, true);
  logged.push_back(false);
  logged.push_back(false);
  const auto path = tracker_with({{"name", "Walked"}, {"type", "boolean"}}, logged);
  const json to_choice = {{"type", "choice"}, {"options", {{"choices", {"Good", "Bad", "Neutral"}}}}};

  const auto asked = server.client.patch(path, to_choice, token);
  ASSERT_EQ(asked.status, 409) << asked.raw;
  EXPECT_EQ(asked.error_code(), "mapping_required");
  EXPECT_EQ(asked.body["error"]["values"],
            (json{{{"value", false}, {"label", "no"}, {"count", 2}, {"suggested", nullptr}},
                  {{"value", true}, {"label", "yes"}, {"count", 5}, {"suggested", nullptr}}}));
  EXPECT_EQ(server.client.get(path, token).body["type"], "boolean");
  EXPECT_EQ(values(path), logged);

  json decided = to_choice;
  decided["mapping"] = {{{"from", true}, {"to", "Good"}}, {{"from", false}, {"to", "Bad"}}};
  const auto changed = server.client.patch(path, decided, token);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  auto expected = repeated(5, "Good");
  expected.push_back("Bad");
  expected.push_back("Bad");
  EXPECT_EQ(values(path), expected);
}

TEST_F(TypeChangeTest, AValueMappedToNothingHasItsLogsDeletedAndOnlyThose) {
  const auto path = tracker_with({{"name", "Walked"}, {"type", "boolean"}}, {true, false, true});
  const json decided = {{"type", "choice"},
                        {"options", {{"choices", {"Good", "Bad"}}}},
                        {"mapping", {{{"from", true}, {"to", "Good"}}, {{"from", false}, {"to", nullptr}}}}};
  ASSERT_EQ(server.client.patch(path, decided, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"Good", "Good"}));
}

TEST_F(TypeChangeTest, AnObviousMappingGoesAheadWithoutAsking) {
  const auto path = tracker_with({{"name", "Walked"}, {"type", "boolean"}}, {true, false});
  const auto changed =
      server.client.patch(path, {{"type", "choice"}, {"options", {{"choices", {"No", "Maybe", "Yes"}}}}}, token);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(values(path), (std::vector<json>{"Yes", "No"}));
}

TEST_F(TypeChangeTest, AMappingToAChoiceThatDoesNotExistIsRefusedAndChangesNothing) {
  const auto path = tracker_with({{"name", "Walked"}, {"type", "boolean"}}, {true, false});
  const json decided = {{"type", "choice"},
                        {"options", {{"choices", {"Good", "Bad"}}}},
                        {"mapping", {{{"from", true}, {"to", "Great"}}, {{"from", false}, {"to", "Bad"}}}}};
  const auto refused = server.client.patch(path, decided, token);
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.field_error("mapping"), "yes → must be one of: Good, Bad");
  EXPECT_EQ(server.client.get(path, token).body["type"], "boolean");
  EXPECT_EQ(server.client.patch(path, {{"mapping", "Good"}}, token).status, 422);
}

TEST_F(TypeChangeTest, ReorderingChoicesChangesNoLog) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"Great", "Good", "Bad"}}}}};
  const auto path = tracker_with(mood, {"Great", "Great", "Good"});
  EXPECT_EQ(choices(path),
            (json{{{"id", 0}, {"label", "Great"}}, {{"id", 1}, {"label", "Good"}}, {{"id", 2}, {"label", "Bad"}}}));

  // "Move choice 1 down", as the editor sends it: each choice with its id.
  const json moved = {{{"id", 1}, {"label", "Good"}}, {{"id", 0}, {"label", "Great"}}, {{"id", 2}, {"label", "Bad"}}};
  ASSERT_EQ(server.client.patch(path, {{"options", {{"choices", moved}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"Great", "Great", "Good"}));
  EXPECT_EQ(choices(path), moved);

  // A client that sends labels only is matched by label.
  ASSERT_EQ(server.client.patch(path, {{"options", {{"choices", {"Bad", "Great", "Good"}}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"Great", "Great", "Good"}));
}

TEST_F(TypeChangeTest, RenamingAChoiceRenamesItInEveryLog) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"Great", "Good"}}}}};
  const auto path = tracker_with(mood, {"Great", "Good"});
  const json renamed = {{{"id", 0}, {"label", "Superb"}}, {{"id", 1}, {"label", "Good"}}};
  ASSERT_EQ(server.client.patch(path, {{"options", {{"choices", renamed}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"Superb", "Good"}));
}

TEST_F(TypeChangeTest, RemovingAChoiceInUseAsksWhereItsLogsGo) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"Great", "Good", "Bad"}}}}};
  const auto path = tracker_with(mood, {"Great", "Good", "Good", "Bad"});
  const json without_good = {{{"id", 0}, {"label", "Great"}}, {{"id", 2}, {"label", "Bad"}}};

  const auto asked = server.client.patch(path, {{"options", {{"choices", without_good}}}}, token);
  ASSERT_EQ(asked.status, 409) << asked.raw;
  EXPECT_EQ(asked.body["error"]["values"],
            (json{{{"value", "Good"}, {"label", "Good"}, {"count", 2}, {"suggested", nullptr}}}));
  EXPECT_EQ(values(path), (std::vector<json>{"Great", "Good", "Good", "Bad"}));

  const auto merged = server.client.patch(
      path, {{"options", {{"choices", without_good}}}, {"mapping", {{{"from", "Good"}, {"to", "Great"}}}}}, token);
  ASSERT_EQ(merged.status, 200) << merged.raw;
  EXPECT_EQ(values(path), (std::vector<json>{"Great", "Great", "Great", "Bad"}));
}

TEST_F(TypeChangeTest, ARemovedChoiceWithoutLogsGoesWithoutAsking) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"Great", "Good", "Bad"}}}}};
  const auto path = tracker_with(mood, {"Great", "Bad"});
  ASSERT_EQ(server.client.patch(path, {{"options", {{"choices", {"Great", "Bad"}}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"Great", "Bad"}));
}

// A database written before choices had ids keeps each choice as a plain label;
// its logs hold the label's position. Read now, every log keeps its label.
TEST_F(TypeChangeTest, ChoicesStoredBeforeTheyHadIdsKeepEveryLogsLabel) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"Great", "Good", "Bad"}}}}};
  const auto path = tracker_with(mood, {"Bad", "Great", "Good"});
  {
    auto db = qself::store::open_database(qself::testing::test_database_url(server.dir.path()));
    auto connection = db->connect();
    connection->execute("UPDATE trackers SET options = '{\"choices\": [\"Great\", \"Good\", \"Bad\"]}'");
  }
  EXPECT_EQ(values(path), (std::vector<json>{"Bad", "Great", "Good"}));
  EXPECT_EQ(choices(path),
            (json{{{"id", 0}, {"label", "Great"}}, {{"id", 1}, {"label", "Good"}}, {{"id", 2}, {"label", "Bad"}}}));
  // The first change stores the ids, and reordering from there still changes no log.
  ASSERT_EQ(server.client.patch(path, {{"options", {{"choices", {"Bad", "Good", "Great"}}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"Bad", "Great", "Good"}));
}
