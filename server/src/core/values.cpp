#include "core/values.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "core/units.hpp"
#include "core/validation.hpp"

namespace qself::core {
namespace {

bool is_whole(double value) { return std::isfinite(value) && std::floor(value) == value; }

std::string range_text(const TrackerOptions& options) {
  if (options.min && options.max) {
    return "between " + format_number(*options.min, 6) + " and " + format_number(*options.max, 6);
  }
  if (options.min) return "at least " + format_number(*options.min, 6);
  return "at most " + format_number(*options.max, 6);
}

// Checks a number against the target type; the problem, if any, is put in `problem`.
std::optional<double> fit_number(const Tracker& tracker, double value, std::string& problem) {
  const auto& options = tracker.options;
  if (!std::isfinite(value)) {
    problem = "must be a finite number";
    return std::nullopt;
  }
  switch (tracker.type) {
    case TrackerType::numeric: {
      // Checked before rounding too: rounding 1e308 to its decimals overflows.
      if (auto size = number_problem(value)) {
        problem = *size;
        return std::nullopt;
      }
      const double rounded = round_to(value, options.decimals) + 0.0;  // + 0.0: -0 is stored as 0
      if (auto size = number_problem(rounded)) {
        problem = *size;
        return std::nullopt;
      }
      if ((options.min && rounded < *options.min) || (options.max && rounded > *options.max)) {
        problem = "must be " + range_text(options);
        return std::nullopt;
      }
      return rounded;
    }
    case TrackerType::boolean:
      if (value == 0 || value == 1) return value;
      problem = "must be true or false";
      return std::nullopt;
    case TrackerType::choice:
      if (is_whole(value) && find_choice(options, static_cast<std::int64_t>(value))) return value;
      problem = "must be one of the choices";
      return std::nullopt;
    case TrackerType::rating:
      if (is_whole(value) && value >= 1 && value <= options.scale) return value;
      problem = "must be a whole number from 1 to " + std::to_string(options.scale);
      return std::nullopt;
    case TrackerType::duration:
      if (value >= 0 && value <= kMaxDurationSeconds) return std::round(value);
      problem = "must be from 0 to 24 hours (86400 seconds)";
      return std::nullopt;
    case TrackerType::text:
      break;
  }
  problem = "must be text";
  return std::nullopt;
}

// Reads a text as a value of the tracker's type, as a person would type it.
std::optional<StoredValue> read_text_as(const Tracker& tracker, std::string_view raw) {
  const std::string text = trim(raw);
  std::string problem;
  switch (tracker.type) {
    case TrackerType::text:
      if (text.empty()) return std::nullopt;
      return StoredValue{std::nullopt, std::string(raw)};
    case TrackerType::boolean: {
      const std::string lower = to_lower(text);
      if (lower == "yes" || lower == "true" || lower == "1" || lower == "y") return StoredValue{1.0, {}};
      if (lower == "no" || lower == "false" || lower == "0" || lower == "n") return StoredValue{0.0, {}};
      return std::nullopt;
    }
    case TrackerType::choice: {
      if (const Choice* choice = find_choice(tracker.options, text)) return StoredValue{double(choice->id), {}};
      return std::nullopt;
    }
    case TrackerType::duration: {
      const auto seconds = parse_duration_text(text);
      if (!seconds) return std::nullopt;
      if (auto fitted = fit_number(tracker, *seconds, problem)) return StoredValue{*fitted, {}};
      return std::nullopt;
    }
    case TrackerType::numeric:
    case TrackerType::rating: {
      if (text.empty()) return std::nullopt;
      char* end = nullptr;
      const double number = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size()) return std::nullopt;
      if (auto fitted = fit_number(tracker, number, problem)) return StoredValue{*fitted, {}};
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string format_number(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text = buffer;
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text == "-0" ? "0" : text;
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

std::optional<double> parse_duration_text(std::string_view raw) {
  const std::string text = trim(raw);
  if (text.empty()) return std::nullopt;
  long parts[3] = {0, 0, 0};
  int count = 0;
  std::size_t pos = 0;
  while (pos <= text.size() && count < 3) {
    const std::size_t colon = text.find(':', pos);
    const std::string piece = text.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
    if (piece.empty() || piece.size() > 9) return std::nullopt;
    for (char c : piece) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    parts[count++] = std::stol(piece);
    if (colon == std::string::npos) break;
    pos = colon + 1;
    if (count == 3) return std::nullopt;
  }
  if (count == 1) return double(parts[0]);
  if (parts[1] > 59 || (count == 3 && parts[2] > 59)) return std::nullopt;
  return double(parts[0] * 3600 + parts[1] * 60 + (count == 3 ? parts[2] : 0));
}

StoredValue read_value(const Tracker& tracker, const NaturalValue& value, const std::string& field) {
  const auto fail = [&](const std::string& problem) -> StoredValue { throw ValidationError(field, problem); };
  const auto* text = std::get_if<std::string>(&value.kind);
  const auto* number = std::get_if<double>(&value.kind);
  switch (tracker.type) {
    case TrackerType::text: {
      if (!text) return fail("must be text");
      if (trim(*text).empty()) return fail("must not be empty");
      if (utf8_length(*text) > kMaxTextValue) return fail("must be at most 10000 characters");
      if (auto problem = free_text_problem(*text)) return fail(*problem);
      return StoredValue{std::nullopt, *text};
    }
    case TrackerType::boolean:
      if (const auto* yes = std::get_if<bool>(&value.kind)) return StoredValue{*yes ? 1.0 : 0.0, {}};
      return fail("must be true or false");
    case TrackerType::choice: {
      if (!text) return fail("must be one of the choices");
      for (const auto& choice : tracker.options.choices) {
        if (choice.label == *text) return StoredValue{double(choice.id), {}};
      }
      return fail("must be one of: " + join(choice_labels(tracker.options), ", "));
    }
    case TrackerType::numeric:
    case TrackerType::rating:
    case TrackerType::duration: {
      if (!number) {
        return fail(tracker.type == TrackerType::duration ? "must be a number of seconds" : "must be a number");
      }
      if (tracker.type != TrackerType::numeric && !is_whole(*number)) {
        return fail(tracker.type == TrackerType::rating
                        ? "must be a whole number from 1 to " + std::to_string(tracker.options.scale)
                        : "must be whole seconds");
      }
      std::string problem;
      if (auto fitted = fit_number(tracker, *number, problem)) return StoredValue{*fitted, {}};
      return fail(problem);
    }
  }
  return fail("is not valid");
}

std::string describe_value(const Tracker& tracker, const StoredValue& value) {
  if (tracker.type == TrackerType::text) return value.text.value_or("");
  if (!value.number) return "";
  const double number = *value.number;
  switch (tracker.type) {
    case TrackerType::boolean:
      return number != 0 ? "yes" : "no";
    case TrackerType::choice: {
      if (const Choice* choice = find_choice(tracker.options, static_cast<std::int64_t>(number))) return choice->label;
      return format_number(number, 0);
    }
    case TrackerType::duration: {
      const auto total = static_cast<long long>(number);
      char buffer[48];
      if (total % 60 != 0) {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
      } else {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", total / 3600, total / 60 % 60);
      }
      return buffer;
    }
    case TrackerType::numeric:
      return format_number(number, tracker.options.decimals);
    default:
      return format_number(number, 6);
  }
}

Converted convert_value(const Tracker& from, const Tracker& to, const StoredValue& value) {
  if (to.type == TrackerType::text) {
    if (from.type == TrackerType::text) return {Outcome::kept, value};
    return {Outcome::kept, StoredValue{std::nullopt, describe_value(from, value)}};
  }
  if (from.type == TrackerType::text) {
    const auto read = read_text_as(to, value.text.value_or(""));
    if (!read) return {Outcome::dropped, value};
    // A number typed with more decimals than the tracker keeps loses them.
    const bool rounded =
        to.type == TrackerType::numeric && std::strtod(trim(*value.text).c_str(), nullptr) != *read->number;
    return {rounded ? Outcome::rounded : Outcome::kept, *read};
  }
  if (!value.number) return {Outcome::dropped, value};
  if (to.type == TrackerType::choice && (from.type == TrackerType::numeric || from.type == TrackerType::duration)) {
    // A number becomes the choice that reads the same ("3"), never the choice whose id it happens to be.
    const Choice* same = find_choice(to.options, describe_value(from, value));
    if (!same) return {Outcome::dropped, value};
    return {Outcome::kept, StoredValue{static_cast<double>(same->id), {}}};
  }
  std::string problem;
  const auto fitted = fit_number(to, *value.number, problem);
  if (!fitted) return {Outcome::dropped, value};
  return {*fitted == *value.number ? Outcome::kept : Outcome::rounded, StoredValue{*fitted, {}}};
}

std::string show_number(const Tracker& tracker, std::optional<double> value, int decimals) {
  if (!value) return "—";
  if (tracker.type == TrackerType::duration) return describe_value(tracker, StoredValue{std::round(*value), {}});
  const int places =
      tracker.type == TrackerType::numeric ? std::max(tracker.options.decimals, decimals == 0 ? 0 : 1) : decimals;
  std::string text = format_number(*value, places);
  if (!tracker.unit.empty() && tracker.type == TrackerType::numeric) {
    text += " " + unit_after(round_to(*value, places), tracker.unit);  // "1 glass", "2 glasses"
  }
  return text;
}

}  // namespace qself::core
