#pragma once
// What the tests of the proxy configurations in deploy/ (HAProxy, nginx,
// Caddy) share: the shipped file, edited only where a test must (addresses,
// certificates, logs) and failing when a line it edits is gone; a certificate
// for 127.0.0.1; and the proxy process, started on loopback ports it is
// checked to hold.

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "support/server_process.hpp"

namespace qself::testing {

// A configuration file from the repository (`path` below its root), as shipped.
class ShippedConfig {
 public:
  // Throws std::runtime_error when the file cannot be read.
  explicit ShippedConfig(std::string path);

  // Replaces the one occurrence of `text` (whole lines, with their "\n");
  // throws std::runtime_error naming the file when it is not there exactly
  // once, so that a shipped file that drifts fails the test instead of being
  // tested half-edited.
  void replace(const std::string& text, const std::string& with);
  // Adds `text` before everything the file holds.
  void prepend(const std::string& text) { m_text = text + m_text; }
  const std::string& text() const { return m_text; }

 private:
  std::string m_path;
  std::string m_text;
};

// A self-signed certificate for localhost, 127.0.0.1 and track.example.org
// (the host the shipped files are written for), made with openssl in `dir`:
// the certificate, its key, and both in one file (HAProxy's form).
struct TestCertificate {
  std::string certificate;
  std::string key;
  std::string combined;
};
// Throws std::runtime_error when openssl fails.
TestCertificate make_test_certificate(const std::string& dir);

// A proxy process started from `argv` (argv[0] looked up in PATH), its output
// in `log_path`. Stopped when destroyed: SIGTERM, and
// SIGKILL if it has not exited 5 s later.
class ProxyProcess {
 public:
  ProxyProcess() = default;
  ~ProxyProcess();
  ProxyProcess(const ProxyProcess&) = delete;
  ProxyProcess& operator=(const ProxyProcess&) = delete;

  // Starts it and waits (up to 5 s) until it holds every one of `ports` on
  // 127.0.0.1. False when it exited first (another process took a port
  // between free_port() and its bind: pick new ports and try again) or did
  // not listen in time (then it is killed).
  bool start(const std::vector<std::string>& argv, const std::vector<int>& ports, const std::string& log_path);
  bool running() const { return m_pid > 0; }

 private:
  pid_t m_pid = -1;
};

// The text of the file at `path` ("" when it cannot be read), for messages.
std::string file_text(const std::string& path);

// A proxy from deploy/ in front of qself servers, for one test: a folder of
// its own with a test certificate, two loopback ports, and the process. Its
// subclasses (HaproxyProcess, NginxProcess, CaddyProcess) say how it starts.
class FrontProxy {
 public:
  // Plain HTTP and TLS.
  int port() const { return m_port; }
  int tls_port() const { return m_tls_port; }
  // The configuration it runs, and that with what it logged, for messages.
  const std::string& config() const { return m_config; }
  std::string describe() const;

 protected:
  // What one attempt runs: its configuration (kept for messages) and command line.
  struct Launch {
    std::string config;
    std::vector<std::string> argv;
  };
  explicit FrontProxy(std::vector<int> backend_ports);
  ~FrontProxy() = default;
  FrontProxy(const FrontProxy&) = delete;
  FrontProxy& operator=(const FrontProxy&) = delete;

  // Starts `name` on new free ports until it holds both (another process may
  // take one first; five attempts): `launch` writes its configuration for
  // port(), tls_port(), backend_ports() and certificate() into dir(), its
  // output going to log_path(). Throws std::runtime_error when it never starts.
  void start(const std::string& name, const std::function<Launch()>& launch);

  const std::string& dir() const { return m_dir.path(); }
  std::string log_path() const { return m_dir.path() + "/" + m_name + ".log"; }
  const std::vector<int>& backend_ports() const { return m_backends; }
  const TestCertificate& certificate() const { return m_certificate; }

 private:
  TempDir m_dir;  // before m_process: the process stops before its files go
  TestCertificate m_certificate;
  std::vector<int> m_backends;
  std::string m_name;
  std::string m_config;
  ProxyProcess m_process;
  int m_port = 0;
  int m_tls_port = 0;
};

}  // namespace qself::testing
