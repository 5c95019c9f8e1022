// Log values: reading natural JSON per type, writing it back, describing it in
// words, and carrying it across a change of type (core/values.hpp).

#include "core/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "core/json_forms.hpp"
#include "support/core_support.hpp"

using nlohmann::json;
using namespace qself::core;
using qself::ValidationError;
using qself::testing::problems_of;
using qself::testing::repeat;
using Fields = ValidationError::Fields;

namespace {

Tracker tracker_of_type(TrackerType type) {
  Tracker tracker;
  tracker.type = type;
  return tracker;
}

Tracker numeric(std::optional<double> min = std::nullopt, std::optional<double> max = std::nullopt, int decimals = 2) {
  Tracker tracker = tracker_of_type(TrackerType::numeric);
  tracker.options.min = min;
  tracker.options.max = max;
  tracker.options.decimals = decimals;
  return tracker;
}

Tracker choice(std::vector<std::string> choices) {
  Tracker tracker = tracker_of_type(TrackerType::choice);
  for (auto& label : choices) add_choice(tracker.options, std::move(label));
  return tracker;
}

Tracker rating(int scale) {
  Tracker tracker = tracker_of_type(TrackerType::rating);
  tracker.options.scale = scale;
  return tracker;
}

const Tracker kBoolean = tracker_of_type(TrackerType::boolean);
const Tracker kDuration = tracker_of_type(TrackerType::duration);
const Tracker kText = tracker_of_type(TrackerType::text);
const Tracker kMood = choice({"bad", "ok", "good"});

StoredValue number(double value) { return StoredValue{value, std::nullopt}; }
StoredValue text(std::string value) { return StoredValue{std::nullopt, std::move(value)}; }

// The problem read_value reports for `value` (as JSON gives it), under the default field "value".
std::string problem_with(const Tracker& tracker, const json& value) {
  const Fields fields = problems_of([&] { read_value(tracker, read_natural_value(value)); });
  EXPECT_EQ(fields.size(), 1u);
  return fields.count("value") ? fields.at("value") : "(no problem under \"value\")";
}

}  // namespace

// ---- read_value: numeric ----------------------------------------------------

TEST(ReadNumeric, KeepsANumberWithinTheRange) {
  EXPECT_EQ(read_value(numeric(0, 100), 72.5), number(72.5));
  EXPECT_EQ(read_value(numeric(0, 100), 0), number(0));
  EXPECT_EQ(read_value(numeric(0, 100), 100), number(100));
}

TEST(ReadNumeric, AcceptsAnyFiniteNumberWithoutBounds) {
  EXPECT_EQ(read_value(numeric(), -12.25), number(-12.25));
  EXPECT_EQ(read_value(numeric(), 1e9), number(1e9));
  EXPECT_EQ(read_value(numeric(), 999999999999999.0), number(999999999999999.0));
}

TEST(ReadNumeric, RefusesANumberSoLargeThatRoundingMadeItInfinite) {
  // 1e308 × 100 (two decimals) is infinite: it was stored as such, and answered as null.
  EXPECT_EQ(problem_with(numeric(), 1e308), "must have at most 15 digits before the decimal point");
  EXPECT_EQ(problem_with(numeric(), -1e15), "must have at most 15 digits before the decimal point");
}

TEST(ReadNumeric, StoresMinusZeroAsZero) {
  const auto zero = read_value(numeric(), -0.0);
  ASSERT_TRUE(zero.number);
  EXPECT_FALSE(std::signbit(*zero.number));
}

TEST(ReadNumeric, RoundsToTheTrackersDecimals) {
  EXPECT_EQ(read_value(numeric(std::nullopt, std::nullopt, 1), 72.46), number(72.5));
  EXPECT_EQ(read_value(numeric(std::nullopt, std::nullopt, 0), 7.5), number(8));
  EXPECT_EQ(read_value(numeric(std::nullopt, std::nullopt, 2), 0.125), number(0.13));
}

TEST(ReadNumeric, ChecksTheRangeAfterRounding) {
  // 10.4 kept with no decimals is 10, which is within max 10; 0.4 is 0, below min 1.
  EXPECT_EQ(read_value(numeric(std::nullopt, 10, 0), 10.4), number(10));
  EXPECT_EQ(problem_with(numeric(1, std::nullopt, 0), 0.4), "must be at least 1");
}

TEST(ReadNumeric, RefusesAValueOutsideMinAndMax) {
  EXPECT_EQ(problem_with(numeric(0, 100), 100.5), "must be between 0 and 100");
  EXPECT_EQ(problem_with(numeric(0, 100), -1), "must be between 0 and 100");
  EXPECT_EQ(problem_with(numeric(2.5), 2), "must be at least 2.5");
  EXPECT_EQ(problem_with(numeric(std::nullopt, 8), 9), "must be at most 8");
}

TEST(ReadNumeric, RefusesWhatIsNotANumber) {
  EXPECT_EQ(problem_with(numeric(), "72"), "must be a number");
  EXPECT_EQ(problem_with(numeric(), true), "must be a number");
  EXPECT_EQ(problem_with(numeric(), nullptr), "must be a number");
  EXPECT_EQ(problem_with(numeric(), json::array({1})), "must be a number");
}

TEST(ReadNumeric, RefusesInfinityAndNaN) {
  EXPECT_EQ(problem_with(numeric(), std::numeric_limits<double>::infinity()), "must be a finite number");
  EXPECT_EQ(problem_with(numeric(), std::numeric_limits<double>::quiet_NaN()), "must be a finite number");
}

// ---- read_value: boolean ----------------------------------------------------

TEST(ReadBoolean, StoresTrueAsOneAndFalseAsZero) {
  EXPECT_EQ(read_value(kBoolean, true), number(1));
  EXPECT_EQ(read_value(kBoolean, false), number(0));
}

TEST(ReadBoolean, RefusesNumbersAndWords) {
  EXPECT_EQ(problem_with(kBoolean, 1), "must be true or false");
  EXPECT_EQ(problem_with(kBoolean, 0), "must be true or false");
  EXPECT_EQ(problem_with(kBoolean, "yes"), "must be true or false");
  EXPECT_EQ(problem_with(kBoolean, nullptr), "must be true or false");
}

// ---- read_value: choice -----------------------------------------------------

TEST(ReadChoice, StoresTheIndexOfTheLabel) {
  EXPECT_EQ(read_value(kMood, "bad"), number(0));
  EXPECT_EQ(read_value(kMood, "ok"), number(1));
  EXPECT_EQ(read_value(kMood, "good"), number(2));
}

TEST(ReadChoice, RefusesALabelNotInTheListAndListsTheChoices) {
  EXPECT_EQ(problem_with(kMood, "great"), "must be one of: bad, ok, good");
}

TEST(ReadChoice, MatchesLabelsExactly) {
  EXPECT_EQ(problem_with(kMood, "OK"), "must be one of: bad, ok, good");
  EXPECT_EQ(problem_with(kMood, " ok"), "must be one of: bad, ok, good");
}

TEST(ReadChoice, RefusesAnIndexGivenAsANumber) { EXPECT_EQ(problem_with(kMood, 1), "must be one of the choices"); }

// ---- read_value: rating -----------------------------------------------------

TEST(ReadRating, AcceptsEveryWholeStepFromOneToTheScale) {
  for (int step = 1; step <= 5; ++step) EXPECT_EQ(read_value(rating(5), step), number(step)) << step;
  EXPECT_EQ(read_value(rating(10), 10), number(10));
}

TEST(ReadRating, AcceptsAWholeNumberWrittenWithAFraction) { EXPECT_EQ(read_value(rating(5), 3.0), number(3)); }

TEST(ReadRating, RefusesZeroAndOneAboveTheScale) {
  EXPECT_EQ(problem_with(rating(5), 0), "must be a whole number from 1 to 5");
  EXPECT_EQ(problem_with(rating(5), 6), "must be a whole number from 1 to 5");
  EXPECT_EQ(problem_with(rating(3), 4), "must be a whole number from 1 to 3");
  EXPECT_EQ(problem_with(rating(5), -1), "must be a whole number from 1 to 5");
}

TEST(ReadRating, RefusesAFraction) { EXPECT_EQ(problem_with(rating(5), 2.5), "must be a whole number from 1 to 5"); }

TEST(ReadRating, RefusesANumberWrittenAsText) { EXPECT_EQ(problem_with(rating(5), "3"), "must be a number"); }

// ---- read_value: duration ---------------------------------------------------

TEST(ReadDuration, StoresWholeSeconds) {
  EXPECT_EQ(read_value(kDuration, 5400), number(5400));
  EXPECT_EQ(read_value(kDuration, 0), number(0));
}

TEST(ReadDuration, RefusesANegativeDuration) {
  EXPECT_EQ(problem_with(kDuration, -1), "must be from 0 to 24 hours (86400 seconds)");
}

TEST(ReadDuration, RefusesFractionsOfASecond) { EXPECT_EQ(problem_with(kDuration, 1.5), "must be whole seconds"); }

TEST(ReadDuration, RefusesClockTextWhichTheClientMustConvert) {
  EXPECT_EQ(problem_with(kDuration, "1:30"), "must be a number of seconds");
}

TEST(ReadDuration, RefusesMoreThanTwentyFourHoursInOneLog) {
  // "25:00" of sleep is a typo; a day is the longest stretch one log holds.
  EXPECT_EQ(read_value(kDuration, 86400), number(86400));
  EXPECT_EQ(problem_with(kDuration, 86401), "must be from 0 to 24 hours (86400 seconds)");
  EXPECT_EQ(problem_with(kDuration, 25 * 3600), "must be from 0 to 24 hours (86400 seconds)");
}

// ---- read_value: text -------------------------------------------------------

TEST(ReadText, KeepsTheTextExactlyAsWritten) {
  EXPECT_EQ(read_value(kText, "slept well"), text("slept well"));
  EXPECT_EQ(read_value(kText, "  two spaces before"), text("  two spaces before"));
}

TEST(ReadText, RefusesEmptyOrWhitespaceText) {
  EXPECT_EQ(problem_with(kText, ""), "must not be empty");
  EXPECT_EQ(problem_with(kText, " \t\n "), "must not be empty");
}

TEST(ReadText, AcceptsTenThousandCharactersAndNoMore) {
  EXPECT_EQ(read_value(kText, std::string(10000, 'a')).text->size(), 10000u);
  EXPECT_EQ(problem_with(kText, std::string(10001, 'a')), "must be at most 10000 characters");
}

TEST(ReadText, CountsCharactersNotBytes) {
  const std::string accents = repeat("é", 10000);  // 20,000 bytes
  EXPECT_EQ(read_value(kText, accents), text(accents));
  EXPECT_EQ(problem_with(kText, accents + "é"), "must be at most 10000 characters");
}

TEST(ReadText, RefusesInvalidUtf8) {
  EXPECT_EQ(problem_with(kText, std::string("caf\xC3", 4)), "must be valid UTF-8 text");
  EXPECT_EQ(problem_with(kText, "\xED\xA0\x80"), "must be valid UTF-8 text");  // a surrogate, U+D800
}

TEST(ReadText, MaySpanLinesButHoldsNoOtherControlCharacter) {
  EXPECT_EQ(read_value(kText, "Line one\n\tline two").text, "Line one\n\tline two");
  EXPECT_EQ(problem_with(kText, std::string("a\0b", 3)),
            "must not contain control characters other than tabs and line breaks");
}

TEST(ReadText, RefusesWhatIsNotAString) {
  EXPECT_EQ(problem_with(kText, 42), "must be text");
  EXPECT_EQ(problem_with(kText, nullptr), "must be text");
}

// ---- read_value: the field it names ----------------------------------------

TEST(ReadValue, NamesTheFieldItWasGiven) {
  const Fields fields = problems_of([] { read_value(rating(5), 9, "items[3].value"); });
  EXPECT_EQ(fields, (Fields{{"items[3].value", "must be a whole number from 1 to 5"}}));
}

TEST(ReadValue, NamesValueByDefault) {
  const Fields fields = problems_of([] { read_value(kBoolean, "yes"); });
  EXPECT_EQ(fields, (Fields{{"value", "must be true or false"}}));
}

// ---- write_value ------------------------------------------------------------

TEST(WriteValue, GivesEachTypeItsNaturalJson) {
  EXPECT_EQ(write_value(numeric(), number(72.5)), json(72.5));
  EXPECT_EQ(write_value(kBoolean, number(1)), json(true));
  EXPECT_EQ(write_value(kBoolean, number(0)), json(false));
  EXPECT_EQ(write_value(kMood, number(2)), json("good"));
  EXPECT_EQ(write_value(rating(5), number(4)), json(4));
  EXPECT_EQ(write_value(kDuration, number(5400)), json(5400));
  EXPECT_EQ(write_value(kText, text("slept well")), json("slept well"));
}

TEST(WriteValue, WritesAWholeNumericValueAsAnInteger) {
  EXPECT_EQ(write_value(numeric(), number(72)).dump(), "72");
  EXPECT_EQ(write_value(numeric(), number(-3)).dump(), "-3");
  EXPECT_EQ(write_value(numeric(), number(72.5)).dump(), "72.5");
}

TEST(WriteValue, WritesNullForAChoiceIndexThatNoLongerExists) {
  EXPECT_EQ(write_value(kMood, number(3)), json(nullptr));
}

TEST(WriteValue, WritesNullWhenTheStoredValueIsMissing) {
  EXPECT_EQ(write_value(numeric(), StoredValue{}), json(nullptr));
  EXPECT_EQ(write_value(kText, StoredValue{}), json(nullptr));
}

TEST(WriteValue, IsTheInverseOfReadValue) {
  const std::vector<std::pair<Tracker, json>> cases = {{numeric(0, 100, 1), 72.5},
                                                       {numeric(), 3},
                                                       {kBoolean, true},
                                                       {kBoolean, false},
                                                       {kMood, "bad"},
                                                       {kMood, "good"},
                                                       {rating(10), 7},
                                                       {kDuration, 0},
                                                       {kDuration, 5415},
                                                       {kText, "é ✓ 💧"},
                                                       {kText, " padded "}};
  for (const auto& [tracker, natural] : cases) {
    EXPECT_EQ(write_value(tracker, read_value(tracker, read_natural_value(natural))), natural)
        << to_string(tracker.type) << " " << natural.dump();
  }
}

// ---- describe_value ---------------------------------------------------------

TEST(DescribeValue, SaysYesOrNoForABoolean) {
  EXPECT_EQ(describe_value(kBoolean, number(1)), "yes");
  EXPECT_EQ(describe_value(kBoolean, number(0)), "no");
}

TEST(DescribeValue, GivesTheLabelOfAChoice) {
  EXPECT_EQ(describe_value(kMood, number(0)), "bad");
  EXPECT_EQ(describe_value(kMood, number(2)), "good");
}

TEST(DescribeValue, GivesTheIndexOfAChoiceWhoseLabelIsGone) { EXPECT_EQ(describe_value(kMood, number(7)), "7"); }

TEST(DescribeValue, WritesADurationAsHoursAndMinutes) {
  EXPECT_EQ(describe_value(kDuration, number(5400)), "1:30");
  EXPECT_EQ(describe_value(kDuration, number(300)), "0:05");
  EXPECT_EQ(describe_value(kDuration, number(0)), "0:00");
  EXPECT_EQ(describe_value(kDuration, number(25 * 3600)), "25:00");
}

TEST(DescribeValue, AddsSecondsToADurationOnlyWhenThereAreSome) {
  EXPECT_EQ(describe_value(kDuration, number(5415)), "1:30:15");
  EXPECT_EQ(describe_value(kDuration, number(59)), "0:00:59");
}

TEST(DescribeValue, WritesANumberWithoutTrailingZeros) {
  EXPECT_EQ(describe_value(numeric(), number(72.5)), "72.5");
  EXPECT_EQ(describe_value(numeric(), number(72)), "72");
  EXPECT_EQ(describe_value(numeric(), number(-0.25)), "-0.25");
}

TEST(DescribeValue, WritesANumberToTheTrackersDecimals) {
  EXPECT_EQ(describe_value(numeric(std::nullopt, std::nullopt, 1), number(72.46)), "72.5");
  EXPECT_EQ(describe_value(numeric(std::nullopt, std::nullopt, 0), number(-0.4)), "0");
}

TEST(DescribeValue, WritesARatingAsItsStep) { EXPECT_EQ(describe_value(rating(5), number(4)), "4"); }

TEST(DescribeValue, GivesTextAsItIs) { EXPECT_EQ(describe_value(kText, text("slept well")), "slept well"); }

// ---- parse_duration_text ----------------------------------------------------

TEST(ParseDurationText, ReadsHoursAndMinutes) {
  EXPECT_EQ(parse_duration_text("1:30"), 5400);
  EXPECT_EQ(parse_duration_text("0:05"), 300);
  EXPECT_EQ(parse_duration_text("12:00"), 43200);
}

TEST(ParseDurationText, ReadsHoursMinutesAndSeconds) {
  EXPECT_EQ(parse_duration_text("1:30:15"), 5415);
  EXPECT_EQ(parse_duration_text("0:00:59"), 59);
}

TEST(ParseDurationText, ReadsABareNumberAsSeconds) {
  EXPECT_EQ(parse_duration_text("5400"), 5400);
  EXPECT_EQ(parse_duration_text("0"), 0);
}

TEST(ParseDurationText, AllowsMoreThanTwentyFourHours) { EXPECT_EQ(parse_duration_text("36:00"), 129600); }

TEST(ParseDurationText, IgnoresSurroundingSpaces) { EXPECT_EQ(parse_duration_text(" 1:30 "), 5400); }

TEST(ParseDurationText, RefusesSixtyMinutesOrSeconds) {
  EXPECT_EQ(parse_duration_text("1:60"), std::nullopt);
  EXPECT_EQ(parse_duration_text("1:30:60"), std::nullopt);
}

TEST(ParseDurationText, RefusesWhatIsNotAClockOrANumber) {
  for (const char* bad :
       {"", "   ", "a:b", "1::2", ":30", "1:", "1:2:3:4", "-1:30", "1.5", "+5", "1h30", "1 :30", "1234567890"}) {
    EXPECT_EQ(parse_duration_text(bad), std::nullopt) << '"' << bad << '"';
  }
}

// ---- convert_value ----------------------------------------------------------

TEST(ConvertValue, KeepsABooleanAsANumber) {
  const auto converted = convert_value(kBoolean, numeric(), number(1));
  EXPECT_EQ(converted.outcome, Outcome::kept);
  EXPECT_EQ(converted.value, number(1));
  EXPECT_EQ(convert_value(kBoolean, numeric(), number(0)).outcome, Outcome::kept);
}

TEST(ConvertValue, KeepsABooleanAsAChoiceWithAtLeastTwoChoices) {
  const Tracker done = choice({"not yet", "done"});
  EXPECT_EQ(convert_value(kBoolean, done, number(0)).outcome, Outcome::kept);
  const auto yes = convert_value(kBoolean, done, number(1));
  EXPECT_EQ(yes.outcome, Outcome::kept);
  EXPECT_EQ(write_value(done, yes.value), json("done"));
}

TEST(ConvertValue, DropsAYesWhenTheChoiceHasOnlyOneOption) {
  EXPECT_EQ(convert_value(kBoolean, choice({"done"}), number(1)).outcome, Outcome::dropped);
  EXPECT_EQ(convert_value(kBoolean, choice({"done"}), number(0)).outcome, Outcome::kept);
}

TEST(ConvertValue, KeepsAWholeNumberOnTheScaleAsARating) {
  const auto converted = convert_value(numeric(), rating(5), number(3));
  EXPECT_EQ(converted.outcome, Outcome::kept);
  EXPECT_EQ(converted.value, number(3));
}

TEST(ConvertValue, DropsAFractionWhenBecomingARating) {
  EXPECT_EQ(convert_value(numeric(), rating(5), number(2.5)).outcome, Outcome::dropped);
}

TEST(ConvertValue, DropsANumberBeyondTheScaleWhenBecomingARating) {
  EXPECT_EQ(convert_value(numeric(), rating(5), number(12)).outcome, Outcome::dropped);
  EXPECT_EQ(convert_value(numeric(), rating(5), number(0)).outcome, Outcome::dropped);
}

TEST(ConvertValue, KeepsARatingAsANumber) {
  const auto converted = convert_value(rating(5), numeric(), number(4));
  EXPECT_EQ(converted.outcome, Outcome::kept);
  EXPECT_EQ(converted.value, number(4));
}

TEST(ConvertValue, DropsRatingStepsAboveASmallerScale) {
  EXPECT_EQ(convert_value(rating(10), rating(5), number(5)).outcome, Outcome::kept);
  EXPECT_EQ(convert_value(rating(10), rating(5), number(6)).outcome, Outcome::dropped);
}

TEST(ConvertValue, KeepsAnythingAsTextInWords) {
  struct Case {
    Tracker from;
    StoredValue value;
    std::string words;
  };
  const std::vector<Case> cases = {
      {kBoolean, number(1), "yes"},      {kBoolean, number(0), "no"}, {kMood, number(2), "good"},
      {numeric(), number(72.5), "72.5"}, {rating(5), number(4), "4"}, {kDuration, number(5400), "1:30"},
      {kText, text("as is"), "as is"},
  };
  for (const auto& [from, value, words] : cases) {
    const auto converted = convert_value(from, kText, value);
    EXPECT_EQ(converted.outcome, Outcome::kept) << words;
    EXPECT_EQ(converted.value, text(words));
  }
}

TEST(ConvertValue, KeepsTextThatIsANumberAsANumber) {
  const auto converted = convert_value(kText, numeric(), text("5"));
  EXPECT_EQ(converted.outcome, Outcome::kept);
  EXPECT_EQ(converted.value, number(5));
  EXPECT_EQ(convert_value(kText, numeric(), text(" 72.5 ")).value, number(72.5));
}

TEST(ConvertValue, DropsTextThatIsNotANumber) {
  EXPECT_EQ(convert_value(kText, numeric(), text("abc")).outcome, Outcome::dropped);
  EXPECT_EQ(convert_value(kText, numeric(), text("5 kg")).outcome, Outcome::dropped);
}

TEST(ConvertValue, DropsTextWhoseNumberIsOutsideTheRange) {
  EXPECT_EQ(convert_value(kText, numeric(0, 10), text("11")).outcome, Outcome::dropped);
}

TEST(ConvertValue, SaysTextWithMoreDecimalsThanKeptIsRounded) {
  const auto converted = convert_value(kText, numeric(std::nullopt, std::nullopt, 0), text("2.5"));
  EXPECT_EQ(converted.outcome, Outcome::rounded);
  EXPECT_EQ(converted.value, number(3));
  EXPECT_EQ(convert_value(kText, numeric(std::nullopt, std::nullopt, 1), text("72.25")).outcome, Outcome::rounded);
}

TEST(ConvertValue, ReadsYesAndNoTextAsABoolean) {
  const auto yes = convert_value(kText, kBoolean, text("Yes"));
  EXPECT_EQ(yes.outcome, Outcome::kept);
  EXPECT_EQ(yes.value, number(1));
  EXPECT_EQ(convert_value(kText, kBoolean, text("no")).value, number(0));
  EXPECT_EQ(convert_value(kText, kBoolean, text("TRUE")).value, number(1));
  EXPECT_EQ(convert_value(kText, kBoolean, text("maybe")).outcome, Outcome::dropped);
}

TEST(ConvertValue, ReadsTextAsAChoiceLabelWhateverItsCase) {
  EXPECT_EQ(convert_value(kText, kMood, text("Good")).value, number(2));
  EXPECT_EQ(convert_value(kText, kMood, text("great")).outcome, Outcome::dropped);
}

TEST(ConvertValue, ReadsClockTextAsADuration) {
  EXPECT_EQ(convert_value(kText, kDuration, text("1:30")).value, number(5400));
  EXPECT_EQ(convert_value(kText, kDuration, text("a while")).outcome, Outcome::dropped);
}

TEST(ConvertValue, ReadsTextAsARatingOnlyWhenOnTheScale) {
  EXPECT_EQ(convert_value(kText, rating(5), text("5")).value, number(5));
  EXPECT_EQ(convert_value(kText, rating(5), text("6")).outcome, Outcome::dropped);
}

TEST(ConvertValue, SaysAValueRoundedToFewerDecimalsIsRounded) {
  const auto converted = convert_value(numeric(), numeric(std::nullopt, std::nullopt, 0), number(2.75));
  EXPECT_EQ(converted.outcome, Outcome::rounded);
  EXPECT_EQ(converted.value, number(3));
}

TEST(ConvertValue, KeepsAWholeValueWhenDecimalsGoDown) {
  EXPECT_EQ(convert_value(numeric(), numeric(std::nullopt, std::nullopt, 0), number(3)).outcome, Outcome::kept);
}

TEST(ConvertValue, DropsANumberOutsideANewRange) {
  EXPECT_EQ(convert_value(numeric(), numeric(0, 10), number(12)).outcome, Outcome::dropped);
  EXPECT_EQ(convert_value(numeric(), numeric(0, 10), number(10)).outcome, Outcome::kept);
}

TEST(ConvertValue, DropsChoicesBeyondAShorterList) {
  const Tracker shorter = choice({"bad", "ok"});
  EXPECT_EQ(convert_value(kMood, shorter, number(0)).outcome, Outcome::kept);
  EXPECT_EQ(convert_value(kMood, shorter, number(1)).outcome, Outcome::kept);
  EXPECT_EQ(convert_value(kMood, shorter, number(2)).outcome, Outcome::dropped);
}

TEST(ConvertValue, KeepsOnlyZeroAndOneAsABoolean) {
  EXPECT_EQ(convert_value(numeric(), kBoolean, number(1)).outcome, Outcome::kept);
  EXPECT_EQ(convert_value(numeric(), kBoolean, number(2)).outcome, Outcome::dropped);
}

TEST(ConvertValue, RoundsANumberToWholeSecondsAsADuration) {
  const auto converted = convert_value(numeric(), kDuration, number(90.4));
  EXPECT_EQ(converted.outcome, Outcome::rounded);
  EXPECT_EQ(converted.value, number(90));
  EXPECT_EQ(convert_value(numeric(), kDuration, number(-5)).outcome, Outcome::dropped);
}

TEST(ConvertValue, DropsAStoredValueThatHasNoNumber) {
  EXPECT_EQ(convert_value(numeric(), rating(5), StoredValue{}).outcome, Outcome::dropped);
}

// ---- round_to ---------------------------------------------------------------

TEST(RoundTo, RoundsHalfAwayFromZero) {
  EXPECT_EQ(round_to(2.5, 0), 3);
  EXPECT_EQ(round_to(-2.5, 0), -3);
  EXPECT_EQ(round_to(72.46, 1), 72.5);
  EXPECT_EQ(round_to(1234.5678, 2), 1234.57);
}
