// The rules of a tracker's definition (core/tracker_rules.hpp): which fields a
// body may carry, what each accepts, the message each problem gets, and how
// options are written and read back per type.

#include "core/tracker_rules.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/json_forms.hpp"
#include "support/core_support.hpp"

using nlohmann::json;
using namespace qself::core;
using qself::BadRequest;
using qself::testing::problems_of;
using qself::testing::repeat;
using Fields = qself::ValidationError::Fields;

namespace {

// The rules as the API applies them: to a body read from its JSON.
void apply_tracker_fields(Tracker& tracker, const json& body, FieldsMode mode) {
  qself::core::apply_tracker_fields(tracker, read_tracker_fields(body), mode);
}

const json kWater = {{"name", "Water"}, {"type", "numeric"}};

// kWater (or `base`) with the top-level fields of `changes` put over it.
json body_with(const json& changes, json base = kWater) {
  base.update(changes);
  return base;
}

Tracker created(const json& body) {
  Tracker tracker;
  apply_tracker_fields(tracker, body, FieldsMode::create);
  return tracker;
}

Fields create_problems(const json& body) {
  return problems_of([&] { created(body); });
}

Fields update_problems(Tracker tracker, const json& body) {
  return problems_of([&] { apply_tracker_fields(tracker, body, FieldsMode::update); });
}

// The one problem reported for creating a tracker from `body`, by field.
std::string problem_of(const json& body, const std::string& field) {
  const Fields fields = create_problems(body);
  EXPECT_EQ(fields.size(), 1u) << body.dump();
  return fields.count(field) ? fields.at(field) : "(no problem under \"" + field + "\")";
}

}  // namespace

// ---- creating -----------------------------------------------------------------

TEST(CreateTracker, NeedsANameAndAType) {
  EXPECT_EQ(create_problems(json::object()), (Fields{{"name", "is required"}, {"type", "is required"}}));
  EXPECT_EQ(problem_of({{"name", "Water"}}, "type"), "is required");
  EXPECT_EQ(problem_of({{"type", "numeric"}}, "name"), "is required");
}

TEST(CreateTracker, FillsTheDefaultsForWhatIsNotGiven) {
  const Tracker tracker = created(kWater);
  EXPECT_EQ(tracker.name, "Water");
  EXPECT_EQ(tracker.type, TrackerType::numeric);
  EXPECT_EQ(tracker.frequency, Frequency::daily);
  EXPECT_EQ(tracker.options.decimals, 2);
  EXPECT_FALSE(tracker.options.min);
  EXPECT_FALSE(tracker.options.max);
  EXPECT_FALSE(tracker.target);
  EXPECT_EQ(tracker.description, "");
  EXPECT_FALSE(tracker.archived);
  EXPECT_TRUE(tracker.reminders);
}

TEST(CreateTracker, ReadsEveryField) {
  const Tracker tracker = created({{"name", "Water"},
                                   {"description", "Glasses of water"},
                                   {"unit", "glasses"},
                                   {"type", "numeric"},
                                   {"frequency", "weekly"},
                                   {"options", {{"min", 0}, {"max", 20}, {"decimals", 0}}},
                                   {"target", {{"op", "at_least"}, {"value", 8}}},
                                   {"color", "#3b82f6"},
                                   {"icon", "💧"},
                                   {"archived", true},
                                   {"reminders", false}});
  EXPECT_EQ(tracker.description, "Glasses of water");
  EXPECT_EQ(tracker.unit, "glasses");
  EXPECT_EQ(tracker.frequency, Frequency::weekly);
  EXPECT_EQ(tracker.options.min, 0);
  EXPECT_EQ(tracker.options.max, 20);
  EXPECT_EQ(tracker.options.decimals, 0);
  EXPECT_EQ(tracker.target, (Target{TargetOp::at_least, 8, Aggregate::sum, {}}));
  EXPECT_EQ(tracker.color, "#3b82f6");
  EXPECT_EQ(tracker.icon, "💧");
  EXPECT_TRUE(tracker.archived);
  EXPECT_FALSE(tracker.reminders);
}

TEST(CreateTracker, NamesEveryWrongFieldAtOnce) {
  const Fields fields = create_problems({{"name", ""}, {"type", "number"}, {"frequency", "yearly"}, {"icon", 5}});
  EXPECT_EQ(fields.size(), 4u);
  for (const char* field : {"name", "type", "frequency", "icon"}) EXPECT_EQ(fields.count(field), 1u) << field;
}

TEST(CreateTracker, RefusesABodyThatIsNotAnObject) {
  Tracker tracker;
  EXPECT_THROW(apply_tracker_fields(tracker, json::array(), FieldsMode::create), BadRequest);
  EXPECT_THROW(apply_tracker_fields(tracker, "Water", FieldsMode::create), BadRequest);
}

// ---- name, description, unit --------------------------------------------------

TEST(TrackerName, IsTrimmed) { EXPECT_EQ(created(body_with({{"name", "  Water \t"}})).name, "Water"); }

TEST(TrackerName, MustNotBeEmpty) {
  EXPECT_EQ(problem_of(body_with({{"name", ""}}), "name"), "must not be empty");
  EXPECT_EQ(problem_of(body_with({{"name", "   "}}), "name"), "must not be empty");
  EXPECT_EQ(problem_of(body_with({{"name", nullptr}}), "name"), "must not be empty");
  EXPECT_EQ(problem_of(body_with({{"name", 42}}), "name"), "must not be empty");
}

TEST(TrackerName, HasAtMostOneHundredCharacters) {
  EXPECT_EQ(created(body_with({{"name", std::string(100, 'n')}})).name.size(), 100u);
  EXPECT_EQ(problem_of(body_with({{"name", std::string(101, 'n')}}), "name"), "must be at most 100 characters");
}

TEST(TrackerName, CountsCharactersNotBytes) {
  EXPECT_EQ(created(body_with({{"name", repeat("é", 100)}})).name, repeat("é", 100));
  EXPECT_EQ(problem_of(body_with({{"name", repeat("é", 101)}}), "name"), "must be at most 100 characters");
}

TEST(TrackerName, IsOneLineWithoutControlCharacters) {
  // A line break in a name would reach the subject of its reminders.
  for (const char* name : {"Water\nBcc: eve@example.org", "Wa\rter", "Wa\tter", "Wa\x1b[2Jter", "Wa\u2028ter"}) {
    EXPECT_EQ(problem_of(body_with({{"name", name}}), "name"), "must be one line, without tabs or control characters")
        << name;
  }
  Tracker water = created(kWater);
  EXPECT_EQ(update_problems(water, {{"name", "Water\nTea"}}),
            (Fields{{"name", "must be one line, without tabs or control characters"}}));
}

TEST(TrackerUnitAndIcon, AreOneLine) {
  EXPECT_EQ(problem_of(body_with({{"unit", "k\ng"}}), "unit"), "must be one line, without tabs or control characters");
  EXPECT_EQ(problem_of(body_with({{"icon", "\x07"}}), "icon"), "must be one line, without tabs or control characters");
}

TEST(TrackerDescription, MaySpanLinesButHoldsNoOtherControlCharacter) {
  EXPECT_EQ(created(body_with({{"description", "Glasses\nof water"}})).description, "Glasses\nof water");
  EXPECT_EQ(problem_of(body_with({{"description", "bell\x07"}}), "description"),
            "must not contain control characters other than tabs and line breaks");
}

TEST(TrackerLabels, AreOneLine) {
  EXPECT_EQ(problem_of({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"good", "so\nso"}}}}},
                       "options.choices"),
            "every label must be one line, without tabs or control characters");
  EXPECT_EQ(
      problem_of({{"name", "Sleep"}, {"type", "rating"}, {"options", {{"scale", 2}, {"labels", {"bad", "go\tod"}}}}},
                 "options.labels"),
      "every label must be one line, without tabs or control characters");
}

TEST(TrackerNumbers, HaveAtMostFifteenDigitsBeforeThePoint) {
  const std::string expected = "must have at most 15 digits before the decimal point";
  EXPECT_EQ(problem_of(body_with({{"options", {{"min", -1e308}}}}), "options.min"), expected);
  EXPECT_EQ(problem_of(body_with({{"options", {{"max", 1e15}}}}), "options.max"), expected);
  EXPECT_EQ(problem_of(body_with({{"target", {{"op", "at_least"}, {"value", 1e308}}}}), "target.value"), expected);
  EXPECT_EQ(created(body_with({{"options", {{"min", -999999999999999.0}, {"max", 999999999999999.0}}}})).options.max,
            999999999999999.0);
}

TEST(TrackerDescription, HasAtMostOneThousandCharacters) {
  EXPECT_EQ(created(body_with({{"description", std::string(1000, 'd')}})).description.size(), 1000u);
  EXPECT_EQ(problem_of(body_with({{"description", std::string(1001, 'd')}}), "description"),
            "must be at most 1000 characters");
}

TEST(TrackerDescription, MustBeText) {
  EXPECT_EQ(problem_of(body_with({{"description", 3}}), "description"), "must be text");
}

TEST(TrackerDescription, IsClearedByNull) {
  Tracker tracker = created(body_with({{"description", "Glasses"}}));
  apply_tracker_fields(tracker, {{"description", nullptr}}, FieldsMode::update);
  EXPECT_EQ(tracker.description, "");
}

TEST(TrackerUnit, HasAtMostThirtyCharacters) {
  EXPECT_EQ(created(body_with({{"unit", std::string(30, 'u')}})).unit.size(), 30u);
  EXPECT_EQ(problem_of(body_with({{"unit", std::string(31, 'u')}}), "unit"), "must be at most 30 characters");
}

// ---- type and frequency -------------------------------------------------------

TEST(TrackerTypeField, IsOneOfTheSixTypes) {
  const std::vector<std::pair<std::string, TrackerType>> types = {{"numeric", TrackerType::numeric},
                                                                  {"boolean", TrackerType::boolean},
                                                                  {"rating", TrackerType::rating},
                                                                  {"duration", TrackerType::duration},
                                                                  {"text", TrackerType::text}};
  for (const auto& [name, type] : types) EXPECT_EQ(created(body_with({{"type", name}})).type, type) << name;
  EXPECT_EQ(created(body_with({{"type", "choice"}, {"options", {{"choices", {"a"}}}}})).type, TrackerType::choice);
}

TEST(TrackerTypeField, RefusesAnythingElse) {
  for (const json& type : {json("number"), json("Numeric"), json(""), json(1), json(nullptr)}) {
    EXPECT_EQ(problem_of(body_with({{"type", type}}), "type"),
              "must be one of numeric, boolean, choice, rating, duration, text")
        << type.dump();
  }
}

TEST(TrackerFrequency, IsHourlyDailyWeeklyOrMonthly) {
  EXPECT_EQ(created(body_with({{"frequency", "hourly"}})).frequency, Frequency::hourly);
  EXPECT_EQ(created(body_with({{"frequency", "daily"}})).frequency, Frequency::daily);
  EXPECT_EQ(created(body_with({{"frequency", "weekly"}})).frequency, Frequency::weekly);
  EXPECT_EQ(created(body_with({{"frequency", "monthly"}})).frequency, Frequency::monthly);
}

TEST(TrackerFrequency, RefusesAnythingElse) {
  for (const json& frequency : {json("yearly"), json("Daily"), json(1), json(nullptr)}) {
    EXPECT_EQ(problem_of(body_with({{"frequency", frequency}}), "frequency"),
              "must be one of hourly, daily, weekly, monthly")
        << frequency.dump();
  }
}

// ---- options ------------------------------------------------------------------

TEST(AnyOptions, MustBeAnObject) {
  EXPECT_EQ(problem_of(body_with({{"options", json::array()}}), "options"), "must be an object");
  EXPECT_EQ(problem_of(body_with({{"options", "min=0"}}), "options"), "must be an object");
}

TEST(NumericOptions, MinAndMaxAreNumbersOrNull) {
  const Tracker tracker = created(body_with({{"options", {{"min", -10.5}, {"max", nullptr}}}}));
  EXPECT_EQ(tracker.options.min, -10.5);
  EXPECT_FALSE(tracker.options.max);
  EXPECT_EQ(problem_of(body_with({{"options", {{"min", "0"}}}}), "options.min"), "must be a number or null");
  EXPECT_EQ(problem_of(body_with({{"options", {{"max", true}}}}), "options.max"), "must be a number or null");
}

TEST(NumericOptions, MinMustNotExceedMax) {
  EXPECT_EQ(problem_of(body_with({{"options", {{"min", 10}, {"max", 5}}}}), "options.max"),
            "must not be less than min");
  const Tracker equal = created(body_with({{"options", {{"min", 5}, {"max", 5}}}}));
  EXPECT_EQ(equal.options.min, equal.options.max);
}

TEST(NumericOptions, DecimalsAreAWholeNumberFromZeroToSix) {
  EXPECT_EQ(created(body_with({{"options", {{"decimals", 0}}}})).options.decimals, 0);
  EXPECT_EQ(created(body_with({{"options", {{"decimals", 6}}}})).options.decimals, 6);
  for (const json& decimals : {json(7), json(-1), json(2.5), json("2"), json(nullptr)}) {
    EXPECT_EQ(problem_of(body_with({{"options", {{"decimals", decimals}}}}), "options.decimals"),
              "must be a whole number from 0 to 6")
        << decimals.dump();
  }
}

TEST(NumericOptions, RefusesDecimalsTooLargeForAnInt) {
  // 2^32 + 2 must not wrap around to 2.
  EXPECT_EQ(problem_of(body_with({{"options", {{"decimals", 4294967298LL}}}}), "options.decimals"),
            "must be a whole number from 0 to 6");
}

TEST(ChoiceOptions, AreRequiredForAChoiceTracker) {
  const json choice = {{"name", "Mood"}, {"type", "choice"}};
  EXPECT_EQ(problem_of(choice, "options.choices"), "a choice tracker needs at least one choice");
  EXPECT_EQ(problem_of(body_with({{"options", json::object()}}, choice), "options.choices"),
            "a choice tracker needs at least one choice");
  EXPECT_EQ(problem_of(body_with({{"options", {{"choices", json::array()}}}}, choice), "options.choices"),
            "a choice tracker needs at least one choice");
}

TEST(ChoiceOptions, KeepTheLabelsInOrderTrimmed) {
  const Tracker tracker =
      created({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {" bad", "ok ", "good"}}}}});
  EXPECT_EQ(choice_labels(tracker.options), (std::vector<std::string>{"bad", "ok", "good"}));
}

TEST(ChoiceOptions, MustBeDifferentWhateverTheirCase) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"ok", "good", "OK"}}}}};
  EXPECT_EQ(problem_of(mood, "options.choices"), "labels must be different from each other");
}

TEST(ChoiceOptions, MustBeNonEmptyText) {
  for (const json& choices : {json{"ok", ""}, json{"ok", "  "}, json{"ok", 3}, json{"ok", nullptr}}) {
    const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", choices}}}};
    EXPECT_EQ(problem_of(mood, "options.choices"), "every label must be non-empty text") << choices.dump();
  }
}

// A choice keeps its id whatever its place or label: logs store the id.
TEST(ChoiceOptions, GetIdsInTheOrderFirstGiven) {
  const Tracker mood =
      created({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok", "good"}}}}});
  EXPECT_EQ(mood.options.choices, (std::vector<Choice>{{0, "bad"}, {1, "ok"}, {2, "good"}}));
}

TEST(ChoiceOptions, KeepTheirIdsWhenReorderedOrRenamed) {
  Tracker mood = created({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok", "good"}}}}});
  apply_tracker_fields(
      mood,
      {{"options",
        {{"choices", {{{"id", 2}, {"label", "great"}}, {{"id", 0}, {"label", "bad"}}, {{"id", 1}, {"label", "ok"}}}}}}},
      FieldsMode::update);
  EXPECT_EQ(mood.options.choices, (std::vector<Choice>{{2, "great"}, {0, "bad"}, {1, "ok"}}));
}

TEST(ChoiceOptions, SentAsLabelsKeepTheIdOfTheSameLabelAndNewOnesGetFreshIds) {
  Tracker mood = created({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"bad", "ok", "good"}}}}});
  apply_tracker_fields(mood, {{"options", {{"choices", {"Good", "meh", "bad"}}}}}, FieldsMode::update);
  // "ok" is gone; its id 1 is not given to "meh", which could relabel ok's logs.
  EXPECT_EQ(mood.options.choices, (std::vector<Choice>{{2, "Good"}, {3, "meh"}, {0, "bad"}}));
}

TEST(ChoiceOptions, IdsMustBeDifferentWholeNumbers) {
  const json twice = {{"name", "Mood"},
                      {"type", "choice"},
                      {"options", {{"choices", {{{"id", 1}, {"label", "a"}}, {{"id", 1}, {"label", "b"}}}}}}};
  EXPECT_EQ(problem_of(twice, "options.choices"), "choice ids must be different from each other");
  const json negative = {
      {"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {{{"id", -1}, {"label", "a"}}}}}}};
  EXPECT_EQ(problem_of(negative, "options.choices"), "choice ids must be whole numbers from 0 to 1000000");
  const json fraction = {
      {"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {{{"id", 1.5}, {"label", "a"}}}}}}};
  EXPECT_EQ(problem_of(fraction, "options.choices"), "every label must be non-empty text");
}

// Choices stored before they had ids (a list of labels) read with their positions as ids,
// which is what their logs hold: nothing changes meaning.
TEST(ChoiceOptions, StoredAsPlainLabelsReadWithTheirPositionsAsIds) {
  const auto options = read_stored_options(TrackerType::choice, R"({"choices": ["bad", "ok", "good"]})");
  EXPECT_EQ(options.choices, (std::vector<Choice>{{0, "bad"}, {1, "ok"}, {2, "good"}}));
}

TEST(ChoiceOptions, MustBeAList) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", "bad,ok,good"}}}};
  EXPECT_EQ(problem_of(mood, "options.choices"), "must be a list of choices");
}

TEST(ChoiceOptions, AreAtMostFifty) {
  json choices = json::array();
  for (int i = 1; i <= 50; ++i) choices.push_back("option " + std::to_string(i));
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", choices}}}};
  EXPECT_EQ(created(mood).options.choices.size(), 50u);
  choices.push_back("option 51");
  EXPECT_EQ(problem_of(body_with({{"options", {{"choices", choices}}}}, mood), "options.choices"),
            "must have at most 50 choices");
}

TEST(ChoiceOptions, HaveLabelsOfAtMostOneHundredCharacters) {
  const json mood = {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {std::string(101, 'x')}}}}};
  EXPECT_EQ(problem_of(mood, "options.choices"), "labels must be at most 100 characters");
}

TEST(RatingOptions, DefaultToAScaleOfFiveWithoutLabels) {
  const Tracker tracker = created({{"name", "Energy"}, {"type", "rating"}});
  EXPECT_EQ(tracker.options.scale, 5);
  EXPECT_TRUE(tracker.options.labels.empty());
}

TEST(RatingOptions, ScaleIsAWholeNumberFromTwoToTen) {
  const json energy = {{"name", "Energy"}, {"type", "rating"}};
  EXPECT_EQ(created(body_with({{"options", {{"scale", 2}}}}, energy)).options.scale, 2);
  EXPECT_EQ(created(body_with({{"options", {{"scale", 10}}}}, energy)).options.scale, 10);
  for (const json& scale : {json(1), json(11), json(0), json(5.5), json("5"), json(4294967301LL)}) {
    EXPECT_EQ(problem_of(body_with({{"options", {{"scale", scale}}}}, energy), "options.scale"),
              "must be a whole number from 2 to 10")
        << scale.dump();
  }
}

TEST(RatingOptions, HaveOneLabelPerStepOrNone) {
  const json energy = {{"name", "Energy"}, {"type", "rating"}};
  const Tracker labelled =
      created(body_with({{"options", {{"scale", 3}, {"labels", {"low", "fine", "high"}}}}}, energy));
  EXPECT_EQ(labelled.options.labels, (std::vector<std::string>{"low", "fine", "high"}));
  EXPECT_EQ(problem_of(body_with({{"options", {{"scale", 3}, {"labels", {"low", "high"}}}}}, energy), "options.labels"),
            "must have one label per step of the scale (3)");
}

TEST(RatingOptions, LabelsMayRepeat) {
  const json energy = {{"name", "Energy"}, {"type", "rating"}, {"options", {{"scale", 2}, {"labels", {"ok", "ok"}}}}};
  EXPECT_EQ(created(energy).options.labels.size(), 2u);
}

TEST(RatingOptions, LabelsAreClearedByNull) {
  Tracker tracker =
      created({{"name", "Energy"}, {"type", "rating"}, {"options", {{"scale", 2}, {"labels", {"low", "high"}}}}});
  apply_tracker_fields(tracker, {{"options", {{"labels", nullptr}}}}, FieldsMode::update);
  EXPECT_TRUE(tracker.options.labels.empty());
}

TEST(AnyOptions, OfOtherTypesAreIgnored) {
  const Tracker tracker = created({{"name", "Slept"}, {"type", "boolean"}, {"options", {{"decimals", 99}}}});
  EXPECT_EQ(tracker.options, TrackerOptions{});
}

// ---- target -------------------------------------------------------------------

TEST(TrackerTarget, IsAnOperatorAndAValue) {
  EXPECT_EQ(created(body_with({{"target", {{"op", "at_least"}, {"value", 8}}}})).target,
            (Target{TargetOp::at_least, 8, Aggregate::sum, {}}));
  EXPECT_EQ(created(body_with({{"target", {{"op", "at_most"}, {"value", 2.5}}}})).target,
            (Target{TargetOp::at_most, 2.5, Aggregate::sum, {}}));
  EXPECT_EQ(created(body_with({{"target", {{"op", "at_least"}, {"value", 0}}}})).target,
            (Target{TargetOp::at_least, 0, Aggregate::sum, {}}));
}

TEST(TrackerTarget, IsRemovedByNull) {
  Tracker tracker = created(body_with({{"target", {{"op", "at_least"}, {"value", 8}}}}));
  apply_tracker_fields(tracker, {{"target", nullptr}}, FieldsMode::update);
  EXPECT_FALSE(tracker.target);
}

TEST(TrackerTarget, OperatorIsAtLeastOrAtMost) {
  EXPECT_EQ(problem_of(body_with({{"target", {{"op", "more"}, {"value", 8}}}}), "target.op"),
            "must be at_least or at_most");
  EXPECT_EQ(problem_of(body_with({{"target", {{"value", 8}}}}), "target.op"), "must be at_least or at_most");
}

TEST(TrackerTarget, ValueIsANumberZeroOrMore) {
  for (const json& value : {json(-1), json("8"), json(nullptr)}) {
    EXPECT_EQ(problem_of(body_with({{"target", {{"op", "at_least"}, {"value", value}}}}), "target.value"),
              "must be a number, 0 or more")
        << value.dump();
  }
  EXPECT_EQ(problem_of(body_with({{"target", {{"op", "at_least"}}}}), "target.value"), "must be a number, 0 or more");
}

TEST(TrackerTarget, IsNullOrAnObject) {
  EXPECT_EQ(problem_of(body_with({{"target", 8}}), "target"), "must be null or {op, value, aggregate?, period?}");
}

// ---- colour, icon, flags ------------------------------------------------------

TEST(TrackerColor, IsAHashAndSixHexDigitsKeptInLowerCase) {
  EXPECT_EQ(created(body_with({{"color", "#3B82F6"}})).color, "#3b82f6");
  EXPECT_EQ(created(body_with({{"color", ""}})).color, "");
}

TEST(TrackerColor, RefusesOtherShapes) {
  for (const char* color : {"3b82f6", "#3b82fg", "#3b82f", "blue!!!"}) {
    EXPECT_EQ(problem_of(body_with({{"color", color}}), "color"), "must be a colour like #3b82f6") << color;
  }
  EXPECT_EQ(create_problems(body_with({{"color", "#3b82f6ff"}})).count("color"), 1u);
}

TEST(TrackerIcon, HasAtMostEightCharacters) {
  EXPECT_EQ(created(body_with({{"icon", repeat("💧", 8)}})).icon, repeat("💧", 8));
  EXPECT_EQ(problem_of(body_with({{"icon", repeat("💧", 9)}}), "icon"), "must be at most 8 characters");
}

TEST(TrackerFlags, ArchivedAndRemindersAreTrueOrFalse) {
  EXPECT_EQ(problem_of(body_with({{"archived", "yes"}}), "archived"), "must be true or false");
  EXPECT_EQ(problem_of(body_with({{"archived", 1}}), "archived"), "must be true or false");
  EXPECT_EQ(problem_of(body_with({{"reminders", nullptr}}), "reminders"), "must be true or false");
}

// ---- updating -----------------------------------------------------------------

TEST(UpdateTracker, ChangesOnlyTheFieldsPresent) {
  Tracker tracker = created({{"name", "Water"},
                             {"type", "numeric"},
                             {"unit", "glasses"},
                             {"options", {{"max", 20}}},
                             {"target", {{"op", "at_least"}, {"value", 8}}},
                             {"color", "#3b82f6"}});
  const Tracker before = tracker;
  apply_tracker_fields(tracker, {{"unit", "cups"}}, FieldsMode::update);
  EXPECT_EQ(tracker.unit, "cups");
  EXPECT_EQ(tracker.name, before.name);
  EXPECT_EQ(tracker.type, before.type);
  EXPECT_EQ(tracker.options, before.options);
  EXPECT_EQ(tracker.target, before.target);
  EXPECT_EQ(tracker.color, before.color);
}

TEST(UpdateTracker, NeedsNoNameOrType) {
  Tracker tracker = created(kWater);
  EXPECT_NO_THROW(apply_tracker_fields(tracker, json::object(), FieldsMode::update));
  EXPECT_EQ(tracker.name, "Water");
}

TEST(UpdateTracker, StillRefusesAnEmptyName) {
  EXPECT_EQ(update_problems(created(kWater), {{"name", " "}}), (Fields{{"name", "must not be empty"}}));
}

TEST(UpdateTracker, OptionsSentReplaceTheOldOnesWhole) {
  Tracker tracker = created(body_with({{"options", {{"min", 0}, {"max", 20}}}}));
  apply_tracker_fields(tracker, {{"options", {{"decimals", 1}}}}, FieldsMode::update);
  EXPECT_EQ(tracker.options.min, std::nullopt);
  EXPECT_EQ(tracker.options.max, std::nullopt);
  EXPECT_EQ(tracker.options.decimals, 1);
}

TEST(UpdateTracker, ChecksTheOptionsSentTogether) {
  const Tracker tracker = created(body_with({{"options", {{"min", 10}}}}));
  EXPECT_EQ(update_problems(tracker, {{"options", {{"min", 10}, {"max", 5}}}}),
            (Fields{{"options.max", "must not be less than min"}}));
}

TEST(UpdateTracker, ReadsOptionsForTheNewType) {
  Tracker tracker = created(kWater);
  apply_tracker_fields(tracker, {{"type", "rating"}, {"options", {{"scale", 10}}}}, FieldsMode::update);
  EXPECT_EQ(tracker.type, TrackerType::rating);
  EXPECT_EQ(tracker.options.scale, 10);
}

TEST(UpdateTracker, ToChoiceNeedsChoices) {
  EXPECT_EQ(update_problems(created(kWater), {{"type", "choice"}}),
            (Fields{{"options.choices", "a choice tracker needs at least one choice"}}));
}

TEST(UpdateTracker, ANewScaleWithoutLabelsDropsTheOldLabels) {
  Tracker tracker =
      created({{"name", "Energy"}, {"type", "rating"}, {"options", {{"scale", 2}, {"labels", {"low", "high"}}}}});
  apply_tracker_fields(tracker, {{"options", {{"scale", 3}}}}, FieldsMode::update);
  EXPECT_EQ(tracker.options.scale, 3);
  EXPECT_TRUE(tracker.options.labels.empty());
  EXPECT_EQ(update_problems(tracker, {{"options", {{"scale", 3}, {"labels", {"a", "b"}}}}}),
            (Fields{{"options.labels", "must have one label per step of the scale (3)"}}));
}

TEST(UpdateTracker, IgnoresNullOptions) {
  Tracker tracker = created(body_with({{"options", {{"max", 20}}}}));
  apply_tracker_fields(tracker, {{"options", nullptr}}, FieldsMode::update);
  EXPECT_EQ(tracker.options.max, 20);
}

// ---- fields_of --------------------------------------------------------------

TEST(FieldsOf, GiveBackTheTrackerTheyWereTakenFrom) {
  std::vector<Tracker> trackers(4);
  trackers[0] = created({{"name", "Weight"},
                         {"type", "numeric"},
                         {"unit", "kg"},
                         {"options", {{"min", 30}, {"decimals", 1}}},
                         {"target", {{"op", "at_most"}, {"value", 80}}},
                         {"color", "#3b82f6"},
                         {"icon", "⚖"}});
  trackers[1] = created({{"name", "Mood"},
                         {"type", "choice"},
                         {"options", {{"choices", {"bad", "ok", "good"}}}},
                         {"frequency", "weekly"},
                         {"archived", true}});
  trackers[2] = created({{"name", "Sleep"},
                         {"type", "rating"},
                         {"options", {{"scale", 3}, {"labels", {"a", "b", "c"}}}},
                         {"description", "how well"},
                         {"reminders", false}});
  trackers[3] = created({{"name", "Journal"}, {"type", "text"}});
  for (const auto& tracker : trackers) {
    Tracker copy;
    qself::core::apply_tracker_fields(copy, fields_of(tracker), FieldsMode::create);
    EXPECT_EQ(
        std::tie(copy.name, copy.description, copy.unit, copy.type, copy.frequency, copy.options, copy.target,
                 copy.color, copy.icon, copy.archived, copy.reminders),
        std::tie(tracker.name, tracker.description, tracker.unit, tracker.type, tracker.frequency, tracker.options,
                 tracker.target, tracker.color, tracker.icon, tracker.archived, tracker.reminders))
        << tracker.name;
  }
}

TEST(DurationOptions, EnterBareNumbersAsMinutesUnlessTheTrackerSaysHours) {
  const json sleep = {{"name", "Sleep"}, {"type", "duration"}};
  EXPECT_EQ(created(sleep).options.duration_unit, DurationUnit::minutes);
  EXPECT_EQ(created(body_with({{"options", {{"duration_unit", "hours"}}}}, sleep)).options.duration_unit,
            DurationUnit::hours);
  for (const json& unit : {json("h"), json("seconds"), json(60)}) {
    EXPECT_EQ(problem_of(body_with({{"options", {{"duration_unit", unit}}}}, sleep), "options.duration_unit"),
              "must be minutes or hours")
        << unit.dump();
  }
}

// ---- write_options and read_stored_options ------------------------------------

TEST(WriteOptions, ShowsNumericBoundsAndDecimals) {
  TrackerOptions options;
  options.max = 100;
  options.decimals = 1;
  EXPECT_EQ(write_options(TrackerType::numeric, options), (json{{"min", nullptr}, {"max", 100.0}, {"decimals", 1}}));
}

TEST(WriteOptions, ShowsChoices) {
  TrackerOptions options;
  options.choices = {{0, "bad"}, {1, "ok"}, {2, "good"}};
  EXPECT_EQ(write_options(TrackerType::choice, options),
            (json{{"choices",
                   {{{"id", 0}, {"label", "bad"}}, {{"id", 1}, {"label", "ok"}}, {{"id", 2}, {"label", "good"}}}}}));
}

TEST(WriteOptions, ShowsTheRatingScaleAndLabels) {
  TrackerOptions options;
  options.scale = 3;
  options.labels = {"low", "fine", "high"};
  EXPECT_EQ(write_options(TrackerType::rating, options), (json{{"scale", 3}, {"labels", {"low", "fine", "high"}}}));
  EXPECT_EQ(write_options(TrackerType::rating, TrackerOptions{}), (json{{"scale", 5}, {"labels", json::array()}}));
}

TEST(WriteOptions, ShowsAnEmptyObjectForTypesWithoutOptions) {
  TrackerOptions options;
  options.choices = {{0, "not shown"}};
  options.max = 3;
  for (const auto type : {TrackerType::boolean, TrackerType::text}) {
    EXPECT_EQ(write_options(type, options), json::object()) << to_string(type);
  }
}

TEST(WriteOptions, ShowsOnlyTheOptionsOfTheType) {
  TrackerOptions options;
  options.choices = {{0, "a"}, {1, "b"}};
  EXPECT_FALSE(write_options(TrackerType::numeric, options).contains("choices"));
  EXPECT_FALSE(write_options(TrackerType::choice, options).contains("decimals"));
}

TEST(WriteOptions, ShowsTheDurationEntryUnit) {
  EXPECT_EQ(write_options(TrackerType::duration, TrackerOptions{}), (json{{"duration_unit", "minutes"}}));
  TrackerOptions hours;
  hours.duration_unit = DurationUnit::hours;
  EXPECT_EQ(write_options(TrackerType::duration, hours), (json{{"duration_unit", "hours"}}));
  EXPECT_EQ(read_stored_options(TrackerType::duration, R"({"duration_unit":"hours"})"), hours);
  EXPECT_EQ(read_stored_options(TrackerType::duration, "{}"), TrackerOptions{}) << "trackers made before the option";
}

TEST(ReadStoredOptions, ReadsBackWhatWriteOptionsWrote) {
  TrackerOptions numeric;
  numeric.min = -5;
  numeric.max = 42.5;
  numeric.decimals = 0;
  TrackerOptions choice;
  choice.choices = {{0, "bad"}, {1, "ok"}, {2, "good"}};
  TrackerOptions rating;
  rating.scale = 3;
  rating.labels = {"low", "fine", "high"};
  const std::vector<std::pair<TrackerType, TrackerOptions>> cases = {
      {TrackerType::numeric, numeric}, {TrackerType::numeric, TrackerOptions{}}, {TrackerType::choice, choice},
      {TrackerType::rating, rating},   {TrackerType::boolean, TrackerOptions{}}, {TrackerType::text, TrackerOptions{}}};
  for (const auto& [type, options] : cases) {
    EXPECT_EQ(read_stored_options(type, write_options(type, options).dump()), options) << to_string(type);
  }
}

TEST(ReadStoredOptions, IgnoresUnknownKeys) {
  EXPECT_EQ(read_stored_options(TrackerType::rating, R"({"scale": 4, "colour": "red"})").scale, 4);
}

TEST(ReadStoredOptions, KeepsWhatWasStoredBeforeTheRulesOfWhatAPersonWrites) {
  // A label with a line break, a bound of 1e20: refused when sent, still read back.
  EXPECT_EQ(choice_labels(read_stored_options(TrackerType::choice, R"({"choices": ["so\nso"]})")),
            (std::vector<std::string>{"so\nso"}));
  EXPECT_EQ(read_stored_options(TrackerType::numeric, R"({"max": 1e20})").max, 1e20);
}

TEST(ReadStoredOptions, GivesTheDefaultsForWhatIsNotAnObject) {
  EXPECT_EQ(read_stored_options(TrackerType::numeric, "not json"), TrackerOptions{});
  EXPECT_EQ(read_stored_options(TrackerType::numeric, "[1, 2]"), TrackerOptions{});
  EXPECT_EQ(read_stored_options(TrackerType::numeric, ""), TrackerOptions{});
}

// ---- target aggregate and period --------------------------------------------------

TEST(TrackerTarget, HasTheTypesDefaultAggregateWhenNoneIsSent) {
  const json target = {{"op", "at_least"}, {"value", 4}};
  EXPECT_EQ(created(body_with({{"target", target}})).target->aggregate, Aggregate::sum);
  EXPECT_EQ(created(body_with({{"type", "rating"}, {"target", target}})).target->aggregate, Aggregate::average);
  EXPECT_EQ(
      created({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"good", "bad"}}}}, {"target", target}})
          .target->aggregate,
      Aggregate::count);
}

TEST(TrackerTarget, TakesAnAggregateThatFitsTheType) {
  const auto weight = created(
      body_with({{"frequency", "weekly"}, {"target", {{"op", "at_most"}, {"value", 80}, {"aggregate", "average"}}}}));
  EXPECT_EQ(weight.target, (Target{TargetOp::at_most, 80, Aggregate::average, {}}));
  EXPECT_EQ(problem_of(body_with({{"type", "boolean"},
                                  {"target", {{"op", "at_least"}, {"value", 1}, {"aggregate", "average"}}}}),
                       "target.aggregate"),
            "average is not an aggregate of a boolean tracker; one of sum, count");
  EXPECT_EQ(problem_of(body_with({{"target", {{"op", "at_least"}, {"value", 1}, {"aggregate", "median"}}}}),
                       "target.aggregate"),
            "must be one of sum, count, average, last, min, max");
}

TEST(TrackerTarget, ATypeChangeKeepingATargetItsNewTypeCannotHaveIsRefused) {
  Tracker water = created(body_with({{"target", {{"op", "at_least"}, {"value", 4}}}}));
  EXPECT_EQ(problems_of([&] {
              apply_tracker_fields(water, {{"type", "rating"}}, FieldsMode::update);
            })["target.aggregate"],
            "sum is not an aggregate of a rating tracker; one of average, last, min, max, count");
}

TEST(TrackerTarget, HasAPeriodNoShorterThanTheFrequencyKeptUnsetWhenTheSame) {
  const json three_a_week = {{"op", "at_least"}, {"value", 3}, {"period", "weekly"}};
  EXPECT_EQ(created(body_with({{"type", "boolean"}, {"target", three_a_week}})).target->period, Frequency::weekly);
  EXPECT_FALSE(created(body_with({{"frequency", "weekly"}, {"target", three_a_week}})).target->period.has_value());
  EXPECT_EQ(problem_of(body_with({{"frequency", "monthly"}, {"target", three_a_week}}), "target.period"),
            "must not be shorter than the tracker's frequency (monthly)");
  EXPECT_EQ(
      problem_of(body_with({{"target", {{"op", "at_least"}, {"value", 3}, {"period", "yearly"}}}}), "target.period"),
      "must be one of hourly, daily, weekly, monthly");
}
