#pragma once
// Configuration from QSELF_* environment variables (documented in README.md).

#include <optional>
#include <string>
#include <vector>

#include "util/log.hpp"
#include "util/time.hpp"

namespace qself::util {

// Whether a new account must open a link emailed to its address before it can
// sign in (docs/security.md). `off` is for instances without email: sign-up
// then answers 409 for a taken address, as it once did.
enum class EmailVerification { required, off };

struct Config {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  std::string data_dir = "data";
  std::string database;  // default sqlite:<data_dir>/qself.db
  std::string web_dir;   // the built SPA; default web/dist
  // The HTTP front (http/server.cpp): connections cost memory, not threads.
  int workers = 8;                           // threads that run request handlers
  int max_connections = 16384;               // open at once, in total; past it a new one gets 503
  int max_connections_per_client = 256;      // open at once from one address
  int request_timeout_seconds = 10;          // to send a new connection's headers; the longest silence in a body
  std::vector<std::string> trusted_proxies;  // their X-Forwarded-For names the client
  int db_connections = 8;
  int max_password_hashes = 1;  // argon2id uses 64 MiB each: this caps memory, not just CPU
  int keep_alive_seconds = 5;   // an idle keep-alive connection is closed after this
  bool access_log = true;
  LogFormat log_format = LogFormat::text;  // QSELF_LOG_FORMAT: text or json (one object per line)
  // GET /metrics answers only a request bearing this token; unset (the
  // default), the route does not exist (404). See docs/metrics.md.
  std::string metrics_token;
  // Test builds only (QSELF_TESTS=ON compiles QSELF_TEST_CLOCK in): QSELF_TEST_NOW pins "now"
  // (see util/time.hpp). A release build ignores it and says so.
  std::optional<ClockPin> test_now;
  bool test_now_ignored = false;

  // Background jobs and mail.
  std::string redis_url = "redis://127.0.0.1:6379/0";
  std::string smtp_url = "smtp://127.0.0.1:1025";
  std::string mail_from = "qself <qself@localhost>";
  std::string public_url;  // default http://<bind>:<port>; never ends with "/"
  EmailVerification email_verification = EmailVerification::required;
  int smtp_timeout_ms = 10000;
  // Web Push: endpoints in private networks, on loopback, and plain http ones
  // are refused unless this is set (a self-hosted push server, tests).
  bool push_allow_private = false;
  // The VAPID "sub" claim push services reach the operator by; default
  // mailto: the address of mail_from.
  std::string push_subject;
  int push_timeout_ms = 10000;
  int job_lease_seconds = 120;     // a job whose worker is silent this long is retried
  int job_retry_seconds = 10;      // first retry delay; doubles each attempt
  int job_max_attempts = 5;        // then the job is dead-lettered
  int scheduler_tick_ms = 15000;   // how often the scheduler looks for due work
  int requeue_after_seconds = 60;  // a pending job not taken this long is sent again
};

// Reads the environment; throws std::invalid_argument naming a bad variable.
Config load_config();

}  // namespace qself::util
