#include "support/server_process.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "support/ports.hpp"
#include "support/postgres_process.hpp"
#include "support/test_clock.hpp"

#ifndef QSELF_BINARY
#error "QSELF_BINARY must name the qself executable under test"
#endif

extern char** environ;

namespace qself::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "qself-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

ServerProcess::ServerProcess(const std::string& data_dir, std::map<std::string, std::string> env,
                             const std::string& command_name) {
  env.emplace("QSELF_PORT", "0");
  env.emplace("QSELF_BIND", "127.0.0.1");
  env.emplace("QSELF_DATA_DIR", data_dir);
  // The backend of this test process (QSELF_TEST_BACKEND): SQLite's file in
  // the data folder is qself's default; PostgreSQL's database is the folder's
  // own — the folder the process is given, so a new folder is a new database.
  if (test_backend() == Backend::postgresql) env.emplace("QSELF_DATABASE", test_database_url(env["QSELF_DATA_DIR"]));
  env.emplace("QSELF_ACCESS_LOG", "0");
  // No Redis unless a test brings its own: never a developer's Redis on 6379,
  // but a port this test process holds closed, so nothing else can answer there.
  static const ClosedPort no_redis;
  env.emplace("QSELF_REDIS_URL", "redis://127.0.0.1:" + std::to_string(no_redis.port()) + "/0");
  env.emplace("QSELF_TEST_NOW", clock_env());
  env.emplace("QSELF_WEB_DIR", data_dir + "/no-web-app");
  // Suites about something else sign up and in directly; the tests of email
  // verification ask for it (QSELF_EMAIL_VERIFICATION=required) and go through the link.
  env.emplace("QSELF_EMAIL_VERIFICATION", "off");
  std::vector<std::string> entries;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    if (!env.count(entry.substr(0, entry.find('=')))) entries.push_back(entry);
  }
  for (const auto& [key, value] : env) entries.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  m_pid = fork();
  if (m_pid < 0) throw std::runtime_error("fork failed");
  if (m_pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    char binary[] = QSELF_BINARY;
    std::string command = command_name;
    char* argv[] = {binary, command.data(), nullptr};
    execve(binary, argv, envp.data());
    _exit(127);
  }
  close(out[1]);
  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  const bool serving = command_name == "serve";
  const std::string kMarker = serving ? "listening on http://127.0.0.1:" : " started";
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd poll_fd{out[0], POLLIN, 0};
    if (poll(&poll_fd, 1, 200) <= 0) continue;
    char buffer[256];
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    seen.append(buffer, static_cast<std::size_t>(n));
    const auto marker = seen.find(kMarker);
    if (marker != std::string::npos && seen.find('\n', marker) != std::string::npos) {
      m_port = serving ? std::stoi(seen.substr(marker + kMarker.size())) : -1;
      break;
    }
  }
  close(out[0]);  // the server's later stdout writes go nowhere; it ignores SIGPIPE
  if (m_port == 0) {
    kill_hard();
    throw std::runtime_error("qself " + command_name + " did not start; it printed: " + seen);
  }
}

ServerProcess::~ServerProcess() {
  if (m_pid > 0) stop();
}

void ServerProcess::kill_hard() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGKILL);
  waitpid(m_pid, nullptr, 0);
  m_pid = -1;
}

int ServerProcess::stop() {
  if (m_pid <= 0) return -1;
  ::kill(m_pid, SIGTERM);
  int status = 0;
  waitpid(m_pid, &status, 0);
  m_pid = -1;
  return status;
}

std::string Reply::error_code() const {
  if (!body.is_object() || !body.contains("error")) return "";
  return body["error"].value("code", "");
}

std::string Reply::field_error(const std::string& field) const {
  if (!body.is_object() || !body.contains("error") || !body["error"].contains("fields")) return "";
  return body["error"]["fields"].value(field, "");
}

Reply Client::request(const std::string& method, const std::string& path, const std::optional<nlohmann::json>& body,
                      const std::string& token) const {
  return request_raw(method, path, body ? body->dump() : std::string(), body ? "application/json" : "", token);
}

Reply Client::request_raw(const std::string& method, const std::string& path, const std::string& body,
                          const std::string& content_type, const std::string& token,
                          const std::map<std::string, std::string>& headers) const {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(m_port));
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, path.starts_with("/") ? path : "/api/v1/" + path,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) request.set("Authorization", "Bearer " + token);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!content_type.empty()) request.setContentType(content_type);
  if (!body.empty() || method == "POST" || method == "PATCH")
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply reply;
  reply.status = response.getStatus();
  Poco::StreamCopier::copyToString(in, reply.raw);
  for (const auto& [name, value] : response) {
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[lower] = value;
  }
  reply.body = nlohmann::json::parse(reply.raw, nullptr, false);
  if (reply.body.is_discarded()) reply.body = nullptr;
  return reply;
}

namespace {
constexpr const char* kSignUpPassword = "correct horse battery";
}  // namespace

std::string Client::sign_up(const std::string& email, const std::string& timezone) const {
  const auto registered =
      post("auth/register", {{"email", email}, {"password", kSignUpPassword}, {"timezone", timezone}});
  if (registered.status != 201) throw std::runtime_error("register failed: " + registered.raw);
  const auto login = post("auth/login", {{"email", email}, {"password", kSignUpPassword}});
  if (login.status != 200) throw std::runtime_error("login failed: " + login.raw);
  return login.body["token"];
}

Reply Client::delete_account(const std::string& token) const {
  return request("DELETE", "me", nlohmann::json{{"password", kSignUpPassword}}, token);
}

std::string Client::create_tracker(const nlohmann::json& fields, const std::string& token) const {
  const auto created = post("trackers", fields, token);
  if (created.status != 201) {
    ADD_FAILURE() << "POST trackers " << fields.dump() << " answered " << created.status << ": " << created.raw;
    return "trackers/0";  // no tracker has id 0: what the test does with it fails too
  }
  return "trackers/" + std::to_string(created.body.at("id").get<std::int64_t>());
}

void Client::add_logs(const std::string& tracker_path,
                      const std::vector<std::pair<nlohmann::json, std::string>>& value_and_logged_at,
                      const std::string& token) const {
  for (const auto& [value, logged_at] : value_and_logged_at) {
    const auto logged = post(tracker_path + "/logs", {{"value", value}, {"logged_at", logged_at}}, token);
    EXPECT_EQ(logged.status, 201) << "POST " << tracker_path << "/logs " << value.dump() << " at " << logged_at << ": "
                                  << logged.raw;
  }
}

std::multiset<int> Client::log_values(const std::string& tracker_path, const std::string& token) const {
  std::multiset<int> values;
  std::string path = tracker_path + "/logs?limit=500";
  for (;;) {
    const auto page = get(path, token);
    EXPECT_EQ(page.status, 200) << page.raw;
    if (page.status != 200) break;
    for (const auto& item : page.body["items"]) values.insert(item["value"].get<int>());
    if (page.body["next"].is_null()) break;
    path = tracker_path + "/logs?limit=500&before=" + page.body["next"].get<std::string>();
  }
  return values;
}

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (const std::size_t read = std::fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, read);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace qself::testing
