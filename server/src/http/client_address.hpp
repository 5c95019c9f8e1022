#pragma once
// Which address a request comes from, for the limits kept per client.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qself::http {

// The canonical text of an IPv4 or IPv6 address ("::FFFF:1.2.3.4" → "::ffff:1.2.3.4"),
// or nothing when `text` is not one.
std::optional<std::string> canonical_ip(std::string_view text);

// The client of a request that arrived from `peer` (canonical): the peer itself,
// or — when the peer is one of `trusted_proxies` (canonical) — the nearest
// X-Forwarded-For entry that is not a trusted proxy, read from the right (each
// proxy appends the address it saw). A malformed entry ends the trust: the
// last trusted hop is the client then, since nothing to its left can be believed.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace qself::http
