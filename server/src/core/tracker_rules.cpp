#include "core/tracker_rules.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"

namespace qself::core {
namespace {

using nlohmann::json;
using Fields = ValidationError::Fields;

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxDescription = 1000;
constexpr std::size_t kMaxUnit = 30;
constexpr std::size_t kMaxIcon = 8;
constexpr std::size_t kMaxChoices = 50;
constexpr std::size_t kMaxLabel = 100;

bool is_finite_number(const json& value) { return value.is_number() && std::isfinite(value.get<double>()); }

bool is_color(const std::string& text) {
  if (text.size() != 7 || text[0] != '#') return false;
  for (std::size_t i = 1; i < 7; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

// Reads an optional string field with a length limit; answers whether it was present and valid.
bool read_text(const json& body, const char* key, std::size_t max, std::string& out, Fields& errors,
               bool trim_it = true) {
  const auto found = body.find(key);
  if (found == body.end()) return false;
  if (found->is_null()) {
    out.clear();
    return true;
  }
  if (!found->is_string()) {
    errors[key] = "must be text";
    return false;
  }
  std::string value = trim_it ? trim(found->get_ref<const std::string&>()) : found->get<std::string>();
  if (utf8_length(value) > max) {
    errors[key] = "must be at most " + std::to_string(max) + " characters";
    return false;
  }
  out = std::move(value);
  return true;
}

void read_labels(const json& list, const char* field, std::vector<std::string>& out, Fields& errors, bool distinct) {
  if (!list.is_array()) {
    errors[field] = "must be a list of labels";
    return;
  }
  std::vector<std::string> labels;
  std::set<std::string> seen;
  for (const auto& item : list) {
    if (!item.is_string() || trim(item.get_ref<const std::string&>()).empty()) {
      errors[field] = "every label must be non-empty text";
      return;
    }
    std::string label = trim(item.get_ref<const std::string&>());
    if (utf8_length(label) > kMaxLabel) {
      errors[field] = "labels must be at most 100 characters";
      return;
    }
    if (distinct && !seen.insert(to_lower(label)).second) {
      errors[field] = "labels must be different from each other";
      return;
    }
    labels.push_back(std::move(label));
  }
  out = std::move(labels);
}

void read_options(TrackerType type, const json& options, TrackerOptions& out, Fields& errors) {
  if (!options.is_object()) {
    errors["options"] = "must be an object";
    return;
  }
  TrackerOptions result = out;
  switch (type) {
    case TrackerType::numeric: {
      for (const char* key : {"min", "max"}) {
        auto& bound = std::string(key) == "min" ? result.min : result.max;
        const auto found = options.find(key);
        if (found == options.end()) continue;
        if (found->is_null()) {
          bound.reset();
        } else if (is_finite_number(*found)) {
          bound = found->get<double>();
        } else {
          errors[std::string("options.") + key] = "must be a number or null";
        }
      }
      if (result.min && result.max && *result.min > *result.max) {
        errors["options.max"] = "must not be less than min";
      }
      if (const auto found = options.find("decimals"); found != options.end()) {
        if (found->is_number_integer() && found->get<std::int64_t>() >= 0 && found->get<std::int64_t>() <= 6) {
          result.decimals = found->get<int>();
        } else {
          errors["options.decimals"] = "must be a whole number from 0 to 6";
        }
      }
      break;
    }
    case TrackerType::choice: {
      const auto found = options.find("choices");
      if (found == options.end()) break;
      read_labels(*found, "options.choices", result.choices, errors, true);
      if (result.choices.size() > kMaxChoices) errors["options.choices"] = "must have at most 50 choices";
      break;
    }
    case TrackerType::rating: {
      if (const auto found = options.find("scale"); found != options.end()) {
        if (found->is_number_integer() && found->get<std::int64_t>() >= 2 && found->get<std::int64_t>() <= 10) {
          result.scale = found->get<int>();
        } else {
          errors["options.scale"] = "must be a whole number from 2 to 10";
        }
      }
      if (const auto found = options.find("labels"); found != options.end()) {
        if (found->is_null()) {
          result.labels.clear();
        } else {
          read_labels(*found, "options.labels", result.labels, errors, false);
        }
      }
      break;
    }
    default:
      break;
  }
  out = std::move(result);
}

void read_target(const json& target, std::optional<Target>& out, Fields& errors) {
  if (target.is_null()) {
    out.reset();
    return;
  }
  if (!target.is_object()) {
    errors["target"] = "must be null or {op, value}";
    return;
  }
  Target result;
  const auto op = target.find("op");
  if (op == target.end() || !op->is_string() || !parse_target_op(op->get_ref<const std::string&>())) {
    errors["target.op"] = "must be at_least or at_most";
  } else {
    result.op = *parse_target_op(op->get_ref<const std::string&>());
  }
  const auto value = target.find("value");
  if (value == target.end() || !is_finite_number(*value) || value->get<double>() < 0) {
    errors["target.value"] = "must be a number, 0 or more";
  } else {
    result.value = value->get<double>();
  }
  out = result;
}

void read_flag(const json& body, const char* key, bool& out, Fields& errors) {
  const auto found = body.find(key);
  if (found == body.end()) return;
  if (found->is_boolean()) {
    out = found->get<bool>();
  } else {
    errors[key] = "must be true or false";
  }
}

// Rules that involve several fields, checked once every field is read.
void check_whole(const Tracker& tracker, Fields& errors) {
  if (tracker.type == TrackerType::choice && tracker.options.choices.empty() && !errors.count("options.choices")) {
    errors["options.choices"] = "a choice tracker needs at least one choice";
  }
  if (tracker.type == TrackerType::rating && !tracker.options.labels.empty() &&
      tracker.options.labels.size() != static_cast<std::size_t>(tracker.options.scale) &&
      !errors.count("options.labels")) {
    errors["options.labels"] =
        "must have one label per step of the scale (" + std::to_string(tracker.options.scale) + ")";
  }
}

}  // namespace

void apply_tracker_fields(Tracker& tracker, const json& body, FieldsMode mode) {
  if (!body.is_object()) throw BadRequest("The body must be a JSON object.");
  Fields errors;

  if (const auto name = body.find("name"); name != body.end()) {
    if (!name->is_string() || trim(name->get_ref<const std::string&>()).empty()) {
      errors["name"] = "must not be empty";
    } else {
      read_text(body, "name", kMaxName, tracker.name, errors);
    }
  } else if (mode == FieldsMode::create) {
    errors["name"] = "is required";
  }
  read_text(body, "description", kMaxDescription, tracker.description, errors);
  read_text(body, "unit", kMaxUnit, tracker.unit, errors);

  if (const auto type = body.find("type"); type != body.end()) {
    const auto parsed = type->is_string() ? parse_tracker_type(type->get_ref<const std::string&>()) : std::nullopt;
    if (parsed) {
      tracker.type = *parsed;
    } else {
      errors["type"] = "must be one of numeric, boolean, choice, rating, duration, text";
    }
  } else if (mode == FieldsMode::create) {
    errors["type"] = "is required";
  }
  if (const auto frequency = body.find("frequency"); frequency != body.end()) {
    const auto parsed =
        frequency->is_string() ? parse_frequency(frequency->get_ref<const std::string&>()) : std::nullopt;
    if (parsed) {
      tracker.frequency = *parsed;
    } else {
      errors["frequency"] = "must be one of hourly, daily, weekly, monthly";
    }
  }
  if (const auto options = body.find("options"); options != body.end() && !options->is_null()) {
    // The options sent replace the old ones whole; keys left out take their defaults.
    tracker.options = TrackerOptions{};
    read_options(tracker.type, *options, tracker.options, errors);
  }
  if (const auto target = body.find("target"); target != body.end()) read_target(*target, tracker.target, errors);

  std::string color = tracker.color;
  if (read_text(body, "color", 7, color, errors)) {
    if (!color.empty() && !is_color(color)) {
      errors["color"] = "must be a colour like #3b82f6";
    } else {
      tracker.color = to_lower(color);
    }
  }
  read_text(body, "icon", kMaxIcon, tracker.icon, errors);
  read_flag(body, "archived", tracker.archived, errors);
  read_flag(body, "reminders", tracker.reminders, errors);

  check_whole(tracker, errors);
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

json write_options(TrackerType type, const TrackerOptions& options) {
  switch (type) {
    case TrackerType::numeric:
      return {{"min", options.min ? json(*options.min) : json(nullptr)},
              {"max", options.max ? json(*options.max) : json(nullptr)},
              {"decimals", options.decimals}};
    case TrackerType::choice:
      return {{"choices", options.choices}};
    case TrackerType::rating:
      return {{"scale", options.scale}, {"labels", options.labels}};
    default:
      return json::object();
  }
}

TrackerOptions read_stored_options(TrackerType type, const std::string& stored) {
  TrackerOptions options;
  const json parsed = json::parse(stored, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return options;
  Fields ignored;
  read_options(type, parsed, options, ignored);
  return options;
}

}  // namespace qself::core
