#pragma once
// Test support: a real `qself serve` process on a free port with its own
// fresh data folder, and an HTTP client for it.

#include <sys/types.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace qself::testing {

// A temporary folder, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

// A running `qself <command>`: `serve` (on 127.0.0.1, port 0), `worker` or
// `scheduler`, with QSELF_DATA_DIR=data_dir, the database of that folder on
// the test's backend (test_database_url, postgres_process.hpp) and any extra
// environment. Its
// clock is the test's (QSELF_TEST_NOW = clock_env(), see test_clock.hpp)
// unless `env` sets QSELF_TEST_NOW itself. Email verification is off unless
// `env` sets QSELF_EMAIL_VERIFICATION=required.
class ServerProcess {
 public:
  // Returns once the process says it is ready (its URL, or "started").
  explicit ServerProcess(const std::string& data_dir, std::map<std::string, std::string> env = {},
                         const std::string& command = "serve");
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return m_port; }
  pid_t pid() const { return m_pid; }
  // SIGKILL, as a crash or power cut of the process would.
  void kill_hard();
  // SIGTERM and wait for a clean exit; answers the exit status.
  int stop();

 private:
  pid_t m_pid = -1;
  int m_port = 0;
};

struct Reply {
  int status = 0;
  nlohmann::json body;  // null when the body is empty or not JSON
  std::string raw;
  std::map<std::string, std::string> headers;  // names lower-cased

  std::string error_code() const;
  std::string field_error(const std::string& field) const;
};

class Client {
 public:
  explicit Client(int port) : m_port(port) {}
  Reply request(const std::string& method, const std::string& path, const std::optional<nlohmann::json>& body = {},
                const std::string& token = "") const;
  // Sends a raw body with the given content type.
  Reply request_raw(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& content_type, const std::string& token = "",
                    const std::map<std::string, std::string>& headers = {}) const;

  Reply get(const std::string& path, const std::string& token = "") const { return request("GET", path, {}, token); }
  Reply post(const std::string& path, const nlohmann::json& body, const std::string& token = "") const {
    return request("POST", path, body, token);
  }
  Reply patch(const std::string& path, const nlohmann::json& body, const std::string& token = "") const {
    return request("PATCH", path, body, token);
  }
  Reply del(const std::string& path, const std::string& token = "") const { return request("DELETE", path, {}, token); }

  // Registers (password "correct horse battery") and logs in; answers the token.
  std::string sign_up(const std::string& email, const std::string& timezone = "UTC") const;
  // Deletes the account of `token`, confirming with the password sign_up gives it.
  Reply delete_account(const std::string& token) const;
  // Creates a tracker with `fields`, failing the test unless that answers 201;
  // answers its path, "trackers/<id>".
  std::string create_tracker(const nlohmann::json& fields, const std::string& token) const;
  // Logs each (value, logged_at) to the tracker at `tracker_path`, in order,
  // failing the test for each that does not answer 201.
  void add_logs(const std::string& tracker_path,
                const std::vector<std::pair<nlohmann::json, std::string>>& value_and_logged_at,
                const std::string& token) const;
  // The values of every log of the tracker at `tracker_path`, all pages,
  // failing the test for a page that does not answer 200.
  std::multiset<int> log_values(const std::string& tracker_path, const std::string& token) const;

 private:
  int m_port;
};

// A server with a fresh database and a client for it, for one test.
struct TestServer {
  TempDir dir;
  ServerProcess process{dir.path()};
  Client client{process.port()};
};

// A shell command as an operator would type it (`qself backup …`): its exit
// status (-1 when it did not exit normally) and what it printed on stdout.
struct CommandResult {
  int status = -1;
  std::string output;
};
CommandResult run_command(const std::string& command);

}  // namespace qself::testing
