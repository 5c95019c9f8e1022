// "Email me a report": the request is queued, a worker builds it and the email
// arrives with the numbers of the data.

#include "jobs/jobs_fixture.hpp"

using nlohmann::json;
using qself::testing::JobsTest;

TEST_F(JobsTest, AReportArrivesByEmailWithNumbersThatMatchTheData) {
  start_server();
  const std::string token = api->sign_up("ada@example.org", "UTC");
  const auto water = api->post(
      "trackers", {{"name", "Water"}, {"type", "numeric"}, {"unit", "glasses"}, {"options", {{"decimals", 0}}}}, token);
  const std::string logs = "trackers/" + std::to_string(water.body["id"].get<int>()) + "/logs";
  for (const auto& [value, when] : std::vector<std::pair<int, std::string>>{
           {3, "2026-11-01T09:00:00Z"}, {5, "2026-11-02T09:00:00Z"}, {4, "2026-11-02T18:00:00Z"}}) {
    ASSERT_EQ(api->post(logs, {{"value", value}, {"logged_at", when}}, token).status, 201);
  }
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
  const std::string ada = api->sign_up("ada@example.org");
  const std::string eve = api->sign_up("eve@example.org");
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
