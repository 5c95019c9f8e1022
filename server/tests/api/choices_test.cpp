// What was logged keeps its meaning when a tracker's choices or type change:
// choices have ids, reordering and renaming change no log, and a change that
// would re-read logged values asks what each becomes.

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::TestServer;

namespace {

struct ChoicesTest : ::testing::Test {
  TestServer server;
  std::string token = server.client.sign_up("ada@example.org");

  std::string tracker_with(const json& fields, const std::vector<json>& values) {
    const std::string path = server.client.create_tracker(fields, token);
    std::vector<std::pair<json, std::string>> logs;
    int minute = 10;
    for (const auto& value : values) logs.emplace_back(value, "2027-02-01T10:" + std::to_string(minute++) + ":00Z");
    server.client.add_logs(path, logs, token);
    return path;
  }
  // Each logged value, oldest first.
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

// The seed's example: Yes/No stored as 0/1 becomes Good/Bad/Neutral.
TEST_F(ChoicesTest, YesNoToChoiceAsksWhatYesAndNoBecomeAndChangesNothingUntilTold) {
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

TEST_F(ChoicesTest, AValueMappedToNothingHasItsLogsDeletedAndOnlyThose) {
  const auto path = tracker_with({{"name", "Walked"}, {"type", "boolean"}}, {true, false, true});
  const json decided = {{"type", "choice"},
                        {"options", {{"choices", {"Good", "Bad"}}}},
                        {"mapping", {{{"from", true}, {"to", "Good"}}, {{"from", false}, {"to", nullptr}}}}};
  ASSERT_EQ(server.client.patch(path, decided, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"Good", "Good"}));
}

TEST_F(ChoicesTest, AnObviousMappingGoesAheadWithoutAsking) {
  const auto path = tracker_with({{"name", "Walked"}, {"type", "boolean"}}, {true, false});
  const auto changed =
      server.client.patch(path, {{"type", "choice"}, {"options", {{"choices", {"No", "Maybe", "Yes"}}}}}, token);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(values(path), (std::vector<json>{"Yes", "No"}));
}

TEST_F(ChoicesTest, AMappingToAChoiceThatDoesNotExistIsRefusedAndChangesNothing) {
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

TEST_F(ChoicesTest, ReorderingChoicesChangesNoLog) {
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

TEST_F(ChoicesTest, RenamingAChoiceRenamesItInEveryLog) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"Great", "Good"}}}}};
  const auto path = tracker_with(mood, {"Great", "Good"});
  const json renamed = {{{"id", 0}, {"label", "Superb"}}, {{"id", 1}, {"label", "Good"}}};
  ASSERT_EQ(server.client.patch(path, {{"options", {{"choices", renamed}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"Superb", "Good"}));
}

TEST_F(ChoicesTest, RemovingAChoiceInUseAsksWhereItsLogsGo) {
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

TEST_F(ChoicesTest, ARemovedChoiceWithoutLogsGoesWithoutAsking) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"Great", "Good", "Bad"}}}}};
  const auto path = tracker_with(mood, {"Great", "Bad"});
  ASSERT_EQ(server.client.patch(path, {{"options", {{"choices", {"Great", "Bad"}}}}}, token).status, 200);
  EXPECT_EQ(values(path), (std::vector<json>{"Great", "Bad"}));
}

// A database written before choices had ids keeps each choice as a plain label;
// its logs hold the label's position. Read now, every log keeps its label.
TEST_F(ChoicesTest, ChoicesStoredBeforeTheyHadIdsKeepEveryLogsLabel) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"Great", "Good", "Bad"}}}}};
  const auto path = tracker_with(mood, {"Bad", "Great", "Good"});
  {
    auto db = qself::store::open_database("sqlite:" + server.dir.path() + "/qself.db");
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
