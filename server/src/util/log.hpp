#pragma once
// One line per event on standard error. Never pass secrets, tokens, passwords
// or logged values here: ids, routes, statuses and durations only.

#include <string_view>

namespace qself::util {

enum class Level { info, warning, error };

void log(Level level, std::string_view message);

}  // namespace qself::util
