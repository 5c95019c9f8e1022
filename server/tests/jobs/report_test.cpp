// "Email me a report": the request is queued, a worker builds it and the email
// arrives with the numbers of the data.

#include "jobs/jobs_fixture.hpp"

using nlohmann::json;
using qself::testing::JobsTest;

namespace {

// Every report test runs at this instant, after all the days they log: the
// streaks and target rates a report shows are counted up to "now".
const std::string kReportNow = "2027-02-10T10:00:00Z";

bool report_has(const std::string& body, const std::string& part) { return body.find(part) != std::string::npos; }

// What a reader of the HTML sees: its text without the head and the tags, the
// entities read back.
std::string report_visible_text(const std::string& html) {
  const auto body = html.find("<body");
  std::string text;
  bool in_tag = false;
  for (std::size_t i = body == std::string::npos ? 0 : body; i < html.size(); ++i) {
    if (html[i] == '<') in_tag = true;
    if (!in_tag) text += html[i];
    if (html[i] == '>') in_tag = false;
  }
  for (const auto& [entity, character] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x2F;", "/"}, {"&amp;", "&"}}) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, entity.size(), character);
    }
  }
  return text;
}

// The one report email of `requested` (a POST reports reply), once a worker built and sent it.
json report_received(JobsTest& test, const qself::testing::Reply& requested, const std::string& token,
                     std::size_t emails_before = 0) {
  EXPECT_EQ(requested.status, 202) << requested.raw;
  const std::string job = "jobs/" + std::to_string(requested.body["job"]["id"].get<int>());
  EXPECT_TRUE(JobsTest::eventually([&] { return test.api->get(job, token).body["job"]["status"] == "done"; },
                                   std::chrono::seconds(60)));
  const auto emails = test.maildev.wait_for_emails(emails_before + 1, std::chrono::seconds(30));
  EXPECT_EQ(emails.size(), emails_before + 1);
  return emails.empty() ? json::object() : emails.back();
}

}  // namespace

TEST_F(JobsTest, AReportArrivesByEmailWithNumbersThatMatchTheData) {
  start_server();
  const std::string token = sign_up("ada@example.org", "UTC");
  const std::string water = api->create_tracker(
      {{"name", "Water"}, {"type", "numeric"}, {"unit", "glasses"}, {"options", {{"decimals", 0}}}}, token);
  api->add_logs(water, {{3, "2026-11-01T09:00:00Z"}, {5, "2026-11-02T09:00:00Z"}, {4, "2026-11-02T18:00:00Z"}}, token);
  const std::string pills = api->create_tracker(
      {{"name", "Pills"}, {"type", "numeric"}, {"unit", "pills"}, {"options", {{"decimals", 0}}}}, token);
  api->add_logs(pills, {{1, "2026-11-03T09:00:00Z"}}, token);
  const auto requested =
      api->post("reports", {{"from", "2026-11-01T00:00:00Z"}, {"to", "2026-11-08T00:00:00Z"}}, token);
  ASSERT_EQ(requested.status, 202) << requested.raw;
  EXPECT_EQ(requested.body["job"]["status"], "queued");
  const std::string job = "jobs/" + std::to_string(requested.body["job"]["id"].get<int>());

  const auto worker = start("worker");
  ASSERT_TRUE(eventually([&] { return api->get(job, token).body["job"]["status"] == "done"; }));
  EXPECT_EQ(api->get(job, token).body["job"]["progress"], 100);

  const auto emails = maildev.wait_for_emails(1);
  ASSERT_EQ(emails.size(), 1u);
  const auto& email = emails[0];
  EXPECT_EQ(email["to"][0]["address"], "ada@example.org");
  EXPECT_EQ(email["subject"], "Your qself report: 1–7 November 2026") << "the range ends before the 8th";
  const std::string html = email["html"];
  const std::string text = email["text"];
  for (const auto* body : {&html, &text}) {
    EXPECT_NE(body->find("Water"), std::string::npos);
    EXPECT_NE(body->find("Sun 1 Nov"), std::string::npos);
    EXPECT_NE(body->find("3 glasses"), std::string::npos) << "Sunday's total";
    EXPECT_NE(body->find("9 glasses"), std::string::npos) << "Monday's total, 5 + 4";
    EXPECT_NE(body->find("12 glasses"), std::string::npos) << "the range's total";
    EXPECT_NE(body->find("4 glasses"), std::string::npos) << "the mean, 12 / 3";
    EXPECT_NE(body->find("1 pill"), std::string::npos) << "one, in the singular";
    EXPECT_EQ(body->find("1 pills"), std::string::npos);
  }
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("http://qself.test/"), std::string::npos) << "links point at the public URL";
}

TEST_F(JobsTest, AReportRequestIsCheckedAndOnlyItsOwnerSeesTheJob) {
  start_server();
  const std::string ada = sign_up("ada@example.org");
  const std::string eve = sign_up("eve@example.org");
  const auto eves = api->post("trackers", {{"name", "Secret"}, {"type", "boolean"}}, eve);
  EXPECT_EQ(api->post("reports", {{"to", "2026-11-08T00:00:00Z"}}, ada).field_error("from"), "is required");
  EXPECT_FALSE(api->post("reports", {{"from", "2026-11-08T00:00:00Z"}, {"to", "2026-11-01T00:00:00Z"}}, ada)
                   .field_error("to")
                   .empty());
  const auto stolen = api->post(
      "reports", {{"from", "2026-11-01T00:00:00Z"}, {"to", "2026-11-08T00:00:00Z"}, {"tracker_ids", {eves.body["id"]}}},
      ada);
  EXPECT_EQ(stolen.status, 422);
  EXPECT_FALSE(stolen.field_error("tracker_ids").empty());

  const auto mine = api->post("reports", {{"from", "2026-11-01T00:00:00Z"}, {"to", "2026-11-08T00:00:00Z"}}, ada);
  ASSERT_EQ(mine.status, 202);
  const std::string job = "jobs/" + std::to_string(mine.body["job"]["id"].get<int>());
  EXPECT_EQ(api->get(job, ada).status, 200);
  EXPECT_EQ(api->get(job, eve).status, 404);
}

// The monthly report: on the 1st in each user's own zone, exactly once, for the
// month that just ended there — and not at once for a month that ended before
// the user asked for reports.
TEST_F(JobsTest, TheMonthlyReportArrivesOnTheFirstInEachUsersZoneExactlyOnce) {
  // Both ask for monthly reports in mid-December, then log December and January.
  start_server({{"QSELF_TEST_NOW", qself::testing::clock_at("2026-12-15T12:00:00Z")}});
  const std::string paris = sign_up("ada@example.org", "Europe/Paris");
  const std::string new_york = sign_up("bob@example.org", "America/New_York");
  for (const auto& token : {paris, new_york}) {
    ASSERT_EQ(api->patch("me", {{"reminders", {{"monthly_report", true}, {"time", "00:00"}}}}, token).status, 200);
  }
  server.reset();
  start_server({{"QSELF_TEST_NOW", qself::testing::clock_at("2027-01-10T12:00:00Z")}});
  for (const auto& token : {paris, new_york}) {
    const std::string water = api->create_tracker({{"name", "Water"}, {"type", "numeric"}, {"unit", "glasses"}}, token);
    // December in Paris: the first log is 30 November in UTC; the last is 1 January in UTC.
    api->add_logs(
        water, {{2, "2026-12-01T00:30:00+01:00"}, {7, "2026-12-31T23:30:00+01:00"}, {100, "2027-01-01T00:30:00+01:00"}},
        token);
  }
  const auto reports_to = [&](const std::string& address) { return maildev.emails_to(address); };
  const auto run_at = [&](const std::string& instant) {
    const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", qself::testing::clock_at(instant)}};
    const auto worker = start("worker", clock);
    const auto scheduler = start("scheduler", clock);
    ASSERT_TRUE(drained(3));
  };

  // 22:30Z on 31 December: 23:30 in Paris and 17:30 in New York — nobody's 1st
  // yet, and November ended before they asked.
  run_at("2026-12-31T22:30:00Z");
  EXPECT_TRUE(maildev.emails().empty());

  // 23:30Z: 00:30 on the 1st in Paris, still the 31st in New York.
  run_at("2026-12-31T23:30:00Z");
  auto ada = reports_to("ada@example.org");
  ASSERT_EQ(ada.size(), 1u);
  EXPECT_EQ(ada[0]["subject"], "Your qself report: December 2026");
  const std::string text = ada[0]["text"];
  EXPECT_NE(text.find("1–31 December 2026"), std::string::npos) << text;
  EXPECT_NE(text.find("9 glasses"), std::string::npos) << "December in Paris: 2 + 7\n" << text;
  EXPECT_EQ(text.find("100 glasses"), std::string::npos) << "the log of 1 January in Paris is January's";
  EXPECT_TRUE(reports_to("bob@example.org").empty());

  // 05:30Z: 00:30 on the 1st in New York. Paris already had its report.
  run_at("2027-01-01T05:30:00Z");
  const auto bob = reports_to("bob@example.org");
  ASSERT_EQ(bob.size(), 1u);
  EXPECT_EQ(bob[0]["subject"], "Your qself report: December 2026");
  EXPECT_NE(bob[0]["text"].get<std::string>().find("107 glasses"), std::string::npos)
      << "December in New York: 7 + 100; the first log was still November there";
  EXPECT_EQ(reports_to("ada@example.org").size(), 1u);

  // Later on the 1st and on the 2nd: nothing more for either.
  run_at("2027-01-01T20:00:00Z");
  run_at("2027-01-02T09:00:00Z");
  EXPECT_EQ(reports_to("ada@example.org").size(), 1u);
  EXPECT_EQ(reports_to("bob@example.org").size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'build_report'"), 2);
}

// Issue 15: the monthly report opens with the strongest findings of all the
// user's data (core/insights.hpp), and says nothing of them when there are none.
TEST_F(JobsTest, TheMonthlyReportOpensWithWhatTheDataSays) {
  start_server({{"QSELF_TEST_NOW", qself::testing::clock_at("2026-12-15T12:00:00Z")}});
  const std::string ada = sign_up("ada@example.org", "Europe/Paris");
  const std::string bob = sign_up("bob@example.org", "Europe/Paris");
  for (const auto& token : {ada, bob}) {
    ASSERT_EQ(api->patch("me", {{"reminders", {{"monthly_report", true}, {"time", "00:00"}}}}, token).status, 200);
  }
  const std::string meditate = api->create_tracker({{"name", "Meditate"}, {"type", "boolean"}}, ada);
  const std::string mood = api->create_tracker({{"name", "Mood"}, {"type", "rating"}}, ada);
  std::vector<std::pair<json, std::string>> meditated, moods;
  for (int day = 1; day <= 30; ++day) {  // 15 November to 14 December
    char date[16];
    std::snprintf(date, sizeof date, "%s-%02d", day <= 16 ? "2026-11" : "2026-12", day <= 16 ? day + 14 : day - 16);
    const bool yes = day % 3 != 0;
    meditated.emplace_back(yes, std::string(date) + "T07:00:00+01:00");
    moods.emplace_back(yes ? 4 + day % 2 : 1 + day % 2, std::string(date) + "T21:00:00+01:00");
  }
  api->add_logs(meditate, meditated, ada);
  api->add_logs(mood, moods, ada);
  const std::string water = api->create_tracker({{"name", "Water"}, {"type", "numeric"}}, bob);
  api->add_logs(water, {{3, "2026-12-10T10:00:00+01:00"}}, bob);

  const std::map<std::string, std::string> clock = {
      {"QSELF_TEST_NOW", qself::testing::clock_at("2026-12-31T23:30:00Z")}};
  const auto worker = start("worker", clock);
  const auto scheduler = start("scheduler", clock);
  ASSERT_TRUE(drained(4));
  const auto to_ada = maildev.emails_to("ada@example.org");
  ASSERT_EQ(to_ada.size(), 1u);
  const std::string text = to_ada[0]["text"];
  const auto says = text.find("What your data says");
  ASSERT_NE(says, std::string::npos) << text;
  const auto sentence = text.find("- On days you logged Meditate as Yes, Mood averaged ");
  EXPECT_NE(sentence, std::string::npos) << text;
  EXPECT_LT(says, text.find("== Meditate")) << "the findings come first";
  EXPECT_NE(text.find("/insights"), std::string::npos);
  const std::string html = report_visible_text(to_ada[0]["html"]);
  EXPECT_NE(html.find("On days you logged Meditate as Yes, Mood averaged "), std::string::npos) << html;

  const auto to_bob = maildev.emails_to("bob@example.org");
  ASSERT_EQ(to_bob.size(), 1u);
  EXPECT_EQ(to_bob[0]["text"].get<std::string>().find("What your data says"), std::string::npos);
}

// Each type in its own terms: a choice's and a rating's labels with their
// counts and shares, yes/no as Yes and No, a journal's entries (escaped in the
// HTML), days and the range as people write them.
TEST_F(JobsTest, AReportShowsEachTrackerTypeInItsOwnTermsAndDatesAsPeopleWriteThem) {
  const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", qself::testing::clock_at(kReportNow)}};
  start_server(clock);
  const std::string token = sign_up("ada@example.org", "Europe/Paris");
  const std::string mood = api->create_tracker(
      {{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"Good", "Okay", "Bad"}}}}}, token);
  api->add_logs(mood,
                {{"Good", "2026-11-28T21:00:00+01:00"},
                 {"Okay", "2026-11-29T21:00:00+01:00"},
                 {"Good", "2026-11-30T21:00:00+01:00"},
                 {"Good", "2026-12-01T21:00:00+01:00"}},
                token);
  const std::string walked = api->create_tracker({{"name", "Walked"}, {"type", "boolean"}}, token);
  api->add_logs(
      walked,
      {{true, "2026-11-28T18:00:00+01:00"}, {false, "2026-11-29T18:00:00+01:00"}, {true, "2026-11-30T18:00:00+01:00"}},
      token);
  const std::string sleep =
      api->create_tracker({{"name", "Sleep quality"},
                           {"type", "rating"},
                           {"options", {{"scale", 5}, {"labels", {"Awful", "Poor", "Fine", "Rested", "Great"}}}}},
                          token);
  api->add_logs(sleep,
                {{4, "2026-11-28T07:00:00+01:00"}, {4, "2026-11-29T07:00:00+01:00"}, {5, "2026-12-04T07:00:00+01:00"}},
                token);
  const std::string focus =
      api->create_tracker({{"name", "Focus"}, {"type", "rating"}, {"options", {{"scale", 10}}}}, token);
  api->add_logs(focus, {{7, "2026-12-02T15:00:00+01:00"}}, token);
  // A weight goal on the day's average: its days read as averages, not totals.
  const std::string weight =
      api->create_tracker({{"name", "Weight"},
                           {"type", "numeric"},
                           {"unit", "kg"},
                           {"options", {{"decimals", 1}}},
                           {"target", {{"op", "at_most"}, {"value", 80}, {"aggregate", "average"}}}},
                          token);
  api->add_logs(weight, {{78.0, "2026-11-30T07:00:00+01:00"}, {79.0, "2026-11-30T19:00:00+01:00"}}, token);
  const std::string journal = api->create_tracker({{"name", "Journal"}, {"type", "text"}}, token);
  // Twelve entries, one a day from 28 November (a Saturday) at 22:30 in Paris;
  // the newest is the 11th day's, cut, and the first of December is escaped.
  std::vector<std::pair<json, std::string>> entries;
  for (int day = 0; day < 12; ++day) {
    const int of_month = 28 + day > 30 ? 28 + day - 30 : 28 + day;
    const std::string date =
        (28 + day > 30 ? "2026-12-" : "2026-11-") + std::string(of_month < 10 ? "0" : "") + std::to_string(of_month);
    std::string text = "Entry of " + date;
    if (date == "2026-12-01") text = "A <b>bold</b> & brave day";
    if (date == "2026-12-09") text = "Long day. " + std::string(400, 'x');
    entries.emplace_back(text, date + "T22:30:00+01:00");
  }
  api->add_logs(journal, entries, token);

  const auto worker = start("worker", clock);
  // 28 November to 4 December in Paris (the end is exclusive); the journal's
  // last days fall after it.
  auto email = report_received(
      *this, api->post("reports", {{"from", "2026-11-28T00:00:00+01:00"}, {"to", "2026-12-05T00:00:00+01:00"}}, token),
      token);
  EXPECT_EQ(email["subject"], "Your qself report: 28 November – 4 December 2026");
  const std::string html = email["html"];
  const std::string seen = report_visible_text(html);
  const std::string text = email["text"];
  for (const auto* body : {&seen, &text}) {
    EXPECT_TRUE(report_has(*body, "28 November – 4 December 2026")) << *body;
    EXPECT_TRUE(report_has(*body, "Sat 28 Nov")) << "a day in a table";
    for (const auto* label : {"Good", "Okay", "Bad", "Yes", "No", "Rested", "Great", "7 / 10"}) {
      EXPECT_TRUE(report_has(*body, label)) << label << " in\n" << *body;
    }
    EXPECT_TRUE(report_has(*body, "Average")) << "a rating's days are averages";
    EXPECT_TRUE(report_has(*body, "78.5 kg")) << "the weight goal's day: (78 + 79) / 2";
    EXPECT_FALSE(report_has(*body, "157 kg")) << "not the day's total";
    EXPECT_TRUE(report_has(*body, "Entry of 2026-12-04"));
    EXPECT_FALSE(report_has(*body, "Entry of 2026-12-05")) << "after the range";
  }
  // The plain text part, line by line.
  for (const auto* line : {"  Good: 3 (75%)", "  Okay: 1 (25%)", "  Bad: 0 (0%)", "  Yes: 2 (67%)", "  No: 1 (33%)",
                           "Yes rate: 67%", "  Rested: 2 (67%)", "  Great: 1 (33%)", "  Awful: 0 (0%)",
                           "  7 / 10: 1 (100%)", "Tue 1 Dec:\nA <b>bold</b> & brave day"}) {
    EXPECT_TRUE(report_has(text, line)) << line << " in\n" << text;
  }
  // The HTML shows the same numbers, and the journal's text as text, not markup.
  for (const auto* part : {"Good 3 (75%)", "Bad 0 (0%)", "Yes 2 (67%)", "No 1 (33%)", "Rested 2 (67%)",
                           "7 / 10 1 (100%)", "A <b>bold</b> & brave day"}) {
    EXPECT_TRUE(report_has(seen, part)) << part << " in\n" << seen;
  }
  EXPECT_FALSE(report_has(html, "<b>bold</b>")) << "a journal entry is not markup";

  // Across a year's end, with a journal longer than a report lists.
  const auto journal_id = std::stoll(journal.substr(std::string("trackers/").size()));
  email = report_received(
      *this,
      api->post(
          "reports",
          {{"from", "2026-11-28T00:00:00+01:00"}, {"to", "2027-01-05T00:00:00+01:00"}, {"tracker_ids", {journal_id}}},
          token),
      token, 1);
  EXPECT_EQ(email["subject"], "Your qself report: 28 November 2026 – 4 January 2027");
  const std::string journal_text = email["text"];
  EXPECT_TRUE(report_has(journal_text, "and 2 more")) << "twelve entries, ten shown\n" << journal_text;
  EXPECT_TRUE(report_has(journal_text, "Wed 9 Dec 2026:\nLong day. xxx")) << "the year is told across a year's end";
  EXPECT_TRUE(report_has(journal_text, std::string(200, 'x') + "…")) << "a long entry is cut";
  EXPECT_FALSE(report_has(journal_text, std::string(300, 'x')));
  EXPECT_FALSE(report_has(journal_text, "Entry of 2026-11-29")) << "the 11th newest";
}

// A year of twenty trackers of every type logged every day fits in one email
// that Gmail shows whole (it clips HTML beyond about 102 KB), and so does their
// busiest month, one row a day.
TEST_F(JobsTest, AYearOfTwentyDailyTrackersFitsInAnEmailThatIsNotClipped) {
  const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", qself::testing::clock_at(kReportNow)}};
  start_server(clock);
  const std::string token = sign_up("ada@example.org", "Europe/Paris");
  json trackers = json::array();
  const std::vector<json> kinds = {
      {{"type", "numeric"},
       {"unit", "glasses"},
       {"options", {{"decimals", 1}}},
       {"target", {{"op", "at_least"}, {"value", 6}}}},
      {{"type", "duration"}},
      {{"type", "rating"}, {"options", {{"scale", 5}, {"labels", {"Awful", "Poor", "Fine", "Good", "Great"}}}}},
      {{"type", "boolean"}},
      {{"type", "choice"}, {"options", {{"choices", {"Calm", "Busy", "Stressed", "Tired", "Happy"}}}}},
      {{"type", "text"}},
  };
  for (int number = 0; number < 20; ++number) {
    json tracker = kinds[number % kinds.size()];
    tracker["name"] = "Tracker number " + std::to_string(number + 1) + " with a fairly long name";
    tracker["icon"] = "💧";
    json logs = json::array();
    for (int day = 0; day < 365; ++day) {
      const auto when =
          qself::util::format_rfc3339(qself::util::Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}} +
                                          std::chrono::hours{24 * day + 20},
                                      0);
      json value;
      const std::string type = tracker["type"];
      if (type == "numeric") value = 4 + (day * 7 % 50) / 10.0;
      if (type == "duration") value = 1800 + day * 37 % 5400;
      if (type == "rating") value = 1 + day * 3 % 5;
      if (type == "boolean") value = day % 3 != 0;
      if (type == "choice") value = json(tracker["options"]["choices"])[day * 7 % 5];
      if (type == "text") value = "Day " + std::to_string(day) + ": " + std::string(240, 'w');
      logs.push_back(json{{"logged_at", when}, {"value", value}});
    }
    tracker["logs"] = std::move(logs);
    trackers.push_back(std::move(tracker));
  }
  const auto imported = api->request_raw("POST", "/api/v1/imports",
                                         json{{"format", "qself"}, {"version", 1}, {"trackers", trackers}}.dump(),
                                         "application/octet-stream", token);
  ASSERT_EQ(imported.status, 202) << imported.raw;

  const auto worker = start("worker", clock);
  const std::string import_job = "jobs/" + std::to_string(imported.body["job"]["id"].get<int>());
  json done;
  ASSERT_TRUE(eventually(
      [&] {
        done = api->get(import_job, token).body["job"];
        return done["status"] == "done" || done["status"] == "failed";
      },
      std::chrono::seconds(120)));
  ASSERT_EQ(done["result"]["logs"], 20 * 365) << done;
  const auto year = report_received(
      *this, api->post("reports", {{"from", "2026-01-01T00:00:00+01:00"}, {"to", "2027-01-01T00:00:00+01:00"}}, token),
      token);
  const auto month = report_received(
      *this, api->post("reports", {{"from", "2026-11-01T00:00:00+01:00"}, {"to", "2026-12-01T00:00:00+01:00"}}, token),
      token, 1);
  EXPECT_EQ(year["subject"], "Your qself report: 1 January – 31 December 2026");
  EXPECT_EQ(month["subject"], "Your qself report: November 2026");
  for (const auto& [email, name] : {std::pair{&year, "year"}, std::pair{&month, "month"}}) {
    const std::string html = (*email)["html"];
    EXPECT_LT(html.size(), 100'000u) << "the " << name << "'s HTML";
    EXPECT_TRUE(report_has(html, "Tracker number 20 with a fairly long name")) << "the last tracker is there";
  }
  EXPECT_TRUE(report_has(month["text"], "Mon 30 Nov")) << "a row a day";
  EXPECT_TRUE(report_has(year["text"], "Dec 2026")) << "a row a month";
}
