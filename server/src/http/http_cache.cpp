#include "http/http_cache.hpp"

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace qself::http {

std::string etag_of(std::string_view body) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : body) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "W/\"%016llx\"", static_cast<unsigned long long>(hash));
  return buffer;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  // A list of tags; weak comparison, so W/ prefixes are ignored on both sides.
  const auto strip = [](std::string_view tag) {
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
  };
  const std::string_view wanted = strip(etag);
  std::size_t start = 0;
  while (start <= if_none_match.size()) {
    const std::size_t comma = if_none_match.find(',', start);
    const auto tag =
        strip(if_none_match.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (tag == wanted) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

bool accepts_gzip(std::string_view accept_encoding) {
  const auto at = accept_encoding.find("gzip");
  if (at == std::string_view::npos) return false;
  // "gzip;q=0" refuses it.
  const auto rest = accept_encoding.substr(at + 4);
  const auto next = rest.find(',');
  const auto params = rest.substr(0, next);
  return params.find("q=0") == std::string_view::npos || params.find("q=0.") != std::string_view::npos;
}

bool is_compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
         content_type.starts_with("application/yaml") || content_type.starts_with("image/svg+xml") ||
         content_type.starts_with("application/manifest+json");
}

std::string gzip(std::string_view body, int level) {
  z_stream stream{};
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  const auto written = stream.total_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
  out.resize(written);
  return out;
}

}  // namespace qself::http
