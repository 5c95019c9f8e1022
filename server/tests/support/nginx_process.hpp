#pragma once
// A real nginx in front of a qself server for one test, run from the
// configuration the deployment guide ships (deploy/nginx/qself.conf): the same
// file, included as /etc/nginx/sites-enabled/ would include it, with its
// addresses moved to loopback ports and its certificate made for the test.
// Each change must find its line, so a shipped file that drifts fails the
// test. nginx runs in the foreground as the test's user, its pid, logs and
// temporary files in a folder of its own.

#include "support/shipped_proxy.hpp"

namespace qself::testing {

// port(): plain HTTP (the shipped redirect to HTTPS); tls_port().
class NginxProcess : public FrontProxy {
 public:
  // In front of the qself server listening on `backend_port`.
  explicit NginxProcess(int backend_port);

 private:
  Launch launch() const;
};

}  // namespace qself::testing
