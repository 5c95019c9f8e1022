#pragma once
// Small text helpers shared by validation and values.

#include <string>
#include <string_view>
#include <vector>

namespace qself::core {

std::string trim(std::string_view text);
std::string to_lower(std::string_view text);  // ASCII only
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::size_t utf8_length(std::string_view text);  // code points
bool is_valid_utf8(std::string_view text);

}  // namespace qself::core
