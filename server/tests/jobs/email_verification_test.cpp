// Email verification end to end, with QSELF_EMAIL_VERIFICATION=required: the
// link arrives through the real worker and maildev and signs in once; a sign-up
// with a taken address tells its owner instead; unverified accounts get no
// reminders or reports and the scheduler removes them after seven days.

#include <regex>

#include "jobs/jobs_fixture.hpp"
#include "store/database.hpp"

using nlohmann::json;
using qself::testing::clock_at;
using qself::testing::clock_env;
using qself::testing::JobsTest;

namespace {

constexpr const char* kSignUpPassword = "correct horse battery";

struct EmailVerificationTest : JobsTest {
  std::unique_ptr<qself::testing::ServerProcess> worker;

  void SetUp() override {
    env["QSELF_EMAIL_VERIFICATION"] = "required";
    start_server();
    worker = start("worker");
  }
  qself::testing::Reply register_account(const std::string& email, const std::string& password = kSignUpPassword) {
    return api->post("auth/register", {{"email", email}, {"password", password}, {"timezone", "Europe/Paris"}});
  }
  int login_status(const std::string& email, const std::string& password = kSignUpPassword) {
    return api->post("auth/login", {{"email", email}, {"password", password}}).status;
  }
  std::vector<json> wait_for_emails_to(const std::string& address, std::size_t how_many) {
    eventually([&] { return maildev.emails_to(address).size() >= how_many; });
    return maildev.emails_to(address);
  }
  static std::string token_in(const std::string& body) {
    std::smatch match;
    static const std::regex link(R"(http://qself\.test/verify\?token=([A-Za-z0-9_-]+))");
    return std::regex_search(body, match, link) ? match[1].str() : "";
  }
  // Signs `email` up and opens the emailed link; answers the session token.
  std::string sign_up_verified(const std::string& email) {
    EXPECT_EQ(register_account(email).status, 202);
    const auto emails = wait_for_emails_to(email, 1);
    if (emails.empty()) return "";
    const auto verified = api->post("auth/verify", {{"token", token_in(emails.back()["text"])}});
    EXPECT_EQ(verified.status, 200) << verified.raw;
    return verified.body.value("token", "");
  }
  long long user_count(const std::string& email) const {
    return count("SELECT COUNT(*) FROM users WHERE email = ?", {email});
  }
};

}  // namespace

TEST_F(EmailVerificationTest, TheEmailedLinkVerifiesTheAccountAndSignsInOnce) {
  ASSERT_EQ(register_account("ada@example.org").status, 202);
  EXPECT_EQ(login_status("ada@example.org"), 401) << "not before the address is confirmed";

  const auto emails = wait_for_emails_to("ada@example.org", 1);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0]["subject"], "Confirm your email address for qself");
  const std::string token = token_in(emails[0]["text"]);
  ASSERT_FALSE(token.empty()) << emails[0]["text"];
  EXPECT_EQ(token_in(emails[0]["html"]), token) << "the HTML part has the same link";
  // Once sent, the link does not stay at rest in the outbox.
  ASSERT_TRUE(eventually([&] {
    return count(
               "SELECT COUNT(*) FROM emails WHERE kind = 'email_verification' AND status = 'sent'"
               " AND text_body = '' AND html_body = ''") == 1;
  }));

  const auto verified = api->post("auth/verify", {{"token", token}});
  ASSERT_EQ(verified.status, 200) << verified.raw;
  EXPECT_EQ(api->get("me", verified.body["token"]).body["user"]["email"], "ada@example.org");
  EXPECT_EQ(api->post("auth/verify", {{"token", token}}).status, 422) << "once only";
  EXPECT_EQ(login_status("ada@example.org"), 200);
}

TEST_F(EmailVerificationTest, ATakenAddressAnswersTheSameAndTellsItsOwnerInstead) {
  const std::string token = sign_up_verified("ada@example.org");
  ASSERT_FALSE(token.empty());
  const auto fresh = register_account("bob@example.org");
  const auto taken = register_account("ada@example.org", "someone else's password");
  EXPECT_EQ(taken.status, fresh.status);
  EXPECT_EQ(taken.body["status"], fresh.body["status"]);
  EXPECT_EQ(taken.body["message"], fresh.body["message"]);

  ASSERT_TRUE(eventually([&] { return maildev.emails_to("ada@example.org").size() == 2; }));
  const auto notice = maildev.emails_to("ada@example.org").back();
  EXPECT_EQ(notice["subject"], "Someone tried to sign up with your qself address");
  const std::string text = notice["text"];
  EXPECT_NE(text.find("http://qself.test/login"), std::string::npos);
  EXPECT_NE(text.find("http://qself.test/forgot-password"), std::string::npos);
  EXPECT_EQ(token_in(text), "") << "no link that would sign anyone in";

  // Nothing changed: the owner's password and session still work.
  EXPECT_EQ(login_status("ada@example.org"), 200);
  EXPECT_EQ(login_status("ada@example.org", "someone else's password"), 401);
  EXPECT_EQ(api->get("me", token).status, 200);

  // Trying again does not flood the owner's inbox.
  ASSERT_EQ(register_account("ada@example.org").status, 202);
  ASSERT_TRUE(drained());
  EXPECT_EQ(maildev.emails_to("ada@example.org").size(), 2u);
}

TEST_F(EmailVerificationTest, UnverifiedAccountsGetNoReminderNorReport) {
  // Ada and Bob both want a reminder at 08:00 in Paris and the monthly report,
  // and both have a tracker with nothing logged.
  for (const auto* email : {"ada@example.org", "bob@example.org"}) {
    const std::string token = sign_up_verified(email);
    ASSERT_FALSE(token.empty());
    const auto reminders =
        api->patch("me", {{"reminders", {{"enabled", true}, {"time", "08:00"}, {"monthly_report", true}}}}, token);
    ASSERT_EQ(reminders.status, 200) << reminders.raw;
    api->create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
  }
  // Bob's address is then taken to be unconfirmed, and his account young
  // enough not to be removed: the state the API cannot reach (an unverified
  // account cannot sign in to set anything), written here to check that the
  // scheduler's choice of recipients excludes it.
  {
    auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
    db->connect()->execute("UPDATE users SET verified_at = NULL, created_at = ? WHERE email = 'bob@example.org'",
                           {std::int64_t{1803816000}});  // 2027-02-28T12:00:00Z
  }
  maildev.delete_all();
  {
    // 07:30Z on 1 March is 08:30 in Paris: a reminder and February's report are due.
    const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", clock_at("2027-03-01T07:30:00Z")}};
    const auto mail_worker = start("worker", clock);
    const auto scheduler = start("scheduler", clock);
    // Ada's reminder (and, unless the test clock pins sign-up after March, her report) arrives...
    ASSERT_TRUE(eventually([&] { return !maildev.emails_to("ada@example.org").empty(); }, std::chrono::seconds(60)));
    ASSERT_TRUE(drained(3));
  }
  // ...and nothing to Bob, whose settings are the same.
  EXPECT_TRUE(maildev.emails_to("bob@example.org").empty());
  EXPECT_EQ(user_count("bob@example.org"), 1) << "two days old: kept";
}

TEST_F(EmailVerificationTest, UnverifiedAccountsAreRemovedAfterSevenDaysVerifiedOnesNever) {
  ASSERT_FALSE(sign_up_verified("ada@example.org").empty());
  ASSERT_EQ(register_account("bob@example.org").status, 202);
  ASSERT_TRUE(drained());
  {
    const auto scheduler = start("scheduler", {{"QSELF_TEST_NOW", clock_env(std::chrono::days{6})}});
    ASSERT_TRUE(drained(2));
  }
  EXPECT_EQ(user_count("bob@example.org"), 1) << "six days: still time to open the link";
  {
    const auto scheduler = start("scheduler", {{"QSELF_TEST_NOW", clock_env(std::chrono::days{8})}});
    ASSERT_TRUE(eventually([&] { return user_count("bob@example.org") == 0; }));
    ASSERT_TRUE(drained(2));
  }
  EXPECT_EQ(user_count("ada@example.org"), 1) << "a verified account is never removed";
  EXPECT_EQ(count("SELECT COUNT(*) FROM email_links WHERE user_id NOT IN (SELECT id FROM users)"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM emails WHERE user_id NOT IN (SELECT id FROM users)"), 0);
  EXPECT_EQ(login_status("ada@example.org"), 200);
}
