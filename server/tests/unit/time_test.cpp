#include "util/time.hpp"

#include <gtest/gtest.h>

using qself::util::format_rfc3339;
using qself::util::parse_rfc3339;

TEST(Rfc3339, ParsesAnOffsetAndKeepsIt) {
  const auto parsed = parse_rfc3339("2026-11-28T08:15:00+01:00");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->offset_minutes, 60);
  EXPECT_EQ(format_rfc3339(parsed->utc), "2026-11-28T07:15:00Z");
  EXPECT_EQ(format_rfc3339(parsed->utc, parsed->offset_minutes), "2026-11-28T08:15:00+01:00");
}

TEST(Rfc3339, AcceptsZuluAndFractions) {
  const auto parsed = parse_rfc3339("2026-03-01T23:59:59.999Z");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(format_rfc3339(parsed->utc), "2026-03-01T23:59:59Z");
}

TEST(Rfc3339, NegativeAndHalfHourOffsets) {
  EXPECT_EQ(parse_rfc3339("2026-01-01T00:00:00-05:30")->offset_minutes, -330);
  EXPECT_EQ(format_rfc3339(parse_rfc3339("2026-01-01T00:00:00-05:30")->utc, -330), "2026-01-01T00:00:00-05:30");
}

TEST(Rfc3339, RejectsWhatIsNotRfc3339) {
  for (const char* text :
       {"", "2026-11-28", "2026-11-28T08:15:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-28T25:00:00Z",
        "2026-11-28T08:15:00+1:00", "2026-11-28T08:15:00Zjunk", "yesterday", "2026-11-28T08:15:00.Z"}) {
    EXPECT_FALSE(parse_rfc3339(text)) << text;
  }
}
