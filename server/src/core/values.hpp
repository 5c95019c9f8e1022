#pragma once
// Log values: reading a natural value for a tracker's type, describing it in
// words, and carrying it across a change of type. Their JSON form is in
// core/json_forms.hpp.

#include <concepts>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include "core/model.hpp"

namespace qself::core {

constexpr std::size_t kMaxTextValue = 10000;
// The longest duration one log holds: 24 hours. A log is one stretch of
// something done (sleep, reading, a workout); "25:00" is a typo, not a night.
constexpr double kMaxDurationSeconds = 24.0 * 3600;

// A log value as a person or a file gives it, before it meets its tracker's
// type: yes/no, a number or text. `Other` is anything else a client sent (null,
// a list, an object), which no tracker takes; read_value words why.
struct NaturalValue {
  struct Other {
    bool operator==(const Other&) const = default;
  };
  std::variant<Other, bool, double, std::string> kind;

  NaturalValue() = default;  // Other
  NaturalValue(bool yes) : kind(yes) {}
  template <class Number>
  requires std::is_arithmetic_v<Number> &&(!std::same_as<Number, bool>)NaturalValue(Number number)
      : kind(static_cast<double>(number)) {}
  NaturalValue(std::string text) : kind(std::move(text)) {}
  NaturalValue(const char* text) : kind(std::string(text)) {}

  bool operator==(const NaturalValue&) const = default;
};

// Reads a natural value for the tracker's type: a number (numeric, within
// min/max, rounded to `decimals`), true/false (boolean), a choice label
// (choice), an integer 1..scale (rating), whole seconds (duration) or a
// non-empty string (text).
// Throws ValidationError naming `field` when the value does not fit.
StoredValue read_value(const Tracker& tracker, const NaturalValue& value, const std::string& field = "value");

// A stored value in words: "yes", "good", "1:30", "72.5", "4" (a rating).
std::string describe_value(const Tracker& tracker, const StoredValue& value);

// Reads "1:30", "1:30:15" or "5400" as seconds.
std::optional<double> parse_duration_text(std::string_view text);

// A number with at most `decimals` places, trailing zeros dropped: "72.5", "8".
std::string format_number(double value, int decimals);

// A number in the tracker's own terms, for people (emails, insights): h:mm for
// durations; for numbers the tracker's decimals but at least one when
// `decimals` is not 0, and its unit ("1 glass", "2.5 kg"); otherwise
// `decimals` places. "—" for no value.
std::string show_number(const Tracker& tracker, std::optional<double> value, int decimals = 2);

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

}  // namespace qself::core
