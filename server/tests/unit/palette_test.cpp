// The tracker palette the server embeds is web/src/utils/palette.json: the
// colours the web app offers are the ones a tracker created without one gets.

#include "core/palette.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace {

using qself::core::palette_color;
using qself::core::tracker_palette;

TEST(Palette, IsTheWebAppsPaletteFileInItsOrder) {
  std::ifstream file(std::string(QSELF_SOURCE_DIR) + "/web/src/utils/palette.json");
  ASSERT_TRUE(file) << "web/src/utils/palette.json";
  std::vector<std::string> expected;
  for (const auto& entry : nlohmann::json::parse(file)) expected.push_back(entry.at("hex"));
  EXPECT_EQ(tracker_palette(), expected);
}

TEST(Palette, IsLowercaseHexColoursNoneTwice) {
  const auto& palette = tracker_palette();
  ASSERT_GE(palette.size(), 8u);
  const std::regex hex("#[0-9a-f]{6}");
  for (const auto& color : palette) EXPECT_TRUE(std::regex_match(color, hex)) << color;
  EXPECT_EQ(std::set<std::string>(palette.begin(), palette.end()).size(), palette.size());
}

TEST(Palette, GivesTrackersItsColoursInTurn) {
  const auto& palette = tracker_palette();
  const auto size = static_cast<std::int64_t>(palette.size());
  EXPECT_EQ(palette_color(0), palette[0]);
  EXPECT_EQ(palette_color(1), palette[1]);
  EXPECT_EQ(palette_color(size), palette[0]);
  EXPECT_EQ(palette_color(size + 2), palette[2]);
  EXPECT_EQ(palette_color(-1), palette.back());  // never out of range
}

}  // namespace
