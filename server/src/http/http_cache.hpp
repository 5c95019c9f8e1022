#pragma once
// HTTP-level caching and compression: strong validators for GET responses
// (ETag / If-None-Match → 304) and gzip for bodies worth compressing.

#include <cstddef>
#include <string>
#include <string_view>

namespace qself::http {

// A weak entity tag of the body: W/"<64-bit FNV-1a in hex>"; stable across processes.
std::string etag_of(std::string_view body);

// True when an If-None-Match header value names `etag` (or is "*").
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// True when an Accept-Encoding header value allows gzip.
bool accepts_gzip(std::string_view accept_encoding);

// True for types that shrink when compressed (text, JSON, JavaScript, SVG).
bool is_compressible(std::string_view content_type);

// Bodies at least this long are sent gzipped to clients that accept it;
// smaller ones gain less than compressing them costs.
inline constexpr std::size_t kGzipFrom = 1024;

// The body in gzip format. Throws std::runtime_error if zlib fails.
std::string gzip(std::string_view body, int level);

}  // namespace qself::http
