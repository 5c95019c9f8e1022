// `qself serve` behind each TLS proxy the deployment guide ships (deploy/nginx,
// deploy/caddy), run from the shipped file (support/nginx_process.hpp,
// support/caddy_process.hpp): what a user relies on through it. HTTPS answers
// and plain HTTP is sent there; signing up, writing and reading work; qself is
// told who the client is and that it used HTTPS; an upload just under qself's
// own limit is not refused by the proxy; a large download arrives whole.
//
// Requests go with curl, as a browser's would, to track.example.org (the name
// the shipped files serve) resolved to the proxy's loopback port.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "support/caddy_process.hpp"
#include "support/nginx_process.hpp"
#include "support/redis_process.hpp"
#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::CaddyProcess;
using qself::testing::file_text;
using qself::testing::NginxProcess;
using qself::testing::RedisProcess;
using qself::testing::Reply;
using qself::testing::run_command;
using qself::testing::ServerProcess;
using qself::testing::TempDir;

namespace {

constexpr const char* kHost = "track.example.org";
// The largest upload qself takes (kMaxFile in http/server.cpp, docs/security.md).
constexpr std::size_t kMaxUpload = std::size_t{64} << 20;

// A client of the proxy: curl, its request and reply bodies in `dir`.
class ProxyClient {
 public:
  ProxyClient(int http_port, int https_port, std::string dir)
      : m_http_port(http_port), m_https_port(https_port), m_dir(std::move(dir)) {}

  // Over HTTPS; `body_file` is sent as it is, with `content_type`.
  Reply request(const std::string& method, const std::string& path, const std::string& token = "",
                const std::string& body_file = "", const std::string& content_type = "",
                const std::vector<std::string>& headers = {}) const {
    std::string options = "-X " + method;
    if (!token.empty()) options += " -H 'Authorization: Bearer " + token + "'";
    if (!body_file.empty()) options += " -H 'Content-Type: " + content_type + "' --data-binary '@" + body_file + "'";
    for (const auto& header : headers) options += " -H '" + header + "'";
    return curl("https", m_https_port, path, options);
  }
  Reply send_json(const std::string& method, const std::string& path, const json& body,
                  const std::string& token = "") const {
    const std::string file = m_dir + "/request.json";
    std::ofstream(file) << body.dump();
    return request(method, path, token, file, "application/json");
  }
  Reply plain_http(const std::string& path) const { return curl("http", m_http_port, path, ""); }

  // Registers and logs in with a password of the test's; answers the token.
  std::string sign_up(const std::string& email) const {
    const json account = {{"email", email}, {"password", "correct horse battery"}};
    const auto registered = send_json("POST", "/api/v1/auth/register", account);
    EXPECT_EQ(registered.status, 201) << registered.raw;
    const auto login = send_json("POST", "/api/v1/auth/login", account);
    EXPECT_EQ(login.status, 200) << login.raw;
    return login.body.value("token", "");
  }

 private:
  Reply curl(const std::string& scheme, int port, const std::string& path, const std::string& options) const {
    const std::string at = std::string(kHost) + ":" + std::to_string(port);
    const std::string head = m_dir + "/reply.head";
    const std::string body = m_dir + "/reply.body";
    const auto result = run_command("curl -sk --max-time 60 --resolve " + at + ":127.0.0.1 -o '" + body + "' -D '" +
                                    head + "' -w '%{http_code}' " + options + " '" + scheme + "://" + at + path + "'");
    Reply reply;
    if (result.status != 0) {
      reply.raw = "curl failed (" + std::to_string(result.status) + ")";
      return reply;
    }
    reply.status = std::stoi(result.output);
    reply.raw = file_text(body);
    reply.body = json::parse(reply.raw, nullptr, false);
    if (reply.body.is_discarded()) reply.body = nullptr;
    std::istringstream lines(file_text(head));
    for (std::string line; std::getline(lines, line);) {
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      value.erase(value.find_last_not_of("\r ") + 1);
      reply.headers[name] = value;
    }
    return reply;
  }

  int m_http_port;
  int m_https_port;
  std::string m_dir;
};

// Stands where qself would, on 127.0.0.1: answers every request 200 and keeps
// the head of each, to see what the proxy tells qself.
class HeaderRecorder {
 public:
  HeaderRecorder() {
    m_fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_fd < 0 || bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(m_fd, 16) != 0 ||
        getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
  }
  ~HeaderRecorder() {
    m_stop = true;
    shutdown(m_fd, SHUT_RDWR);  // wakes accept()
    m_thread.join();
    close(m_fd);
  }
  HeaderRecorder(const HeaderRecorder&) = delete;
  HeaderRecorder& operator=(const HeaderRecorder&) = delete;

  int port() const { return m_port; }
  // The head of the last request for `target`, if one came.
  std::optional<std::string> head_of(const std::string& target) const {
    std::lock_guard lock(m_mutex);
    for (auto head = m_heads.rbegin(); head != m_heads.rend(); ++head) {
      if (head->find(" " + target + " HTTP/") != std::string::npos) return *head;
    }
    return std::nullopt;
  }

 private:
  void serve() {
    while (!m_stop) {
      const int connection = accept(m_fd, nullptr, nullptr);
      if (connection < 0) continue;
      timeval timeout{5, 0};
      setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      std::string head;
      char buffer[4096];
      while (head.find("\r\n\r\n") == std::string::npos) {
        const ssize_t read = recv(connection, buffer, sizeof buffer, 0);
        if (read <= 0) break;
        head.append(buffer, static_cast<std::size_t>(read));
      }
      const std::string reply =
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
      send(connection, reply.data(), reply.size(), MSG_NOSIGNAL);
      close(connection);
      std::lock_guard lock(m_mutex);
      m_heads.push_back(head);
    }
  }

  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  mutable std::mutex m_mutex;
  std::vector<std::string> m_heads;
  std::thread m_thread;
};

// The value of header `name` (any case) in a request head, if it is there.
std::optional<std::string> header_in(const std::string& head, std::string name) {
  std::string lower = head;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto at = lower.find("\r\n" + name + ":");
  if (at == std::string::npos) return std::nullopt;
  const auto start = at + 3 + name.size();
  std::string value = head.substr(start, head.find("\r\n", start) - start);
  value.erase(0, value.find_first_not_of(' '));
  return value;
}

// `size` random bytes at `path`, its folders made as needed.
void write_random_file(const std::string& path, std::size_t size) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  const auto made = run_command("head -c " + std::to_string(size) + " /dev/urandom > '" + path + "'");
  if (made.status != 0) throw std::runtime_error("cannot write " + path);
}

template <typename Proxy>
struct TlsProxy : ::testing::Test {
  TempDir dir;
  TempDir files;  // what curl sends and receives, and the web app's folder
  // A large file of the web app: a response far larger than the proxy's buffers.
  const std::string large_asset = [this] {
    write_random_file(files.path() + "/web/assets/large.bin", std::size_t{16} << 20);
    return files.path() + "/web/assets/large.bin";
  }();
  RedisProcess redis;
  ServerProcess server{dir.path(),
                       {{"QSELF_REDIS_URL", redis.url()},
                        {"QSELF_TRUSTED_PROXIES", "127.0.0.1"},
                        {"QSELF_WEB_DIR", files.path() + "/web"}}};
  Proxy proxy{server.port()};
  ProxyClient client{proxy.port(), proxy.tls_port(), files.path()};
};

struct ProxyNames {
  template <typename Proxy>
  static std::string GetName(int) {
    return std::is_same_v<Proxy, NginxProcess> ? "nginx" : "caddy";
  }
};
using Proxies = ::testing::Types<NginxProcess, CaddyProcess>;
TYPED_TEST_SUITE(TlsProxy, Proxies, ProxyNames);

}  // namespace

TYPED_TEST(TlsProxy, AnswersTheHealthCheckOverHttps) {
  const auto health = this->client.request("GET", "/api/v1/health");
  EXPECT_EQ(health.status, 200) << health.raw << "\n" << this->proxy.describe();
  EXPECT_EQ(health.body.value("status", ""), "ok") << health.raw;
}

TYPED_TEST(TlsProxy, SendsPlainHttpToHttps) {
  auto plain = this->client.plain_http("/api/v1/health?from=link");
  EXPECT_TRUE(plain.status == 301 || plain.status == 308) << plain.status << "\n" << this->proxy.describe();
  const std::string location = plain.headers["location"];
  EXPECT_TRUE(location.starts_with("https://" + std::string(kHost))) << location;
  EXPECT_TRUE(location.ends_with("/api/v1/health?from=link")) << location;
}

TYPED_TEST(TlsProxy, SigningUpWritingAndReadingWork) {
  const ProxyClient& https = this->client;
  const std::string token = https.sign_up("ada@example.org");
  const Reply tracker = https.send_json("POST", "/api/v1/trackers", {{"name", "Water"}, {"type", "numeric"}}, token);
  ASSERT_EQ(tracker.status, 201) << tracker.raw << "\n" << this->proxy.describe();
  const std::string path = "trackers/" + std::to_string(tracker.body["id"].get<std::int64_t>());
  const std::string logs = "/api/v1/" + path + "/logs";
  for (const int value : {3, 5}) {
    const Reply logged = https.send_json("POST", logs, {{"value", value}}, token);
    EXPECT_EQ(logged.status, 201) << logged.raw;
  }
  const Reply read = https.request("GET", logs, token);
  ASSERT_EQ(read.status, 200) << read.raw;
  std::multiset<int> values;
  for (const auto& log : read.body["items"]) values.insert(log["value"].get<int>());
  EXPECT_EQ(values, (std::multiset<int>{3, 5})) << read.raw;
  // And the same data straight from qself: the proxy changed nothing on the way.
  EXPECT_EQ(qself::testing::Client(this->server.port()).log_values(path, token), values);
}

// qself reads X-Forwarded-For from the right, skipping its trusted proxies
// (http/client_address.hpp): the last entry must be the address the proxy saw,
// whatever the client put in front of it, or per-client limits count the
// proxy, or whoever forges the header.
TYPED_TEST(TlsProxy, TellsQselfTheAddressItSawAndThatTheClientUsedHttps) {
  HeaderRecorder qself;
  TypeParam proxy_of_recorder(qself.port());
  const ProxyClient client_of_recorder(proxy_of_recorder.port(), proxy_of_recorder.tls_port(), this->files.path());
  const auto reply =
      client_of_recorder.request("GET", "/api/v1/recorded", "", "", "", {"X-Forwarded-For: 203.0.113.7"});
  EXPECT_EQ(reply.status, 200) << reply.raw << "\n" << proxy_of_recorder.describe();
  const auto head = qself.head_of("/api/v1/recorded");
  ASSERT_TRUE(head) << proxy_of_recorder.describe();
  const auto forwarded_for = header_in(*head, "X-Forwarded-For");
  ASSERT_TRUE(forwarded_for) << *head;
  const auto comma = forwarded_for->rfind(',');
  const std::string last = comma == std::string::npos ? *forwarded_for : forwarded_for->substr(comma + 1);
  EXPECT_EQ(last.substr(last.find_first_not_of(' ')), "127.0.0.1") << *head;
  EXPECT_EQ(header_in(*head, "X-Forwarded-Proto"), "https") << *head;
  EXPECT_TRUE(header_in(*head, "Host").value_or("").starts_with(kHost)) << *head;
}

TYPED_TEST(TlsProxy, AnUploadJustUnderQselfsLimitReachesQself) {
  const std::string token = this->client.sign_up("ada@example.org");
  const std::string file = this->files.path() + "/upload.bin";
  write_random_file(file, kMaxUpload - 1024);
  const auto sent = this->client.request("POST", "/api/v1/imports/preview", token, file, "application/octet-stream");
  // qself's own answer: the file is kept and its preview queued.
  ASSERT_EQ(sent.status, 202) << sent.raw << "\n" << this->proxy.describe();
  EXPECT_EQ(sent.body.at("job").value("kind", ""), "import") << sent.raw;
}

TYPED_TEST(TlsProxy, ALargeDownloadArrivesWhole) {
  const auto download = this->client.request("GET", "/assets/large.bin");
  ASSERT_EQ(download.status, 200) << this->proxy.describe();
  EXPECT_EQ(download.raw.size(), std::filesystem::file_size(this->large_asset));
  EXPECT_TRUE(download.raw == file_text(this->large_asset)) << "the bytes differ";
}

// The guide's nginx file promises browsers HTTPS only from then on (HSTS).
TEST(TlsProxyNginx, TellsBrowsersToUseHttpsOnly) {
  TempDir dir;
  ServerProcess server(dir.path(), {{"QSELF_TRUSTED_PROXIES", "127.0.0.1"}});
  NginxProcess proxy(server.port());
  const ProxyClient client(proxy.port(), proxy.tls_port(), dir.path());
  auto health = client.request("GET", "/api/v1/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.headers["strict-transport-security"], "max-age=31536000") << proxy.describe();
}
