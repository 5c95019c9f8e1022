// What anything a person writes must be, on every write path: numbers, names,
// free text, notes, and a whole log as an import checks it (core/validation.hpp).

#include "core/validation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "support/calendar_fixtures.hpp"
#include "support/core_support.hpp"

using namespace qself::core;
using qself::testing::at;
using qself::testing::problems_of;
using qself::testing::repeat;
using Fields = qself::ValidationError::Fields;

namespace {

Tracker validated_numeric() {
  Tracker tracker;
  tracker.type = TrackerType::numeric;
  tracker.options.decimals = 2;
  return tracker;
}

}  // namespace

TEST(NumberRule, AcceptsNumbersOfUpToFifteenDigitsBeforeThePoint) {
  for (const double number : {0.0, -5.0, 72.5, 999999999999999.0, -999999999999999.0, 1e-300}) {
    EXPECT_EQ(number_problem(number), std::nullopt) << number;
  }
}

TEST(NumberRule, RefusesWhatIsNotFiniteOrTooLarge) {
  EXPECT_EQ(number_problem(std::numeric_limits<double>::quiet_NaN()), "must be a finite number");
  EXPECT_EQ(number_problem(std::numeric_limits<double>::infinity()), "must be a finite number");
  EXPECT_EQ(number_problem(-std::numeric_limits<double>::infinity()), "must be a finite number");
  for (const double number : {1e15, -1e15, 1e308, -1e308}) {
    EXPECT_EQ(number_problem(number), "must have at most 15 digits before the decimal point") << number;
  }
}

TEST(NameRule, AcceptsOneLineOfAnyScript) {
  for (const char* name : {"Water", "Café ☕", "睡眠", "Mood 🙂", "a - b, c; d: e", "'quoted", "=1+1"}) {
    EXPECT_EQ(name_problem(name), std::nullopt) << name;
  }
}

TEST(NameRule, RefusesLineBreaksTabsAndEveryControlCharacter) {
  const std::string expected = "must be one line, without tabs or control characters";
  for (const std::string& name : {std::string("Water\nBcc: eve@example.org"), std::string("a\rb"), std::string("a\tb"),
                                  std::string("a\0b", 3), std::string("a\x1b[31mb"), std::string("a\x7f"),
                                  std::string("a\xc2\x85"
                                              "b"),  // U+0085, next line
                                  std::string("a\xe2\x80\xa8"
                                              "b"),  // U+2028, line separator
                                  std::string("a\xe2\x80\xa9")}) {
    EXPECT_EQ(name_problem(name), expected) << name;
  }
}

TEST(NameRule, RefusesWhatIsNotUtf8) { EXPECT_EQ(name_problem("caf\xe9"), "must be valid UTF-8 text"); }

TEST(FreeTextRule, MaySpanLinesAndHoldTabs) {
  EXPECT_EQ(free_text_problem("Line one\r\nline two\n\tindented"), std::nullopt);
  EXPECT_EQ(free_text_problem("a\xe2\x80\xa8"
                              "b"),
            std::nullopt)
      << "a line separator is a line break in free text";
}

TEST(FreeTextRule, RefusesOtherControlCharacters) {
  for (const std::string& text : {std::string("a\0b", 3), std::string("bell\x07"), std::string("\x1b[2J"),
                                  std::string("del\x7f"), std::string("c1\xc2\x9b")}) {
    EXPECT_EQ(free_text_problem(text), "must not contain control characters other than tabs and line breaks") << text;
  }
  EXPECT_EQ(free_text_problem("\xff"), "must be valid UTF-8 text");
}

TEST(NoteRule, IsTrimmedAndHasAtMostTenThousandCharacters) {
  EXPECT_EQ(read_note("  after lunch \n"), "after lunch");
  EXPECT_EQ(read_note(repeat("é", kMaxNote)), repeat("é", kMaxNote)) << "characters, not bytes";
  EXPECT_EQ(problems_of([] { read_note(repeat("x", kMaxNote + 1)); }),
            (Fields{{"note", "must be at most 10000 characters"}}));
  EXPECT_EQ(problems_of([] { read_note("ring\x07"); }),
            (Fields{{"note", "must not contain control characters other than tabs and line breaks"}}));
}

TEST(OneLine, TurnsEachControlCharacterIntoASpace) {
  EXPECT_EQ(one_line("Water\r\nBcc: eve@example.org"), "Water  Bcc: eve@example.org");
  EXPECT_EQ(one_line("a\tb\xe2\x80\xa8"
                     "c\xc2\x85"
                     "d"),
            "a b c d");
  EXPECT_EQ(one_line("Café ☕"), "Café ☕");
}

TEST(CheckLog, AnswersTheValueAndTheNoteAsStored) {
  const auto now = at("2027-02-10T10:00:00Z");
  const auto checked = check_log(validated_numeric(), 72.456, at("2027-02-10T08:00:00Z"), " after lunch ", now);
  EXPECT_EQ(checked.value.number, 72.46);
  EXPECT_EQ(checked.note, "after lunch");
}

TEST(CheckLog, NamesEveryPartThatIsWrong) {
  const auto now = at("2027-02-10T10:00:00Z");
  EXPECT_EQ(problems_of([&] { check_log(validated_numeric(), 1e308, at("0001-01-01T00:00:00Z"), "", now); }),
            (Fields{{"value", "must have at most 15 digits before the decimal point"},
                    {"logged_at", "must not be before 1970"}}));
  EXPECT_EQ(problems_of([&] {
              check_log(validated_numeric(), std::nan(""), at("9999-12-31T23:59:59Z"), repeat("x", 10001), now);
            }),
            (Fields{{"value", "must be a finite number"},
                    {"logged_at", "must not be in the future (at most 5 minutes ahead of now, for clocks that differ)"},
                    {"note", "must be at most 10000 characters"}}));
}

TEST(CheckLog, RoundingCannotOverflowAndMinusZeroIsZero) {
  const auto now = at("2027-02-10T10:00:00Z");
  Tracker six = validated_numeric();
  six.options.decimals = 6;
  // 1e303 × 10⁶ would be infinite: refused for its size before it is rounded.
  EXPECT_EQ(problems_of([&] { check_log(six, 1e303, now, "", now); }),
            (Fields{{"value", "must have at most 15 digits before the decimal point"}}));
  const auto zero = check_log(validated_numeric(), -0.001, now, "", now);
  ASSERT_TRUE(zero.value.number);
  EXPECT_FALSE(std::signbit(*zero.value.number));
}
