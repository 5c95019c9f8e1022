#pragma once
// Where a Web Push message goes: the endpoint URL a browser's push service
// gave it, and whether an address is one a hostile user could aim qself's
// requests at inside the operator's network (loopback, private ranges, link
// local…): those are refused unless the operator allows them.

#include <Poco/Net/IPAddress.h>

#include <optional>
#include <string>
#include <string_view>

namespace qself::push {

struct Endpoint {
  std::string scheme;  // "https" (or "http", for private targets the operator allows)
  std::string host;    // a name, or an IP address (an IPv6 one without brackets)
  int port = 443;
  std::string target;  // path and query, from the first "/"
  std::string origin;  // scheme://host[:port], the VAPID audience
};

inline constexpr std::size_t kMaxEndpointBytes = 1024;

// Reads an absolute http(s) URL with a host, without user info or fragment,
// of at most kMaxEndpointBytes printable ASCII characters; nullopt otherwise.
std::optional<Endpoint> parse_endpoint(std::string_view url);

// Loopback, unspecified, the private ranges (10/8, 172.16/12, 192.168/16,
// fc00::/7), shared address space (100.64/10), link-local, multicast,
// broadcast, documentation and reserved ranges, and IPv4 addresses mapped
// into IPv6 that are any of these.
bool is_private_address(const Poco::Net::IPAddress& address);

}  // namespace qself::push
