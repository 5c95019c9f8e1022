#pragma once
// The HTTP server: the API under /api/v1 and the built web app for every
// other path. Event-driven (Boost.Asio/Beast): waiting connections hold no
// thread; owns the listening socket, the I/O thread and the request workers.

#include <memory>
#include <string>

#include "http/api.hpp"
#include "util/config.hpp"

namespace qself::http {

class Server {
 public:
  // Binds at once (so a port-0 server knows its port); throws on failure.
  Server(const util::Config& config, Services& services);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();
  void stop();
  int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace qself::http
