#include "util/time.hpp"

#include <date/date.h>

#include <atomic>
#include <cstdio>

namespace qself::util {
namespace {

std::atomic<long long> g_skew_seconds{0};

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::optional<ZonedInstant> parse_rfc3339(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!read_digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' || !read_digits(text, 5, 2, month) ||
      text[7] != '-' || !read_digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      !read_digits(text, 11, 2, hour) || text[13] != ':' || !read_digits(text, 14, 2, minute) || text[16] != ':' ||
      !read_digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t digits_start = pos;
    for (int scale = 100; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10) {
      millis += (text[pos] - '0') * scale;  // past the third digit, scale is 0
    }
    if (pos == digits_start) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;
  int offset = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh, om;
    if (!read_digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  if (year < 1 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  if (second == 60) second = 59;  // a leap second is recorded as the second before it
  const auto local =
      date::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
  return ZonedInstant{Timestamp{local - std::chrono::minutes{offset}}, offset, millis};
}

std::string format_rfc3339(Timestamp utc, int offset_minutes) {
  const auto local = utc + std::chrono::minutes{offset_minutes};
  const auto day = std::chrono::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss hms{local - day};
  char buffer[40];
  int n = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", int(ymd.year()), unsigned(ymd.month()),
                        unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                        int(hms.seconds().count()));
  if (offset_minutes == 0) {
    buffer[n++] = 'Z';
    buffer[n] = '\0';
  } else {
    const int abs_offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    std::snprintf(buffer + n, sizeof buffer - n, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', abs_offset / 60,
                  abs_offset % 60);
  }
  return buffer;
}

std::string format_rfc3339(const ZonedInstant& instant) {
  std::string text = format_rfc3339(instant.utc, instant.offset_minutes);
  if (instant.millis != 0) {
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03d", instant.millis);
    text.insert(19, fraction);  // after "YYYY-MM-DDTHH:MM:SS"
  }
  return text;
}

Timestamp now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
         std::chrono::seconds{g_skew_seconds.load(std::memory_order_relaxed)};
}

std::optional<ClockPin> parse_clock_pin(std::string_view text, Timestamp real_now) {
  const auto at = text.find('@');
  const auto start = parse_rfc3339(text.substr(0, at));
  if (!start) return std::nullopt;
  if (at == std::string_view::npos) return ClockPin{start->utc, real_now};
  const auto digits = text.substr(at + 1);
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  long long anchor = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    anchor = anchor * 10 + (c - '0');
  }
  return ClockPin{start->utc, Timestamp{std::chrono::seconds{anchor}}};
}

std::string format_clock_pin(const ClockPin& pin) {
  return format_rfc3339(pin.start) + "@" + std::to_string(pin.anchor.time_since_epoch().count());
}

void pin_clock(const ClockPin& pin) {
  g_skew_seconds.store((pin.start - pin.anchor).count(), std::memory_order_relaxed);
}

}  // namespace qself::util
