#pragma once
// The JSON forms of log values and of trackers' definitions: one wire format shared by the API (http/parse.cpp reads
// bodies, http/render.cpp writes answers), qself's export files (services/data_service.cpp writes them, the qself-json
// importer reads them back) and the stored options column. The rules that check what was read are JSON-free
// (core/values.hpp, core/tracker_rules.hpp).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "core/sent.hpp"
#include "core/tracker_rules.hpp"
#include "core/values.hpp"

namespace qself::core {

// The field `key` of a JSON object as sent: left out, null, the value `read`
// makes of it (a std::optional<T>), or malformed when `read` makes nothing.
template <class T, class Read>
Sent<T> read_sent(const nlohmann::json& object, std::string_view key, Read read) {
  const auto found = object.find(key);
  if (found == object.end()) return {};
  if (found->is_null()) return Sent<T>::null();
  if (std::optional<T> value = read(*found)) return Sent<T>(std::move(*value));
  return Sent<T>::malformed();
}

// Readers for read_sent: a string, true/false, a whole number, a finite number.
std::optional<std::string> as_text(const nlohmann::json& value);
std::optional<bool> as_flag(const nlohmann::json& value);
std::optional<std::int64_t> as_integer(const nlohmann::json& value);
std::optional<double> as_number(const nlohmann::json& value);

// A tracker's definition, or a change to it, as JSON gives it: a value of the
// wrong kind is malformed, for apply_tracker_fields to word. Unknown keys are
// ignored. Throws BadRequest when `body` is not an object.
TrackerFields read_tracker_fields(const nlohmann::json& body);

// The options that matter for `type`, as the API shows them.
nlohmann::json write_options(TrackerType type, const TrackerOptions& options);

// A tracker's target as the API and export files show it, or null: its period
// is always named (the tracker's frequency when it has none of its own).
nlohmann::json write_target(const Tracker& tracker);

// A tracker's own reminder schedule as the API shows it: {"times": ["08:00"],
// "days": ["mon", …]}, or null when it has none.
nlohmann::json write_reminder_schedule(const Tracker& tracker);

// Options as stored by write_options; trusted input, unknown keys ignored.
TrackerOptions read_stored_options(TrackerType type, const std::string& stored);

// A value as JSON gives it: true/false, a number or a string; anything else
// (null, a list, an object) is NaturalValue::Other, which read_value refuses.
NaturalValue read_natural_value(const nlohmann::json& value);

// The natural JSON for a stored value (the inverse of read_value): whole
// numbers are written without a fraction; null when the value has no meaning
// for the tracker (a choice since removed).
nlohmann::json write_value(const Tracker& tracker, const StoredValue& value);

}  // namespace qself::core
