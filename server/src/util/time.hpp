#pragma once
// Instants, RFC 3339 text and the one clock everything reads.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qself::util {

using Timestamp = std::chrono::sys_seconds;

// An instant together with the UTC offset it was written in, so that a log
// entered at 08:00+02:00 is shown back as 08:00+02:00.
struct ZonedInstant {
  Timestamp utc;
  int offset_minutes = 0;
};

// Parses "2026-11-28T08:15:00+01:00" (also "Z", fractional seconds dropped).
// Returns nullopt for anything that is not RFC 3339 with an explicit offset.
std::optional<ZonedInstant> parse_rfc3339(std::string_view text);

// Formats as RFC 3339 with the given offset ("Z" when it is zero).
std::string format_rfc3339(Timestamp utc, int offset_minutes = 0);

// The current time. Tests and the scheduler's clock setting can move it.
Timestamp now();

// Sets a fixed offset from the real clock (test-only clock control).
void set_clock_skew(std::chrono::seconds skew);

}  // namespace qself::util
