#pragma once
// A real redis-server on a free port for one test, with persistence off. The
// port is checked to be held by the redis-server this object started, so two
// tests running in parallel never share a Redis. Like `make run`'s, it has a
// memory bound (`maxmemory`, 256mb unless given) and evicts only keys that
// have an expiry (volatile-lru): cache entries, never the job stream.

#include <sys/types.h>

#include <string>

#include "support/ports.hpp"

namespace qself::testing {

class RedisProcess {
 public:
  explicit RedisProcess(std::string maxmemory = "256mb");
  ~RedisProcess();
  RedisProcess(const RedisProcess&) = delete;
  RedisProcess& operator=(const RedisProcess&) = delete;

  int port() const { return m_port; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(m_port) + "/0"; }
  // Runs a command through redis-cli, answering its output (e.g. "FLUSHALL").
  std::string cli(const std::string& command) const;
  // SIGKILL, as a crash of Redis would; everything it held is gone.
  void kill_hard();
  // Starts a new, empty redis-server on the same port after kill_hard().
  // Throws if another process took the port in between.
  void start_again();

 private:
  // Starts redis-server on `port`; answers whether it holds it and answers PING.
  bool start(int port);

  std::string m_maxmemory;
  pid_t m_pid = -1;
  int m_port = 0;
};

}  // namespace qself::testing
