#pragma once
// The rules of a tracker's definition: which fields it has, what each accepts,
// and how options are written for each type.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/errors.hpp"
#include "core/model.hpp"

namespace qself::core {

enum class FieldsMode { create, update };

// Applies the tracker fields present in `body` to `tracker`, checking each.
// In create mode `name` and `type` are required. Throws ValidationError naming
// every field that is wrong (nested fields as "options.choices", "target.value").
void apply_tracker_fields(Tracker& tracker, const nlohmann::json& body, FieldsMode mode);

// The options that matter for `type`, as the API shows them.
nlohmann::json write_options(TrackerType type, const TrackerOptions& options);

// Options as stored by write_options; trusted input, unknown keys ignored.
TrackerOptions read_stored_options(TrackerType type, const std::string& stored);

}  // namespace qself::core
