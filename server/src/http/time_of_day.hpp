#pragma once
// The API's one form of a time of day (a user's reminder time): "HH:MM",
// 00:00 to 23:59. Read by parse.cpp, written by render.cpp.

#include <optional>
#include <string>
#include <string_view>

namespace qself::http {

// Minutes since midnight; nullopt for anything but "HH:MM".
std::optional<int> parse_time_of_day(std::string_view text);

// "HH:MM" for minutes since midnight (0 to 1439).
std::string format_time_of_day(int minutes);

}  // namespace qself::http
