#include "support/haproxy_process.hpp"

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
namespace {

std::string haproxy_config_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Replaces the one occurrence of `line` in `text`; throws when it is not there once.
void replace_config_line(std::string& text, const std::string& line, const std::string& with) {
  const auto at = text.find(line);
  if (at == std::string::npos || text.find(line, at + 1) != std::string::npos) {
    throw std::runtime_error("deploy/haproxy/haproxy.cfg no longer has the line: " + line);
  }
  text.replace(at, line.size(), with);
}

}  // namespace

HaproxyProcess::HaproxyProcess(const std::vector<int>& backend_ports) : m_backends(backend_ports) {
  // A certificate for the test, as the guide's /etc/haproxy/certs/*.pem: key and chain in one file.
  const std::string pem = m_dir.path() + "/test.pem";
  const std::string make_certificate =
      "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 -keyout '" + m_dir.path() +
      "/key.pem' -out '" + m_dir.path() + "/cert.pem' 2>/dev/null && cat '" + m_dir.path() + "/cert.pem' '" +
      m_dir.path() + "/key.pem' > '" + pem + "'";
  if (std::system(make_certificate.c_str()) != 0) throw std::runtime_error("openssl could not make a certificate");
  for (int attempt = 0; attempt < 5 && m_pid < 0; ++attempt) start();
  if (m_pid < 0) throw std::runtime_error("haproxy did not start (is it installed?)\n" + m_config);
}

bool HaproxyProcess::start() {
  m_port = free_port();
  m_tls_port = free_port();
  std::string config = haproxy_config_text(std::string(QSELF_SOURCE_DIR) + "/deploy/haproxy/haproxy.cfg");
  replace_config_line(config, "    log /dev/log local0\n", "");
  replace_config_line(config, "    bind :80\n", "    bind 127.0.0.1:" + std::to_string(m_port) + "\n");
  replace_config_line(
      config, "    bind :443 ssl crt /etc/haproxy/certs/track.example.org.pem alpn h2,http/1.1\n",
      "    bind 127.0.0.1:" + std::to_string(m_tls_port) + " ssl crt " + m_dir.path() + "/test.pem alpn h2,http/1.1\n");
  replace_config_line(config, "    http-request redirect scheme https unless { ssl_fc }\n", "");
  replace_config_line(config, "    default-server inter 2s fall 2 rise 2 maxconn 512\n",
                      "    default-server inter 200ms fall 2 rise 2 maxconn 512\n");
  std::string servers;
  for (std::size_t i = 0; i < m_backends.size(); ++i) {
    servers += "    server app" + std::to_string(i + 1) + " 127.0.0.1:" + std::to_string(m_backends[i]) + " check\n";
  }
  replace_config_line(config, "    server app1 10.0.0.11:8080 check\n    server app2 10.0.0.12:8080 check\n", servers);
  m_config = config;
  const std::string path = m_dir.path() + "/haproxy.cfg";
  std::ofstream(path) << config;

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    execlp("haproxy", "haproxy", "-db", "-f", path.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 100; ++i) {
    if (owns_listening_port(pid, m_port) && owns_listening_port(pid, m_tls_port)) {
      m_pid = pid;
      return true;
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) return false;  // a port was taken, or the file refused
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (::kill(pid, SIGKILL) == 0) waitpid(pid, nullptr, 0);
  return false;
}

HaproxyProcess::~HaproxyProcess() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
}

}  // namespace qself::testing
