#pragma once
// A small synchronous Redis client (hiredis) with one connection, used by one
// thread at a time. Reconnects lazily after a failure.

#include <chrono>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct redisContext;
struct redisReply;

namespace qself::jobs {

// Redis did not answer, or answered with an error.
class RedisError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A reply, as a tree of plain values.
struct RedisValue {
  enum class Kind { nil, string, integer, array, status, error } kind = Kind::nil;
  std::string text;  // string, status, error
  long long integer = 0;
  std::vector<RedisValue> items;

  bool is_nil() const { return kind == Kind::nil; }
};

struct RedisConfig {
  std::string host = "127.0.0.1";
  int port = 6379;
  int database = 0;
  std::string password;
  std::chrono::milliseconds timeout{2000};
};

// redis://[:password@]host[:port][/db]. Throws std::invalid_argument.
RedisConfig parse_redis_url(const std::string& url);

class Redis {
 public:
  explicit Redis(RedisConfig config);
  ~Redis();
  Redis(const Redis&) = delete;
  Redis& operator=(const Redis&) = delete;

  // Sends one command; throws RedisError on a connection failure or an error reply.
  // `read_timeout` overrides the configured timeout (for blocking reads).
  RedisValue command(std::initializer_list<std::string_view> args,
                     std::optional<std::chrono::milliseconds> read_timeout = std::nullopt);
  RedisValue command(const std::vector<std::string>& args,
                     std::optional<std::chrono::milliseconds> read_timeout = std::nullopt);
  bool ping() noexcept;

 private:
  void connect();
  RedisValue run(std::vector<const char*>& argv, std::vector<std::size_t>& lengths,
                 std::optional<std::chrono::milliseconds> read_timeout);

  struct ContextDeleter {
    void operator()(redisContext* context) const;
  };
  RedisConfig m_config;
  std::unique_ptr<redisContext, ContextDeleter> m_context;
};

}  // namespace qself::jobs
