#include "core/json_forms.hpp"

#include <cmath>

#include "core/errors.hpp"
#include "core/reminder_schedule.hpp"

namespace qself::core {
namespace {

using nlohmann::json;

std::optional<SentLabels> as_labels(const json& list) {
  if (!list.is_array()) return std::nullopt;
  SentLabels labels;
  for (const auto& item : list) labels.push_back(as_text(item));
  return labels;
}

// A choice: a label alone, or {id?, label}.
std::optional<SentChoices> as_choices(const json& list) {
  if (!list.is_array()) return std::nullopt;
  SentChoices choices;
  for (const auto& item : list) {
    std::optional<SentChoice> choice;
    if (item.is_string()) {
      choice = SentChoice{std::nullopt, item.get<std::string>()};
    } else if (item.is_object()) {
      const auto label = item.find("label");
      const auto id = item.find("id");
      const bool id_ok = id == item.end() || id->is_null() || as_integer(*id);
      if (label != item.end() && label->is_string() && id_ok) {
        choice =
            SentChoice{id == item.end() || id->is_null() ? std::nullopt : as_integer(*id), label->get<std::string>()};
      }
    }
    choices.push_back(std::move(choice));
  }
  return choices;
}

template <class Enum, std::optional<Enum> (*parse)(std::string_view)>
std::optional<Enum> as_enum(const json& value) {
  if (!value.is_string()) return std::nullopt;
  return parse(value.get_ref<const std::string&>());
}

std::optional<TrackerOptionsFields> as_options(const json& options) {
  if (!options.is_object()) return std::nullopt;
  TrackerOptionsFields fields;
  fields.min = read_sent<double>(options, "min", as_number);
  fields.max = read_sent<double>(options, "max", as_number);
  fields.decimals = read_sent<std::int64_t>(options, "decimals", as_integer);
  fields.choices = read_sent<SentChoices>(options, "choices", as_choices);
  fields.scale = read_sent<std::int64_t>(options, "scale", as_integer);
  fields.labels = read_sent<SentLabels>(options, "labels", as_labels);
  fields.duration_unit = read_sent<DurationUnit>(options, "duration_unit", as_enum<DurationUnit, parse_duration_unit>);
  return fields;
}

std::optional<TargetFields> as_target(const json& target) {
  if (!target.is_object()) return std::nullopt;
  TargetFields fields;
  if (const auto op = target.find("op"); op != target.end() && op->is_string()) {
    fields.op = parse_target_op(op->get_ref<const std::string&>());
  }
  if (const auto value = target.find("value"); value != target.end()) fields.value = as_number(*value);
  fields.aggregate = read_sent<Aggregate>(target, "aggregate", as_enum<Aggregate, parse_aggregate>);
  fields.period = read_sent<Frequency>(target, "period", as_enum<Frequency, parse_frequency>);
  return fields;
}

// {"times": ["08:00"], "days": ["mon"]}: lists of strings; days may be left out.
std::optional<ReminderScheduleFields> as_reminder_schedule(const json& schedule) {
  if (!schedule.is_object()) return std::nullopt;
  const auto strings = [](const json& list, std::vector<std::string>& into) {
    if (!list.is_array() || list.size() > 64) return false;
    into.clear();
    for (const auto& item : list) {
      if (!item.is_string()) return false;
      into.push_back(item.get<std::string>());
    }
    return true;
  };
  ReminderScheduleFields fields;
  const auto times = schedule.find("times");
  if (times == schedule.end() || !strings(*times, fields.times)) return std::nullopt;
  if (const auto days = schedule.find("days"); days != schedule.end() && !strings(*days, fields.days)) {
    return std::nullopt;
  }
  return fields;
}

}  // namespace

json write_reminder_schedule(const Tracker& tracker) {
  if (tracker.reminder_times.empty()) return nullptr;
  json times = json::array();
  for (const auto time : tracker.reminder_times) times.push_back(format_time_of_day(time));
  return {{"times", std::move(times)}, {"days", weekday_names(tracker.reminder_days)}};
}

json write_target(const Tracker& tracker) {
  if (!tracker.target) return nullptr;
  return {{"op", to_string(tracker.target->op)},
          {"value", tracker.target->value},
          {"aggregate", to_string(tracker.target->aggregate)},
          {"period", to_string(goal_period(tracker))}};
}

std::optional<std::string> as_text(const json& value) {
  if (!value.is_string()) return std::nullopt;
  return value.get<std::string>();
}

std::optional<bool> as_flag(const json& value) {
  if (!value.is_boolean()) return std::nullopt;
  return value.get<bool>();
}

std::optional<std::int64_t> as_integer(const json& value) {
  if (!value.is_number_integer()) return std::nullopt;
  return value.get<std::int64_t>();
}

std::optional<double> as_number(const json& value) {
  if (!value.is_number() || !std::isfinite(value.get<double>())) return std::nullopt;
  return value.get<double>();
}

TrackerFields read_tracker_fields(const json& body) {
  if (!body.is_object()) throw BadRequest("The body must be a JSON object.");
  TrackerFields fields;
  fields.name = read_sent<std::string>(body, "name", as_text);
  fields.description = read_sent<std::string>(body, "description", as_text);
  fields.unit = read_sent<std::string>(body, "unit", as_text);
  fields.type = read_sent<TrackerType>(body, "type", as_enum<TrackerType, parse_tracker_type>);
  fields.frequency = read_sent<Frequency>(body, "frequency", as_enum<Frequency, parse_frequency>);
  fields.options = read_sent<TrackerOptionsFields>(body, "options", as_options);
  fields.target = read_sent<TargetFields>(body, "target", as_target);
  fields.color = read_sent<std::string>(body, "color", as_text);
  fields.icon = read_sent<std::string>(body, "icon", as_text);
  fields.archived = read_sent<bool>(body, "archived", as_flag);
  fields.reminders = read_sent<bool>(body, "reminders", as_flag);
  fields.reminder_schedule = read_sent<ReminderScheduleFields>(body, "reminder_schedule", as_reminder_schedule);
  return fields;
}

json write_options(TrackerType type, const TrackerOptions& options) {
  switch (type) {
    case TrackerType::numeric:
      return {{"min", options.min ? json(*options.min) : json(nullptr)},
              {"max", options.max ? json(*options.max) : json(nullptr)},
              {"decimals", options.decimals}};
    case TrackerType::choice: {
      json choices = json::array();
      for (const auto& choice : options.choices) choices.push_back({{"id", choice.id}, {"label", choice.label}});
      return {{"choices", std::move(choices)}};
    }
    case TrackerType::rating:
      return {{"scale", options.scale}, {"labels", options.labels}};
    case TrackerType::duration:
      return {{"duration_unit", to_string(options.duration_unit)}};
    default:
      return json::object();
  }
}

TrackerOptions read_stored_options(TrackerType type, const std::string& stored) {
  TrackerOptions options;
  const json parsed = json::parse(stored, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return options;
  ValidationError::Fields ignored;
  apply_options(type, *as_options(parsed), options, ignored);
  return options;
}

NaturalValue read_natural_value(const json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) return value.get<std::string>();
  return NaturalValue{};
}

json write_value(const Tracker& tracker, const StoredValue& value) {
  if (tracker.type == TrackerType::text) return value.text ? json(*value.text) : json(nullptr);
  if (!value.number) return nullptr;
  const double number = *value.number;
  switch (tracker.type) {
    case TrackerType::boolean:
      return number != 0;
    case TrackerType::choice: {
      const Choice* choice = find_choice(tracker.options, static_cast<std::int64_t>(number));
      return choice ? json(choice->label) : json(nullptr);
    }
    case TrackerType::rating:
    case TrackerType::duration:
      return static_cast<std::int64_t>(number);
    default:
      if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 9e15) {
        return static_cast<std::int64_t>(number);
      }
      return number;
  }
}

}  // namespace qself::core
