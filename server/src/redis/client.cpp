#include "redis/client.hpp"

#include <hiredis/hiredis.h>

#include <cstdlib>

namespace qself::redis {
namespace {

struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};

timeval to_timeval(std::chrono::milliseconds duration) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000);
  return tv;
}

Value convert(const redisReply* reply) {
  Value value;
  switch (reply->type) {
    case REDIS_REPLY_STRING:
      value.kind = Value::Kind::string;
      value.text.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_STATUS:
      value.kind = Value::Kind::status;
      value.text.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_ERROR:
      value.kind = Value::Kind::error;
      value.text.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_INTEGER:
      value.kind = Value::Kind::integer;
      value.integer = reply->integer;
      break;
    case REDIS_REPLY_ARRAY:
      value.kind = Value::Kind::array;
      for (std::size_t i = 0; i < reply->elements; ++i) value.items.push_back(convert(reply->element[i]));
      break;
    default:
      break;
  }
  return value;
}

}  // namespace

Config parse_url(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  if (!url.starts_with(kScheme)) throw std::invalid_argument("QSELF_REDIS_URL must look like redis://host:port/db");
  Config config;
  std::string rest = url.substr(kScheme.size());
  if (const auto at = rest.rfind('@'); at != std::string::npos) {
    std::string credentials = rest.substr(0, at);
    if (const auto colon = credentials.find(':'); colon != std::string::npos)
      credentials = credentials.substr(colon + 1);
    config.password = credentials;
    rest = rest.substr(at + 1);
  }
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    const std::string db = rest.substr(slash + 1);
    if (!db.empty()) config.database = std::atoi(db.c_str());
    rest = rest.substr(0, slash);
  }
  if (const auto colon = rest.rfind(':'); colon != std::string::npos) {
    config.port = std::atoi(rest.substr(colon + 1).c_str());
    rest = rest.substr(0, colon);
  }
  if (!rest.empty()) config.host = rest;
  if (config.port <= 0 || config.port > 65535) throw std::invalid_argument("QSELF_REDIS_URL has a bad port");
  return config;
}

void Client::ContextDeleter::operator()(redisContext* context) const { redisFree(context); }

Client::Client(Config config) : m_config(std::move(config)) {}

Client::~Client() = default;

void Client::connect() {
  const timeval timeout = to_timeval(m_config.timeout);
  m_context.reset(redisConnectWithTimeout(m_config.host.c_str(), m_config.port, timeout));
  if (!m_context || m_context->err) {
    const std::string reason = m_context ? m_context->errstr : "out of memory";
    m_context.reset();
    throw Error("cannot connect to Redis at " + m_config.host + ":" + std::to_string(m_config.port) + ": " + reason);
  }
  redisSetTimeout(m_context.get(), timeout);
  ++m_connections;
  if (!m_config.password.empty()) command({"AUTH", m_config.password});
  if (m_config.database != 0) command({"SELECT", std::to_string(m_config.database)});
}

Value Client::run(std::span<const std::string_view> args, std::optional<std::chrono::milliseconds> read_timeout) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  if (!m_context) connect();
  if (read_timeout) redisSetTimeout(m_context.get(), to_timeval(*read_timeout));
  std::unique_ptr<redisReply, ReplyDeleter> reply(static_cast<redisReply*>(
      redisCommandArgv(m_context.get(), static_cast<int>(argv.size()), argv.data(), lengths.data())));
  if (read_timeout) redisSetTimeout(m_context.get(), to_timeval(m_config.timeout));
  if (!reply) {
    const std::string reason = m_context->errstr;
    m_context.reset();  // the connection is unusable after an I/O error
    throw Error("Redis: " + reason);
  }
  Value value = convert(reply.get());
  if (value.kind == Value::Kind::error) throw Error("Redis: " + value.text);
  return value;
}

Value Client::command(std::initializer_list<std::string_view> args,
                      std::optional<std::chrono::milliseconds> read_timeout) {
  return run(std::span<const std::string_view>(args.begin(), args.size()), read_timeout);
}

Value Client::command(const std::vector<std::string>& args, std::optional<std::chrono::milliseconds> read_timeout) {
  const std::vector<std::string_view> views(args.begin(), args.end());
  return run(views, read_timeout);
}

bool Client::ping() noexcept {
  try {
    return command({"PING"}).text == "PONG";
  } catch (...) {
    return false;
  }
}

}  // namespace qself::redis
