#pragma once
// One line per event on standard error: "TIME LEVEL message" (QSELF_LOG_FORMAT=text,
// the default) or one JSON object per line (json) with "time", "level", "msg"
// and any fields. Never pass secrets, tokens, passwords, email addresses,
// query strings or logged values here: ids, routes, statuses and durations only.

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <variant>

namespace qself::util {

enum class Level { info, warning, error };

enum class LogFormat { text, json };

// Chosen once, at start-up, before other threads log.
void set_log_format(LogFormat format);
LogFormat log_format();

// A named value of a JSON line (the text format leaves fields out: its
// message already says what they would).
struct LogField {
  std::string_view name;
  std::variant<std::string_view, std::int64_t, double> value;
};

void log(Level level, std::string_view message, std::initializer_list<LogField> fields = {});

}  // namespace qself::util
