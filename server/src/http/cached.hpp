#pragma once
// Serves a user's GET from the UserCache when its data has not changed since,
// and fills the cache otherwise.

#include <functional>
#include <string>

#include "http/request.hpp"
#include "services/user_cache.hpp"

namespace qself::http {

// `key` names the resource and its parameters; `render` computes the JSON body.
Response cached_json(services::UserCache& cache, std::int64_t user_id, const std::string& key,
                     const std::function<std::string()>& render);

}  // namespace qself::http
