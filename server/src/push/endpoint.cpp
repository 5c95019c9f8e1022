#include "push/endpoint.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace qself::push {
namespace {

bool is_host_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'; }

bool private_v4(const std::uint8_t* b) {
  return b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && (b[1] & 0xc0) == 64) ||
         (b[0] == 169 && b[1] == 254) || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168) ||
         (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2)) || (b[0] == 198 && (b[1] & 0xfe) == 18) ||
         (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113) || b[0] >= 224;
}

}  // namespace

std::optional<Endpoint> parse_endpoint(std::string_view url) {
  if (url.empty() || url.size() > kMaxEndpointBytes) return std::nullopt;
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f) return std::nullopt;
  }
  Endpoint endpoint;
  std::string_view rest;
  if (url.starts_with("https://")) {
    endpoint.scheme = "https";
    endpoint.port = 443;
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    endpoint.scheme = "http";
    endpoint.port = 80;
    rest = url.substr(7);
  } else {
    return std::nullopt;
  }
  if (rest.find('#') != std::string_view::npos) return std::nullopt;
  const auto slash = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, slash);
  endpoint.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (endpoint.target.front() == '?') endpoint.target.insert(0, "/");
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(1, close - 1);
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
    }
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(std::string(host), address) || address.family() != Poco::Net::IPAddress::IPv6) {
      return std::nullopt;
    }
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    if (host.empty() || host.size() > 253) return std::nullopt;
    for (const char c : host) {
      if (!is_host_char(c)) return std::nullopt;
    }
  }
  if (!port.empty() || authority.back() == ':') {
    int number = 0;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (port.empty() || error != std::errc() || end != port.data() + port.size() || number < 1 || number > 65535) {
      return std::nullopt;
    }
    endpoint.port = number;
  }
  endpoint.host = std::string(host);
  for (auto& c : endpoint.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool default_port = endpoint.port == (endpoint.scheme == "https" ? 443 : 80);
  const bool v6 = host.find(':') != std::string_view::npos;
  endpoint.origin = endpoint.scheme + "://" + (v6 ? "[" + endpoint.host + "]" : endpoint.host) +
                    (default_port ? "" : ":" + std::to_string(endpoint.port));
  return endpoint;
}

bool is_private_address(const Poco::Net::IPAddress& address) {
  const auto* bytes = static_cast<const std::uint8_t*>(address.addr());
  if (address.family() == Poco::Net::IPAddress::IPv4) return private_v4(bytes);
  std::array<std::uint8_t, 16> b{};
  std::memcpy(b.data(), bytes, b.size());
  static constexpr std::array<std::uint8_t, 12> kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMapped.begin(), kMapped.end(), b.begin())) return private_v4(b.data() + 12);
  bool zero_prefix = true;  // ::, ::1 and the old IPv4-compatible form
  for (int i = 0; i < 12; ++i) zero_prefix = zero_prefix && b[i] == 0;
  if (zero_prefix) return true;
  return (b[0] & 0xfe) == 0xfc                                              // unique local fc00::/7
         || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)                         // link-local fe80::/10
         || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)                         // site-local fec0::/10 (deprecated)
         || b[0] == 0xff                                                    // multicast
         || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)  // documentation 2001:db8::/32
         || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)  // NAT64 64:ff9b::/96 (reaches IPv4)
         || (b[0] == 0x20 && b[1] == 0x02);                                 // 6to4 2002::/16 (embeds IPv4)
}

}  // namespace qself::push
