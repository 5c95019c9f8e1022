#include "util/log.hpp"

#include <cstdio>
#include <mutex>

#include "util/time.hpp"

namespace qself::util {

void log(Level level, std::string_view message) {
  static std::mutex mutex;
  const char* name = level == Level::info ? "info" : level == Level::warning ? "warn" : "error";
  const std::string when = format_rfc3339(now());
  std::lock_guard lock(mutex);
  std::fprintf(stderr, "%s %s %.*s\n", when.c_str(), name, static_cast<int>(message.size()), message.data());
}

}  // namespace qself::util
