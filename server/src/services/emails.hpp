#pragma once
// Every email qself sends — the reminder, the report, the password reset link,
// the notice of a changed password, the address verification link and the
// notice of a sign-up with a taken address — rendered from the mustache templates
// in server/templates (plain text and HTML for each).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/mail_schedule.hpp"
#include "core/model.hpp"
#include "services/stats_service.hpp"

namespace qself::services {

struct EmailContent {
  std::string subject;
  std::string text;
  std::string html;
};

// Links append "/path" to `public_url`, which never ends with "/" (util::Config normalises it).

// Why a reminder comes: the daily one (Settings turns it off), or trackers'
// own reminder times (each tracker's page changes them).
enum class ReminderSource { daily, tracker_schedule };

// A reminder of the trackers `due` at `when` ("YYYY-MM-DD", or with " HH:MM"
// for a tracker's own time), local.
EmailContent reminder_email(const core::User& user, const std::vector<core::DueTracker>& due, const std::string& when,
                            const std::string& public_url, ReminderSource source = ReminderSource::daily);

// What a report shows of one tracker: its statistics over the report's range
// and, by type, what those leave out.
struct TrackerReport {
  TrackerStats stats;
  // choice, boolean and rating: how many logs of the range hold each stored
  // value (a choice's id, 0/1, a rating's step).
  std::map<double, std::int64_t> counts;
  // text: the newest entries of the range, newest first, at most kReportEntries.
  std::vector<core::Log> entries;
};

// A report lists this many of a text tracker's entries (the newest), each cut
// to kReportEntryChars characters.
constexpr std::size_t kReportEntries = 10;
constexpr std::size_t kReportEntryChars = 280;

// The report of [from, to) in the user's zone, one section per tracker in the
// order given. A whole calendar month is named as one ("Your qself report:
// November 2026"), any other range by its days ("…: 1–7 November 2026").
// `findings`: sentences of what the data says (core/insights.hpp), shown
// first when there are any.
EmailContent report_email(const core::User& user, const std::vector<TrackerReport>& trackers, core::Timestamp from,
                          core::Timestamp to, const std::string& public_url,
                          const std::vector<std::string>& findings = {});

// The link that lets the user choose a new password; `link` holds the token.
EmailContent password_reset_email(const core::User& user, const std::string& link, std::chrono::seconds valid_for);

// The link that confirms a new account's address and signs it in; `link`
// holds the token. The account is removed if unconfirmed after `removed_after`.
EmailContent email_verification_email(const core::User& user, const std::string& link, std::chrono::seconds valid_for,
                                      std::chrono::seconds removed_after);

// "Someone tried to sign up with your address": sent to an account's owner
// instead of telling a sign-up form that the address is taken.
EmailContent account_exists_email(const core::User& user, const std::string& public_url);

enum class PasswordChange { changed, reset };

// "Your qself password was changed", sent after a change or a reset at `when`.
EmailContent password_changed_email(const core::User& user, PasswordChange how, core::Timestamp when,
                                    const std::string& public_url);

}  // namespace qself::services
