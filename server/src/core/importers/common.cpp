#include "core/importers/common.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/errors.hpp"
#include "core/periods.hpp"
#include "core/text.hpp"

namespace qself::core::importers {
namespace {

using namespace std::chrono;

// Far enough from a change of offset that no other offset can apply: no zone
// has ever moved by more than a day at once.
constexpr auto kSafeMargin = date::days{2};

constexpr std::size_t kQuotedMax = 40;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(text[i])) return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

void lower_into(std::string_view text, std::string& out) {
  out.resize(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) out[i] = lower(text[i]);
}

}  // namespace

LocalZone::LocalZone(std::string_view name) : m_calendar(name) {}

util::ZonedInstant LocalZone::at(date::local_seconds local) {
  const util::Timestamp guess{local.time_since_epoch() - m_offset};
  if (guess >= m_safe_begin && guess < m_safe_end) {
    return {guess, static_cast<int>(m_offset.count() / 60)};
  }
  const util::ZonedInstant instant = m_calendar.at(local);
  const OffsetSpan around = m_calendar.offset_span(instant.utc);
  m_offset = around.offset;
  m_safe_begin = around.begin + kSafeMargin;
  m_safe_end = around.end - kSafeMargin;
  return instant;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::optional<date::local_days> parse_date(std::string_view text) {
  text = trim_view(text);
  int year, month, day;
  if (text.size() != 10 || !read_digits(text, 0, 4, year) || text[4] != '-' || !read_digits(text, 5, 2, month) ||
      text[7] != '-' || !read_digits(text, 8, 2, day)) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || year < 1) return std::nullopt;
  return date::local_days{ymd};
}

std::optional<std::chrono::seconds> parse_clock(std::string_view text) {
  text = trim_view(text);
  std::size_t pos = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  const std::size_t hour_digits = text.size() > 1 && is_digit(text[1]) ? 2 : 1;
  if (!read_digits(text, 0, hour_digits, hour)) return std::nullopt;
  pos = hour_digits;
  if (pos >= text.size() || text[pos] != ':' || !read_digits(text, pos + 1, 2, minute)) return std::nullopt;
  pos += 3;
  if (pos < text.size() && text[pos] == ':') {
    if (!read_digits(text, pos + 1, 2, second)) return std::nullopt;
    pos += 3;
  }
  std::string_view rest = trim_view(text.substr(pos));
  if (!rest.empty()) {
    // "am", "pm", "a.m.", "p.m." in any case.
    std::string marker;
    for (char c : rest) {
      if (c != '.') marker += lower(c);
    }
    if ((marker != "am" && marker != "pm") || hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (marker == "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return hours{hour} + minutes{minute} + seconds{second};
}

std::optional<util::ZonedInstant> parse_timestamp(std::string_view text, LocalZone& zone) {
  text = trim_view(text);
  if (text.size() < 16) return std::nullopt;
  const auto day = parse_date(text.substr(0, 10));
  if (!day || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return std::nullopt;
  int hour, minute, second = 0, millis = 0;
  if (!read_digits(text, 11, 2, hour) || text[13] != ':' || !read_digits(text, 14, 2, minute)) return std::nullopt;
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!read_digits(text, pos + 1, 2, second)) return std::nullopt;
    pos += 3;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      const std::size_t digits = ++pos;
      for (int scale = 100; pos < text.size() && is_digit(text[pos]); ++pos, scale /= 10) {
        millis += (text[pos] - '0') * scale;  // milliseconds are kept, finer digits dropped
      }
      if (pos == digits) return std::nullopt;
    }
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  if (second == 60) second = 59;  // a leap second is kept as the second before it
  const date::local_seconds local = *day + hours{hour} + minutes{minute} + seconds{second};
  if (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos == text.size()) {
    util::ZonedInstant instant = zone.at(local);
    instant.millis = millis;
    return instant;
  }

  int offset = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int offset_hours = 0;
    int offset_minutes = 0;
    if (!read_digits(text, pos + 1, 2, offset_hours)) return std::nullopt;
    std::size_t end = pos + 3;
    if (end < text.size()) {
      if (text[end] == ':') ++end;
      if (!read_digits(text, end, 2, offset_minutes)) return std::nullopt;
      end += 2;
    }
    if (offset_hours > 23 || offset_minutes > 59) return std::nullopt;
    offset = (offset_hours * 60 + offset_minutes) * (text[pos] == '-' ? -1 : 1);
    pos = end;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  return util::ZonedInstant{util::Timestamp{local.time_since_epoch() - minutes{offset}}, offset, millis};
}

std::optional<double> parse_number(std::string_view text, int* places) {
  text = trim_view(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  if (places) {
    *places = 0;
    const std::size_t point = text.find('.');
    if (point != std::string_view::npos) {
      for (std::size_t i = point + 1; i < text.size() && is_digit(text[i]); ++i) ++*places;
    }
  }
  return value;
}

std::string truncate_utf8(std::string_view text, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && count++ == max) {
      return std::string(text.substr(0, i));
    }
  }
  return std::string(text);
}

std::string in_quotes(std::string_view text) {
  std::string shown = truncate_utf8(text, kQuotedMax);
  if (shown.size() < text.size()) shown += "…";
  return "\"" + shown + "\"";
}

std::string column_count_problem(std::size_t expected, std::size_t found) {
  return "expected " + std::to_string(expected) + " columns, found " + std::to_string(found);
}

std::size_t count_lines(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

std::size_t Labels::add(std::string_view label) {
  if (const auto found = find(label)) return *found;
  m_labels.emplace_back(label);
  m_index.emplace(m_key, m_labels.size() - 1);
  return m_labels.size() - 1;
}

std::optional<std::size_t> Labels::find(std::string_view label) const {
  lower_into(label, m_key);
  const auto found = m_index.find(m_key);
  if (found == m_index.end()) return std::nullopt;
  return found->second;
}

Columns::Columns(const CsvRecord& header) {
  m_names.reserve(header.fields.size());
  for (const auto field : header.fields) m_names.push_back(to_lower(trim_view(field)));
}

std::optional<std::size_t> Columns::find(std::string_view name) const {
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    if (m_names[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace qself::core::importers
