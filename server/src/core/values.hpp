#pragma once
// Log values: reading them from natural JSON for a tracker's type, writing them
// back, and carrying them across a change of type.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/model.hpp"

namespace qself::core {

constexpr std::size_t kMaxTextValue = 10000;

// Reads a value given as natural JSON for the tracker's type: a number
// (numeric, within min/max, rounded to `decimals`), true/false (boolean), a
// choice label (choice), an integer 1..scale (rating), whole seconds (duration)
// or a non-empty string (text).
// Throws ValidationError naming `field` when the value does not fit.
StoredValue read_value(const Tracker& tracker, const nlohmann::json& value, const std::string& field = "value");

// The natural JSON for a stored value (the inverse of read_value).
nlohmann::json write_value(const Tracker& tracker, const StoredValue& value);

// A stored value in words: "yes", "good", "1:30", "72.5", "4" (a rating).
std::string describe_value(const Tracker& tracker, const StoredValue& value);

// Reads "1:30", "1:30:15" or "5400" as seconds.
std::optional<double> parse_duration_text(std::string_view text);

// A number with at most `decimals` places, trailing zeros dropped: "72.5", "8".
std::string format_number(double value, int decimals);

// Rounds to the tracker's decimals.
double round_to(double value, int decimals);

enum class Outcome { kept, rounded, dropped };

struct Converted {
  Outcome outcome = Outcome::kept;
  StoredValue value;
};

// What becomes of one stored value when a tracker changes from `from` to `to`
// (type, options or both).
Converted convert_value(const Tracker& from, const Tracker& to, const StoredValue& value);

// True when the change forgets what the stored numbers meant: choice labels
// that no longer exist.
bool conversion_loses_labels(const Tracker& from, const Tracker& to);

}  // namespace qself::core
