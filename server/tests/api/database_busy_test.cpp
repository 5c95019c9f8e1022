// The database cannot be had: another process holds SQLite's write lock (as a
// backup or a large import may), and the server's one pooled connection is
// taken in turn by writers waiting it out. Every request is answered 503
// `busy` with Retry-After — whether its wait for the lock or its wait for a
// connection ran out — never 500, and nothing is written.
// SQLite only (the PostgreSQL API shards leave it out, tests/CMakeLists.txt):
// the lock it takes is SQLite's file lock. PostgreSQL's writer lock and its
// DatabaseBusy are specified in unit/database_backends_test.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::Client;
using qself::testing::Reply;
using qself::testing::ServerProcess;
using qself::testing::TempDir;

namespace {

// SQLite's write lock on a database file, taken from outside qself (BEGIN
// IMMEDIATE on a connection of the test's own) and held while it lives.
class OutsideWriteLock {
 public:
  explicit OutsideWriteLock(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &m_handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      sqlite3_close(m_handle);
      throw std::runtime_error("cannot open " + path);
    }
    sqlite3_busy_timeout(m_handle, 30000);
    if (sqlite3_exec(m_handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      const std::string error = sqlite3_errmsg(m_handle);
      sqlite3_close(m_handle);
      throw std::runtime_error("cannot take the write lock: " + error);
    }
  }
  ~OutsideWriteLock() {
    sqlite3_exec(m_handle, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(m_handle);
  }
  OutsideWriteLock(const OutsideWriteLock&) = delete;
  OutsideWriteLock& operator=(const OutsideWriteLock&) = delete;

 private:
  sqlite3* m_handle = nullptr;
};

void expect_busy(const Reply& reply, const std::string& what) {
  EXPECT_EQ(reply.status, 503) << what << ": " << reply.raw;
  EXPECT_EQ(reply.error_code(), "busy") << what << ": " << reply.raw;
  ASSERT_EQ(reply.headers.count("retry-after"), 1u) << what;
  EXPECT_GE(std::stoi(reply.headers.at("retry-after")), 1) << what;
}

}  // namespace

TEST(DatabaseBusy, NoPooledConnectionComingFreeIs503BusyWithRetryAfterNever500) {
  TempDir dir;
  ServerProcess process(dir.path(), {{"QSELF_DB_CONNECTIONS", "1"}});
  const Client client(process.port());
  const std::string token = client.sign_up("ada@example.org");
  const std::string logs = client.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token) + "/logs";

  // Each write holds the only connection for the 5 s busy timeout, then gives
  // up. Were no wait for a connection to run out (10 s), the six writes would
  // hold it one after the other, the last from 25 s on; yet each request waits
  // at most 10 s to authenticate and 10 s more to write, so it would start by
  // 20 s. So some wait for a connection runs out: that is the case under test.
  constexpr int kWrites = 6;
  std::vector<Reply> writes(kWrites);
  Reply bystander;
  {
    const OutsideWriteLock lock(dir.path() + "/qself.db");
    std::vector<std::thread> requests;
    for (int i = 0; i < kWrites; ++i) {
      requests.emplace_back([&, i] { writes[i] = client.post(logs, {{"value", i}}, token); });
    }
    requests.emplace_back([&] { bystander = client.get("me", token); });
    for (auto& request : requests) request.join();
  }
  for (int i = 0; i < kWrites; ++i) expect_busy(writes[i], "write " + std::to_string(i));
  // A read that needs only a connection: answered, or told to come back.
  if (bystander.status != 200) expect_busy(bystander, "GET /me");

  EXPECT_TRUE(client.get(logs, token).body["items"].empty()) << "nothing was written";
  EXPECT_EQ(client.post(logs, {{"value", 1}}, token).status, 201) << "and once the lock is gone, writes go through";
}
