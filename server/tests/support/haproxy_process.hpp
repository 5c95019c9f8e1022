#pragma once
// A real HAProxy in front of qself servers for one test, run from the
// configuration the deployment guide ships (deploy/haproxy/haproxy.cfg): the
// same file, with its addresses moved to loopback ports, its certificate made
// for the test, no syslog, and health checks every 200 ms instead of 2 s.
// Each change must find its line, so a shipped file that drifts fails the test.

#include <vector>

#include "support/shipped_proxy.hpp"

namespace qself::testing {

// port(): plain HTTP (the shipped redirect to HTTPS is left out); tls_port().
class HaproxyProcess : public FrontProxy {
 public:
  // Balances over the qself servers listening on `backend_ports`.
  explicit HaproxyProcess(const std::vector<int>& backend_ports);

 private:
  Launch launch() const;
};

}  // namespace qself::testing
