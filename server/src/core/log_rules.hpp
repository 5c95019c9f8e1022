#pragma once
// When a log may say it happened. A log records something that happened: a time
// ahead of the server's clock is a typo (a wrong year) or a misset phone, and
// would stand as the tracker's "last value" until that day came.

#include <chrono>
#include <optional>
#include <string>

#include "util/time.hpp"

namespace qself::core {

// How far ahead of the server's clock a log's time may be: the clocks of the
// phone that logged and of the server may disagree by a few minutes.
inline constexpr std::chrono::minutes kFutureLogTolerance{5};

// Why `logged_at` cannot be the time of a log made at `now` (the words of a
// field error on "logged_at"), or nullopt when it can.
std::optional<std::string> logged_at_problem(util::Timestamp logged_at, util::Timestamp now);

}  // namespace qself::core
