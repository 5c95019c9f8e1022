// The HTTP front under slow, silent and greedy clients: connections cost
// memory, not threads; deadlines cut off the slow; caps answer 503 instead of
// hanging; limits answer in the one error shape. Loopback only: a second
// client address is 127.0.0.2 (all of 127/8 is loopback on Linux).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/server_process.hpp"

using nlohmann::json;
using qself::testing::Client;
using qself::testing::ServerProcess;
using qself::testing::TempDir;

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A raw TCP connection to the server, from a chosen loopback address.
class RawConnection {
 public:
  RawConnection(int port, const char* from = "127.0.0.1") {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0) throw std::runtime_error("socket() failed");
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, from, &local.sin_addr);
    if (::bind(m_fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) throw std::runtime_error("bind failed");
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
      throw std::runtime_error("connect failed");
    }
  }
  ~RawConnection() {
    if (m_fd >= 0) ::close(m_fd);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void send(const std::string& bytes) const {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;  // the server closed: what it said is still readable
      sent += static_cast<std::size_t>(n);
    }
  }

  // Reads what arrives within `limit`, until the server closes or `done(data)`.
  template <class Done>
  std::string read(milliseconds limit, Done done) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done(m_data)) {
      const auto left = std::chrono::duration_cast<milliseconds>(until - std::chrono::steady_clock::now()).count();
      if (left <= 0) break;
      pollfd ready{m_fd, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left)) <= 0) break;
      char buffer[65536];
      const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
      if (n <= 0) {
        m_closed = true;
        break;
      }
      m_data.append(buffer, static_cast<std::size_t>(n));
    }
    return m_data;
  }

  // One whole response (status line, headers and Content-Length body), or what came within `limit`.
  std::string response(milliseconds limit = seconds(10)) {
    read(limit, [](const std::string& data) { return whole_responses(data) >= 1; });
    const std::size_t end = response_end(m_data, 0);
    std::string one = m_data.substr(0, end);
    m_data.erase(0, end);
    return one;
  }

  // True when the server closes the connection within `limit`.
  bool closed_within(milliseconds limit) {
    read(limit, [](const std::string&) { return false; });
    return m_closed;
  }

  static std::size_t response_end(const std::string& data, std::size_t from) {
    const std::size_t headers = data.find("\r\n\r\n", from);
    if (headers == std::string::npos) return data.size();
    std::size_t length = 0;
    const std::size_t field = data.find("Content-Length: ", from);
    if (field != std::string::npos && field < headers) length = std::stoul(data.substr(field + 16));
    return std::min(data.size(), headers + 4 + length);
  }
  static int whole_responses(const std::string& data) {
    int count = 0;
    std::size_t at = 0;
    while (at < data.size()) {
      const std::size_t headers = data.find("\r\n\r\n", at);
      if (headers == std::string::npos) break;
      const std::size_t end = response_end(data, at);
      std::size_t length = 0;
      const std::size_t field = data.find("Content-Length: ", at);
      if (field != std::string::npos && field < headers) length = std::stoul(data.substr(field + 16));
      if (end < headers + 4 + length) break;
      ++count;
      at = end;
    }
    return count;
  }

 private:
  int m_fd = -1;
  std::string m_data;
  bool m_closed = false;
};

int status_of(const std::string& response) {
  if (response.size() < 12 || !response.starts_with("HTTP/1.")) return 0;
  return std::stoi(response.substr(9, 3));
}

json body_of(const std::string& response) {
  const std::size_t start = response.find("\r\n\r\n");
  return start == std::string::npos ? json() : json::parse(response.substr(start + 4), nullptr, false);
}

const std::string kHealth = "GET /api/v1/health HTTP/1.1\r\nHost: test\r\n\r\n";

using Env = std::map<std::string, std::string>;

struct FrontServer {
  TempDir dir;
  ServerProcess process;
  explicit FrontServer(Env env) : process(dir.path(), std::move(env)) {}
};

}  // namespace

// 1,100 connections that send nothing, or half a request line, used to take
// every thread of the old front: a normal request then waited a minute.
TEST(Front, SilentAndSlowClientsNeverStarveOthers) {
  FrontServer front(Env{{"QSELF_MAX_CONNECTIONS_PER_CLIENT", "5000"}});
  std::vector<std::unique_ptr<RawConnection>> hostile;
  for (int i = 0; i < 1100; ++i) {
    hostile.push_back(std::make_unique<RawConnection>(front.process.port()));
    if (i % 2) hostile.back()->send("GET /api/v1/health HTTP/1.1\r\nHo");
  }
  RawConnection normal(front.process.port(), "127.0.0.2");
  normal.send(kHealth);
  const std::string answer = normal.response();
  EXPECT_EQ(status_of(answer), 200) << answer.substr(0, 200);
}

TEST(Front, SlowRequestsAndIdleConnectionsAreCutOff) {
  FrontServer front(Env{{"QSELF_REQUEST_TIMEOUT_SECONDS", "1"}, {"QSELF_KEEP_ALIVE_SECONDS", "1"}});
  RawConnection slow_header(front.process.port());
  slow_header.send("GET /api/v1/health HTTP/1.1\r\nHo");
  RawConnection slow_body(front.process.port());
  slow_body.send(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\n\r\n{\"email\":");
  RawConnection idle(front.process.port());
  idle.send(kHealth);
  EXPECT_EQ(status_of(idle.response()), 200);
  // Each deadline is a second; ten is only the test's patience.
  EXPECT_TRUE(slow_header.closed_within(seconds(10)));
  EXPECT_TRUE(slow_body.closed_within(seconds(10)));
  EXPECT_TRUE(idle.closed_within(seconds(10)));
}

TEST(Front, ConnectionsPastTheCapsAre503AndSlotsFreeOnClose) {
  FrontServer front(Env{{"QSELF_MAX_CONNECTIONS_PER_CLIENT", "4"}});
  const int port = front.process.port();
  std::vector<std::unique_ptr<RawConnection>> mine;
  for (int i = 0; i < 4; ++i) {
    mine.push_back(std::make_unique<RawConnection>(port));
    mine.back()->send(kHealth);  // keep-alive: each stays open after its answer
    EXPECT_EQ(status_of(mine.back()->response()), 200);
  }
  RawConnection fifth(port);
  fifth.send(kHealth);
  const std::string refused = fifth.response();
  EXPECT_EQ(status_of(refused), 503) << refused.substr(0, 200);
  EXPECT_NE(refused.find("Retry-After: "), std::string::npos);
  EXPECT_EQ(body_of(refused)["error"]["code"], "busy");
  EXPECT_TRUE(fifth.closed_within(seconds(10)));

  RawConnection other_client(port, "127.0.0.2");
  other_client.send(kHealth);
  EXPECT_EQ(status_of(other_client.response()), 200);

  mine.clear();
  int status = 0;
  for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {  // the server sees the closes soon
    RawConnection again(port);
    again.send(kHealth);
    status = status_of(again.response());
    if (status != 200) usleep(50000);
  }
  EXPECT_EQ(status, 200);
}

TEST(Front, ConnectionsPastTheTotalCapAre503) {
  FrontServer front(Env{{"QSELF_MAX_CONNECTIONS", "16"}});
  std::vector<std::unique_ptr<RawConnection>> open;
  for (int i = 0; i < 16; ++i) {
    open.push_back(std::make_unique<RawConnection>(front.process.port(), i % 2 ? "127.0.0.3" : "127.0.0.4"));
    open.back()->send(kHealth);
    EXPECT_EQ(status_of(open.back()->response()), 200);
  }
  RawConnection one_more(front.process.port(), "127.0.0.5");
  one_more.send(kHealth);
  EXPECT_EQ(status_of(one_more.response()), 503);
}

TEST(Front, HeadersOverTheLimitAre431InTheErrorShape) {
  FrontServer front(Env{});
  RawConnection connection(front.process.port());
  connection.send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\nX-Padding: " + std::string(20000, 'a') + "\r\n\r\n");
  const std::string answer = connection.response();
  EXPECT_EQ(status_of(answer), 431) << answer.substr(0, 200);
  const json body = body_of(answer);
  EXPECT_EQ(body["error"]["code"], "headers_too_large");
  EXPECT_TRUE(body["request_id"].is_string());

  RawConnection garbage(front.process.port());
  garbage.send("HELLO THERE\r\n\r\n");
  const std::string refused = garbage.response();
  EXPECT_EQ(status_of(refused), 400) << refused.substr(0, 200);
  EXPECT_EQ(body_of(refused)["error"]["code"], "bad_request");
}

TEST(Front, ChunkedBodiesPastTheLimitAre413AndChangeNothing) {
  FrontServer front(Env{});
  const Client client(front.process.port());
  const std::string token = client.sign_up("ada@example.org");
  RawConnection connection(front.process.port());
  std::string request = "POST /api/v1/trackers HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token +
                        "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(64 * 1024, 'x');
  request += "9\r\n{\"name\":\"\r\n";
  for (int i = 0; i < 20; ++i) request += "10000\r\n" + chunk + "\r\n";  // 1.25 MiB in all
  request += "2\r\n\"}\r\n0\r\n\r\n";
  connection.send(request);
  const std::string answer = connection.response();
  EXPECT_EQ(status_of(answer), 413) << answer.substr(0, 200);
  EXPECT_EQ(body_of(answer)["error"]["code"], "payload_too_large");
  EXPECT_TRUE(client.get("trackers", token).body["items"].empty());
}

TEST(Front, ExpectContinueAndPipelinedRequestsAreAnswered) {
  FrontServer front(Env{});
  RawConnection connection(front.process.port());
  const std::string body = R"({"email":"ada@example.org","password":"correct horse battery"})";
  connection.send(
      "POST /api/v1/auth/register HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  const std::string go_on =
      connection.read(seconds(10), [](const std::string& data) { return data.find("\r\n\r\n") != std::string::npos; });
  EXPECT_TRUE(go_on.starts_with("HTTP/1.1 100 Continue\r\n")) << go_on.substr(0, 100);
  connection.response();  // the 100 (no body)
  connection.send(body);
  EXPECT_EQ(status_of(connection.response()), 201);

  RawConnection pipelined(front.process.port());
  pipelined.send(kHealth + "GET /api/v1/nothing HTTP/1.1\r\nHost: t\r\n\r\n" + kHealth);
  EXPECT_EQ(status_of(pipelined.response()), 200);
  EXPECT_EQ(status_of(pipelined.response()), 404);
  EXPECT_EQ(status_of(pipelined.response()), 200);
}

// An answer whose timing must tell nothing (here: a verification link asked
// for, held back 500 ms whatever the address) waits on a timer, not on a
// thread: with a single thread, a request sent meanwhile is answered first.
TEST(Front, AnAnswerHeldBackForItsTimingHoldsNoThread) {
  FrontServer front(Env{{"QSELF_WORKERS", "1"}});
  const std::string body = R"({"email":"nobody@example.org"})";
  RawConnection paced(front.process.port());
  paced.send(
      "POST /api/v1/auth/verify/resend HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  // Only to let the server take the first request before the second arrives:
  // with a sleeping thread, the health check would then wait behind it.
  std::this_thread::sleep_for(milliseconds(100));
  RawConnection other(front.process.port(), "127.0.0.2");
  other.send(kHealth);
  EXPECT_EQ(status_of(other.response()), 200);
  EXPECT_EQ(paced.read(milliseconds(0), [](const std::string& data) { return !data.empty(); }), "")
      << "the held-back answer is still held back";
  const std::string answer = paced.response();
  EXPECT_EQ(status_of(answer), 202) << answer.substr(0, 200);
  EXPECT_EQ(body_of(answer)["status"], "check_email");
}
