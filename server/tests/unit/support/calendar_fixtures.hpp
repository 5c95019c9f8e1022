#pragma once
// Instants, periods and the users' calendars as the unit specs of core/ write
// them: by hand, in RFC 3339, in the zones whose rules the specs work from.

#include <string>

#include "core/model.hpp"
#include "core/periods.hpp"

namespace qself::testing {

// The instant `rfc3339` names ("2026-03-29T01:00:00Z"); throws
// std::invalid_argument when it is not RFC 3339, so a typo fails the test.
core::Timestamp at(const std::string& rfc3339);

// The period [start, end), both in RFC 3339.
core::Period period(const std::string& start, const std::string& end);

// Calendars made once and shared by the specs.
const core::Calendar& utc();
const core::Calendar& paris();     // Europe/Paris
const core::Calendar& new_york();  // America/New_York

}  // namespace qself::testing
