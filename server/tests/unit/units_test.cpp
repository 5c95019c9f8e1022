// A unit after a number (core/units.hpp): singular after exactly one. The
// cases of web/src/utils/units.cases.json are the web app's too, so both read
// a unit the same way.

#include "core/units.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace {

using qself::core::singular_unit;
using qself::core::unit_after;

TEST(SingularUnit, ReadsEveryCaseTheWebAppReads) {
  std::ifstream file(std::string(QSELF_SOURCE_DIR) + "/web/src/utils/units.cases.json");
  ASSERT_TRUE(file) << "web/src/utils/units.cases.json";
  const auto cases = nlohmann::json::parse(file);
  ASSERT_GE(cases.size(), 20u);
  for (const auto& entry : cases) {
    const std::string unit = entry.at(0);
    EXPECT_EQ(singular_unit(unit), entry.at(1).get<std::string>()) << unit;
  }
}

TEST(UnitAfter, IsSingularAfterExactlyOneOrMinusOne) {
  EXPECT_EQ(unit_after(1, "glasses"), "glass");
  EXPECT_EQ(unit_after(-1, "hours"), "hour");
  EXPECT_EQ(unit_after(1, "km"), "km");
}

TEST(UnitAfter, StaysAsTypedAfterAnyOtherNumber) {
  EXPECT_EQ(unit_after(2, "glasses"), "glasses");
  EXPECT_EQ(unit_after(0, "cups"), "cups");
  EXPECT_EQ(unit_after(1.5, "cups"), "cups");
  EXPECT_EQ(unit_after(0.99, "cups"), "cups");
}

}  // namespace
