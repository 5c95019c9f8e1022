#include "push/sender.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <charconv>
#include <stdexcept>
#include <vector>

#include "push/endpoint.hpp"
#include "util/tls.hpp"

namespace qself::push {
namespace {

// A push service's answer is a status and a few headers; its body is read no further.
constexpr std::streamsize kMaxResponseBody = 4096;
// The longest Retry-After honoured; a longer one is the job's own backoff's business.
constexpr std::chrono::seconds kLongestRetryAfter{3600};
// The VAPID token's lifetime (RFC 8292 allows up to 24 hours).
constexpr std::chrono::hours kVapidLifetime{12};

Poco::Timespan timespan(std::chrono::milliseconds duration) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()) * 1000);
}

std::string_view urgency_name(Urgency urgency) {
  switch (urgency) {
    case Urgency::low:
      return "low";
    case Urgency::high:
      return "high";
    case Urgency::normal:
      break;
  }
  return "normal";
}

Result failed(Outcome outcome, std::string reason, int status = 0) {
  Result result;
  result.outcome = outcome;
  result.status = status;
  result.reason = std::move(reason);
  return result;
}

// The addresses to try, after the private-network rule: every address the
// name has must pass, so a name that also resolves inside the network is
// refused whichever address a connection would take.
std::vector<Poco::Net::IPAddress> addresses_of(const std::string& host, bool allow_private, std::string& refusal) {
  std::vector<Poco::Net::IPAddress> addresses;
  Poco::Net::IPAddress literal;
  if (Poco::Net::IPAddress::tryParse(host, literal)) {
    addresses.push_back(literal);
  } else {
    const auto entry = Poco::Net::DNS::hostByName(host);
    addresses.assign(entry.addresses().begin(), entry.addresses().end());
  }
  if (!allow_private) {
    for (const auto& address : addresses) {
      if (is_private_address(address)) {
        refusal = "the push service's address is in a private network (QSELF_PUSH_ALLOW_PRIVATE allows it)";
        return {};
      }
    }
  }
  return addresses;
}

std::optional<std::chrono::seconds> retry_after_of(const Poco::Net::HTTPResponse& response) {
  // A copy: get() answers a reference to its default argument when the header is absent.
  const std::string text = response.get("Retry-After", "");
  long long seconds = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || seconds < 0) return std::nullopt;
  return std::min(std::chrono::seconds{seconds}, kLongestRetryAfter);
}

// POSTs `body` to `url` after the private-network rule, on a checked address,
// and reads the answer's status.
Result post(const SenderConfig& config, const Endpoint& endpoint, const std::string& body,
            const std::vector<std::pair<std::string, std::string>>& headers) {
  try {
    std::string refusal;
    const auto addresses = addresses_of(endpoint.host, config.allow_private, refusal);
    if (!refusal.empty()) return failed(Outcome::refused, refusal);
    Poco::Net::StreamSocket socket;
    bool connected = false;
    for (const auto& address : addresses) {
      try {
        socket.connect(Poco::Net::SocketAddress(address, static_cast<Poco::UInt16>(endpoint.port)),
                       timespan(config.timeout));
        connected = true;
        break;
      } catch (const Poco::Exception&) {
        socket = Poco::Net::StreamSocket();  // the next address, on a fresh socket
      }
    }
    if (!connected) return failed(Outcome::retry, "could not connect");
    socket.setSendTimeout(timespan(config.timeout));
    socket.setReceiveTimeout(timespan(config.timeout));
    if (endpoint.scheme == "https") {
      auto secure = Poco::Net::SecureStreamSocket::attach(
          socket, endpoint.host, util::verified_client_context(endpoint.host, config.ca_location));
      secure.completeHandshake();
      socket = secure;
    }
    Poco::Net::HTTPClientSession session(socket);
    session.setTimeout(timespan(config.timeout));
    session.setKeepAlive(false);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, endpoint.target,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost(endpoint.host, static_cast<Poco::UInt16>(endpoint.port));
    for (const auto& [name, value] : headers) request.set(name, value);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request).write(body.data(), static_cast<std::streamsize>(body.size()));
    Poco::Net::HTTPResponse response;
    auto& in = session.receiveResponse(response);
    std::vector<char> sink(static_cast<std::size_t>(kMaxResponseBody));
    in.read(sink.data(), kMaxResponseBody);
    const int status = static_cast<int>(response.getStatus());
    if (status >= 200 && status < 300) {
      Result result;
      result.outcome = Outcome::delivered;
      result.status = status;
      return result;
    }
    const std::string answered = "answered " + std::to_string(status);
    if (status == 404 || status == 410) return failed(Outcome::gone, answered, status);
    if (status == 429 || status >= 500) {
      auto result = failed(Outcome::retry, answered, status);
      result.retry_after = retry_after_of(response);
      return result;
    }
    return failed(Outcome::refused, answered, status);
  } catch (const Poco::TimeoutException&) {
    return failed(Outcome::retry, "no answer in time");
  } catch (const Poco::Net::SSLException&) {
    return failed(Outcome::retry, "TLS failed");
  } catch (const Poco::Net::HostNotFoundException&) {
    return failed(Outcome::retry, "the host name did not resolve");
  } catch (const Poco::Net::NoAddressFoundException&) {
    return failed(Outcome::retry, "the host name did not resolve");
  } catch (const Poco::Exception&) {
    return failed(Outcome::retry, "the connection failed");
  } catch (const std::invalid_argument&) {
    return failed(Outcome::refused, "cannot check the certificate for this host");
  }
}

// The endpoint, if qself may send to it: https, or http where private targets are allowed.
std::optional<Endpoint> sendable(const SenderConfig& config, const std::string& url, std::string& refusal) {
  auto endpoint = parse_endpoint(url);
  if (!endpoint) {
    refusal = "the URL is not one qself sends to";
  } else if (endpoint->scheme != "https" && !config.allow_private) {
    refusal = "the URL is not https";
    endpoint.reset();
  }
  return endpoint;
}

}  // namespace

Result send(const SenderConfig& config, const Subscription& subscription, const PushRequest& request,
            std::chrono::sys_seconds now) {
  if (request.payload.size() > util::web_push::kMaxPlaintext) {
    throw std::invalid_argument("a push payload is at most 3993 bytes");
  }
  std::string refusal;
  const auto endpoint = sendable(config, subscription.endpoint, refusal);
  if (!endpoint) return failed(Outcome::refused, refusal);
  std::string body;
  try {
    body = util::web_push::encrypt(request.payload, subscription.p256dh, subscription.auth);
  } catch (const std::invalid_argument&) {
    return failed(Outcome::refused, "the subscription's keys are not P-256 keys");
  }
  const auto vapid = util::web_push::vapid_authorization(
      endpoint->origin, config.subject, now + std::chrono::duration_cast<std::chrono::seconds>(kVapidLifetime),
      config.vapid);
  auto result = post(config, *endpoint, body,
                     {{"TTL", std::to_string(request.ttl.count())},
                      {"Urgency", std::string(urgency_name(request.urgency))},
                      {"Content-Encoding", "aes128gcm"},
                      {"Content-Type", "application/octet-stream"},
                      {"Authorization", vapid}});
  result.reason = "push service: " + result.reason;
  return result;
}

Result send_webhook(const SenderConfig& config, const std::string& url, const std::string& json) {
  std::string refusal;
  const auto endpoint = sendable(config, url, refusal);
  if (!endpoint) return failed(Outcome::refused, "webhook: " + refusal);
  auto result = post(config, *endpoint, json, {{"Content-Type", "application/json"}});
  // A webhook is gone when its server says so (410); a 404 may be a typo the user should see fixed.
  if (result.outcome == Outcome::gone && result.status == 404) result.outcome = Outcome::refused;
  result.reason = "webhook: " + result.reason;
  return result;
}

}  // namespace qself::push
