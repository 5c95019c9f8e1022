#pragma once
// Helpers shared by the unit tests of core/: catching the fields a
// ValidationError names, long text, and printing domain values in failure messages.

#include <gtest/gtest.h>

#include <cstddef>
#include <ostream>
#include <string>
#include <utility>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "core/periods.hpp"
#include "core/values.hpp"
#include "util/time.hpp"

namespace qself::testing {

// Runs `action` and answers the fields of the ValidationError it throws; a
// test that expected one fails when nothing (or something else) is thrown.
template <typename Action>
ValidationError::Fields problems_of(Action&& action) {
  try {
    std::forward<Action>(action)();
  } catch (const ValidationError& error) {
    return error.fields();
  }
  ADD_FAILURE() << "expected a ValidationError, nothing was thrown";
  return {};
}

// `piece` written `times` times over (long names, long notes).
inline std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace qself::testing

namespace qself::core {

inline void PrintTo(const StoredValue& value, std::ostream* out) {
  *out << "StoredValue{";
  if (value.number) *out << "number=" << *value.number;
  if (value.text) *out << "text=\"" << *value.text << '"';
  *out << '}';
}

inline void PrintTo(Outcome outcome, std::ostream* out) {
  *out << (outcome == Outcome::kept ? "kept" : outcome == Outcome::rounded ? "rounded" : "dropped");
}

inline void PrintTo(const Period& period, std::ostream* out) {
  *out << '[' << util::format_rfc3339(period.start) << ", " << util::format_rfc3339(period.end) << ')';
}

}  // namespace qself::core
