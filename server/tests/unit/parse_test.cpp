// Request bodies read into typed requests (http/parse.hpp) and the time of day
// (http/time_of_day.hpp): each field left out, null, a value or malformed, so
// that the services' rules can tell a PATCH's absent from its null and word a
// wrong kind as they word a wrong value.

#include "http/parse.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "http/time_of_day.hpp"
#include "support/core_support.hpp"

using nlohmann::json;
using namespace qself::http;
using qself::BadRequest;
using qself::core::NaturalValue;
using qself::core::TrackerType;
using qself::testing::problems_of;

// ---- logs -------------------------------------------------------------------

TEST(ParseLogFields, TellsALeftOutValueFromANullOne) {
  EXPECT_FALSE(parse_log_fields(json::object()).value);
  // Null is a value no tracker takes: read_value words it by the tracker's type.
  EXPECT_EQ(parse_log_fields({{"value", nullptr}}).value, NaturalValue{});
}

TEST(ParseLogFields, KeepsTheKindOfTheValueSent) {
  EXPECT_EQ(parse_log_fields({{"value", true}}).value, NaturalValue(true));
  EXPECT_EQ(parse_log_fields({{"value", 72.5}}).value, NaturalValue(72.5));
  EXPECT_EQ(parse_log_fields({{"value", 3}}).value, NaturalValue(3.0));
  EXPECT_EQ(parse_log_fields({{"value", "good"}}).value, NaturalValue("good"));
  EXPECT_EQ(parse_log_fields({{"value", json::array({1})}}).value, NaturalValue{});
  EXPECT_EQ(parse_log_fields({{"value", json::object()}}).value, NaturalValue{});
}

TEST(ParseLogFields, ReadsLoggedAtAsATimeWithItsOffset) {
  const auto fields = parse_log_fields({{"logged_at", "2026-11-28T08:15:00+01:00"}});
  ASSERT_TRUE(fields.logged_at.value());
  EXPECT_EQ(fields.logged_at.value()->offset_minutes, 60);
  EXPECT_EQ(qself::util::format_rfc3339(fields.logged_at.value()->utc), "2026-11-28T07:15:00Z");
}

TEST(ParseLogFields, MarksALoggedAtThatIsNoTimeWithAnOffsetMalformed) {
  for (const json& bad : {json("2026-11-28"), json("2026-11-28T08:15:00"), json("yesterday"), json(1764314100)}) {
    EXPECT_TRUE(parse_log_fields({{"logged_at", bad}}).logged_at.is_malformed()) << bad.dump();
  }
}

TEST(ParseLogFields, TellsALeftOutLoggedAtAndNoteFromNullOnes) {
  const auto left_out = parse_log_fields(json::object());
  EXPECT_FALSE(left_out.logged_at.was_sent());
  EXPECT_FALSE(left_out.note.was_sent());
  const auto nulls = parse_log_fields({{"logged_at", nullptr}, {"note", nullptr}});
  EXPECT_TRUE(nulls.logged_at.is_null());
  EXPECT_TRUE(nulls.note.is_null());
}

TEST(ParseLogFields, MarksANoteThatIsNotTextMalformed) {
  EXPECT_TRUE(parse_log_fields({{"note", 42}}).note.is_malformed());
  EXPECT_EQ(parse_log_fields({{"note", " slept well "}}).note.value(), " slept well ");  // the rules trim it
}

TEST(ParseLogFields, RefusesABodyThatIsNotAnObject) { EXPECT_THROW(parse_log_fields(json::array()), BadRequest); }

// ---- trackers ---------------------------------------------------------------

TEST(ParseTrackerFields, ReadsEachFieldOfADefinition) {
  const auto fields = parse_tracker_fields({{"name", "Water"},
                                            {"type", "numeric"},
                                            {"frequency", "weekly"},
                                            {"unit", "cups"},
                                            {"options", {{"min", 0}, {"max", nullptr}, {"decimals", 1}}},
                                            {"target", {{"op", "at_least"}, {"value", 8}}},
                                            {"archived", false}});
  EXPECT_EQ(fields.name.value(), "Water");
  EXPECT_EQ(fields.type.value(), TrackerType::numeric);
  EXPECT_EQ(fields.frequency.value(), qself::core::Frequency::weekly);
  EXPECT_EQ(fields.unit.value(), "cups");
  ASSERT_TRUE(fields.options.value());
  EXPECT_EQ(fields.options.value()->min.value(), 0.0);
  EXPECT_TRUE(fields.options.value()->max.is_null());
  EXPECT_EQ(fields.options.value()->decimals.value(), 1);
  EXPECT_FALSE(fields.options.value()->choices.was_sent());
  ASSERT_TRUE(fields.target.value());
  EXPECT_EQ(fields.target.value()->op, qself::core::TargetOp::at_least);
  EXPECT_EQ(fields.target.value()->value, 8.0);
  EXPECT_EQ(fields.archived.value(), false);
  EXPECT_FALSE(fields.description.was_sent());
  EXPECT_FALSE(fields.reminders.was_sent());
}

TEST(ParseTrackerFields, TellsLeftOutFromNullForAPatch) {
  const auto fields = parse_tracker_fields({{"description", nullptr}, {"target", nullptr}, {"options", nullptr}});
  EXPECT_TRUE(fields.description.is_null());
  EXPECT_TRUE(fields.target.is_null());
  EXPECT_TRUE(fields.options.is_null());
  EXPECT_FALSE(fields.name.was_sent());
  EXPECT_FALSE(fields.unit.was_sent());
}

TEST(ParseTrackerFields, MarksValuesOfTheWrongKindMalformed) {
  const auto fields = parse_tracker_fields({{"name", 5},
                                            {"description", true},
                                            {"type", "weight"},
                                            {"frequency", 7},
                                            {"options", "none"},
                                            {"target", 8},
                                            {"archived", "yes"}});
  EXPECT_TRUE(fields.name.is_malformed());
  EXPECT_TRUE(fields.description.is_malformed());
  EXPECT_TRUE(fields.type.is_malformed());
  EXPECT_TRUE(fields.frequency.is_malformed());
  EXPECT_TRUE(fields.options.is_malformed());
  EXPECT_TRUE(fields.target.is_malformed());
  EXPECT_TRUE(fields.archived.is_malformed());
}

TEST(ParseTrackerFields, ReadsEveryOptionWhateverTheType) {
  // Which options count is the rules' call: the type may be the stored one.
  const auto fields = parse_tracker_fields(
      {{"options", {{"min", "low"}, {"decimals", 1.5}, {"scale", 5}, {"choices", {"a", 2}}, {"labels", nullptr}}}});
  const auto& options = *fields.options.value();
  EXPECT_TRUE(options.min.is_malformed());
  EXPECT_TRUE(options.decimals.is_malformed());
  EXPECT_EQ(options.scale.value(), 5);
  EXPECT_EQ(options.choices.value(),
            (qself::core::SentChoices{qself::core::SentChoice{std::nullopt, "a"}, std::nullopt}));
  EXPECT_TRUE(options.labels.is_null());
}

TEST(ParseTrackerFields, LeavesAnUnknownTargetOpOrAMissingValueEmpty) {
  const auto fields = parse_tracker_fields({{"target", {{"op", "exactly"}}}});
  ASSERT_TRUE(fields.target.value());
  EXPECT_FALSE(fields.target.value()->op);
  EXPECT_FALSE(fields.target.value()->value);
}

TEST(ParseTrackerFields, RefusesABodyThatIsNotAnObject) {
  EXPECT_THROW(parse_tracker_fields(json::array()), BadRequest);
  EXPECT_THROW(parse_tracker_fields("Water"), BadRequest);
}

TEST(ParseTrackerChange, RefusesALossyChangeUnlessForced) {
  EXPECT_EQ(parse_tracker_change({{"name", "Water"}}).lossy, qself::services::LossyChange::refuse);
  EXPECT_EQ(parse_tracker_change({{"force", false}}).lossy, qself::services::LossyChange::refuse);
  EXPECT_EQ(parse_tracker_change({{"force", true}}).lossy, qself::services::LossyChange::allow);
  EXPECT_EQ(parse_tracker_change({{"type", "text"}, {"force", true}}).fields.type.value(), TrackerType::text);
}

TEST(ParseTrackerChange, NamesAForceThatIsNotAFlag) {
  const auto fields = problems_of([] { parse_tracker_change({{"force", "yes"}}); });
  EXPECT_EQ(fields, (qself::ValidationError::Fields{{"force", "must be true or false"}}));
}

// ---- profile ----------------------------------------------------------------

TEST(ParseProfileChanges, ReadsTheReminderTimeAsMinutesSinceMidnight) {
  const auto changes = parse_profile_changes({{"reminders", {{"time", "20:30"}, {"enabled", true}}}});
  ASSERT_TRUE(changes.reminders.value());
  EXPECT_EQ(changes.reminders.value()->minutes.value(), 20 * 60 + 30);
  EXPECT_EQ(changes.reminders.value()->enabled.value(), true);
  EXPECT_FALSE(changes.reminders.value()->monthly_report.was_sent());
}

TEST(ParseProfileChanges, MarksATimeThatIsNotHoursAndMinutesMalformed) {
  for (const json& bad : {json("24:00"), json("8:30"), json("20:60"), json(2030), json(nullptr)}) {
    const auto changes = parse_profile_changes({{"reminders", {{"time", bad}}}});
    EXPECT_FALSE(changes.reminders.value()->minutes.value()) << bad.dump();
  }
}

TEST(ParseProfileChanges, TellsLeftOutNullAndWrongKinds) {
  const auto left_out = parse_profile_changes(json::object());
  EXPECT_FALSE(left_out.name.was_sent());
  EXPECT_FALSE(left_out.timezone.was_sent());
  EXPECT_FALSE(left_out.reminders.was_sent());
  const auto wrong = parse_profile_changes({{"name", 7}, {"timezone", nullptr}, {"reminders", "on"}});
  EXPECT_TRUE(wrong.name.is_malformed());
  EXPECT_TRUE(wrong.timezone.is_null());
  EXPECT_TRUE(wrong.reminders.is_malformed());
  EXPECT_TRUE(parse_profile_changes({{"reminders", {{"enabled", "yes"}}}}).reminders.value()->enabled.is_malformed());
}

// ---- reports ----------------------------------------------------------------

TEST(ParseReportRequest, ReadsTheRangeAndTheTrackers) {
  const auto request = parse_report_request(
      {{"from", "2026-11-01T00:00:00+01:00"}, {"to", "2026-11-08T00:00:00Z"}, {"tracker_ids", {3, 5}}});
  EXPECT_EQ(request.from.value()->offset_minutes, 60);
  EXPECT_EQ(qself::util::format_rfc3339(request.to.value()->utc), "2026-11-08T00:00:00Z");
  EXPECT_EQ(request.tracker_ids.value(), (std::vector<std::optional<std::int64_t>>{3, 5}));
}

TEST(ParseReportRequest, TellsMissingFromMalformed) {
  const auto request = parse_report_request({{"to", "last week"}});
  EXPECT_FALSE(request.from.was_sent());
  EXPECT_TRUE(request.to.is_malformed());
  EXPECT_FALSE(request.tracker_ids.was_sent());
}

TEST(ParseReportRequest, KeepsTheIdsThatAreNotWholeNumbersApart) {
  EXPECT_EQ(parse_report_request({{"tracker_ids", {1, "2", 3.5}}}).tracker_ids.value(),
            (std::vector<std::optional<std::int64_t>>{1, std::nullopt, std::nullopt}));
  EXPECT_TRUE(parse_report_request({{"tracker_ids", "all"}}).tracker_ids.is_malformed());
  EXPECT_TRUE(parse_report_request({{"tracker_ids", nullptr}}).tracker_ids.is_null());
}

// ---- time of day ------------------------------------------------------------

TEST(TimeOfDay, ReadsHoursAndMinutes) {
  EXPECT_EQ(parse_time_of_day("00:00"), 0);
  EXPECT_EQ(parse_time_of_day("08:30"), 8 * 60 + 30);
  EXPECT_EQ(parse_time_of_day("23:59"), 23 * 60 + 59);
}

TEST(TimeOfDay, RefusesAnythingElse) {
  for (const char* bad : {"", "8:30", "08:3", "24:00", "12:60", " 12:00", "12:00 ", "12-00", "1a:00", "12:00:00"}) {
    EXPECT_EQ(parse_time_of_day(bad), std::nullopt) << bad;
  }
}

TEST(TimeOfDay, WritesWhatItReads) {
  EXPECT_EQ(format_time_of_day(0), "00:00");
  EXPECT_EQ(format_time_of_day(20 * 60), "20:00");
  for (int minutes = 0; minutes < 24 * 60; ++minutes) {
    ASSERT_EQ(parse_time_of_day(format_time_of_day(minutes)), minutes);
  }
}

// ---- text fields ------------------------------------------------------------

TEST(TextField, ReadsTextAndNamesWhatIsMissingOrNotText) {
  qself::ValidationError::Fields errors;
  const json body = {{"email", "ada@example.org"}, {"password", 12345678}, {"name", nullptr}};
  EXPECT_EQ(text_field(body, "email", errors, Presence::required), "ada@example.org");
  EXPECT_EQ(text_field(body, "password", errors, Presence::required), "");
  EXPECT_EQ(text_field(body, "name", errors, Presence::optional), "");
  EXPECT_EQ(text_field(body, "timezone", errors, Presence::optional), "");
  EXPECT_EQ(text_field(body, "token", errors, Presence::required), "");
  EXPECT_EQ(errors, (qself::ValidationError::Fields{{"password", "must be text"}, {"token", "is required"}}));
}
