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

// The earliest time a log may have, the same on every write path (the API,
// imports, `qself import`): 1970-01-01T00:00:00Z. The 15-minute slots of the
// statistics are the seconds since the epoch divided by 900 in SQL
// (store/log_repository), which would put an earlier time in the wrong slot;
// and a year 1 or 1901 is a typo, not a log.
inline constexpr util::Timestamp kEarliestLogTime{};

// Why `logged_at` cannot be the time of a log made at `now` (the words of a
// field error on "logged_at"), or nullopt when it can: from kEarliestLogTime
// to kFutureLogTolerance ahead of `now`.
std::optional<std::string> logged_at_problem(util::Timestamp logged_at, util::Timestamp now);

}  // namespace qself::core
