#include "unit/support/calendar_fixtures.hpp"

#include <stdexcept>

#include "util/time.hpp"

namespace qself::testing {

core::Timestamp at(const std::string& rfc3339) {
  const auto parsed = util::parse_rfc3339(rfc3339);
  if (!parsed) throw std::invalid_argument("not RFC 3339: " + rfc3339);
  return parsed->utc;
}

core::Period period(const std::string& start, const std::string& end) { return core::Period{at(start), at(end)}; }

const core::Calendar& utc() {
  static const core::Calendar calendar("UTC");
  return calendar;
}

const core::Calendar& paris() {
  static const core::Calendar calendar("Europe/Paris");
  return calendar;
}

const core::Calendar& new_york() {
  static const core::Calendar calendar("America/New_York");
  return calendar;
}

}  // namespace qself::testing
