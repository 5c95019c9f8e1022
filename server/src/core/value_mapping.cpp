#include "core/value_mapping.hpp"

#include <cmath>
#include <cstdlib>

#include "core/text.hpp"

namespace qself::core {
namespace {

bool is_discrete(TrackerType type) {
  return type == TrackerType::boolean || type == TrackerType::choice || type == TrackerType::rating;
}

std::string type_in_words(TrackerType type) {
  switch (type) {
    case TrackerType::boolean:
      return "yes/no";
    case TrackerType::numeric:
      return "number";
    default:
      return std::string(to_string(type));
  }
}

// The value as the API shows a log of `tracker` holding `number`.
NaturalValue natural_of(const Tracker& tracker, double number) {
  switch (tracker.type) {
    case TrackerType::boolean:
      return number != 0;
    case TrackerType::choice:
      if (const Choice* choice = find_choice(tracker.options, static_cast<std::int64_t>(number))) return choice->label;
      return number;
    default:
      return number;
  }
}

// Whether a stored number means the same after the change as before it.
bool keeps_meaning(const Tracker& from, const Tracker& to, double number) {
  if (from.type != to.type) return false;
  switch (from.type) {
    case TrackerType::boolean:
      return true;
    case TrackerType::choice:
      return find_choice(to.options, static_cast<std::int64_t>(number)) != nullptr;
    case TrackerType::rating:
      return from.options.scale == to.options.scale;
    default:
      return true;
  }
}

bool same_value(const NaturalValue& a, const NaturalValue& b) {
  const auto* text_a = std::get_if<std::string>(&a.kind);
  const auto* text_b = std::get_if<std::string>(&b.kind);
  if (text_a && text_b) return to_lower(trim(*text_a)) == to_lower(trim(*text_b));
  return a == b;
}

std::optional<double> whole_number_in(const std::string& text) {
  const std::string trimmed = trim(text);
  if (trimmed.empty()) return std::nullopt;
  char* end = nullptr;
  const double number = std::strtod(trimmed.c_str(), &end);
  if (*end != '\0' || !std::isfinite(number)) return std::nullopt;
  return number;
}

// The new value that obviously stands for `old` (a label that reads the same,
// 0/1 for yes/no, a rating as a number), if any; not yet checked against `to`.
std::optional<NaturalValue> obvious_counterpart(const Tracker& from, const Tracker& to, const NaturalValue& old,
                                                const std::string& words) {
  const auto* yes = std::get_if<bool>(&old.kind);
  const auto* number = std::get_if<double>(&old.kind);
  const auto* label = std::get_if<std::string>(&old.kind);
  switch (to.type) {
    case TrackerType::choice: {
      if (const Choice* same = find_choice(to.options, words)) return same->label;
      if (number && from.type == TrackerType::rating && !from.options.labels.empty()) {
        const auto step = static_cast<std::size_t>(*number) - 1;
        if (step < from.options.labels.size()) {
          if (const Choice* same = find_choice(to.options, from.options.labels[step])) return same->label;
        }
      }
      return std::nullopt;
    }
    case TrackerType::boolean: {
      const std::string lower = to_lower(trim(words));
      if (lower == "yes" || lower == "true") return true;
      if (lower == "no" || lower == "false") return false;
      return std::nullopt;
    }
    case TrackerType::rating: {
      if (from.type == TrackerType::rating) return std::nullopt;  // a scale change always asks
      if (label) {
        for (std::size_t i = 0; i < to.options.labels.size(); ++i) {
          if (to_lower(to.options.labels[i]) == to_lower(trim(*label))) return static_cast<double>(i + 1);
        }
        if (const auto read = whole_number_in(*label)) return *read;
      }
      return std::nullopt;
    }
    case TrackerType::numeric:
      if (yes) return *yes ? 1.0 : 0.0;
      if (number) return *number;
      if (label) {
        if (const auto read = whole_number_in(*label)) return *read;
      }
      return std::nullopt;
    case TrackerType::duration:
      if (label) {
        if (const auto seconds = parse_duration_text(trim(*label))) return *seconds;
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// A likely new value for the form to start from: the obvious counterpart, or
// on a rating scale change the same place on the new scale.
std::optional<NaturalValue> suggestion(const Tracker& from, const Tracker& to, const NaturalValue& old,
                                       const std::optional<NaturalValue>& obvious) {
  if (obvious) return obvious;
  const auto* number = std::get_if<double>(&old.kind);
  if (number && from.type == TrackerType::rating && to.type == TrackerType::rating && from.options.scale > 1) {
    const double place = (*number - 1) / (from.options.scale - 1);
    return std::round(1 + place * (to.options.scale - 1));
  }
  return std::nullopt;
}

// `value` read for `to`, or nullopt when `to` does not take it.
std::optional<StoredValue> try_read(const Tracker& to, const NaturalValue& value) {
  try {
    return read_value(to, value);
  } catch (const ValidationError&) {
    return std::nullopt;
  }
}

std::string logs_count(std::int64_t count) { return std::to_string(count) + (count == 1 ? " log" : " logs"); }

}  // namespace

bool needs_mapping(const Tracker& from, const Tracker& to) {
  if (to.type == TrackerType::text) return false;
  // A number becomes the choice that reads the same, or what the user says: never the choice at that place.
  if (to.type == TrackerType::choice && (from.type == TrackerType::numeric || from.type == TrackerType::duration)) {
    return true;
  }
  if (!is_discrete(from.type)) return false;
  if (from.type != to.type) return true;
  switch (from.type) {
    case TrackerType::choice:
      return true;  // a removed choice must be answered for; plan_mapping keeps the others
    case TrackerType::rating:
      return from.options.scale != to.options.scale;
    default:
      return false;
  }
}

ValueMap plan_mapping(const Tracker& from, const Tracker& to, const std::vector<ValueCount>& found,
                      const std::vector<ValueDecision>& decisions) {
  if (found.size() > kMaxMappedValues) {
    throw ValidationError("mapping", "this change would need more than " + std::to_string(kMaxMappedValues) +
                                         " different logged values mapped one by one; change it in steps");
  }
  ValueMap map;
  std::vector<ValueQuestion> questions;
  std::vector<bool> used(decisions.size(), false);
  bool undecided = false;
  for (const auto& [number, count] : found) {
    if (keeps_meaning(from, to, number)) {
      map[number] = StoredValue{number, {}};
      continue;
    }
    const NaturalValue old = natural_of(from, number);
    const std::string label = describe_value(from, StoredValue{number, {}});
    const auto obvious = obvious_counterpart(from, to, old, label);
    const auto obvious_read = obvious ? try_read(to, *obvious) : std::nullopt;
    questions.push_back({old, label, count, suggestion(from, to, old, obvious_read ? obvious : std::nullopt)});

    std::size_t decided = decisions.size();
    for (std::size_t i = 0; i < decisions.size(); ++i) {
      if (same_value(decisions[i].from, old)) decided = i;
    }
    if (decided < decisions.size()) {
      used[decided] = true;
      const auto& to_value = decisions[decided].to;
      if (!to_value) {
        map[number] = std::nullopt;
        continue;
      }
      try {
        map[number] = read_value(to, *to_value);
      } catch (const ValidationError& error) {
        throw ValidationError("mapping", label + " → " + error.fields().begin()->second);
      }
    } else if (obvious_read) {
      map[number] = *obvious_read;
    } else {
      undecided = true;
    }
  }
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    if (!used[i]) throw ValidationError("mapping", "names a value that no log of this tracker needs mapped");
  }
  if (undecided) {
    std::vector<std::string> values;
    for (const auto& question : questions) values.push_back(question.label + " (" + logs_count(question.count) + ")");
    const std::string change = from.type == to.type
                                   ? "Changing the " + type_in_words(from.type) + " options"
                                   : "Changing from " + type_in_words(from.type) + " to " + type_in_words(to.type);
    throw MappingRequired(change + " changes what logged values mean. Say what each becomes, or delete its logs: " +
                              join(values, ", ") + ".",
                          std::move(questions));
  }
  return map;
}

}  // namespace qself::core
