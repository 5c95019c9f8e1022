#include "core/log_uid.hpp"

namespace qself::core {

std::optional<std::string> parse_log_uid(std::string_view text) {
  constexpr std::size_t kLength = 36;
  if (text.size() != kLength) return std::nullopt;
  std::string uid(text);
  for (std::size_t i = 0; i < kLength; ++i) {
    char& c = uid[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return std::nullopt;
    } else if (c >= 'A' && c <= 'F') {
      c = static_cast<char>(c - 'A' + 'a');
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return std::nullopt;
    }
  }
  return uid;
}

}  // namespace qself::core
