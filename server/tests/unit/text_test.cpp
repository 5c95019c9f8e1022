// Small text helpers (core/text.hpp).

#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace qself::core;

TEST(Trim, RemovesWhitespaceAtBothEnds) {
  EXPECT_EQ(trim("  Water \t\r\n"), "Water");
  EXPECT_EQ(trim("\f\vWater"), "Water");
}

TEST(Trim, KeepsWhitespaceInside) { EXPECT_EQ(trim(" a  b "), "a  b"); }

TEST(Trim, TurnsBlankTextIntoEmptyText) {
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\n "), "");
}

TEST(Trim, LeavesNonAsciiCharactersAlone) {
  // A no-break space (U+00A0) is not trimmed: only ASCII whitespace is.
  EXPECT_EQ(trim("\xC2\xA0"
                 "été "),
            "\xC2\xA0"
            "été");
}

TEST(ToLower, LowerCasesAsciiLetters) { EXPECT_EQ(to_lower("Ada@Example.ORG"), "ada@example.org"); }

TEST(ToLower, LeavesOtherCharactersAlone) { EXPECT_EQ(to_lower("ÉTÉ 42!"), "ÉtÉ 42!"); }

TEST(Join, PutsTheSeparatorBetweenParts) {
  EXPECT_EQ(join({"bad", "ok", "good"}, ", "), "bad, ok, good");
  EXPECT_EQ(join({"alone"}, ", "), "alone");
  EXPECT_EQ(join({}, ", "), "");
}

TEST(Utf8Length, CountsCodePoints) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("été"), 3u);  // 5 bytes
  EXPECT_EQ(utf8_length("€"), 1u);    // 3 bytes
  EXPECT_EQ(utf8_length("💧"), 1u);    // 4 bytes
  EXPECT_EQ(utf8_length("a💧b€"), 4u);
}

TEST(IsValidUtf8, AcceptsWellFormedText) {
  for (const char* text : {"", "plain ascii", "été", "€", "💧", "\xF4\x8F\xBF\xBF" /* U+10FFFF */,
                           "\xED\x9F\xBF" /* U+D7FF */, "\xEE\x80\x80" /* U+E000 */}) {
    EXPECT_TRUE(is_valid_utf8(text)) << text;
  }
}

TEST(IsValidUtf8, RefusesTruncatedSequences) {
  EXPECT_FALSE(is_valid_utf8("caf\xC3"));
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));
  EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x92"));
  EXPECT_FALSE(
      is_valid_utf8("\xE2\x82"
                    "a"));
}

TEST(IsValidUtf8, RefusesStrayContinuationBytes) {
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(
      is_valid_utf8("a\xBF"
                    "b"));
}

TEST(IsValidUtf8, RefusesBytesThatNeverAppear) {
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xFE"));
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));
}

TEST(IsValidUtf8, RefusesOverlongEncodings) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));  // '/' in two bytes
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(IsValidUtf8, RefusesSurrogates) {
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));  // U+DFFF
}

TEST(IsValidUtf8, RefusesCodePointsAboveTheUnicodeRange) {
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
}
