#include "core/periods.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>

#include "core/errors.hpp"

namespace qself::core {
namespace {

using date::local_seconds;

const date::time_zone* find_zone(std::string_view name) {
  if (name.empty() || name.size() > 64) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

local_seconds floor_local(local_seconds local, Frequency unit) {
  using namespace std::chrono;
  switch (unit) {
    case Frequency::hourly:
      return floor<hours>(local);
    case Frequency::daily:
      return floor<date::days>(local);
    case Frequency::weekly: {
      const auto day = floor<date::days>(local);
      const date::weekday wd{day};
      return local_seconds{day - (wd - date::Monday)};
    }
    case Frequency::monthly: {
      const date::year_month_day ymd{floor<date::days>(local)};
      return local_seconds{date::local_days{ymd.year() / ymd.month() / 1}};
    }
  }
  return local;
}

// `steps` is at most the periods between year 1 and 9999 (87.6 million hours,
// 3.7 million days), well within an int for days and months.
local_seconds advance_local(local_seconds start, Frequency unit, std::int64_t steps) {
  using namespace std::chrono;
  switch (unit) {
    case Frequency::hourly:
      return start + hours{steps};
    case Frequency::daily:
      return start + date::days{static_cast<int>(steps)};
    case Frequency::weekly:
      return start + date::days{static_cast<int>(7 * steps)};
    case Frequency::monthly: {
      const date::year_month_day ymd{floor<date::days>(start)};
      const date::year_month ym = date::year_month{ymd.year(), ymd.month()} + date::months{static_cast<int>(steps)};
      return local_seconds{date::local_days{ym / 1}};
    }
  }
  return start;
}

// The place of the local period starting at `start` in an endless count of
// such periods: consecutive periods differ by one.
std::int64_t period_index(local_seconds start, Frequency unit) {
  using namespace std::chrono;
  const std::int64_t day = floor<date::days>(start).time_since_epoch().count();
  switch (unit) {
    case Frequency::hourly:
      return floor<hours>(start).time_since_epoch().count();
    case Frequency::daily:
      return day;
    case Frequency::weekly: {
      // 1970-01-01 was a Thursday: Mondays are day -3 + 7k.
      const std::int64_t from_monday = day + 3;
      return (from_monday >= 0 ? from_monday : from_monday - 6) / 7;
    }
    case Frequency::monthly: {
      const date::year_month_day ymd{floor<date::days>(start)};
      return std::int64_t{int(ymd.year())} * 12 + unsigned(ymd.month()) - 1;
    }
  }
  return 0;
}

}  // namespace

bool is_valid_timezone(std::string_view name) { return find_zone(name) != nullptr; }

std::string format_date(const date::year_month_day& day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(day.year()), unsigned(day.month()), unsigned(day.day()));
  return buffer;
}

std::optional<date::year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t j = starts[i]; j < starts[i] + lengths[i]; ++j) {
      if (text[j] < '0' || text[j] > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (text[j] - '0');
    }
  }
  const date::year_month_day day{date::year{parts[0]}, date::month{unsigned(parts[1])}, date::day{unsigned(parts[2])}};
  if (!day.ok() || parts[0] < 1970) return std::nullopt;
  return day;
}

std::string format_month(const date::year_month& month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", int(month.year()), unsigned(month.month()));
  return buffer;
}

Calendar::Calendar(std::string_view zone_name) : m_zone(find_zone(zone_name)) {
  if (!m_zone) throw ValidationError("timezone", "must be an IANA time zone such as Europe/Paris");
}

Period Calendar::period_of(Timestamp t, Frequency unit) const {
  const local_seconds start_local = floor_local(m_zone->to_local(t), unit);
  const Timestamp start = at(start_local).utc;
  const Timestamp end = at(advance_local(start_local, unit, 1)).utc;
  // In a repeated hour the floor can land on its first occurrence; keep t inside.
  return Period{start <= t ? start : t, end > t ? end : t + std::chrono::seconds{1}};
}

Period Calendar::next(const Period& period, Frequency unit) const { return period_of(period.end, unit); }

Period Calendar::previous(const Period& period, Frequency unit) const {
  return period_of(period.start - std::chrono::seconds{1}, unit);
}

PeriodSkip Calendar::skip_until(const Period& from, Timestamp until, Frequency unit) const {
  PeriodSkip skip;
  skip.next = from;
  while (skip.next.end <= until) {
    ++skip.steps;
    // While the offset holds, the local periods from the one starting at
    // `label` on are [label + k, label + k + 1) less the offset, one after the
    // other: count those that end by `until` and before the offset changes.
    // Only a period that starts on its own local boundary, at the first time
    // the wall clock shows it, is such a run's first; any other (at an offset
    // change, or a repeated or skipped hour) is walked to as next() does.
    const Timestamp start = skip.next.start;
    const date::sys_info info = m_zone->get_info(start);
    const local_seconds label{start.time_since_epoch() + info.offset};
    std::int64_t counted = 0;
    if (floor_local(label, unit) == label && at(label).utc == start) {
      const Timestamp last = std::min(until, Timestamp{info.end} - std::chrono::seconds{1});
      const local_seconds bound{last.time_since_epoch() + info.offset};
      counted = std::max<std::int64_t>(0, period_index(floor_local(bound, unit), unit) - period_index(label, unit));
    }
    if (counted == 0) {
      skip.next = next(skip.next, unit);
      ++skip.periods;
      continue;
    }
    skip.periods += counted;
    const local_seconds after = advance_local(label, unit, counted);
    skip.next = period_of(Timestamp{after.time_since_epoch() - info.offset}, unit);
  }
  return skip;
}

int Calendar::offset_minutes(Timestamp t) const { return static_cast<int>(m_zone->get_info(t).offset.count() / 60); }

util::ZonedInstant Calendar::at(local_seconds local) const {
  const date::local_info info = m_zone->get_info(local);
  const Timestamp utc = info.result == date::local_info::nonexistent
                            ? Timestamp{info.second.begin}
                            : Timestamp{local.time_since_epoch() - info.first.offset};
  return {utc, offset_minutes(utc)};
}

OffsetSpan Calendar::offset_span(Timestamp t) const {
  const date::sys_info info = m_zone->get_info(t);
  return {info.begin, info.end, info.offset};
}

WallClock Calendar::wall_clock(Timestamp t) const {
  const auto local = m_zone->to_local(t);
  const auto day = std::chrono::floor<date::days>(local);
  return WallClock{date::year_month_day{day}, std::chrono::floor<std::chrono::minutes>(local - day)};
}

}  // namespace qself::core
