// What logged yes/no, choice and rating values become when their tracker
// changes: kept when their meaning stays, mapped as the user says, mapped by
// themselves only when every value has an obvious counterpart, else asked.

#include "core/value_mapping.hpp"

#include <gtest/gtest.h>

using namespace qself::core;
using qself::ValidationError;

namespace {

Tracker yes_no_tracker() {
  Tracker tracker;
  tracker.type = TrackerType::boolean;
  return tracker;
}

Tracker choice_tracker(const std::vector<Choice>& choices) {
  Tracker tracker;
  tracker.type = TrackerType::choice;
  tracker.options.choices = choices;
  return tracker;
}

Tracker rating_tracker(int scale) {
  Tracker tracker;
  tracker.type = TrackerType::rating;
  tracker.options.scale = scale;
  return tracker;
}

Tracker number_tracker() {
  Tracker tracker;
  tracker.type = TrackerType::numeric;
  tracker.options.decimals = 2;
  return tracker;
}

const Tracker kGoodBadNeutral = choice_tracker({{0, "Good"}, {1, "Bad"}, {2, "Neutral"}});
// 50 Yes, 3 No: the seed's example.
const std::vector<ValueCount> kYesNo = {{0, 3}, {1, 50}};

std::vector<ValueQuestion> questions_of(const Tracker& from, const Tracker& to, const std::vector<ValueCount>& found,
                                        const std::vector<ValueDecision>& decisions = {}) {
  try {
    plan_mapping(from, to, found, decisions);
  } catch (const MappingRequired& asked) {
    return asked.questions();
  }
  ADD_FAILURE() << "the change went ahead without asking";
  return {};
}

}  // namespace

TEST(NeedsMapping, WhenYesNoChoiceOrRatingValuesWouldBeReadAnew) {
  EXPECT_TRUE(needs_mapping(yes_no_tracker(), kGoodBadNeutral));
  EXPECT_TRUE(needs_mapping(kGoodBadNeutral, rating_tracker(5)));
  EXPECT_TRUE(needs_mapping(kGoodBadNeutral, number_tracker()));
  EXPECT_TRUE(needs_mapping(rating_tracker(5), rating_tracker(10)));
  EXPECT_TRUE(needs_mapping(number_tracker(), kGoodBadNeutral));  // never the choice at that place
  EXPECT_TRUE(needs_mapping(kGoodBadNeutral, kGoodBadNeutral));   // a removed choice is asked about
}

TEST(NeedsMapping, NotWhenValuesKeepTheirMeaningOrBecomeWords) {
  EXPECT_FALSE(needs_mapping(yes_no_tracker(), yes_no_tracker()));
  EXPECT_FALSE(needs_mapping(rating_tracker(5), rating_tracker(5)));
  EXPECT_FALSE(needs_mapping(kGoodBadNeutral, [] {
    Tracker text;
    text.type = TrackerType::text;
    return text;
  }()));
  EXPECT_FALSE(needs_mapping(number_tracker(), rating_tracker(5)));  // numbers follow the rules of a plain conversion
}

TEST(PlanMapping, AsksWhatYesAndNoBecomeWithTheirCounts) {
  const auto questions = questions_of(yes_no_tracker(), kGoodBadNeutral, kYesNo);
  ASSERT_EQ(questions.size(), 2u);
  EXPECT_EQ(questions[0].from, NaturalValue(false));
  EXPECT_EQ(questions[0].label, "no");
  EXPECT_EQ(questions[0].count, 3);
  EXPECT_EQ(questions[1].from, NaturalValue(true));
  EXPECT_EQ(questions[1].count, 50);
  EXPECT_FALSE(questions[1].suggested);  // "Good" is not "yes": nothing is guessed
}

TEST(PlanMapping, SaysInWordsWhatMustBeDecided) {
  try {
    plan_mapping(yes_no_tracker(), kGoodBadNeutral, kYesNo, {});
    FAIL() << "did not ask";
  } catch (const MappingRequired& asked) {
    EXPECT_EQ(asked.code(), "mapping_required");
    EXPECT_STREQ(asked.what(),
                 "Changing from yes/no to choice changes what logged values mean. Say what each becomes, or delete "
                 "its logs: no (3 logs), yes (50 logs).");
  }
}

TEST(PlanMapping, MapsYesAndNoAsTheUserSays) {
  const auto map = plan_mapping(yes_no_tracker(), kGoodBadNeutral, kYesNo, {{true, "Good"}, {false, "Bad"}});
  EXPECT_EQ(map.at(1), (StoredValue{0, {}}));  // Yes → Good (id 0)
  EXPECT_EQ(map.at(0), (StoredValue{1, {}}));  // No → Bad (id 1)
}

TEST(PlanMapping, DeletesTheLogsOfAValueMappedToNothing) {
  const auto map = plan_mapping(yes_no_tracker(), kGoodBadNeutral, kYesNo, {{true, "Good"}, {false, std::nullopt}});
  EXPECT_FALSE(map.at(0).has_value());
}

TEST(PlanMapping, GoesAheadAloneWhenEveryValueHasAnObviousCounterpart) {
  const auto map = plan_mapping(yes_no_tracker(), choice_tracker({{0, "No"}, {1, "Maybe"}, {2, "Yes"}}), kYesNo, {});
  EXPECT_EQ(map.at(1), (StoredValue{2, {}}));
  EXPECT_EQ(map.at(0), (StoredValue{0, {}}));
  // Ratings as numbers, numbers as choices that read the same.
  EXPECT_EQ(plan_mapping(rating_tracker(5), number_tracker(), {{4, 2}}, {}).at(4), (StoredValue{4, {}}));
  EXPECT_EQ(plan_mapping(choice_tracker({{0, "1"}, {1, "2"}}), rating_tracker(5), {{1, 7}}, {}).at(1),
            (StoredValue{2, {}}));
  EXPECT_EQ(plan_mapping(number_tracker(), choice_tracker({{0, "2.5"}, {1, "3"}}), {{2.5, 1}}, {}).at(2.5),
            (StoredValue{0, {}}));
}

TEST(PlanMapping, AsksAboutEveryValueWhenOneHasNoCounterpart) {
  const auto questions = questions_of(yes_no_tracker(), choice_tracker({{0, "Yes"}, {1, "Maybe"}}), kYesNo);
  ASSERT_EQ(questions.size(), 2u);
  EXPECT_FALSE(questions[0].suggested);                    // no: nothing reads the same
  EXPECT_EQ(questions[1].suggested, NaturalValue("Yes"));  // yes: offered, not applied alone
}

TEST(PlanMapping, KeepsChoicesThatStayWhateverTheirPlaceOrLabel) {
  const Tracker before = choice_tracker({{0, "Great"}, {1, "Good"}});
  const Tracker after = choice_tracker({{1, "Good"}, {0, "Superb"}});  // reordered, one renamed
  const auto map = plan_mapping(before, after, {{0, 2}, {1, 1}}, {});
  EXPECT_EQ(map.at(0), (StoredValue{0, {}}));
  EXPECT_EQ(map.at(1), (StoredValue{1, {}}));
}

TEST(PlanMapping, AsksOnlyAboutARemovedChoiceThatLogsHold) {
  const Tracker before = choice_tracker({{0, "Great"}, {1, "Good"}, {2, "Bad"}});
  const Tracker after = choice_tracker({{0, "Great"}, {2, "Bad"}});
  const auto questions = questions_of(before, after, {{0, 4}, {1, 6}});
  ASSERT_EQ(questions.size(), 1u);
  EXPECT_EQ(questions[0].from, NaturalValue("Good"));
  EXPECT_EQ(questions[0].count, 6);
  const auto map = plan_mapping(before, after, {{0, 4}, {1, 6}}, {{"good", "Great"}});  // labels match in any case
  EXPECT_EQ(map.at(1), (StoredValue{0, {}}));
}

TEST(PlanMapping, SuggestsTheSamePlaceOnANewRatingScale) {
  const auto questions = questions_of(rating_tracker(5), rating_tracker(10), {{1, 1}, {3, 1}, {5, 1}});
  ASSERT_EQ(questions.size(), 3u);
  EXPECT_EQ(questions[0].suggested, NaturalValue(1));
  EXPECT_EQ(questions[1].suggested, NaturalValue(6));  // 5.5 rounds up
  EXPECT_EQ(questions[2].suggested, NaturalValue(10));
}

TEST(PlanMapping, RefusesANewValueTheTrackerDoesNotTake) {
  try {
    plan_mapping(yes_no_tracker(), kGoodBadNeutral, kYesNo, {{true, "Great"}, {false, "Bad"}});
    FAIL() << "accepted a choice that does not exist";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.fields().at("mapping"), "yes → must be one of: Good, Bad, Neutral");
  }
}

TEST(PlanMapping, RefusesAChangeWithMoreValuesThanCanBeMappedOneByOne) {
  std::vector<ValueCount> many;
  for (std::size_t i = 0; i <= kMaxMappedValues; ++i) many.push_back({static_cast<double>(i), 1});
  try {
    plan_mapping(number_tracker(), kGoodBadNeutral, many, {});
    FAIL() << "asked about more values than a client may answer";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.fields().count("mapping"), 1u);
  }
}

TEST(PlanMapping, RefusesADecisionForAValueNoLogHolds) {
  try {
    plan_mapping(yes_no_tracker(), kGoodBadNeutral, {{1, 50}}, {{true, "Good"}, {false, "Bad"}});
    FAIL() << "accepted a decision about nothing";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.fields().at("mapping"), "names a value that no log of this tracker needs mapped");
  }
}
