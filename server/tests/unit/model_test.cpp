// The names of types, frequencies and target operators (core/model.hpp), as
// the API and the database spell them.

#include "core/model.hpp"

#include <gtest/gtest.h>

using namespace qself::core;

TEST(TrackerTypeNames, RoundTrip) {
  for (const auto type : {TrackerType::numeric, TrackerType::boolean, TrackerType::choice, TrackerType::rating,
                          TrackerType::duration, TrackerType::text}) {
    EXPECT_EQ(parse_tracker_type(to_string(type)), type) << to_string(type);
  }
  EXPECT_EQ(to_string(TrackerType::duration), "duration");
}

TEST(TrackerTypeNames, AreExactAndLowerCase) {
  EXPECT_EQ(parse_tracker_type("Numeric"), std::nullopt);
  EXPECT_EQ(parse_tracker_type("number"), std::nullopt);
  EXPECT_EQ(parse_tracker_type(""), std::nullopt);
}

TEST(FrequencyNames, RoundTrip) {
  for (const auto frequency : {Frequency::hourly, Frequency::daily, Frequency::weekly, Frequency::monthly}) {
    EXPECT_EQ(parse_frequency(to_string(frequency)), frequency) << to_string(frequency);
  }
  EXPECT_EQ(to_string(Frequency::weekly), "weekly");
  EXPECT_EQ(parse_frequency("yearly"), std::nullopt);
}

TEST(TargetOpNames, RoundTrip) {
  EXPECT_EQ(to_string(TargetOp::at_least), "at_least");
  EXPECT_EQ(to_string(TargetOp::at_most), "at_most");
  EXPECT_EQ(parse_target_op("at_least"), TargetOp::at_least);
  EXPECT_EQ(parse_target_op("at_most"), TargetOp::at_most);
  EXPECT_EQ(parse_target_op(">="), std::nullopt);
}
