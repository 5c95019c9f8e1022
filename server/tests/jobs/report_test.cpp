// "Email me a report": the request is queued, a worker builds it and the email
// arrives with the numbers of the data.

#include "jobs/jobs_fixture.hpp"

using nlohmann::json;
using qself::testing::JobsTest;

TEST_F(JobsTest, AReportArrivesByEmailWithNumbersThatMatchTheData) {
  start_server();
  const std::string token = sign_up("ada@example.org", "UTC");
  const std::string water = api->create_tracker(
      {{"name", "Water"}, {"type", "numeric"}, {"unit", "glasses"}, {"options", {{"decimals", 0}}}}, token);
  api->add_logs(water, {{3, "2026-11-01T09:00:00Z"}, {5, "2026-11-02T09:00:00Z"}, {4, "2026-11-02T18:00:00Z"}}, token);
  const auto requested =
      api->post("reports", {{"from", "2026-11-01T00:00:00Z"}, {"to", "2026-11-08T00:00:00Z"}}, token);
  ASSERT_EQ(requested.status, 202) << requested.raw;
  EXPECT_EQ(requested.body["job"]["status"], "queued");
  const std::string job = "jobs/" + std::to_string(requested.body["job"]["id"].get<int>());

  const auto worker = start("worker");
  ASSERT_TRUE(eventually([&] { return api->get(job, token).body["job"]["status"] == "done"; }));
  EXPECT_EQ(api->get(job, token).body["job"]["progress"], 100);

  const auto emails = maildev.wait_for_emails(1);
  ASSERT_EQ(emails.size(), 1u);
  const auto& email = emails[0];
  EXPECT_EQ(email["to"][0]["address"], "ada@example.org");
  EXPECT_NE(email["subject"].get<std::string>().find("report"), std::string::npos);
  const std::string html = email["html"];
  const std::string text = email["text"];
  for (const auto* body : {&html, &text}) {
    EXPECT_NE(body->find("Water"), std::string::npos);
    EXPECT_NE(body->find("2026-11-01"), std::string::npos);
    EXPECT_NE(body->find("3 glasses"), std::string::npos) << "Sunday's total";
    EXPECT_NE(body->find("9 glasses"), std::string::npos) << "Monday's total, 5 + 4";
    EXPECT_NE(body->find("12 glasses"), std::string::npos) << "the range's total";
    EXPECT_NE(body->find("4 glasses"), std::string::npos) << "the mean, 12 / 3";
  }
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("http://qself.test/"), std::string::npos) << "links point at the public URL";
}

TEST_F(JobsTest, AReportRequestIsCheckedAndOnlyItsOwnerSeesTheJob) {
  start_server();
  const std::string ada = sign_up("ada@example.org");
  const std::string eve = sign_up("eve@example.org");
  const auto eves = api->post("trackers", {{"name", "Secret"}, {"type", "boolean"}}, eve);
  EXPECT_EQ(api->post("reports", {{"to", "2026-11-08T00:00:00Z"}}, ada).field_error("from"), "is required");
  EXPECT_FALSE(api->post("reports", {{"from", "2026-11-08T00:00:00Z"}, {"to", "2026-11-01T00:00:00Z"}}, ada)
                   .field_error("to")
                   .empty());
  const auto stolen = api->post(
      "reports", {{"from", "2026-11-01T00:00:00Z"}, {"to", "2026-11-08T00:00:00Z"}, {"tracker_ids", {eves.body["id"]}}},
      ada);
  EXPECT_EQ(stolen.status, 422);
  EXPECT_FALSE(stolen.field_error("tracker_ids").empty());

  const auto mine = api->post("reports", {{"from", "2026-11-01T00:00:00Z"}, {"to", "2026-11-08T00:00:00Z"}}, ada);
  ASSERT_EQ(mine.status, 202);
  const std::string job = "jobs/" + std::to_string(mine.body["job"]["id"].get<int>());
  EXPECT_EQ(api->get(job, ada).status, 200);
  EXPECT_EQ(api->get(job, eve).status, 404);
}

// The monthly report: on the 1st in each user's own zone, exactly once, for the
// month that just ended there — and not at once for a month that ended before
// the user asked for reports.
TEST_F(JobsTest, TheMonthlyReportArrivesOnTheFirstInEachUsersZoneExactlyOnce) {
  // Both ask for monthly reports in mid-December, then log December and January.
  start_server({{"QSELF_TEST_NOW", qself::testing::clock_at("2026-12-15T12:00:00Z")}});
  const std::string paris = sign_up("ada@example.org", "Europe/Paris");
  const std::string new_york = sign_up("bob@example.org", "America/New_York");
  for (const auto& token : {paris, new_york}) {
    ASSERT_EQ(api->patch("me", {{"reminders", {{"monthly_report", true}, {"time", "00:00"}}}}, token).status, 200);
  }
  server.reset();
  start_server({{"QSELF_TEST_NOW", qself::testing::clock_at("2027-01-10T12:00:00Z")}});
  for (const auto& token : {paris, new_york}) {
    const std::string water = api->create_tracker({{"name", "Water"}, {"type", "numeric"}, {"unit", "glasses"}}, token);
    // December in Paris: the first log is 30 November in UTC; the last is 1 January in UTC.
    api->add_logs(
        water, {{2, "2026-12-01T00:30:00+01:00"}, {7, "2026-12-31T23:30:00+01:00"}, {100, "2027-01-01T00:30:00+01:00"}},
        token);
  }
  const auto reports_to = [&](const std::string& address) { return maildev.emails_to(address); };
  const auto run_at = [&](const std::string& instant) {
    const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", qself::testing::clock_at(instant)}};
    const auto worker = start("worker", clock);
    const auto scheduler = start("scheduler", clock);
    ASSERT_TRUE(drained(3));
  };

  // 22:30Z on 31 December: 23:30 in Paris and 17:30 in New York — nobody's 1st
  // yet, and November ended before they asked.
  run_at("2026-12-31T22:30:00Z");
  EXPECT_TRUE(maildev.emails().empty());

  // 23:30Z: 00:30 on the 1st in Paris, still the 31st in New York.
  run_at("2026-12-31T23:30:00Z");
  auto ada = reports_to("ada@example.org");
  ASSERT_EQ(ada.size(), 1u);
  EXPECT_EQ(ada[0]["subject"], "qself: Your month: 2026-12");
  const std::string text = ada[0]["text"];
  EXPECT_NE(text.find("9 glasses"), std::string::npos) << "December in Paris: 2 + 7\n" << text;
  EXPECT_EQ(text.find("100 glasses"), std::string::npos) << "the log of 1 January in Paris is January's";
  EXPECT_TRUE(reports_to("bob@example.org").empty());

  // 05:30Z: 00:30 on the 1st in New York. Paris already had its report.
  run_at("2027-01-01T05:30:00Z");
  const auto bob = reports_to("bob@example.org");
  ASSERT_EQ(bob.size(), 1u);
  EXPECT_EQ(bob[0]["subject"], "qself: Your month: 2026-12");
  EXPECT_NE(bob[0]["text"].get<std::string>().find("107 glasses"), std::string::npos)
      << "December in New York: 7 + 100; the first log was still November there";
  EXPECT_EQ(reports_to("ada@example.org").size(), 1u);

  // Later on the 1st and on the 2nd: nothing more for either.
  run_at("2027-01-01T20:00:00Z");
  run_at("2027-01-02T09:00:00Z");
  EXPECT_EQ(reports_to("ada@example.org").size(), 1u);
  EXPECT_EQ(reports_to("bob@example.org").size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'build_report'"), 2);
}
