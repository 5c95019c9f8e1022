#include "core/json_forms.hpp"

#include <cmath>

namespace qself::core {

using nlohmann::json;

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
      const auto index = static_cast<std::size_t>(number);
      if (number >= 0 && index < tracker.options.choices.size()) return tracker.options.choices[index];
      return nullptr;
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
