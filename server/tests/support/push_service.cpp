#include "support/push_service.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "util/crypto.hpp"
#include "util/web_push.hpp"

namespace qself::testing {

class PushServiceStandIn::Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(PushServiceStandIn& owner) : m_owner(owner) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    std::map<std::string, std::string> headers;
    for (const auto& [name, value] : request) {
      std::string lower = name;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      headers[lower] = value;
    }
    std::string body(std::istreambuf_iterator<char>(request.stream()), {});
    const auto received = request.getMethod() == "POST" ? m_owner.receive(request.getURI(), headers, body)
                                                        : Received{"", 405, {}, {}, headers};
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(received.answered));
    response.setContentLength(0);
    response.send();
  }

 private:
  PushServiceStandIn& m_owner;
};

class PushServiceStandIn::Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(PushServiceStandIn& owner) : m_owner(owner) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(m_owner);
  }

 private:
  PushServiceStandIn& m_owner;
};

PushServiceStandIn::PushServiceStandIn(std::function<std::chrono::sys_seconds()> clock) : m_clock(std::move(clock)) {
  if (!m_clock) m_clock = [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); };
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));  // held from here on: no port race
  m_port = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(4);
  m_server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket, params);
  m_server->start();
}

PushServiceStandIn::~PushServiceStandIn() { m_server->stopAll(true); }

PushServiceStandIn::Browser PushServiceStandIn::subscribe(const std::string& name) {
  const auto keys = util::web_push::generate_key_pair();
  Browser browser;
  browser.name = name;
  browser.endpoint = origin() + "/push/" + name;
  browser.p256dh = keys.public_key;
  browser.private_key = keys.private_key;
  const auto secret = util::random_token(12);  // 16 bytes of URL-safe text: any 16 bytes will do
  browser.auth = util::web_push::base64url(secret.substr(0, 16));
  std::lock_guard lock(m_mutex);
  m_browsers[name] = browser;
  return browser;
}

void PushServiceStandIn::answer(const std::string& name, std::vector<int> statuses) {
  std::lock_guard lock(m_mutex);
  auto& queue = m_answers[name];
  queue.insert(queue.end(), statuses.begin(), statuses.end());
}

std::vector<PushServiceStandIn::Received> PushServiceStandIn::received() const {
  std::lock_guard lock(m_mutex);
  return m_received;
}

std::vector<PushServiceStandIn::Received> PushServiceStandIn::received_by(const std::string& name) const {
  std::vector<Received> found;
  for (auto& item : received()) {
    if (item.name == name) found.push_back(std::move(item));
  }
  return found;
}

PushServiceStandIn::Received PushServiceStandIn::receive(const std::string& path,
                                                         const std::map<std::string, std::string>& headers,
                                                         const std::string& body) {
  Received received;
  received.headers = headers;
  const std::string prefix = "/push/";
  const std::string hooks = "/hook/";
  std::lock_guard lock(m_mutex);
  const auto browser = path.starts_with(prefix) ? m_browsers.find(path.substr(prefix.size())) : m_browsers.end();
  if (path.starts_with(hooks)) {
    received.name = path.substr(hooks.size());
    received.plaintext = body;
    auto& queue = m_answers[received.name];
    received.answered = queue.empty() ? 200 : queue.front();
    if (!queue.empty()) queue.pop_front();
  } else if (browser == m_browsers.end()) {
    received.answered = 404;
  } else {
    received.name = browser->first;
    if (const auto authorization = headers.find("authorization"); authorization != headers.end()) {
      received.vapid_key = util::web_push::verify_vapid(authorization->second, origin(), m_clock());
    }
    const auto encoding = headers.find("content-encoding");
    if (encoding != headers.end() && encoding->second == "aes128gcm") {
      received.plaintext = util::web_push::decrypt(body, browser->second.private_key, browser->second.auth);
    }
    auto& queue = m_answers[received.name];
    if (!received.vapid_key) {
      received.answered = 401;  // as a push service does without a valid VAPID token
    } else if (!received.plaintext) {
      received.answered = 400;
    } else if (!queue.empty()) {
      received.answered = queue.front();
      queue.pop_front();
    } else {
      received.answered = 201;
    }
  }
  m_received.push_back(received);
  return received;
}

}  // namespace qself::testing
