#pragma once
// Domain values as the API shows them (docs/api.md).

#include <nlohmann/json.hpp>

#include "core/model.hpp"

namespace qself::http {

nlohmann::json render(const core::User& user);
nlohmann::json render(const core::Tracker& tracker);
nlohmann::json render(const core::Tracker& tracker, const core::Log& log);

}  // namespace qself::http
