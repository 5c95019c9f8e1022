#pragma once
// Instants, RFC 3339 text and the one clock everything reads.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qself::util {

using Timestamp = std::chrono::sys_seconds;

// An instant together with the UTC offset it was written in, so that a log
// entered at 08:00+02:00 is shown back as 08:00+02:00. `utc` is whole
// seconds, which every period, slot and range works in; `millis` is the part
// of the second after it, kept so that a log's time reads back as written.
struct ZonedInstant {
  Timestamp utc;
  int offset_minutes = 0;
  int millis = 0;  // 0..999
};

// Parses "2026-11-28T08:15:00+01:00" (also "Z", and fractional seconds, of
// which milliseconds are kept and finer digits dropped). Returns nullopt for
// anything that is not RFC 3339 with an explicit offset.
std::optional<ZonedInstant> parse_rfc3339(std::string_view text);

// Formats as RFC 3339 with the given offset ("Z" when it is zero).
std::string format_rfc3339(Timestamp utc, int offset_minutes = 0);
// The same, with ".sss" after the seconds when the milliseconds are not zero.
std::string format_rfc3339(const ZonedInstant& instant);

// The current time: the real clock, unless a test pinned it (below).
Timestamp now();

// Test-only clock control. A pinned clock reads `start` at the real instant
// `anchor` and runs at the real rate from there. Every process given the same
// pin agrees on "now" to the second, so a test can put a server, a worker and
// a scheduler at 23:59 on the last day of a month together.
struct ClockPin {
  Timestamp start;
  Timestamp anchor;
};

// Reads QSELF_TEST_NOW: "2027-01-01T00:05:00Z" (the clock starts there at
// `real_now`, i.e. when the process starts) or "2027-01-01T00:05:00Z@1796083500"
// (it read that instant at the real unix second after "@"). nullopt if malformed.
std::optional<ClockPin> parse_clock_pin(std::string_view text, Timestamp real_now);

// The QSELF_TEST_NOW text of a pin; parse_clock_pin reads it back.
std::string format_clock_pin(const ClockPin& pin);

// Pins the clock of this process (see ClockPin).
void pin_clock(const ClockPin& pin);

}  // namespace qself::util
