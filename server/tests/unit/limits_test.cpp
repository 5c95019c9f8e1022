// What one account may hold (core/limits.hpp).

#include "core/limits.hpp"

#include <gtest/gtest.h>

using namespace qself::core;

TEST(TrackerLimit, LeavesRoomUpToTwoHundredTrackers) {
  EXPECT_EQ(kMaxTrackersPerUser, 200);
  EXPECT_NO_THROW(check_room_for_trackers(0, 1));
  EXPECT_NO_THROW(check_room_for_trackers(199, 1));
  EXPECT_NO_THROW(check_room_for_trackers(150, 50));
}

TEST(TrackerLimit, RefusesTheTwoHundredAndFirstWithTooManyTrackers) {
  try {
    check_room_for_trackers(200, 1);
    ADD_FAILURE() << "expected a Conflict";
  } catch (const qself::Conflict& conflict) {
    EXPECT_EQ(conflict.code(), "too_many_trackers");
    EXPECT_TRUE(conflict.fields().empty());
  }
  EXPECT_THROW(check_room_for_trackers(150, 51), qself::Conflict) << "an import adding many at once";
}
