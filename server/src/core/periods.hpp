#pragma once
// Periods (hour, day, week, month) in a user's own time zone. Weeks start on
// Monday. A period is [start, end) in UTC; around daylight-saving changes a day
// is 23 or 25 hours long, as the user lives it.

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
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

// What a clock on the wall shows at an instant: the local day and the time
// since local midnight.
struct WallClock {
  date::year_month_day day;
  std::chrono::minutes time_of_day{0};
};

// A stretch of time [begin, end) with one UTC offset.
struct OffsetSpan {
  Timestamp begin;
  Timestamp end;
  std::chrono::seconds offset{0};
};

// Periods walked over without visiting each: how many, and where the walk stands after them.
struct PeriodSkip {
  std::int64_t periods = 0;  // periods passed over
  Period next;               // the first period not passed over
  // The work it took: one step per stretch of one UTC offset (plus one per
  // period at an offset change, where periods are walked one by one), never
  // one per period. For the specs.
  std::int64_t steps = 0;
};

// "2026-11-28" and "2026-11": local dates as qself writes them.
std::string format_date(const date::year_month_day& day);
// "YYYY-MM-DD", a real day of the years 1970 to 9999; unset otherwise.
std::optional<date::year_month_day> parse_date(std::string_view text);
std::string format_month(const date::year_month& month);

class Calendar {
 public:
  // Throws ValidationError on "timezone" for an unknown IANA name.
  explicit Calendar(std::string_view zone_name);

  Period period_of(Timestamp t, Frequency unit) const;
  Period next(const Period& period, Frequency unit) const;
  Period previous(const Period& period, Frequency unit) const;
  // Walks from `from` by next() past every period that ends at or before
  // `until`: answers how many and the first one that ends after it, exactly as
  // walking them one by one would, but counting the periods within each
  // stretch of one UTC offset instead of visiting them, so that the work is
  // proportional to the offset changes in between, not to the time.
  PeriodSkip skip_until(const Period& from, Timestamp until, Frequency unit) const;
  int offset_minutes(Timestamp t) const;
  WallClock wall_clock(Timestamp t) const;
  // The instant a wall clock in this zone shows `local`, with its offset. A
  // time repeated when clocks go back is its first occurrence; a time skipped
  // when they go forward is the moment they jump.
  util::ZonedInstant at(date::local_seconds local) const;
  // The stretch around `t` during which the offset stays the same.
  OffsetSpan offset_span(Timestamp t) const;

 private:
  const date::time_zone* m_zone;
};

}  // namespace qself::core
