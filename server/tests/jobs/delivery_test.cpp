// Delivery survives crashes: a worker killed mid-run, Redis flushed, SMTP
// servers that refuse, fail for a while or never answer.

#include <signal.h>

#include <set>

#include "jobs/jobs_fixture.hpp"
#include "store/database.hpp"
#include "support/fake_smtp_server.hpp"

using nlohmann::json;
using qself::testing::FakeSmtpServer;
using qself::testing::JobsTest;

namespace {

struct DeliveryTest : JobsTest {
  std::string token;

  void SetUp() override {
    start_server();
    token = sign_up("ada@example.org");
    ASSERT_EQ(api->post("trackers", {{"name", "Water"}, {"type", "numeric"}}, token).status, 201);
  }
  // Each report request becomes one email, with its own idempotency key.
  std::vector<int> request_reports(int count) {
    std::vector<int> ids;
    for (int i = 0; i < count; ++i) {
      const auto reply =
          api->post("reports", {{"from", "2026-11-01T00:00:00Z"}, {"to", "2026-11-08T00:00:00Z"}}, token);
      EXPECT_EQ(reply.status, 202);
      ids.push_back(reply.body["job"]["id"].get<int>());
    }
    return ids;
  }
  std::string job_status(int id) { return api->get("jobs/" + std::to_string(id), token).body["job"]["status"]; }
};

std::set<std::string> message_ids(const json& emails) {
  std::set<std::string> ids;
  for (const auto& email : emails) ids.insert(email["messageId"].get<std::string>());
  return ids;
}

}  // namespace

TEST_F(DeliveryTest, AWorkerKilledMidRunLosesAndDuplicatesNothing) {
  constexpr int kEmails = 150;
  request_reports(kEmails);
  auto worker = start("worker");
  ASSERT_TRUE(eventually([&] { return maildev.emails().size() >= 40; }, std::chrono::seconds(60)));
  worker->kill_hard();  // mid-run: some jobs claimed, some entries read but not acknowledged
  const auto replacement = start("worker");
  const auto scheduler = start("scheduler");  // the sweep re-sends what the stream lost
  ASSERT_TRUE(eventually([&] { return count("SELECT COUNT(*) FROM jobs WHERE status NOT IN ('done')") == 0; },
                         std::chrono::seconds(120)));
  const auto emails = maildev.wait_for_emails(kEmails, std::chrono::seconds(10));
  // A message that was fully handed to SMTP when the worker died is "sending":
  // it is never sent twice. In the microseconds before its final "." it may
  // not have arrived; anything else must have, exactly once.
  const auto in_limbo = count("SELECT COUNT(*) FROM emails WHERE status = 'sending'");
  EXPECT_LE(in_limbo, 1);
  EXPECT_EQ(message_ids(emails).size(), emails.size()) << "an idempotency key was delivered twice";
  EXPECT_GE(static_cast<long long>(emails.size()), kEmails - in_limbo);
  EXPECT_LE(emails.size(), static_cast<std::size_t>(kEmails));
  EXPECT_EQ(count("SELECT COUNT(*) FROM emails WHERE status = 'sent'") + in_limbo, kEmails);
}

TEST_F(DeliveryTest, FlushingRedisMidRunLosesNothing) {
  constexpr int kEmails = 120;
  request_reports(kEmails);
  const auto worker = start("worker");
  const auto scheduler = start("scheduler");
  ASSERT_TRUE(eventually([&] { return maildev.emails().size() >= 20; }, std::chrono::seconds(60)));
  redis.cli("FLUSHALL");
  ASSERT_TRUE(eventually([&] { return maildev.emails().size() >= kEmails; }, std::chrono::seconds(120)));
  ASSERT_TRUE(drained(3));  // the queue is empty and the scheduler looked again: still nothing twice
  const auto emails = maildev.emails();
  EXPECT_EQ(emails.size(), static_cast<std::size_t>(kEmails));
  EXPECT_EQ(message_ids(emails).size(), emails.size());
}

TEST_F(DeliveryTest, ATemporarySmtpFailureIsRetried) {
  FakeSmtpServer smtp(FakeSmtpServer::reply_to_data({451}));
  const auto worker = start("worker", {{"QSELF_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(smtp.port())}});
  const auto scheduler = start("scheduler");
  const auto jobs = request_reports(1);
  ASSERT_TRUE(eventually([&] { return smtp.message_count() == 1; }));
  EXPECT_EQ(smtp.final_dots(), 2) << "refused once with 451, accepted on the retry";
  ASSERT_TRUE(eventually([&] { return count("SELECT COUNT(*) FROM emails WHERE status = 'sent'") == 1; }));
}

TEST_F(DeliveryTest, APermanentSmtpRefusalIsDeadLetteredAndTheWorkerGoesOn) {
  FakeSmtpServer refusing(FakeSmtpServer::reject(550));
  {
    const auto worker = start("worker", {{"QSELF_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(refusing.port())}});
    request_reports(1);
    ASSERT_TRUE(eventually([&] { return count("SELECT COUNT(*) FROM jobs WHERE status = 'dead'") == 1; }));
  }
  EXPECT_EQ(count("SELECT attempts FROM jobs WHERE status = 'dead'"), 1) << "a 5xx is not retried";
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE status = 'dead' AND last_error LIKE '%550%'"), 1);
  EXPECT_NE(redis.cli("XLEN qself:jobs:dead").find('1'), std::string::npos) << "visible to the operator";
  // The same worker setup goes on with the next job on a server that accepts.
  const auto worker = start("worker");
  request_reports(1);
  ASSERT_TRUE(eventually([&] { return maildev.emails().size() == 1; }));
}

TEST_F(DeliveryTest, ASilentSmtpServerTimesOutInsteadOfHangingTheWorker) {
  FakeSmtpServer silent(FakeSmtpServer::silent());
  const auto worker = start("worker", {{"QSELF_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(silent.port())},
                                       {"QSELF_SMTP_TIMEOUT_MS", "500"},
                                       {"QSELF_JOB_MAX_ATTEMPTS", "2"}});
  const auto scheduler = start("scheduler");
  const auto first = request_reports(1);
  // The report is built, then its email times out twice and the job is dead-lettered.
  ASSERT_TRUE(eventually([&] { return job_status(first[0]) == "failed"; }, std::chrono::seconds(30)));
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE status = 'dead' AND last_error LIKE 'SMTP%'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM emails WHERE status = 'pending'"), 1) << "never handed over";
  // The worker was never stuck: the next job is taken and ends too.
  const auto second = request_reports(1);
  ASSERT_TRUE(eventually([&] { return job_status(second[0]) == "failed"; }, std::chrono::seconds(30)));
}

// On PostgreSQL a claim skips a job whose row is locked (FOR UPDATE SKIP
// LOCKED), so that workers never queue behind one another. The lock may belong
// to something that is not a worker (the server marking the job enqueued right
// after publishing it): the job must still run, with no scheduler to re-send it.
TEST_F(DeliveryTest, AJobWhoseRowIsLockedWhenItArrivesRunsOnceTheLockIsGone) {
  const auto job = request_reports(1).at(0);
  redis.cli("XTRIM qself:jobs MAXLEN 0");  // published with no worker yet: taken back, to publish below
  const auto worker = start("worker");     // started first: on SQLite it writes once as it starts
  auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
  auto holder = db->connect();
  holder->execute_script("BEGIN");
  holder->execute("UPDATE jobs SET updated_at = updated_at WHERE id = ?", {std::int64_t{job}});
  // As the server publishes it; the id of the entry ends with its newline.
  const auto entry = redis.cli("XADD qself:jobs '*' job " + std::to_string(job));
  ASSERT_NE(entry.find('-'), std::string::npos) << entry;
  // The worker has read the entry (and so tried its claim) while the row is locked.
  const auto delivered = [&] {
    return redis.cli("XINFO GROUPS qself:jobs").find("last-delivered-id\n" + entry) != std::string::npos;
  };
  ASSERT_TRUE(eventually(delivered));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // past its quick re-asks
  EXPECT_EQ(job_status(job), "queued") << "not run while the row is locked";
  holder->rollback();
  ASSERT_TRUE(eventually([&] { return maildev.emails().size() == 1; }, std::chrono::seconds(30)));
  // The email is handed over before the worker records the job done: wait for that too.
  EXPECT_TRUE(eventually([&] { return job_status(job) == "done"; })) << job_status(job);
  EXPECT_EQ(maildev.emails().size(), 1u) << "run once";
}

// Many processes, one truth: two servers take the requests, three workers
// claim the jobs from one stream and two schedulers sweep it, all on one
// database and one Redis. Every email arrives once.
TEST_F(DeliveryTest, TwoServersThreeWorkersAndTwoSchedulersSendEachEmailOnce) {
  const auto other_server = start("serve");
  const qself::testing::Client other(other_server->port());
  std::vector<std::unique_ptr<qself::testing::ServerProcess>> processes;
  for (int i = 0; i < 3; ++i) processes.push_back(start("worker"));
  for (int i = 0; i < 2; ++i) processes.push_back(start("scheduler"));
  constexpr int kEmails = 60;
  for (int i = 0; i < kEmails; ++i) {
    const auto& through = i % 2 == 0 ? *api : other;
    const auto reply =
        through.post("reports", {{"from", "2026-11-01T00:00:00Z"}, {"to", "2026-11-08T00:00:00Z"}}, token);
    ASSERT_EQ(reply.status, 202) << reply.raw;
  }
  ASSERT_TRUE(eventually([&] { return maildev.emails().size() >= kEmails; }, std::chrono::seconds(120)));
  ASSERT_TRUE(drained(2));  // and the schedulers looked again: nothing more is on its way
  const auto emails = maildev.emails();
  EXPECT_EQ(emails.size(), static_cast<std::size_t>(kEmails));
  EXPECT_EQ(message_ids(emails).size(), emails.size()) << "an email was sent twice";
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE status <> 'done'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM emails WHERE status = 'sent'"), kEmails);
}
