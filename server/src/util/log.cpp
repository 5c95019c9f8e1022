#include "util/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "util/time.hpp"

namespace qself::util {
namespace {

std::atomic<LogFormat> g_format{LogFormat::text};

// A JSON string: quotes, backslashes and control characters escaped, so a
// line stays one line and one object whatever a message holds.
void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_json_value(std::string& out, const LogField& field) {
  if (const auto* text = std::get_if<std::string_view>(&field.value)) {
    append_json_string(out, *text);
  } else if (const auto* number = std::get_if<std::int64_t>(&field.value)) {
    out += std::to_string(*number);
  } else {
    char number_text[32];
    std::snprintf(number_text, sizeof number_text, "%.3f", std::get<double>(field.value));
    out += number_text;
  }
}

}  // namespace

void set_log_format(LogFormat format) { g_format.store(format, std::memory_order_relaxed); }

LogFormat log_format() { return g_format.load(std::memory_order_relaxed); }

void log(Level level, std::string_view message, std::initializer_list<LogField> fields) {
  static std::mutex mutex;
  const char* name = level == Level::info ? "info" : level == Level::warning ? "warn" : "error";
  const std::string when = format_rfc3339(now());
  std::string line;
  if (log_format() == LogFormat::json) {
    line.reserve(128 + message.size());
    line += "{\"time\":";
    append_json_string(line, when);
    line += ",\"level\":";
    append_json_string(line, name);
    line += ",\"msg\":";
    append_json_string(line, message);
    for (const auto& field : fields) {
      line += ',';
      append_json_string(line, field.name);
      line += ':';
      append_json_value(line, field);
    }
    line += "}\n";
  } else {
    line.reserve(32 + message.size());
    line += when;
    line += ' ';
    line += name;
    line += ' ';
    line += message;
    line += '\n';
  }
  std::lock_guard lock(mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace qself::util
