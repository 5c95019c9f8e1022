// Trackers' own reminder times (issue 14): an email at each scheduled moment
// on the user's wall clock, on the chosen days only, one per moment for the
// trackers it names, none for a period that already meets its goal, and once
// however many schedulers run. The scheduler's passes run on pinned instants.

#include "jobs/jobs_fixture.hpp"
#include "jobs/scheduler.hpp"
#include "store/database.hpp"

using nlohmann::json;
using qself::testing::clock_at;
using qself::testing::JobsTest;

namespace {

struct TrackerReminderTest : JobsTest {
  std::string ada;  // in Paris, with her daily reminder email off
  int fence = 1000;

  void SetUp() override { serve_at("2026-11-29T12:00:00Z"); }  // a Sunday

  // (Re)starts the server with its clock at `instant`: logs may not be in the future.
  void serve_at(const std::string& instant) {
    start_server({{"QSELF_TEST_NOW", clock_at(instant)}});
    if (ada.empty()) ada = sign_up("ada@example.org", "Europe/Paris");
  }

  // Runs a scheduler pass every `step` in [from, to).
  void plan_between(const std::string& from, const std::string& to,
                    std::chrono::minutes step = std::chrono::minutes(15)) {
    auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
    for (auto t = qself::util::parse_rfc3339(from)->utc; t < qself::util::parse_rfc3339(to)->utc; t += step) {
      ASSERT_FALSE(qself::jobs::plan_due_mail(*db, t, ++fence, "http://qself.test").fenced_out);
    }
  }

  // Every reminder email made so far, as "key: subject", oldest first.
  std::vector<std::string> reminders() const {
    auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
    auto connection = db->connect();
    std::vector<std::string> out;
    connection->query("SELECT idempotency_key, subject FROM emails WHERE kind = 'reminder' ORDER BY id", {},
                      [&](const qself::store::Row& row) { out.push_back(row.text(0) + ": " + row.text(1)); });
    return out;
  }

  std::string key(const std::string& moment) const {
    return "tracker-reminder:" + std::to_string(count("SELECT id FROM users WHERE email = 'ada@example.org'")) + ":" +
           moment;
  }
};

}  // namespace

TEST_F(TrackerReminderTest, EachTrackerAtItsOwnTimesOnItsDaysUnlessItsGoalIsAlreadyMet) {
  // Water: at least 8 glasses a day, reminded at 08:00 and 20:00 every day.
  // Gym: a yes/no, reminded at 20:00 on Mondays and Wednesdays. Mood has no
  // times of its own; it is for the daily email, which Ada has off.
  const auto water = api->create_tracker({{"name", "Water"},
                                          {"type", "numeric"},
                                          {"target", {{"op", "at_least"}, {"value", 8}}},
                                          {"reminder_schedule", {{"times", {"20:00", "08:00"}}}}},
                                         ada);
  const auto gym = api->create_tracker(
      {{"name", "Gym"}, {"type", "boolean"}, {"reminder_schedule", {{"times", {"20:00"}}, {"days", {"mon", "wed"}}}}},
      ada);
  api->create_tracker({{"name", "Mood"}, {"type", "rating"}}, ada);

  // Monday in Paris, from 01:00 to the next day's 01:00.
  plan_between("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z");
  EXPECT_EQ(reminders(), (std::vector<std::string>{
                             key("2026-11-30T08:00") + ": Time to log: Water",
                             key("2026-11-30T20:00") + ": Time to log: Water, Gym",
                         }));

  // Tuesday: 5 glasses at noon, 3 more at 19:30: the evening reminder is not needed.
  plan_between("2026-12-01T00:00:00Z", "2026-12-01T18:45:00Z");
  serve_at("2026-12-01T18:45:00Z");
  api->add_logs(water, {{5, "2026-12-01T12:00:00+01:00"}, {3, "2026-12-01T19:30:00+01:00"}}, ada);
  plan_between("2026-12-01T18:45:00Z", "2026-12-02T00:00:00Z");
  // Wednesday: Gym done at 19:00, 2 glasses only.
  plan_between("2026-12-02T00:00:00Z", "2026-12-02T18:30:00Z");
  serve_at("2026-12-02T18:30:00Z");
  api->add_logs(gym, {{true, "2026-12-02T19:00:00+01:00"}}, ada);
  api->add_logs(water, {{2, "2026-12-02T19:10:00+01:00"}}, ada);
  plan_between("2026-12-02T18:30:00Z", "2026-12-03T00:00:00Z");

  const auto all = reminders();
  ASSERT_EQ(all.size(), 5u) << ::testing::PrintToString(all);
  EXPECT_EQ(all[2], key("2026-12-01T08:00") + ": Time to log: Water");
  EXPECT_EQ(all[3], key("2026-12-02T08:00") + ": Time to log: Water");
  EXPECT_EQ(all[4], key("2026-12-02T20:00") + ": Time to log: Water") << "Gym is done today";
}

TEST_F(TrackerReminderTest, TheEmailLinksTheTrackerAndSaysWhereToChangeItsTimes) {
  const auto water =
      api->create_tracker({{"name", "Water"}, {"type", "numeric"}, {"reminder_schedule", {{"times", {"08:00"}}}}}, ada);
  const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", clock_at("2026-11-30T06:59:58Z")}};
  const auto worker = start("worker", clock);
  // Two schedulers, both reaching 08:00 in Paris two seconds after they start: one email.
  const auto first = start("scheduler", clock);
  const auto second = start("scheduler", clock);
  ASSERT_TRUE(eventually([&] { return maildev.emails_to("ada@example.org").size() >= 1; }));
  ASSERT_TRUE(drained(3));
  const auto emails = maildev.emails_to("ada@example.org");
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0]["subject"], "Time to log: Water");
  const std::string text = emails[0]["text"];
  EXPECT_NE(text.find("2026-11-30 08:00"), std::string::npos) << text;
  EXPECT_NE(text.find("http://qself.test/" + water), std::string::npos) << text;
  EXPECT_NE(text.find("this tracker has its own reminder times"), std::string::npos) << text;
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE status <> 'done'"), 0);
}

TEST_F(TrackerReminderTest, ATimeAddedAfterItPassedWaitsForTheNextDay) {
  // Ada adds 08:00 at 08:05 on Monday: not sent late, sent on Tuesday.
  serve_at("2026-11-30T07:05:00Z");
  const auto water =
      api->create_tracker({{"name", "Water"}, {"type", "numeric"}, {"reminder_schedule", {{"times", {"08:00"}}}}}, ada);
  plan_between("2026-11-30T07:05:00Z", "2026-12-01T07:05:00Z", std::chrono::minutes(5));
  EXPECT_EQ(reminders(), (std::vector<std::string>{key("2026-12-01T08:00") + ": Time to log: Water"}));

  // On Tuesday at 08:20 she adds 08:10 and 08:30: only 08:30 is sent.
  serve_at("2026-12-01T07:20:00Z");
  ASSERT_EQ(api->patch(water, {{"reminder_schedule", {{"times", {"08:00", "08:10", "08:30"}}}}}, ada).status, 200);
  plan_between("2026-12-01T07:20:00Z", "2026-12-01T08:00:00Z", std::chrono::minutes(5));
  EXPECT_EQ(reminders(), (std::vector<std::string>{key("2026-12-01T08:00") + ": Time to log: Water",
                                                   key("2026-12-01T08:30") + ": Time to log: Water"}));
}

TEST_F(TrackerReminderTest, ClockChangesNeitherSkipNorDoubleAMoment) {
  // 02:30 does not exist in Paris on 2026-03-29 and happens twice on 2026-10-25.
  serve_at("2026-03-27T12:00:00Z");
  api->create_tracker({{"name", "Night"}, {"type", "boolean"}, {"reminder_schedule", {{"times", {"02:30"}}}}}, ada);
  plan_between("2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z");
  EXPECT_EQ(reminders(), (std::vector<std::string>{
                             key("2026-03-28T02:30") + ": Time to log: Night",
                             key("2026-03-29T02:30") + ": Time to log: Night",  // at 03:00, the jump
                         }));
  plan_between("2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z");
  const auto all = reminders();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[2], key("2026-10-24T02:30") + ": Time to log: Night");
  EXPECT_EQ(all[3], key("2026-10-25T02:30") + ": Time to log: Night") << "once, though 02:30 came twice";
}

TEST_F(TrackerReminderTest, ATrackerWithItsOwnTimesIsLeftOutOfTheDailyEmail) {
  ASSERT_EQ(api->patch("me", {{"reminders", {{"enabled", true}, {"time", "21:00"}}}}, ada).status, 200);
  api->create_tracker({{"name", "Water"}, {"type", "numeric"}, {"reminder_schedule", {{"times", {"08:00"}}}}}, ada);
  api->create_tracker({{"name", "Mood"}, {"type", "rating"}}, ada);
  plan_between("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z");
  const auto all = reminders();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], key("2026-11-30T08:00") + ": Time to log: Water");
  EXPECT_NE(all[1].find("Time to log: Mood"), std::string::npos) << all[1];
}
