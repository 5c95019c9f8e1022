#pragma once
// The rules of a tracker's definition: which fields it has and what each
// accepts. The fields arrive already read from their wire format
// (core/json_forms.hpp reads the JSON of the API and of export files).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "core/sent.hpp"

namespace qself::core {

enum class FieldsMode { create, update };

// A list of labels as sent: each a text, or nullopt for an item of another kind.
using SentLabels = std::vector<std::optional<std::string>>;

// A choice as sent: {id, label}, or a label alone — on a change, the existing
// choice with that label (without regard to case), else a new choice.
struct SentChoice {
  std::optional<std::int64_t> id;
  std::string label;
  bool operator==(const SentChoice&) const = default;
};
// nullopt for an item that is neither a label nor {id?, label}.
using SentChoices = std::vector<std::optional<SentChoice>>;

// The options object as sent. Which keys count depends on the tracker's type;
// the others are ignored, however malformed.
struct TrackerOptionsFields {
  Sent<double> min, max;  // null: no bound
  Sent<std::int64_t> decimals;
  Sent<SentChoices> choices;
  Sent<std::int64_t> scale;
  Sent<SentLabels> labels;           // null: none
  Sent<DurationUnit> duration_unit;  // malformed: neither minutes nor hours
  bool operator==(const TrackerOptionsFields&) const = default;
};

struct TargetFields {
  std::optional<TargetOp> op;   // nullopt: left out or not a known op
  std::optional<double> value;  // nullopt: left out or not a number
  Sent<Aggregate> aggregate;    // left out or null: the type's default
  Sent<Frequency> period;       // left out or null: the tracker's frequency
  bool operator==(const TargetFields&) const = default;
};

// A tracker's own reminder schedule as sent: times ("08:00") and days ("mon")
// as written, for core/reminder_schedule.hpp to read. Days left out: every day.
struct ReminderScheduleFields {
  std::vector<std::string> times;
  std::vector<std::string> days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  bool operator==(const ReminderScheduleFields&) const = default;
};

// A tracker's definition, or a change to it, as sent.
struct TrackerFields {
  Sent<std::string> name;         // null is malformed: a tracker has a name
  Sent<std::string> description;  // these three and icon: null clears
  Sent<std::string> unit;
  Sent<TrackerType> type;  // malformed: not one of the six
  Sent<Frequency> frequency;
  Sent<TrackerOptionsFields> options;  // null counts as left out; sent options replace the old ones whole
  Sent<TargetFields> target;           // null: no target
  Sent<std::string> color;             // null clears
  Sent<std::string> icon;
  Sent<bool> archived;
  Sent<bool> reminders;
  Sent<ReminderScheduleFields> reminder_schedule;  // null: no reminders of its own
  bool operator==(const TrackerFields&) const = default;
};

// Applies the tracker fields sent to `tracker`, checking each. In create mode
// `name` and `type` are required. Throws ValidationError naming every field
// that is wrong (nested fields as "options.choices", "target.value").
void apply_tracker_fields(Tracker& tracker, const TrackerFields& fields, FieldsMode mode);

// Applies the options sent to `options` for a tracker of `type`, adding a
// problem per wrong key (as "options.min") to `errors`.
// `known` are the tracker's choices before the change: a choice sent without an
// id keeps the id of the known choice with its label.
void apply_options(TrackerType type, const TrackerOptionsFields& sent, TrackerOptions& options,
                   ValidationError::Fields& errors, const std::vector<Choice>& known = {});

// The fields that define `tracker`, as if a client sent them all.
TrackerFields fields_of(const Tracker& tracker);

}  // namespace qself::core
