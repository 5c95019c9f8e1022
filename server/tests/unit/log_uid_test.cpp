// A log's stable id (core/log_uid.hpp): any UUID, kept in lower case.

#include "core/log_uid.hpp"

#include <gtest/gtest.h>

#include "util/crypto.hpp"

using qself::core::parse_log_uid;

TEST(LogUid, ReadsAUuidOfAnyVersionInItsLowerCaseForm) {
  EXPECT_EQ(parse_log_uid("4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43"), "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43");
  EXPECT_EQ(parse_log_uid("4F1C2A9E-7B3D-4C8E-9A61-2D5F0E8B7C43"), "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43");
  EXPECT_EQ(parse_log_uid("01890a5d-ac96-774b-bcce-b302099a8057"), "01890a5d-ac96-774b-bcce-b302099a8057")
      << "a version 7 UUID, as a phone may make";
}

TEST(LogUid, RefusesWhatIsNotAUuid) {
  for (const char* text : {"", "4f1c2a9e7b3d4c8e9a612d5f0e8b7c43", "{4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43}",
                           "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c4", "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c431",
                           "4f1c2a9e_7b3d-4c8e-9a61-2d5f0e8b7c43", "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c4g",
                           " 4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c4", "4f1c2a9e-7b3d-4c8e-9a612-d5f0e8b7c43"}) {
    EXPECT_FALSE(parse_log_uid(text)) << text;
  }
}

TEST(LogUid, TheServersOwnAreVersion7OrderedByTimeAndDistinct) {
  using std::chrono::milliseconds;
  const std::chrono::sys_time<milliseconds> at{milliseconds{1'771'322'400'123}};  // 2026-02-17T10:00:00.123Z
  const std::string first = qself::util::time_ordered_uuid(at);
  EXPECT_EQ(parse_log_uid(first), first) << "already in the stored form";
  EXPECT_EQ(first.substr(0, 13), "019c6b0a-dd7b") << "the milliseconds, big-endian: " << first;
  EXPECT_EQ(first[14], '7');
  EXPECT_NE(std::string("89ab").find(first[19]), std::string::npos) << first;
  EXPECT_NE(qself::util::time_ordered_uuid(at), first) << "74 random bits after the time";
  // Ids made later sort later as text, which is what keeps the uid index's inserts at its end.
  EXPECT_LT(first, qself::util::time_ordered_uuid(at + milliseconds{1}));
  EXPECT_LT(qself::util::time_ordered_uuid(at - std::chrono::hours{24 * 365}), first);
}

TEST(LogUid, RandomOnesAreVersion4AndDistinct) {
  const std::string first = qself::util::random_uuid();
  EXPECT_EQ(parse_log_uid(first), first);
  EXPECT_EQ(first[14], '4');
  EXPECT_NE(std::string("89ab").find(first[19]), std::string::npos) << first;
  EXPECT_NE(qself::util::random_uuid(), first);
}
