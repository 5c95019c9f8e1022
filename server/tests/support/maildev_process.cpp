#include "support/maildev_process.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include "support/redis_process.hpp"

#ifndef QSELF_SOURCE_DIR
#error "QSELF_SOURCE_DIR must name the project root"
#endif

extern char** environ;

namespace qself::testing {
namespace {

constexpr const char* kMaildev = QSELF_SOURCE_DIR "/tools/node_modules/.bin/maildev";
constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kStopTimeout = std::chrono::seconds(5);

bool accepts_connections(int port) {
  try {
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), Poco::Timespan(0, 200'000));
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

struct HttpReply {
  int status = 0;
  std::string body;
};

HttpReply http(const std::string& method, int port, const std::string& path) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpReply reply;
  reply.status = response.getStatus();
  Poco::StreamCopier::copyToString(in, reply.body);
  return reply;
}

bool web_is_up(int port) {
  try {
    return http("GET", port, "/api/healthz").status == 200;
  } catch (const Poco::Exception&) {
    return false;
  }
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// True once `pid` has exited; leaves it unreaped (a zombie keeps its pid, and
// so its process group id, from being reused while we still signal the group).
bool has_exited(pid_t pid) {
  siginfo_t info{};
  return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
}

}  // namespace

MaildevProcess::MaildevProcess(const std::vector<std::string>& extra_arguments) {
  std::string output;
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (try_start(extra_arguments, output)) return;
  }
  throw std::runtime_error(std::string("maildev did not start (") + kMaildev + "); it printed:\n" + output);
}

MaildevProcess::~MaildevProcess() { stop(); }

bool MaildevProcess::try_start(const std::vector<std::string>& extra_arguments, std::string& output) {
  m_smtp_port = free_port();
  do {
    m_web_port = free_port();
  } while (m_web_port == m_smtp_port);
  const std::filesystem::path dir = m_dir.path();
  const std::filesystem::path mail_dir = dir / "mail";
  const std::filesystem::path log = dir / "maildev.log";
  std::filesystem::create_directories(mail_dir);

  std::vector<std::string> arguments{kMaildev,
                                     "--smtp",
                                     std::to_string(m_smtp_port),
                                     "--web",
                                     std::to_string(m_web_port),
                                     "--ip",
                                     "127.0.0.1",
                                     "--web-ip",
                                     "127.0.0.1",
                                     "--mail-directory",
                                     mail_dir.string()};
  arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
  // maildev also reads MAILDEV_* variables; the command line alone decides here.
  std::vector<std::string> environment;
  for (char** entry = environ; *entry; ++entry) {
    if (!std::string_view(*entry).starts_with("MAILDEV_")) environment.emplace_back(*entry);
  }
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  const std::string dir_text = dir.string();
  const std::string log_text = log.string();

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // Own process group, so that stop() reaches node and anything it starts.
    setpgid(0, 0);
    // Its own working folder: maildev looks for config files in the current folder and its parents.
    if (chdir(dir_text.c_str()) != 0) _exit(126);
    const int out = open(log_text.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0) _exit(126);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    execve(kMaildev, argv.data(), envp.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also from here, so the group exists before we could signal it
  m_pid = pid;

  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (has_exited(pid)) break;
    // Both ports must be this child's: another test's maildev may have taken one.
    if (owns_listening_port(pid, m_web_port) && owns_listening_port(pid, m_smtp_port) && web_is_up(m_web_port) &&
        accepts_connections(m_smtp_port)) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop();
  output = read_text(log);
  return false;
}

void MaildevProcess::stop() {
  if (m_pid <= 0) return;
  ::kill(-m_pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  while (!has_exited(m_pid) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Whatever is left of the group goes now; the unreaped leader keeps the group id ours.
  ::kill(-m_pid, SIGKILL);
  waitpid(m_pid, nullptr, 0);
  m_pid = -1;
}

std::vector<nlohmann::json> MaildevProcess::emails_to(const std::string& address) const {
  std::vector<nlohmann::json> found;
  for (const auto& email : emails()) {
    for (const auto& to : email.value("to", nlohmann::json::array())) {
      if (to.value("address", "") == address) {
        found.push_back(email);
        break;
      }
    }
  }
  return found;
}

std::vector<nlohmann::json> MaildevProcess::emails_about(const std::string& subject) const {
  std::vector<nlohmann::json> found;
  for (const auto& email : emails()) {
    if (email.value("subject", "").find(subject) != std::string::npos) found.push_back(email);
  }
  return found;
}

nlohmann::json MaildevProcess::emails() const {
  const HttpReply reply = http("GET", m_web_port, "/api/email");
  if (reply.status != 200) throw std::runtime_error("maildev GET /api/email answered " + std::to_string(reply.status));
  nlohmann::json list = nlohmann::json::parse(reply.body);
  for (auto& email : list) {
    if (email.contains("messageId")) continue;
    std::string id = email.value("headers", nlohmann::json::object()).value("message-id", "");
    if (id.starts_with('<') && id.ends_with('>')) id = id.substr(1, id.size() - 2);
    email["messageId"] = id;
  }
  return list;
}

nlohmann::json MaildevProcess::wait_for_emails(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  nlohmann::json list = emails();
  while (list.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    list = emails();
  }
  return list;
}

void MaildevProcess::delete_all() const {
  const HttpReply reply = http("DELETE", m_web_port, "/api/email/all");
  if (reply.status != 200) {
    throw std::runtime_error("maildev DELETE /api/email/all answered " + std::to_string(reply.status));
  }
}

}  // namespace qself::testing
