// Reminders: at each user's own local time, listing only what is due, once a
// day, and never twice even with two schedulers running.

#include "jobs/jobs_fixture.hpp"
#include "jobs/scheduler.hpp"
#include "store/database.hpp"

using nlohmann::json;
using qself::testing::clock_at;
using qself::testing::JobsTest;

namespace {

struct ReminderTest : JobsTest {
  std::string paris, new_york;

  // Ada in Paris and Bob in New York both want their reminder at 08:00.
  // On Monday 2026-11-30: Ada logged Mood today and Run this week, not Water;
  // Journal has its reminders turned off. Bob logged nothing.
  void SetUp() override {
    start_server();
    paris = sign_up("ada@example.org", "Europe/Paris");
    new_york = sign_up("bob@example.org", "America/New_York");
    for (const auto& token : {paris, new_york}) {
      ASSERT_EQ(api->patch("me", {{"reminders", {{"enabled", true}, {"time", "08:00"}}}}, token).status, 200);
    }
    api->create_tracker({{"name", "Water"}, {"type", "numeric"}}, paris);
    api->add_logs(api->create_tracker({{"name", "Mood"}, {"type", "rating"}}, paris),
                  {{4, "2026-11-30T07:50:00+01:00"}}, paris);
    api->add_logs(api->create_tracker({{"name", "Run"}, {"type", "boolean"}, {"frequency", "weekly"}}, paris),
                  {{true, "2026-11-30T07:00:00+01:00"}}, paris);
    api->create_tracker({{"name", "Journal"}, {"type", "text"}, {"reminders", false}}, paris);
    api->create_tracker({{"name", "Steps"}, {"type", "numeric"}}, new_york);
  }

  std::vector<json> emails_to(const std::string& address) const { return maildev.emails_to(address); }
};

}  // namespace

TEST_F(ReminderTest, ArriveAtEachUsersLocalTimeForWhatIsDueOnly) {
  {
    // 07:30Z is 08:30 in Paris and 02:30 in New York.
    const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", clock_at("2026-11-30T07:30:00Z")}};
    const auto worker = start("worker", clock);
    const auto scheduler = start("scheduler", clock);
    ASSERT_TRUE(eventually([&] { return emails_to("ada@example.org").size() == 1; }));
    ASSERT_TRUE(drained(3));  // the queue is empty and the scheduler looked again: nothing more
  }
  auto ada = emails_to("ada@example.org");
  ASSERT_EQ(ada.size(), 1u);
  EXPECT_EQ(ada[0]["subject"], "Time to log: Water");
  const std::string text = ada[0]["text"];
  EXPECT_NE(text.find("Water"), std::string::npos);
  EXPECT_EQ(text.find("Mood"), std::string::npos) << "logged today";
  EXPECT_EQ(text.find("Run"), std::string::npos) << "logged this week";
  EXPECT_EQ(text.find("Journal"), std::string::npos) << "its reminders are off";
  EXPECT_NE(text.find("http://qself.test/trackers/"), std::string::npos);
  EXPECT_TRUE(emails_to("bob@example.org").empty()) << "02:30 in New York";

  {
    // 13:30Z is 08:30 in New York; Paris already had today's reminder.
    const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", clock_at("2026-11-30T13:30:00Z")}};
    const auto worker = start("worker", clock);
    const auto scheduler = start("scheduler", clock);
    ASSERT_TRUE(eventually([&] { return emails_to("bob@example.org").size() == 1; }));
    ASSERT_TRUE(drained(3));
  }
  EXPECT_EQ(emails_to("bob@example.org")[0]["subject"], "Time to log: Steps");
  EXPECT_EQ(emails_to("ada@example.org").size(), 1u);
}

TEST_F(ReminderTest, ANameStoredWithALineBreakIsOneLineInTheSubject) {
  // Names are one line now (core/validation.hpp); one stored before made every
  // reminder of its user dead: a line break cannot be in a Subject header.
  {
    auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
    auto connection = db->connect();
    const std::string name = "Water\r\nBcc: eve@example.org";
    ASSERT_EQ(connection->execute("UPDATE trackers SET name = ? WHERE name = 'Water'", {std::string_view(name)}), 1);
  }
  const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", clock_at("2026-11-30T07:30:00Z")}};
  const auto worker = start("worker", clock);
  const auto scheduler = start("scheduler", clock);
  ASSERT_TRUE(eventually([&] { return emails_to("ada@example.org").size() == 1; }));
  EXPECT_EQ(emails_to("ada@example.org")[0]["subject"], "Time to log: Water  Bcc: eve@example.org");
  ASSERT_TRUE(drained(3));
  EXPECT_TRUE(emails_to("eve@example.org").empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE status = 'dead'"), 0);
}

TEST_F(ReminderTest, NothingIsSentWhenNothingIsDue) {
  // Bob logs Steps today (New York), then his 08:00 passes.
  const auto steps = api->get("trackers", new_york).body["items"][0]["id"].get<int>();
  ASSERT_EQ(api->post("trackers/" + std::to_string(steps) + "/logs",
                      {{"value", 9000}, {"logged_at", "2026-11-30T07:45:00-05:00"}}, new_york)
                .status,
            201);
  const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", clock_at("2026-11-30T13:30:00Z")}};
  const auto worker = start("worker", clock);
  const auto scheduler = start("scheduler", clock);
  ASSERT_TRUE(eventually([&] { return emails_to("ada@example.org").size() == 1; }));
  ASSERT_TRUE(drained(3));
  EXPECT_TRUE(emails_to("bob@example.org").empty());
}

TEST_F(ReminderTest, TwoSchedulersAtOnceSendOneReminder) {
  const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", clock_at("2026-11-30T07:30:00Z")}};
  const auto worker = start("worker", clock);
  const auto first = start("scheduler", clock);
  const auto second = start("scheduler", clock);
  ASSERT_TRUE(eventually([&] { return emails_to("ada@example.org").size() >= 1; }));
  ASSERT_TRUE(drained(3));
  EXPECT_EQ(emails_to("ada@example.org").size(), 1u);
}

TEST_F(ReminderTest, AStaleLeaderIsFencedOutAndKeysPreventDoubles) {
  // Two schedulers that both believe they lead: the one with the older token writes nothing,
  // and the same day's reminder cannot be created twice even by the newer one.
  auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()));
  const auto now = qself::util::parse_rfc3339("2026-11-30T07:30:00Z")->utc;
  const auto newer = qself::jobs::plan_due_mail(*db, now, 7, "http://qself.test");
  EXPECT_FALSE(newer.fenced_out);
  EXPECT_EQ(newer.reminders, 1);
  const auto stale = qself::jobs::plan_due_mail(*db, now, 6, "http://qself.test");
  EXPECT_TRUE(stale.fenced_out);
  EXPECT_TRUE(stale.jobs.empty());
  const auto again = qself::jobs::plan_due_mail(*db, now + std::chrono::minutes(5), 7, "http://qself.test");
  EXPECT_EQ(again.reminders, 0);
  auto connection = db->connect();
  EXPECT_EQ(connection->query_integer("SELECT COUNT(*) FROM emails WHERE kind = 'reminder'"), 1);
}

TEST_F(ReminderTest, DaylightSavingNeitherSkipsNorDoublesAReminder) {
  // Ada wants 02:30: in Paris that time does not exist on 2026-03-29 and
  // happens twice on 2026-10-25. Bob's reminders are off for this test.
  ASSERT_EQ(api->patch("me", {{"reminders", {{"time", "02:30"}}}}, paris).status, 200);
  ASSERT_EQ(api->patch("me", {{"reminders", {{"enabled", false}}}}, new_york).status, 200);
  auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()));
  int fence = 100;
  auto reminders_between = [&](const std::string& from, const std::string& to) {
    int sent = 0;
    for (auto t = qself::util::parse_rfc3339(from)->utc; t < qself::util::parse_rfc3339(to)->utc;
         t += std::chrono::minutes(15)) {
      sent += qself::jobs::plan_due_mail(*db, t, ++fence, "http://qself.test").reminders;
    }
    return sent;
  };
  // Spring forward: 02:00 jumps to 03:00, so 02:30 never happens; the reminder comes at 03:00.
  EXPECT_EQ(reminders_between("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"), 1);
  // Fall back: 02:30 happens twice; one reminder.
  EXPECT_EQ(reminders_between("2026-10-24T22:00:00Z", "2026-10-25T22:00:00Z"), 1);
}

// ---- a day decided with nothing due, and the settings changed after ----------

TEST_F(ReminderTest, MovingTheTimeLaterTodayRearmsADayDecidedBeforeTheFirstTracker) {
  // Cy signs up in Paris after 20:00, the default time, with no tracker yet:
  // the scheduler's first pass decides her day with nothing due.
  const auto cy = sign_up("cy@example.org", "Europe/Paris");
  ASSERT_EQ(api->patch("me", {{"reminders", {{"enabled", true}, {"time", "20:00"}}}}, cy).status, 200);
  const auto run_at = [&](const std::string& instant, std::size_t emails) {
    const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", clock_at(instant)}};
    const auto worker = start("worker", clock);
    const auto scheduler = start("scheduler", clock);
    // A minute: a sanitized worker and scheduler start and hand an email to maildev, on a busy machine.
    ASSERT_TRUE(eventually([&] { return emails_to("cy@example.org").size() >= emails; }, std::chrono::seconds(60)));
    ASSERT_TRUE(drained(3));
  };
  run_at("2026-11-30T19:30:00Z", 0);  // 20:30 in Paris
  EXPECT_TRUE(emails_to("cy@example.org").empty());

  // She sets her reminder to the next minute, then creates her first tracker before it.
  ASSERT_EQ(api->patch("me", {{"reminders", {{"time", "20:31"}}}}, cy).status, 200);
  api->create_tracker({{"name", "Sleep"}, {"type", "duration"}}, cy);
  run_at("2026-11-30T19:31:30Z", 1);  // 20:31:30 in Paris
  const auto cys = emails_to("cy@example.org");
  ASSERT_EQ(cys.size(), 1u);
  EXPECT_EQ(cys[0]["subject"], "Time to log: Sleep");
}

TEST_F(ReminderTest, ADecidedDayStaysDecidedWhileItsMomentDoesNotMoveLater) {
  ASSERT_EQ(api->patch("me", {{"reminders", {{"enabled", false}}}}, new_york).status, 200);
  const auto cy = sign_up("cy@example.org", "Europe/Paris");
  ASSERT_EQ(api->patch("me", {{"reminders", {{"enabled", true}, {"time", "20:00"}}}}, cy).status, 200);
  auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()));
  int fence = 100;
  const auto plan_at = [&](const std::string& instant) {
    return qself::jobs::plan_due_mail(*db, qself::util::parse_rfc3339(instant)->utc, ++fence, "http://qself.test")
        .reminders;
  };
  const auto reminders_to = [&](const std::string& address) {
    return count(
        "SELECT COUNT(*) FROM emails JOIN users ON users.id = emails.user_id"
        " WHERE emails.kind = 'reminder' AND users.email = ?",
        {address});
  };

  // Ada had her 08:00 reminder at 08:30; moving her time to 09:00 sends no second one.
  EXPECT_EQ(plan_at("2026-11-30T07:30:00Z"), 1);
  ASSERT_EQ(api->patch("me", {{"reminders", {{"time", "09:00"}}}}, paris).status, 200);
  EXPECT_EQ(plan_at("2026-11-30T08:30:00Z"), 0);
  EXPECT_EQ(reminders_to("ada@example.org"), 1);

  // Cy's 20:00 passed with nothing due (no tracker). A tracker made after it,
  // or a time moved earlier than that decision, leaves today decided.
  EXPECT_EQ(plan_at("2026-11-30T19:30:00Z"), 0);
  api->create_tracker({{"name", "Sleep"}, {"type", "duration"}}, cy);
  EXPECT_EQ(plan_at("2026-11-30T19:40:00Z"), 0);
  ASSERT_EQ(api->patch("me", {{"reminders", {{"time", "20:15"}}}}, cy).status, 200);
  EXPECT_EQ(plan_at("2026-11-30T19:50:00Z"), 0);
  EXPECT_EQ(reminders_to("cy@example.org"), 0);
  // The next day is decided afresh.
  plan_at("2026-12-01T19:20:00Z");
  EXPECT_EQ(reminders_to("cy@example.org"), 1);
}
