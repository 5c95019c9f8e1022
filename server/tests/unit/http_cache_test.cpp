#include "http/http_cache.hpp"

#include <gtest/gtest.h>

using namespace qself::http;

TEST(Etag, IsStableAndChangesWithTheBody) {
  EXPECT_EQ(etag_of("{\"a\":1}"), etag_of("{\"a\":1}"));
  EXPECT_NE(etag_of("{\"a\":1}"), etag_of("{\"a\":2}"));
  EXPECT_EQ(etag_of("").rfind("W/\"", 0), 0u);
}

TEST(Etag, MatchesAnyTagOfTheListWeakly) {
  const std::string tag = etag_of("body");
  EXPECT_TRUE(etag_matches(tag, tag));
  EXPECT_TRUE(etag_matches("\"x\", " + tag, tag));
  EXPECT_TRUE(etag_matches(tag.substr(2), tag)) << "a strong form of the same tag";
  EXPECT_TRUE(etag_matches("*", tag));
  EXPECT_FALSE(etag_matches("", tag));
  EXPECT_FALSE(etag_matches("W/\"0000000000000000\"", tag));
}

TEST(Gzip, IsAcceptedUnlessRefused) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.5"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("br"));
  EXPECT_FALSE(accepts_gzip(""));
}

TEST(Gzip, CompressesTextTypesOnly) {
  EXPECT_TRUE(is_compressible("application/json"));
  EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
  EXPECT_FALSE(is_compressible("image/png"));
  const std::string body(4000, 'a');
  const auto zipped = gzip(body, 1);
  EXPECT_LT(zipped.size(), 200u);
  EXPECT_EQ(static_cast<unsigned char>(zipped[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>(zipped[1]), 0x8b);
}
