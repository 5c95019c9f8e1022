#pragma once
// Test support: which database a test's qself processes use. The environment
// variable QSELF_TEST_BACKEND chooses it for a whole test process: `sqlite`
// (the default; the file qself.db in the test's data folder) or `postgresql`
// (a database of its own for each test, in one throwaway PostgreSQL 15
// cluster that the test process starts on first use and stops at its end).

#include <sys/types.h>

#include <mutex>
#include <string>

namespace qself::testing {

enum class Backend { sqlite, postgresql };

// QSELF_TEST_BACKEND; throws std::invalid_argument for an unknown name.
Backend test_backend();

// The QSELF_DATABASE URL of the test whose data folder is `data_dir`: the same
// folder always names the same database, so that the server, workers and
// scheduler of one test, and the test itself, meet on it.
std::string test_database_url(const std::string& data_dir);

// A PostgreSQL 15 cluster made by initdb in a temporary folder, listening only
// on a unix socket in that folder, without fsync (a test's data need not
// survive a power cut). As root it runs as the `postgres` user, as PostgreSQL
// requires. Destroying the object (at the test process's exit, for
// shared_postgres) stops the server and removes the folder; a test process
// killed outright takes the server with it (SIGQUIT on its death), but leaves
// the folder behind.
class PostgresProcess {
 public:
  PostgresProcess();
  ~PostgresProcess();
  PostgresProcess(const PostgresProcess&) = delete;
  PostgresProcess& operator=(const PostgresProcess&) = delete;

  // A new, empty database; answers its URL.
  std::string create_database();
  // The URL of the database `name` on this server.
  std::string url(const std::string& name) const;

 private:
  std::string m_dir;
  pid_t m_pid = -1;
  std::mutex m_mutex;
  int m_databases = 0;
};

// The cluster of this test process, started on the first call.
PostgresProcess& shared_postgres();

}  // namespace qself::testing
