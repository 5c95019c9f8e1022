#pragma once
// A real redis-server on a free port for one test, with persistence off.

#include <sys/types.h>

#include <string>

namespace qself::testing {

class RedisProcess {
 public:
  RedisProcess();
  ~RedisProcess();
  RedisProcess(const RedisProcess&) = delete;
  RedisProcess& operator=(const RedisProcess&) = delete;

  int port() const { return m_port; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(m_port) + "/0"; }
  // Runs a command through redis-cli, answering its output (e.g. "FLUSHALL").
  std::string cli(const std::string& command) const;

 private:
  pid_t m_pid = -1;
  int m_port = 0;
};

// A port nobody listens on right now (bind to 0, read, close). Another process
// may take it before the caller binds it: callers retry when a start fails.
int free_port();

}  // namespace qself::testing
