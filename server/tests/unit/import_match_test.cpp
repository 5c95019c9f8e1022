// Rows without a log id match the logs an account had before the import
// (core/import_match.hpp): one row per log, by instant, value and note.

#include "core/import_match.hpp"

#include <gtest/gtest.h>

using qself::core::ExistingLogs;
using qself::core::Log;

namespace {

Log log_at(std::int64_t seconds, int millis, std::optional<double> number, std::string note = "",
           std::optional<std::string> text = std::nullopt) {
  Log log;
  log.logged_at = {qself::util::Timestamp{std::chrono::seconds{seconds}}, 120, millis};
  log.value = {number, std::move(text)};
  log.note = std::move(note);
  return log;
}

}  // namespace

TEST(ExistingLogs, EachLogOfTheAccountMatchesOneRowOnly) {
  ExistingLogs existing;
  existing.add(log_at(1'780'000'000, 0, 1));
  EXPECT_TRUE(existing.match(log_at(1'780'000'000, 0, 1)));
  EXPECT_FALSE(existing.match(log_at(1'780'000'000, 0, 1))) << "a second identical row is a second log";
}

TEST(ExistingLogs, TwoSameInstantLogsOfTheAccountMatchTwoRows) {
  ExistingLogs existing;
  existing.add(log_at(1'780'000'000, 0, 1));
  existing.add(log_at(1'780'000'000, 0, 1));
  EXPECT_TRUE(existing.match(log_at(1'780'000'000, 0, 1)));
  EXPECT_TRUE(existing.match(log_at(1'780'000'000, 0, 1)));
  EXPECT_FALSE(existing.match(log_at(1'780'000'000, 0, 1)));
}

TEST(ExistingLogs, TheInstantToTheMillisecondTheValueAndTheNoteMustAllBeTheSame) {
  ExistingLogs existing;
  existing.add(log_at(1'780'000'000, 250, 1, "note"));
  EXPECT_FALSE(existing.match(log_at(1'780'000'000, 0, 1, "note")));
  EXPECT_FALSE(existing.match(log_at(1'780'000'001, 250, 1, "note")));
  EXPECT_FALSE(existing.match(log_at(1'780'000'000, 250, 2, "note")));
  EXPECT_FALSE(existing.match(log_at(1'780'000'000, 250, 1, "other")));
  EXPECT_FALSE(existing.match(log_at(1'780'000'000, 250, std::nullopt, "note", "1")));
  Log written_elsewhere = log_at(1'780'000'000, 250, 1, "note");
  written_elsewhere.logged_at.offset_minutes = -300;
  EXPECT_TRUE(existing.match(written_elsewhere)) << "the same instant in another offset is the same time";
}

TEST(ExistingLogs, TextAndNoteAreToldApartWhateverTheyHold) {
  ExistingLogs existing;
  existing.add(log_at(1'780'000'000, 0, std::nullopt, "b", "a|"));
  EXPECT_FALSE(existing.match(log_at(1'780'000'000, 0, std::nullopt, "|b", "a")));
  EXPECT_TRUE(existing.match(log_at(1'780'000'000, 0, std::nullopt, "b", "a|")));
}
