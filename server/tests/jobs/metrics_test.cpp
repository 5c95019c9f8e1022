// The workers' side of /metrics (docs/metrics.md): a real worker sends a real
// email, and the server's next scrape shows it — counted in Redis by the
// worker, read by the server — and the queue emptied.

#include "jobs/jobs_fixture.hpp"

namespace {

constexpr const char* kMetricsToken = "metrics-token-for-the-jobs-test";

class WorkerMetricsTest : public qself::testing::JobsTest {
 protected:
  void SetUp() override { start_server({{"QSELF_METRICS_TOKEN", kMetricsToken}}); }

  // The value of the series written exactly as `series` (name and labels), or
  // -1 when the scrape does not show it.
  double series_value(const std::string& series) {
    const auto reply = api->request_raw("GET", "/metrics", "", "", kMetricsToken);
    EXPECT_EQ(reply.status, 200);
    const auto at = reply.raw.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(reply.raw.substr(at + series.size() + 2));
  }
};

}  // namespace

TEST_F(WorkerMetricsTest, AnEmailSentByAWorkerIsCountedAndLeavesTheQueue) {
  sign_up("ada@example.org");
  ASSERT_EQ(api->post("auth/password-reset", {{"email", "ada@example.org"}}).status, 202);
  EXPECT_EQ(series_value("qself_job_queue_length"), 1) << "no worker yet: the email waits";
  EXPECT_EQ(series_value("qself_emails_total{outcome=\"sent\"}"), 0);

  const auto worker = start("worker");
  // The email is counted as it is recorded sent, its job a moment later as done.
  ASSERT_TRUE(eventually([&] {
    return series_value("qself_emails_total{outcome=\"sent\"}") == 1 &&
           series_value("qself_jobs_total{outcome=\"done\"}") == 1;
  }));
  EXPECT_EQ(series_value("qself_jobs_total{outcome=\"dead\"}"), 0);
  EXPECT_EQ(series_value("qself_emails_total{outcome=\"failed\"}"), 0);
  EXPECT_EQ(series_value("qself_job_queue_length"), 0);
  EXPECT_EQ(series_value("qself_jobs_running"), 0);
  EXPECT_EQ(maildev.emails_about("Reset your qself password").size(), 1u);
}
