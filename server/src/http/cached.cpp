#include "http/cached.hpp"

#include "http/http_cache.hpp"

namespace qself::http {

Response cached_json(services::UserCache& cache, std::int64_t user_id, const std::string& key,
                     const std::function<std::string()>& render) {
  Response response;
  const auto version = cache.version(user_id);  // read before computing: a later write makes a newer version
  if (version) {
    if (const auto hit = cache.get(user_id, *version, key)) {
      response.body = hit->body;
      response.etag = hit->etag;
      response.gzipped = hit->gzipped;
      return response;
    }
  }
  auto body = std::make_shared<services::CachedBody>();
  body->body = render();
  body->etag = etag_of(body->body);
  if (version) {
    if (body->body.size() >= kGzipFrom) body->gzipped = std::make_shared<const std::string>(gzip(body->body, 6));
    cache.put(user_id, *version, key, body);
  }
  response.body = body->body;
  response.etag = body->etag;
  response.gzipped = body->gzipped;
  return response;
}

}  // namespace qself::http
