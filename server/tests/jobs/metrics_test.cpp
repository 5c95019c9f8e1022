// The workers' side of /metrics (docs/metrics.md): a real worker sends a real
// email, or meets an SMTP server that refuses it, and the server's next scrape
// shows the outcome — counted in Redis by the worker, read by the server — and
// the queue emptied.

#include "jobs/jobs_fixture.hpp"
#include "support/fake_smtp_server.hpp"

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

// A refusal the SMTP server means as "later" (451) is a failed email and a
// retried job, then a sent email and a done job; one it means for good (550)
// is a failed email and a dead job.
TEST_F(WorkerMetricsTest, RetriedAndDeadJobsAndFailedEmailsAreCounted) {
  sign_up("ada@example.org");
  {
    qself::testing::FakeSmtpServer later(qself::testing::FakeSmtpServer::reply_to_data({451}));
    const auto worker = start("worker", {{"QSELF_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(later.port())}});
    const auto scheduler = start("scheduler");  // sends the retry when it falls due
    ASSERT_EQ(api->post("auth/password-reset", {{"email", "ada@example.org"}}).status, 202);
    ASSERT_TRUE(eventually([&] { return series_value("qself_emails_total{outcome=\"sent\"}") == 1; }));
    EXPECT_EQ(series_value("qself_emails_total{outcome=\"failed\"}"), 1);
    EXPECT_EQ(series_value("qself_jobs_total{outcome=\"retried\"}"), 1);
    ASSERT_TRUE(eventually([&] { return series_value("qself_jobs_total{outcome=\"done\"}") == 1; }));
  }
  qself::testing::FakeSmtpServer never(qself::testing::FakeSmtpServer::reject(550));
  const auto worker = start("worker", {{"QSELF_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(never.port())}});
  // A second reset within the hour is sent too (at most three an hour).
  ASSERT_EQ(api->post("auth/password-reset", {{"email", "ada@example.org"}}).status, 202);
  ASSERT_TRUE(eventually([&] { return series_value("qself_jobs_total{outcome=\"dead\"}") == 1; }));
  EXPECT_EQ(series_value("qself_emails_total{outcome=\"failed\"}"), 2);
  EXPECT_EQ(series_value("qself_emails_total{outcome=\"sent\"}"), 1);
  EXPECT_EQ(series_value("qself_jobs_total{outcome=\"done\"}"), 1);
}
