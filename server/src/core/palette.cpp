#include "core/palette.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

namespace qself::embedded {
extern const std::string_view palette_json;
}

namespace qself::core {

const std::vector<std::string>& tracker_palette() {
  static const std::vector<std::string> palette = [] {
    std::vector<std::string> colors;
    for (const auto& entry : nlohmann::json::parse(embedded::palette_json)) {
      colors.push_back(entry.at("hex").get<std::string>());
    }
    return colors;
  }();
  return palette;
}

const std::string& palette_color(std::int64_t position) {
  const auto& palette = tracker_palette();
  const auto size = static_cast<std::int64_t>(palette.size());
  return palette[static_cast<std::size_t>(((position % size) + size) % size)];
}

}  // namespace qself::core
