#include "http/cached.hpp"

#include "http/http_cache.hpp"

namespace qself::http {

std::shared_ptr<CachedBody> make_cached_body(std::string text) {
  auto body = std::make_shared<CachedBody>();
  body->body = std::move(text);
  body->etag = etag_of(body->body);
  if (body->body.size() >= kGzipFrom) body->gzipped = std::make_shared<const std::string>(gzip(body->body, 6));
  return body;
}

Response cached_json(ResponseCache& cache, std::int64_t user_id, const std::string& key,
                     const std::function<std::string()>& render) {
  Response response;
  const auto version = cache.version(user_id);  // read before computing: a later write makes a newer version
  std::shared_ptr<const CachedBody> body = version ? cache.get(user_id, *version, key) : nullptr;
  if (!body) {
    if (version) {
      body = make_cached_body(render());
      cache.put(user_id, *version, key, body);
    } else {
      auto computed = std::make_shared<CachedBody>();  // nothing keeps it: no gzipped copy
      computed->body = render();
      computed->etag = etag_of(computed->body);
      body = computed;
    }
  }
  response.body = body->body;
  response.etag = body->etag;
  response.gzipped = body->gzipped;
  return response;
}

}  // namespace qself::http
