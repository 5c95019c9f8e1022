#pragma once
// A small synchronous Redis client (hiredis) with one connection, used by one
// thread at a time. Reconnects lazily after a failure.

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct redisContext;
struct redisReply;

namespace qself::redis {

// Redis did not answer, or answered with an error.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A reply, as a tree of plain values.
struct Value {
  enum class Kind { nil, string, integer, array, status, error } kind = Kind::nil;
  std::string text;  // string, status, error
  long long integer = 0;
  std::vector<Value> items;

  bool is_nil() const { return kind == Kind::nil; }
};

struct Config {
  std::string host = "127.0.0.1";
  int port = 6379;
  int database = 0;
  std::string password;
  std::chrono::milliseconds timeout{2000};
};

// redis://[:password@]host[:port][/db]. Throws std::invalid_argument.
Config parse_url(const std::string& url);

class Client {
 public:
  explicit Client(Config config);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends one command; throws Error on a connection failure or an error reply.
  // `read_timeout` overrides the configured timeout (for blocking reads).
  Value command(std::initializer_list<std::string_view> args,
                std::optional<std::chrono::milliseconds> read_timeout = std::nullopt);
  Value command(const std::vector<std::string>& args,
                std::optional<std::chrono::milliseconds> read_timeout = std::nullopt);
  bool ping() noexcept;
  // How many times this client has connected. A command that had to reconnect
  // raises it: what it answered may come from another Redis process (a
  // restarted one) than earlier commands did.
  std::uint64_t connections() const noexcept { return m_connections; }

 private:
  void connect();
  Value run(std::span<const std::string_view> args, std::optional<std::chrono::milliseconds> read_timeout);

  struct ContextDeleter {
    void operator()(redisContext* context) const;
  };
  Config m_config;
  std::unique_ptr<redisContext, ContextDeleter> m_context;
  std::uint64_t m_connections = 0;
};

}  // namespace qself::redis
