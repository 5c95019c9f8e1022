// Another process holds SQLite's write lock for longer than the busy timeout
// (as a large import or a backup may): the server answers writes with 503 and
// Retry-After instead of hanging or failing, reads go on,
// and the worker and the scheduler wait it out and finish their work after it,
// without aborting and without sending anything twice.
// SQLite only (no jobs.pg. copy, tests/CMakeLists.txt): the lock it holds is
// SQLite's file lock; PostgreSQL's writer lock is specified in
// unit/database_backends_test.

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <stdexcept>
#include <string>

#include "jobs/jobs_fixture.hpp"
#include "redis/client.hpp"
#include "store/database.hpp"

using nlohmann::json;
using qself::testing::JobsTest;

namespace {

// SQLite's write lock on a database file, taken from outside qself (BEGIN
// IMMEDIATE on a connection of our own) and held until release().
class WriteLock {
 public:
  explicit WriteLock(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &m_handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      sqlite3_close(m_handle);
      throw std::runtime_error("cannot open " + path);
    }
    sqlite3_busy_timeout(m_handle, 30000);  // waits out a write of qself's in flight
    if (sqlite3_exec(m_handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      const std::string error = sqlite3_errmsg(m_handle);
      sqlite3_close(m_handle);
      throw std::runtime_error("cannot take the write lock: " + error);
    }
  }
  ~WriteLock() { release(); }
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

  void release() {
    if (!m_handle) return;
    sqlite3_exec(m_handle, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(m_handle);
    m_handle = nullptr;
  }

 private:
  sqlite3* m_handle = nullptr;
};

// "running", or how the child process ended.
std::string state_of(pid_t pid) {
  int status = 0;
  const pid_t waited = waitpid(pid, &status, WNOHANG);
  if (waited == 0) return "running";
  if (waited < 0) return "not a child of this test";
  if (WIFEXITED(status)) return "exited with " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped";
}

struct LockedDatabaseTest : JobsTest {
  std::unique_ptr<qself::testing::ServerProcess> worker;
  std::unique_ptr<qself::testing::ServerProcess> scheduler;
  std::string token;

  void SetUp() override {
    start_server();
    worker = start("worker");
    scheduler = start("scheduler");
    token = api->sign_up("ada@example.org");
    // Only the report this test asks for may send mail.
    const auto quiet = api->patch("me", {{"reminders", {{"enabled", false}, {"monthly_report", false}}}}, token);
    ASSERT_EQ(quiet.status, 200) << quiet.raw;
  }
  void TearDown() override {
    // A worker left paused by a failed assertion would never see its SIGTERM.
    if (worker && worker->pid() > 0) kill(worker->pid(), SIGCONT);
  }

  qself::redis::Value redis_command(std::initializer_list<std::string_view> args) const {
    qself::redis::Config config;
    config.port = redis.port();
    qself::redis::Client client(config);
    return client.command(args);
  }
  // Entries ever added to the job stream (they are deleted once acknowledged).
  long long entries_added() const {
    const auto info = redis_command({"XINFO", "STREAM", "qself:jobs"});
    for (std::size_t i = 0; i + 1 < info.items.size(); i += 2) {
      if (info.items[i].text == "entries-added") return info.items[i + 1].integer;
    }
    return -1;
  }
  // The most times any unacknowledged entry was handed to a worker.
  long long most_deliveries() const {
    long long most = 0;
    for (const auto& entry : redis_command({"XPENDING", "qself:jobs", "workers", "-", "+", "100"}).items) {
      if (entry.items.size() == 4) most = std::max(most, entry.items[3].integer);
    }
    return most;
  }
  qself::testing::Reply ask_for_report() const {
    return api->post("reports", {{"from", "2027-01-01T00:00:00Z"}, {"to", "2027-01-08T00:00:00Z"}}, token);
  }
};

}  // namespace

TEST_F(LockedDatabaseTest, AWriteLockLongerThanTheBusyTimeoutIsWaitedOutByEveryProcess) {
  // The worker is paused while the job is published, so that it meets the job
  // only once the lock is held.
  ASSERT_EQ(kill(worker->pid(), SIGSTOP), 0);
  const auto requested = ask_for_report();
  ASSERT_EQ(requested.status, 202) << requested.raw;
  const std::string job = "jobs/" + std::to_string(requested.body["job"]["id"].get<int>());

  WriteLock lock(dir.path() + "/qself.db");
  const long long added_before = entries_added();
  ASSERT_EQ(kill(worker->pid(), SIGCONT), 0);

  // The server: a write waits the busy timeout, then says "try again".
  const auto refused = ask_for_report();
  EXPECT_EQ(refused.status, 503) << refused.raw;
  EXPECT_EQ(refused.error_code(), "busy") << refused.raw;
  EXPECT_EQ(refused.headers.count("retry-after"), 1u);
  // Reads go on. (An import preview, a job since issue 12, reads only too:
  // import_jobs_test shows another user's write going through while one runs.)
  EXPECT_EQ(api->get(job, token).body["job"]["status"], "queued");

  // The lock stays until both background processes have met it and gone on:
  // the worker took the job's entry again after a claim that could not be
  // written (a second delivery), and the scheduler re-sent the job in a round
  // after one that met the lock (two entries added while it is held).
  EXPECT_TRUE(eventually([&] { return most_deliveries() >= 2 && entries_added() >= added_before + 2; },
                         std::chrono::seconds(90)))
      << "deliveries " << most_deliveries() << ", entries added " << entries_added() - added_before;
  lock.release();

  EXPECT_EQ(state_of(worker->pid()), "running");
  EXPECT_EQ(state_of(scheduler->pid()), "running");
  EXPECT_EQ(state_of(server->pid()), "running");

  // Afterwards the job is done, and its email arrives exactly once: every
  // entry sent for it (the scheduler sent several) has been handled.
  EXPECT_TRUE(
      eventually([&] { return api->get(job, token).body["job"]["status"] == "done"; }, std::chrono::seconds(60)));
  EXPECT_TRUE(eventually(
      [&] {
        return count("SELECT COUNT(*) FROM jobs WHERE status IN ('pending', 'running')") == 0 &&
               count("SELECT COUNT(*) FROM emails WHERE status <> 'sent'") == 0 &&
               redis_command({"XLEN", "qself:jobs"}).integer == 0;
      },
      std::chrono::seconds(60)));
  const auto emails = maildev.wait_for_emails(1);
  ASSERT_EQ(emails.size(), 1u) << emails.dump();
  EXPECT_EQ(emails[0]["to"][0]["address"], "ada@example.org");
  EXPECT_EQ(state_of(worker->pid()), "running");
  EXPECT_EQ(state_of(scheduler->pid()), "running");
}
