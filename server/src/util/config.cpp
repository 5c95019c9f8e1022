#include "util/config.hpp"

#include <cstdlib>
#include <stdexcept>

namespace qself::util {
namespace {

std::string env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

int env_int(const char* name, int fallback, int min, int max) {
  const char* value = std::getenv(name);
  if (!value || !*value) return fallback;
  char* end = nullptr;
  const long parsed = std::strtol(value, &end, 10);
  if (*end != '\0' || parsed < min || parsed > max) {
    throw std::invalid_argument(std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                                std::to_string(max));
  }
  return static_cast<int>(parsed);
}

// A comma-separated list, spaces around items ignored, empty items dropped.
std::vector<std::string> env_list(const char* name) {
  std::vector<std::string> items;
  std::string rest = env(name, "");
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t comma = rest.find(',', start);
    if (comma == std::string::npos) comma = rest.size();
    std::string item = rest.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) items.push_back(std::move(item));
    start = comma + 1;
  }
  return items;
}

}  // namespace

Config load_config() {
  Config config;
  config.bind = env("QSELF_BIND", config.bind);
  config.port = env_int("QSELF_PORT", config.port, 0, 65535);
  config.data_dir = env("QSELF_DATA_DIR", config.data_dir);
  config.database = env("QSELF_DATABASE", "sqlite:" + config.data_dir + "/qself.db");
  config.web_dir = env("QSELF_WEB_DIR", "web/dist");
  config.workers = env_int("QSELF_WORKERS", config.workers, 1, 256);
  config.max_connections = env_int("QSELF_MAX_CONNECTIONS", config.max_connections, 16, 1000000);
  config.max_connections_per_client =
      env_int("QSELF_MAX_CONNECTIONS_PER_CLIENT", config.max_connections_per_client, 1, 1000000);
  config.request_timeout_seconds = env_int("QSELF_REQUEST_TIMEOUT_SECONDS", config.request_timeout_seconds, 1, 300);
  config.trusted_proxies = env_list("QSELF_TRUSTED_PROXIES");
  config.max_password_hashes = env_int("QSELF_MAX_PASSWORD_HASHES", config.max_password_hashes, 1, 64);
  config.db_connections = env_int("QSELF_DB_CONNECTIONS", config.db_connections, 1, 256);
  config.keep_alive_seconds = env_int("QSELF_KEEP_ALIVE_SECONDS", config.keep_alive_seconds, 1, 300);
  config.access_log = env("QSELF_ACCESS_LOG", "1") != "0";
  if (const auto format = env("QSELF_LOG_FORMAT", "text"); format == "json") {
    config.log_format = LogFormat::json;
  } else if (format != "text") {
    throw std::invalid_argument("QSELF_LOG_FORMAT must be text or json");
  }
  config.metrics_token = env("QSELF_METRICS_TOKEN", "");
  if (!config.metrics_token.empty() && config.metrics_token.size() < 16) {
    throw std::invalid_argument("QSELF_METRICS_TOKEN must be at least 16 characters (or unset)");
  }
  config.redis_url = env("QSELF_REDIS_URL", config.redis_url);
  config.smtp_url = env("QSELF_SMTP_URL", config.smtp_url);
  config.mail_from = env("QSELF_MAIL_FROM", config.mail_from);
  config.public_url = env("QSELF_PUBLIC_URL", "http://" + config.bind + ":" + std::to_string(config.port));
  while (config.public_url.ends_with('/')) config.public_url.pop_back();  // links append "/path"
  if (const auto verification = env("QSELF_EMAIL_VERIFICATION", "required"); verification == "off") {
    config.email_verification = EmailVerification::off;
  } else if (verification != "required") {
    throw std::invalid_argument("QSELF_EMAIL_VERIFICATION must be required or off");
  }
  config.smtp_timeout_ms = env_int("QSELF_SMTP_TIMEOUT_MS", config.smtp_timeout_ms, 100, 600000);
  if (const auto allow = env("QSELF_PUSH_ALLOW_PRIVATE", "0"); allow == "1") {
    config.push_allow_private = true;
  } else if (allow != "0") {
    throw std::invalid_argument("QSELF_PUSH_ALLOW_PRIVATE must be 0 or 1");
  }
  config.push_subject = env("QSELF_PUSH_SUBJECT", "");
  if (config.push_subject.empty()) {
    const auto open = config.mail_from.find('<');
    const auto close = config.mail_from.find('>', open == std::string::npos ? 0 : open);
    config.push_subject = "mailto:" + (open != std::string::npos && close != std::string::npos
                                           ? config.mail_from.substr(open + 1, close - open - 1)
                                           : config.mail_from);
  } else if (!config.push_subject.starts_with("mailto:") && !config.push_subject.starts_with("https://")) {
    throw std::invalid_argument("QSELF_PUSH_SUBJECT must be a mailto: or https: URL");
  }
  config.push_timeout_ms = env_int("QSELF_PUSH_TIMEOUT_MS", config.push_timeout_ms, 100, 600000);
  config.job_lease_seconds = env_int("QSELF_JOB_LEASE_SECONDS", config.job_lease_seconds, 1, 86400);
  config.job_retry_seconds = env_int("QSELF_JOB_RETRY_SECONDS", config.job_retry_seconds, 0, 86400);
  config.job_max_attempts = env_int("QSELF_JOB_MAX_ATTEMPTS", config.job_max_attempts, 1, 100);
  config.scheduler_tick_ms = env_int("QSELF_SCHEDULER_TICK_MS", config.scheduler_tick_ms, 10, 3600000);
  config.requeue_after_seconds = env_int("QSELF_REQUEUE_AFTER_SECONDS", config.requeue_after_seconds, 1, 86400);
  if (const auto pin = env("QSELF_TEST_NOW", ""); !pin.empty()) {
#ifdef QSELF_TEST_CLOCK
    const auto real_now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    config.test_now = parse_clock_pin(pin, real_now);
    if (!config.test_now) {
      throw std::invalid_argument("QSELF_TEST_NOW must be an RFC 3339 instant, optionally followed by @UNIX_SECONDS");
    }
#else
    config.test_now_ignored = true;  // a release build keeps the real clock whatever its environment says
#endif
  }
  return config;
}

}  // namespace qself::util
