#pragma once
// The tracking model of PRODUCT.md as plain values: users, trackers, logs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/time.hpp"

namespace qself::core {

using util::Timestamp;

enum class TrackerType { numeric, boolean, choice, rating, duration, text };
enum class Frequency { hourly, daily, weekly, monthly };
enum class TargetOp { at_least, at_most };

std::string_view to_string(TrackerType type);
std::string_view to_string(Frequency frequency);
std::string_view to_string(TargetOp op);
std::optional<TrackerType> parse_tracker_type(std::string_view text);
std::optional<Frequency> parse_frequency(std::string_view text);
std::optional<TargetOp> parse_target_op(std::string_view text);

struct Target {
  TargetOp op = TargetOp::at_least;
  double value = 0;
  bool operator==(const Target&) const = default;
};

// Every type's options in one value; only those of the tracker's type matter.
struct TrackerOptions {
  std::optional<double> min;         // numeric
  std::optional<double> max;         // numeric
  int decimals = 2;                  // numeric: values are rounded to this many places
  std::vector<std::string> choices;  // choice: labels, a log stores the index
  int scale = 5;                     // rating: 1..scale
  std::vector<std::string> labels;   // rating: optional, one per step
  bool operator==(const TrackerOptions&) const = default;
};

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::string timezone = "UTC";
  bool reminders_enabled = true;
  int reminder_minutes = 20 * 60;  // local time of day for the reminder email
  bool monthly_report = false;
  Timestamp created_at{};
};

struct Tracker {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  std::string description;
  std::string unit;
  TrackerType type = TrackerType::numeric;
  Frequency frequency = Frequency::daily;
  TrackerOptions options;
  std::optional<Target> target;
  std::string color;
  std::string icon;
  std::int64_t position = 0;
  bool archived = false;
  bool reminders = true;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// How a value is kept: a number for every type but text, which keeps a string.
// boolean 0/1, choice the option's index, rating 1..N, duration seconds.
struct StoredValue {
  std::optional<double> number;
  std::optional<std::string> text;
  bool operator==(const StoredValue&) const = default;
};

struct Log {
  std::int64_t id = 0;
  std::int64_t tracker_id = 0;
  StoredValue value;
  util::ZonedInstant logged_at;
  std::string note;
  Timestamp created_at{};
  Timestamp updated_at{};
};

}  // namespace qself::core
