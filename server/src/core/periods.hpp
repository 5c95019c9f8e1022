#pragma once
// Periods (hour, day, week, month) in a user's own time zone. Weeks start on
// Monday. A period is [start, end) in UTC; around daylight-saving changes a day
// is 23 or 25 hours long, as the user lives it.

#include <optional>
#include <string_view>

#include "core/model.hpp"

namespace date {
class time_zone;
}

namespace qself::core {

struct Period {
  Timestamp start;
  Timestamp end;
  bool contains(Timestamp t) const { return start <= t && t < end; }
  bool operator==(const Period&) const = default;
};

bool is_valid_timezone(std::string_view name);

class Calendar {
 public:
  // Throws ValidationError on "timezone" for an unknown IANA name.
  explicit Calendar(std::string_view zone_name);

  Period period_of(Timestamp t, Frequency unit) const;
  Period next(const Period& period, Frequency unit) const;
  Period previous(const Period& period, Frequency unit) const;
  int offset_minutes(Timestamp t) const;

 private:
  const date::time_zone* m_zone;
};

}  // namespace qself::core
