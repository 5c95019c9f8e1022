#pragma once
// Small text helpers shared by validation, values and the importers.

#include <string>
#include <string_view>
#include <vector>

namespace qself::core {

// `text` without the ASCII whitespace at either end; trim_view points into `text`.
std::string_view trim_view(std::string_view text);
std::string trim(std::string_view text);
std::string to_lower(std::string_view text);  // ASCII only
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::size_t utf8_length(std::string_view text);  // code points
bool is_valid_utf8(std::string_view text);

}  // namespace qself::core
