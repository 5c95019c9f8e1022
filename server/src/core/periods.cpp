#include "core/periods.hpp"

#include <date/tz.h>

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

local_seconds advance_local(local_seconds start, Frequency unit, int steps) {
  using namespace std::chrono;
  switch (unit) {
    case Frequency::hourly:
      return start + hours{steps};
    case Frequency::daily:
      return start + date::days{steps};
    case Frequency::weekly:
      return start + date::days{7 * steps};
    case Frequency::monthly: {
      const date::year_month_day ymd{floor<date::days>(start)};
      const date::year_month ym = date::year_month{ymd.year(), ymd.month()} + date::months{steps};
      return local_seconds{date::local_days{ym / 1}};
    }
  }
  return start;
}

}  // namespace

bool is_valid_timezone(std::string_view name) { return find_zone(name) != nullptr; }

std::string format_date(const date::year_month_day& day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(day.year()), unsigned(day.month()), unsigned(day.day()));
  return buffer;
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
