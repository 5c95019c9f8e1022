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

TEST(Rfc3339, KeepsMillisecondsAndWritesThemOnlyWhenThereAreSome) {
  const auto parsed = parse_rfc3339("2026-03-01T23:59:59.1239+01:00");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->millis, 123) << "finer digits are dropped";
  EXPECT_EQ(format_rfc3339(*parsed), "2026-03-01T23:59:59.123+01:00");
  EXPECT_EQ(parse_rfc3339("2026-03-01T23:59:59.5Z")->millis, 500);
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2026-03-01T23:59:59.05Z")), "2026-03-01T23:59:59.050Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2026-03-01T23:59:59.000Z")), "2026-03-01T23:59:59Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2026-03-01T23:59:59-05:30")), "2026-03-01T23:59:59-05:30");
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

using qself::util::ClockPin;
using qself::util::parse_clock_pin;

TEST(ClockPin, StartsAtTheInstantWhenTheProcessStartsUnlessAnchored) {
  const auto real_now = parse_rfc3339("2026-12-04T12:00:00Z")->utc;
  const auto pin = parse_clock_pin("2027-01-01T00:05:00Z", real_now);
  ASSERT_TRUE(pin);
  EXPECT_EQ(format_rfc3339(pin->start), "2027-01-01T00:05:00Z");
  EXPECT_EQ(pin->anchor, real_now);

  const auto anchored = parse_clock_pin("2027-01-01T00:05:00+01:00@1796385600", real_now);
  ASSERT_TRUE(anchored);
  EXPECT_EQ(format_rfc3339(anchored->start), "2026-12-31T23:05:00Z");
  EXPECT_EQ(anchored->anchor.time_since_epoch().count(), 1796385600);
}

TEST(ClockPin, ReadsBackWhatItWrites) {
  const ClockPin pin{parse_rfc3339("2027-03-28T00:30:00Z")->utc, parse_rfc3339("2026-12-04T12:00:00Z")->utc};
  const auto text = qself::util::format_clock_pin(pin);
  EXPECT_EQ(text, "2027-03-28T00:30:00Z@1796385600");
  const auto read = parse_clock_pin(text, {});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->start, pin.start);
  EXPECT_EQ(read->anchor, pin.anchor);
}

TEST(ClockPin, RejectsMalformedPins) {
  for (const char* text : {"", "tomorrow", "2027-01-01", "2027-01-01T00:05:00Z@", "2027-01-01T00:05:00Z@12x",
                           "2027-01-01T00:05:00Z@-5", "2027-01-01T00:05:00Z@1234567890123"}) {
    EXPECT_FALSE(parse_clock_pin(text, {})) << text;
  }
}

TEST(ClockPin, PinnedClockRunsFromTheStartAtTheRealRate) {
  const auto real = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto start = parse_rfc3339("2027-10-31T00:30:00Z")->utc;
  qself::util::pin_clock({start, real - std::chrono::seconds{90}});  // pinned 90 s ago
  const auto pinned_now = qself::util::now();
  qself::util::pin_clock({real, real});  // back to the real clock for the other tests
  EXPECT_GE(pinned_now - start, std::chrono::seconds{90});
  EXPECT_LE(pinned_now - start, std::chrono::seconds{95});
}
