#pragma once
// Test support: a push service stand-in on 127.0.0.1 (RFC 8030's role played
// over plain HTTP, which qself sends to only with QSELF_PUSH_ALLOW_PRIVATE=1).
// It makes browsers' subscriptions with keys of its own, and for each message
// it receives it checks the VAPID header (signature, audience, expiry),
// decrypts the body as that browser would (RFC 8291), and answers the status
// the test scripted. It also plays webhooks (a plain JSON POST).

#include <Poco/Net/HTTPServer.h>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace qself::testing {

class PushServiceStandIn {
 public:
  // What a browser holds: its endpoint and keys (the private one stays here).
  struct Browser {
    std::string name;
    std::string endpoint;  // http://127.0.0.1:<port>/push/<name>
    std::string p256dh;
    std::string auth;
    std::string private_key;
  };
  struct Received {
    std::string name;  // the browser it was for ("" for an unknown path)
    int answered = 0;  // the status the stand-in gave
    // The VAPID public key that signed (nullopt: no valid VAPID header).
    std::optional<std::string> vapid_key;
    std::optional<std::string> plaintext;        // nullopt: not a message for that browser's keys
    std::map<std::string, std::string> headers;  // lower-case names
  };

  // `clock` is what VAPID expiry is checked against (the test's pinned "now").
  explicit PushServiceStandIn(std::function<std::chrono::sys_seconds()> clock = {});
  ~PushServiceStandIn();
  PushServiceStandIn(const PushServiceStandIn&) = delete;
  PushServiceStandIn& operator=(const PushServiceStandIn&) = delete;

  int port() const { return m_port; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  // A new browser subscription with fresh keys.
  Browser subscribe(const std::string& name);
  // A webhook's URL (http://127.0.0.1:<port>/hook/<name>): what it receives
  // is kept as it came, without VAPID or encryption.
  std::string webhook(const std::string& name) const { return origin() + "/hook/" + name; }
  // The statuses the next requests for `name` get, in order; 201 after them.
  void answer(const std::string& name, std::vector<int> statuses);
  // Everything received so far, oldest first.
  std::vector<Received> received() const;
  std::vector<Received> received_by(const std::string& name) const;

 private:
  class Handler;
  class Factory;
  Received receive(const std::string& path, const std::map<std::string, std::string>& headers, const std::string& body);

  std::function<std::chrono::sys_seconds()> m_clock;
  mutable std::mutex m_mutex;
  std::map<std::string, Browser> m_browsers;
  std::map<std::string, std::deque<int>> m_answers;
  std::vector<Received> m_received;
  int m_port = 0;
  std::unique_ptr<Poco::Net::HTTPServer> m_server;
};

}  // namespace qself::testing
