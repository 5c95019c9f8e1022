#pragma once
// Sending one Web Push message to one browser's push service (RFC 8030 §5):
// the payload encrypted for the subscription (RFC 8291), signed for with
// VAPID (RFC 8292), over HTTPS, with a deadline on every step; or one JSON
// POST to a webhook.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "util/web_push.hpp"

namespace qself::push {

struct SenderConfig {
  util::web_push::KeyPair vapid;
  // The VAPID "sub" claim: how the push service's operator reaches qself's
  // ("mailto:…" or an https URL).
  std::string subject = "mailto:qself@localhost";
  // Private, loopback and link-local targets (and plain http to them) are
  // refused unless the operator allows them (QSELF_PUSH_ALLOW_PRIVATE).
  bool allow_private = false;
  std::chrono::milliseconds timeout{10000};  // connecting, and every read and write
  std::string ca_location = "/etc/ssl/certs";
};

struct Subscription {
  std::string endpoint;
  std::string p256dh;
  std::string auth;
};

enum class Urgency { low, normal, high };

struct PushRequest {
  std::string payload;                 // at most util::web_push::kMaxPlaintext bytes
  std::chrono::seconds ttl{4 * 3600};  // how long the push service may hold it for an offline browser
  Urgency urgency = Urgency::normal;
};

enum class Outcome {
  delivered,  // 201 (or another 2xx): the push service took it
  gone,       // 404 or 410: the subscription expired or was cancelled; forget it
  refused,    // another 4xx, a target refused by policy, a bad key: sending again will not help
  retry,      // 429, 5xx, a timeout or network error: try again later
};

struct Result {
  Outcome outcome = Outcome::retry;
  int status = 0;      // the push service's HTTP status, or 0 when none came
  std::string reason;  // words for the job's record, without the endpoint or keys
  std::optional<std::chrono::seconds> retry_after;
};

// Sends `request` to `subscription`; never throws for what the network or the
// push service does (see Result), only for a payload over the size limit
// (std::invalid_argument).
Result send(const SenderConfig& config, const Subscription& subscription, const PushRequest& request,
            std::chrono::sys_seconds now);

// POSTs `json` (application/json) to a webhook the user gave (ntfy, Gotify,
// Home Assistant…), under the same rules: https, no private targets unless
// allowed, the same timeouts and answers.
Result send_webhook(const SenderConfig& config, const std::string& url, const std::string& json);

}  // namespace qself::push
