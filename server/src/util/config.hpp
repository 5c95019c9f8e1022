#pragma once
// Configuration from QSELF_* environment variables (documented in README.md).

#include <string>

namespace qself::util {

struct Config {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  std::string data_dir = "data";
  std::string database;     // default sqlite:<data_dir>/qself.db
  std::string secret_file;  // default <data_dir>/secret
  std::string web_dir;      // the built SPA; default web/dist
  int max_threads = 256;
  int keep_alive_seconds = 5;
  bool access_log = true;
  long long clock_skew_seconds = 0;  // test-only: QSELF_CLOCK_SKEW_SECONDS moves "now"
};

// Reads the environment; throws std::invalid_argument naming a bad variable.
Config load_config();

// The instance secret: read from the file, or created (mode 0600) on first run.
std::string load_or_create_secret(const std::string& path);

}  // namespace qself::util
