#pragma once
// A real redis-server on a free port for one test, with persistence off. The
// port is checked to be held by the redis-server this object started, so two
// tests running in parallel never share a Redis.

#include <sys/types.h>

#include <string>

#include "support/ports.hpp"

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

}  // namespace qself::testing
