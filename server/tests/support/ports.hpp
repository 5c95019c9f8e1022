#pragma once
// Test support: loopback ports without races between tests that run in parallel.

#include <sys/types.h>

namespace qself::testing {

// A port nobody listens on right now (bind to 0, read, close). Another process
// may take it before the caller binds it: a caller that hands it to a child
// must check with owns_listening_port() that its child got it, and retry.
int free_port();

// True if `pid` itself holds a socket listening on 127.0.0.1:`port` (read from
// /proc), i.e. a server we started got the port, not another test's server.
bool owns_listening_port(pid_t pid, int port);

// A loopback port held bound but not listening, for as long as this object
// lives: connecting to it is refused, and no other process can take it.
class ClosedPort {
 public:
  ClosedPort();
  ~ClosedPort();
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;
  int port() const { return m_port; }

 private:
  int m_fd = -1;
  int m_port = 0;
};

}  // namespace qself::testing
