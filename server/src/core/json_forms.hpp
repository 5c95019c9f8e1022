#pragma once
// The JSON forms of log values (and, in time, of trackers' definitions): one
// wire format shared by the API (http/parse.cpp reads bodies, http/render.cpp
// writes answers), qself's export files (services/data_service.cpp writes them,
// the qself-json importer reads them back) and the stored options column. The
// rules that check what was read are JSON-free (core/values.hpp,
// core/tracker_rules.hpp).

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "core/values.hpp"

namespace qself::core {

// A value as JSON gives it: true/false, a number or a string; anything else
// (null, a list, an object) is NaturalValue::Other, which read_value refuses.
NaturalValue read_natural_value(const nlohmann::json& value);

// The natural JSON for a stored value (the inverse of read_value): whole
// numbers are written without a fraction; null when the value has no meaning
// for the tracker (a choice since removed).
nlohmann::json write_value(const Tracker& tracker, const StoredValue& value);

}  // namespace qself::core
