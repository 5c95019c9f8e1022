#include "core/tracker_rules.hpp"

#include <algorithm>
#include <set>

#include "core/reminder_schedule.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"

namespace qself::core {
namespace {

using Fields = ValidationError::Fields;

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxDescription = 1000;
constexpr std::size_t kMaxUnit = 30;
constexpr std::size_t kMaxIcon = 8;
constexpr std::size_t kMaxChoices = 50;
constexpr std::size_t kMaxLabel = 100;
constexpr std::int64_t kMaxChoiceId = 1000000;

bool is_color(const std::string& text) {
  if (text.size() != 7 || text[0] != '#') return false;
  for (std::size_t i = 1; i < 7; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

enum class Lines { one, many };

// Reads an optional text field with a length limit (null clears it): a name
// (core/validation.hpp) when `lines` is one, else free text. Answers whether it
// was sent and valid.
bool read_text(const Sent<std::string>& sent, const char* key, std::size_t max, std::string& out, Fields& errors,
               Lines lines = Lines::one) {
  if (!sent.was_sent()) return false;
  if (sent.is_null()) {
    out.clear();
    return true;
  }
  if (!sent.value()) {
    errors[key] = "must be text";
    return false;
  }
  std::string value = trim(*sent.value());
  if (utf8_length(value) > max) {
    errors[key] = "must be at most " + std::to_string(max) + " characters";
    return false;
  }
  if (auto problem = lines == Lines::one ? name_problem(value) : free_text_problem(value)) {
    errors[key] = std::move(*problem);
    return false;
  }
  out = std::move(value);
  return true;
}

void read_labels(const Sent<SentLabels>& sent, const char* field, std::vector<std::string>& out, Fields& errors,
                 bool distinct) {
  if (!sent.value()) {
    errors[field] = "must be a list of labels";
    return;
  }
  std::vector<std::string> labels;
  std::set<std::string> seen;
  for (const auto& item : *sent.value()) {
    if (!item || trim(*item).empty()) {
      errors[field] = "every label must be non-empty text";
      return;
    }
    std::string label = trim(*item);
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

// The choices sent, each with its id: the id sent, else the id of the known
// choice with the same label, else a new id above every id known or sent.
void read_choices(const Sent<SentChoices>& sent, const std::vector<Choice>& known, std::vector<Choice>& out,
                  Fields& errors) {
  constexpr const char* field = "options.choices";
  if (!sent.value()) {
    errors[field] = "must be a list of choices";
    return;
  }
  std::vector<Choice> choices;
  std::set<std::string> labels;
  std::set<std::int64_t> ids;
  for (const auto& item : *sent.value()) {
    if (!item) {
      errors[field] = "every label must be non-empty text";
      return;
    }
    std::string label = trim(item->label);
    if (label.empty()) {
      errors[field] = "every label must be non-empty text";
      return;
    }
    if (utf8_length(label) > kMaxLabel) {
      errors[field] = "labels must be at most 100 characters";
      return;
    }
    if (!labels.insert(to_lower(label)).second) {
      errors[field] = "labels must be different from each other";
      return;
    }
    if (item->id) {
      if (*item->id < 0 || *item->id > kMaxChoiceId) {
        errors[field] = "choice ids must be whole numbers from 0 to " + std::to_string(kMaxChoiceId);
        return;
      }
      if (!ids.insert(*item->id).second) {
        errors[field] = "choice ids must be different from each other";
        return;
      }
    }
    choices.push_back({item->id.value_or(-1), std::move(label)});
  }
  std::int64_t next = 0;
  for (const auto& choice : known) next = std::max(next, choice.id + 1);
  if (!ids.empty()) next = std::max(next, *ids.rbegin() + 1);
  for (auto& choice : choices) {
    if (choice.id >= 0) continue;
    const auto same = std::find_if(known.begin(), known.end(), [&](const Choice& k) {
      return to_lower(k.label) == to_lower(choice.label) && !ids.count(k.id);
    });
    choice.id = same != known.end() ? same->id : next++;
    ids.insert(choice.id);
  }
  out = std::move(choices);
}

// A whole number from `low` to `high`, when one was sent; else the problem under `field`.
void read_whole(const Sent<std::int64_t>& sent, std::int64_t low, std::int64_t high, const char* field, int& out,
                Fields& errors) {
  if (!sent.was_sent()) return;
  if (sent.value() && *sent.value() >= low && *sent.value() <= high) {
    out = static_cast<int>(*sent.value());
  } else {
    errors[field] = "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high);
  }
}

void read_target(const Sent<TargetFields>& sent, TrackerType type, std::optional<Target>& out, Fields& errors) {
  if (sent.is_null()) {
    out.reset();
    return;
  }
  if (!sent.value()) {
    errors["target"] = "must be null or {op, value, aggregate?, period?}";
    return;
  }
  const TargetFields& fields = *sent.value();
  Target result;
  if (!fields.op) {
    errors["target.op"] = "must be at_least or at_most";
  } else {
    result.op = *fields.op;
  }
  if (!fields.value || *fields.value < 0) {
    errors["target.value"] = "must be a number, 0 or more";
  } else if (auto problem = number_problem(*fields.value)) {
    errors["target.value"] = std::move(*problem);
  } else {
    result.value = *fields.value;
  }
  result.aggregate = default_aggregate(type);
  if (fields.aggregate.was_sent() && !fields.aggregate.is_null()) {
    if (fields.aggregate.value()) {
      result.aggregate = *fields.aggregate.value();  // checked against the type in check_whole
    } else {
      errors["target.aggregate"] = "must be one of sum, count, average, last, min, max";
    }
  }
  if (fields.period.was_sent() && !fields.period.is_null()) {
    if (fields.period.value()) {
      result.period = *fields.period.value();
    } else {
      errors["target.period"] = "must be one of hourly, daily, weekly, monthly";
    }
  }
  out = result;
}

void read_flag(const Sent<bool>& sent, const char* key, bool& out, Fields& errors) {
  if (!sent.was_sent()) return;
  if (sent.value()) {
    out = *sent.value();
  } else {
    errors[key] = "must be true or false";
  }
}

// Rules that involve several fields, checked once every field is read.
std::string aggregate_names(TrackerType type) {
  std::string names;
  for (const auto aggregate : aggregates_for(type)) {
    if (!names.empty()) names += ", ";
    names += to_string(aggregate);
  }
  return names;
}

// A target as the whole tracker must have it: an aggregate its type has, and a
// period no shorter than the tracker's frequency (kept unset when the same).
void check_target(Tracker& tracker, Fields& errors) {
  if (!tracker.target) return;
  Target& target = *tracker.target;
  const auto& allowed = aggregates_for(tracker.type);
  if (std::find(allowed.begin(), allowed.end(), target.aggregate) == allowed.end() &&
      !errors.count("target.aggregate")) {
    errors["target.aggregate"] = std::string(to_string(target.aggregate)) + " is not an aggregate of a " +
                                 std::string(to_string(tracker.type)) + " tracker; one of " +
                                 aggregate_names(tracker.type);
  }
  if (target.period && *target.period < tracker.frequency && !errors.count("target.period")) {
    errors["target.period"] =
        "must not be shorter than the tracker's frequency (" + std::string(to_string(tracker.frequency)) + ")";
  }
  if (target.period == tracker.frequency) target.period.reset();
}

void check_whole(Tracker& tracker, Fields& errors) {
  check_target(tracker, errors);
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

// The options a client sent, held to the rules of what a person writes
// (core/validation.hpp). Options read back from the database are not: what
// was stored before these rules stays readable.
void check_written_options(const TrackerOptions& options, TrackerType type, Fields& errors) {
  if (type == TrackerType::numeric) {
    for (const auto& [key, bound] : {std::pair{"options.min", &options.min}, std::pair{"options.max", &options.max}}) {
      if (auto problem = *bound ? number_problem(**bound) : std::nullopt; problem && !errors.count(key)) {
        errors[key] = std::move(*problem);
      }
    }
  }
  const auto check_names = [&](const char* key, const auto& names, const auto& name_of) {
    for (const auto& item : names) {
      if (auto problem = name_problem(name_of(item)); problem && !errors.count(key)) {
        errors[key] = "every label " + *problem;
        return;
      }
    }
  };
  if (type == TrackerType::choice) {
    check_names("options.choices", options.choices, [](const Choice& choice) { return choice.label; });
  }
  if (type == TrackerType::rating) {
    check_names("options.labels", options.labels, [](const std::string& label) { return label; });
  }
}

SentLabels sent_labels(const std::vector<std::string>& labels) { return {labels.begin(), labels.end()}; }

}  // namespace

void apply_options(TrackerType type, const TrackerOptionsFields& sent, TrackerOptions& options, Fields& errors,
                   const std::vector<Choice>& known) {
  TrackerOptions result = options;
  switch (type) {
    case TrackerType::numeric: {
      for (const auto& [key, bound, given] :
           {std::tuple{"options.min", &result.min, &sent.min}, std::tuple{"options.max", &result.max, &sent.max}}) {
        if (!given->was_sent()) continue;
        if (given->is_null()) {
          bound->reset();
        } else if (given->value()) {
          *bound = *given->value();
        } else {
          errors[key] = "must be a number or null";
        }
      }
      if (result.min && result.max && *result.min > *result.max) {
        errors["options.max"] = "must not be less than min";
      }
      read_whole(sent.decimals, 0, 6, "options.decimals", result.decimals, errors);
      break;
    }
    case TrackerType::choice: {
      if (!sent.choices.was_sent()) break;
      read_choices(sent.choices, known, result.choices, errors);
      if (result.choices.size() > kMaxChoices) errors["options.choices"] = "must have at most 50 choices";
      break;
    }
    case TrackerType::rating: {
      read_whole(sent.scale, 2, 10, "options.scale", result.scale, errors);
      if (sent.labels.is_null()) {
        result.labels.clear();
      } else if (sent.labels.was_sent()) {
        read_labels(sent.labels, "options.labels", result.labels, errors, false);
      }
      break;
    }
    case TrackerType::duration: {
      if (!sent.duration_unit.was_sent() || sent.duration_unit.is_null()) break;
      if (sent.duration_unit.value()) {
        result.duration_unit = *sent.duration_unit.value();
      } else {
        errors["options.duration_unit"] = "must be minutes or hours";
      }
      break;
    }
    default:
      break;
  }
  options = std::move(result);
}

void apply_tracker_fields(Tracker& tracker, const TrackerFields& fields, FieldsMode mode) {
  Fields errors;

  if (fields.name.was_sent()) {
    if (!fields.name.value() || trim(*fields.name.value()).empty()) {
      errors["name"] = "must not be empty";
    } else {
      read_text(fields.name, "name", kMaxName, tracker.name, errors);
    }
  } else if (mode == FieldsMode::create) {
    errors["name"] = "is required";
  }
  read_text(fields.description, "description", kMaxDescription, tracker.description, errors, Lines::many);
  read_text(fields.unit, "unit", kMaxUnit, tracker.unit, errors);

  if (fields.type.was_sent()) {
    if (fields.type.value()) {
      tracker.type = *fields.type.value();
    } else {
      errors["type"] = "must be one of numeric, boolean, choice, rating, duration, text";
    }
  } else if (mode == FieldsMode::create) {
    errors["type"] = "is required";
  }
  if (fields.frequency.was_sent()) {
    if (fields.frequency.value()) {
      tracker.frequency = *fields.frequency.value();
    } else {
      errors["frequency"] = "must be one of hourly, daily, weekly, monthly";
    }
  }
  if (fields.options.was_sent() && !fields.options.is_null()) {
    // The options sent replace the old ones whole; keys left out take their defaults.
    const auto known = std::move(tracker.options.choices);
    tracker.options = TrackerOptions{};
    if (fields.options.value()) {
      apply_options(tracker.type, *fields.options.value(), tracker.options, errors, known);
      check_written_options(tracker.options, tracker.type, errors);
    } else {
      errors["options"] = "must be an object";
    }
  }
  if (fields.target.was_sent()) read_target(fields.target, tracker.type, tracker.target, errors);

  std::string color = tracker.color;
  if (read_text(fields.color, "color", 7, color, errors)) {
    if (!color.empty() && !is_color(color)) {
      errors["color"] = "must be a colour like #3b82f6";
    } else {
      tracker.color = to_lower(color);
    }
  }
  read_text(fields.icon, "icon", kMaxIcon, tracker.icon, errors);
  read_flag(fields.archived, "archived", tracker.archived, errors);
  read_flag(fields.reminders, "reminders", tracker.reminders, errors);
  if (fields.reminder_schedule.is_malformed()) {
    errors["reminder_schedule"] = "must be an object with a list of times (\"08:00\") and of days (\"mon\")";
  } else if (fields.reminder_schedule.is_null()) {
    tracker.reminder_times.clear();
    tracker.reminder_days = 0x7f;
  } else if (const auto& sent = fields.reminder_schedule.value()) {
    const auto schedule = read_reminder_schedule(sent->times, sent->days, errors);
    tracker.reminder_times = schedule.times;
    tracker.reminder_days = schedule.weekdays;
  }

  check_whole(tracker, errors);
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

TrackerFields fields_of(const Tracker& tracker) {
  TrackerFields fields;
  fields.name = tracker.name;
  fields.description = tracker.description;
  fields.unit = tracker.unit;
  fields.type = tracker.type;
  fields.frequency = tracker.frequency;
  TrackerOptionsFields options;
  const auto& stored = tracker.options;
  options.min = stored.min ? Sent<double>(*stored.min) : Sent<double>::null();
  options.max = stored.max ? Sent<double>(*stored.max) : Sent<double>::null();
  options.decimals = stored.decimals;
  SentChoices choices;
  for (const auto& choice : stored.choices) choices.push_back(SentChoice{choice.id, choice.label});
  options.choices = std::move(choices);
  options.scale = stored.scale;
  options.labels = sent_labels(stored.labels);
  options.duration_unit = stored.duration_unit;
  fields.options = std::move(options);
  if (tracker.target) {
    const auto& target = *tracker.target;
    fields.target = TargetFields{target.op, target.value, target.aggregate,
                                 target.period ? Sent<Frequency>(*target.period) : Sent<Frequency>::null()};
  } else {
    fields.target = Sent<TargetFields>::null();
  }
  fields.color = tracker.color;
  fields.icon = tracker.icon;
  fields.archived = tracker.archived;
  fields.reminders = tracker.reminders;
  ReminderScheduleFields schedule;
  schedule.times.clear();
  for (const auto time : tracker.reminder_times) schedule.times.push_back(format_time_of_day(time));
  schedule.days = weekday_names(tracker.reminder_days);
  fields.reminder_schedule = std::move(schedule);
  return fields;
}

}  // namespace qself::core
