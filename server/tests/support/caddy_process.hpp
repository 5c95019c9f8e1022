#pragma once
// A real Caddy in front of a qself server for one test, run from the
// configuration the deployment guide ships (deploy/caddy/Caddyfile): the same
// file, with its site bound to loopback ports, the test's certificate instead
// of Let's Encrypt's, no admin endpoint, and its data in a folder of its own.
// Each change must find its line, so a shipped file that drifts fails the
// test. The site keeps its name: clients reach it as track.example.org
// (curl --resolve), as Caddy picks the site by that name.

#include "support/shipped_proxy.hpp"

namespace qself::testing {

// port(): plain HTTP (Caddy's own redirect to HTTPS); tls_port().
class CaddyProcess : public FrontProxy {
 public:
  // In front of the qself server listening on `backend_port`.
  explicit CaddyProcess(int backend_port);

 private:
  Launch launch() const;
};

}  // namespace qself::testing
