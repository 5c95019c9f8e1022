#pragma once
// A real HAProxy in front of qself servers for one test, run from the
// configuration the deployment guide ships (deploy/haproxy/haproxy.cfg): the
// same file, with its addresses moved to loopback ports, its certificate made
// for the test, no syslog, and health checks every 200 ms instead of 2 s.
// Each change must find its line, so a shipped file that drifts fails the test.

#include <sys/types.h>

#include <string>
#include <vector>

#include "support/server_process.hpp"

namespace qself::testing {

class HaproxyProcess {
 public:
  // Balances over the qself servers listening on `backend_ports`.
  explicit HaproxyProcess(const std::vector<int>& backend_ports);
  ~HaproxyProcess();
  HaproxyProcess(const HaproxyProcess&) = delete;
  HaproxyProcess& operator=(const HaproxyProcess&) = delete;

  // Plain HTTP (the shipped redirect to HTTPS is left out) and TLS.
  int port() const { return m_port; }
  int tls_port() const { return m_tls_port; }
  // The configuration it runs, for messages.
  const std::string& config() const { return m_config; }

 private:
  bool start();

  TempDir m_dir;
  std::string m_config;
  std::vector<int> m_backends;
  pid_t m_pid = -1;
  int m_port = 0;
  int m_tls_port = 0;
};

}  // namespace qself::testing
