#include "support/shipped_proxy.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/ports.hpp"

namespace qself::testing {

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ShippedConfig::ShippedConfig(std::string path) : m_path(std::move(path)) {
  const std::string full = std::string(QSELF_SOURCE_DIR) + "/" + m_path;
  if (!std::ifstream(full)) throw std::runtime_error("cannot read " + full);
  m_text = file_text(full);
}

void ShippedConfig::replace(const std::string& text, const std::string& with) {
  const auto at = m_text.find(text);
  if (at == std::string::npos || m_text.find(text, at + 1) != std::string::npos) {
    throw std::runtime_error(m_path + " no longer has, once, the lines:\n" + text);
  }
  m_text.replace(at, text.size(), with);
}

TestCertificate make_test_certificate(const std::string& dir) {
  TestCertificate made{dir + "/cert.pem", dir + "/key.pem", dir + "/combined.pem"};
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost"
      " -addext subjectAltName=DNS:localhost,DNS:track.example.org,IP:127.0.0.1 -days 2 -keyout '" +
      made.key + "' -out '" + made.certificate + "' 2>/dev/null && cat '" + made.certificate + "' '" + made.key +
      "' > '" + made.combined + "'";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl could not make a certificate");
  return made;
}

bool ProxyProcess::start(const std::vector<std::string>& argv, const std::vector<int>& ports,
                         const std::string& log_path) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    execvp(args[0], args.data());
    _exit(127);
  }
  for (int i = 0; i < 100; ++i) {
    bool listening = true;
    for (const int port : ports) listening = listening && owns_listening_port(pid, port);
    if (listening) {
      m_pid = pid;
      return true;
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (::kill(pid, SIGKILL) == 0) waitpid(pid, nullptr, 0);
  return false;
}

ProxyProcess::~ProxyProcess() {
  if (m_pid <= 0) return;
  // SIGTERM first: nginx's master then stops its workers, which SIGKILL would
  // leave running, holding the ports.
  ::kill(m_pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(m_pid, nullptr, WNOHANG) == m_pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(m_pid, SIGKILL);
  waitpid(m_pid, nullptr, 0);
}

FrontProxy::FrontProxy(std::vector<int> backend_ports)
    : m_certificate(make_test_certificate(m_dir.path())), m_backends(std::move(backend_ports)) {}

void FrontProxy::start(const std::string& name, const std::function<Launch()>& launch) {
  m_name = name;
  for (int attempt = 0; attempt < 5 && !m_process.running(); ++attempt) {
    m_port = free_port();
    m_tls_port = free_port();
    const Launch run = launch();
    m_config = run.config;
    m_process.start(run.argv, {m_port, m_tls_port}, log_path());
  }
  if (!m_process.running()) throw std::runtime_error(name + " did not start (is it installed?)\n" + describe());
}

std::string FrontProxy::describe() const { return m_config + "\n# " + log_path() + ":\n" + file_text(log_path()); }

}  // namespace qself::testing
