// Password emails with the real worker and maildev: a reset link arrives,
// works once and for an hour; a changed password is announced by email.

#include <regex>

#include "jobs/jobs_fixture.hpp"
#include "store/database.hpp"

using nlohmann::json;

namespace {

constexpr const char* kPassword = "correct horse battery";  // Client::sign_up's
constexpr const char* kNewPassword = "a brand new secret";

class PasswordResetTest : public qself::testing::JobsTest {
 protected:
  std::unique_ptr<qself::testing::ServerProcess> worker;

  void SetUp() override {
    start_server();
    worker = start("worker");
  }
  int login_status(const std::string& email, const std::string& password) {
    return api->post("auth/login", {{"email", email}, {"password", password}}).status;
  }
  void request_reset(const std::string& email) {
    const auto reply = api->post("auth/password-reset", {{"email", email}});
    ASSERT_EQ(reply.status, 202) << reply.raw;
  }
  // The emails received so far whose subject contains `subject`.
  std::vector<json> emails_about(const std::string& subject) const { return maildev.emails_about(subject); }
  std::vector<json> wait_for_emails_about(const std::string& subject, std::size_t how_many) {
    eventually([&] { return emails_about(subject).size() >= how_many; });
    return emails_about(subject);
  }
  static std::string token_in(const std::string& body) {
    std::smatch match;
    static const std::regex link(R"(http://qself\.test/reset-password\?token=([A-Za-z0-9_-]+))");
    return std::regex_search(body, match, link) ? match[1].str() : "";
  }
  qself::testing::Reply confirm(const std::string& token, const std::string& password) {
    return api->post("auth/password-reset/confirm", {{"token", token}, {"new_password", password}});
  }
};

}  // namespace

TEST_F(PasswordResetTest, ALinkArrivesByEmailAndSetsANewPasswordOnce) {
  const std::string phone = sign_up("ada@example.org");
  const std::string laptop =
      api->post("auth/login", {{"email", "ada@example.org"}, {"password", kPassword}}).body["token"];
  const std::string script = api->post("me/tokens", {{"name", "script"}}, phone).body["token"];

  request_reset("  ADA@example.org");
  const auto emails = wait_for_emails_about("Reset your qself password", 1);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0]["to"][0]["address"], "ada@example.org");
  const std::string token = token_in(emails[0]["text"]);
  ASSERT_FALSE(token.empty()) << emails[0]["text"];
  EXPECT_EQ(token_in(emails[0]["html"]), token) << "the HTML part has the same link";
  EXPECT_EQ(login_status("ada@example.org", kPassword), 200) << "asking changes nothing yet";
  // Once sent, the link does not stay at rest in the outbox.
  ASSERT_TRUE(eventually([&] {
    return count(
               "SELECT COUNT(*) FROM emails WHERE kind = 'password_reset' AND status = 'sent'"
               " AND text_body = '' AND html_body = ''") == 1;
  }));

  const auto weak = confirm(token, "short");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.field_error("new_password"), "must be at least 8 characters");

  const auto confirmed = confirm(token, kNewPassword);
  ASSERT_EQ(confirmed.status, 204) << confirmed.raw;
  for (const auto* old_token : {&phone, &laptop, &script}) {
    const auto signed_out = api->get("me", *old_token);
    EXPECT_EQ(signed_out.status, 401);
    EXPECT_EQ(signed_out.body["error"].value("reason", ""), "password_changed") << "each holder is told why";
  }
  EXPECT_EQ(login_status("ada@example.org", kNewPassword), 200);
  EXPECT_EQ(login_status("ada@example.org", kPassword), 401);

  const auto again = confirm(token, "yet another secret");
  EXPECT_EQ(again.status, 422);
  EXPECT_FALSE(again.field_error("token").empty());
  EXPECT_EQ(login_status("ada@example.org", kNewPassword), 200) << "the second use changed nothing";

  const auto notices = wait_for_emails_about("Your qself password was changed", 1);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0]["to"][0]["address"], "ada@example.org");
  EXPECT_NE(notices[0]["text"].get<std::string>().find("reset with a link"), std::string::npos);
  EXPECT_NE(notices[0]["html"].get<std::string>().find("http://qself.test/reset-password"), std::string::npos);
}

TEST_F(PasswordResetTest, AnExpiredLinkIsRefused) {
  sign_up("ada@example.org");
  request_reset("ada@example.org");
  const auto emails = wait_for_emails_about("Reset your qself password", 1);
  ASSERT_EQ(emails.size(), 1u);
  const std::string token = token_in(emails[0]["text"]);
  ASSERT_FALSE(token.empty());

  server.reset();
  start_server(
      {{"QSELF_TEST_NOW", qself::testing::clock_env(std::chrono::minutes{61})}});  // the link was good for an hour
  const auto reply = confirm(token, kNewPassword);
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.field_error("token"), "has expired, was already used or is not a reset link; ask for a new one");
  EXPECT_EQ(login_status("ada@example.org", kPassword), 200);
  EXPECT_EQ(login_status("ada@example.org", kNewPassword), 401);
}

TEST_F(PasswordResetTest, AResetCancelsTheOtherLinksSent) {
  sign_up("ada@example.org");
  request_reset("ada@example.org");
  request_reset("ada@example.org");
  const auto emails = wait_for_emails_about("Reset your qself password", 2);
  ASSERT_EQ(emails.size(), 2u);
  const std::string first = token_in(emails[0]["text"]);
  const std::string second = token_in(emails[1]["text"]);
  ASSERT_NE(first, second);
  ASSERT_EQ(confirm(second, kNewPassword).status, 204);
  EXPECT_EQ(confirm(first, "yet another secret").status, 422);
  EXPECT_EQ(login_status("ada@example.org", kNewPassword), 200);
}

TEST_F(PasswordResetTest, NoEmailGoesToAnUnknownAddress) {
  sign_up("ada@example.org");
  request_reset("nobody@example.org");
  request_reset("ada@example.org");  // a marker: once this one is in, the other would be too
  const auto emails = wait_for_emails_about("Reset your qself password", 1);
  ASSERT_EQ(emails.size(), 1u);
  ASSERT_TRUE(drained());
  const auto all = maildev.emails();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["to"][0]["address"], "ada@example.org");
}

TEST_F(PasswordResetTest, AtMostThreeLinksAnHourGoToOneAccount) {
  sign_up("ada@example.org");
  for (int i = 0; i < 6; ++i) request_reset("ada@example.org");  // each answered 202 alike
  sign_up("bob@example.org");
  request_reset("bob@example.org");  // other accounts are not held back
  ASSERT_TRUE(eventually([&] { return maildev.emails().size() >= 4; }));
  ASSERT_TRUE(drained());
  int to_ada = 0, to_bob = 0;
  for (const auto& email : maildev.emails()) {
    (email["to"][0]["address"] == "ada@example.org" ? to_ada : to_bob) += 1;
  }
  EXPECT_EQ(to_ada, 3);
  EXPECT_EQ(to_bob, 1);
}

// Finding M5: resets over many accounts from one client once used up a cap over
// all accounts, and recovery stopped for everyone. Now the client that asks too
// often is refused (429), and another client's reset still goes out.
TEST_F(PasswordResetTest, ManyResetsFromOneClientDoNotStopAnotherClientsReset) {
  start_server({{"QSELF_TRUSTED_PROXIES", "127.0.0.1"}});
  const std::map<std::string, std::string> from_attacker = {{"X-Forwarded-For", "203.0.113.7"}};
  const std::map<std::string, std::string> from_ada = {{"X-Forwarded-For", "198.51.100.20"}};
  // 40 accounts, each registered from its own address (registrations are
  // limited per client address too).
  for (int i = 0; i < 40; ++i) {
    const json account = {{"email", "user" + std::to_string(i) + "@example.org"}, {"password", kPassword}};
    const auto registered = api->request_raw("POST", "auth/register", account.dump(), "application/json", "",
                                             {{"X-Forwarded-For", "192.0.2." + std::to_string(i + 1)}});
    ASSERT_EQ(registered.status, 201) << registered.raw;
  }
  const json ada = {{"email", "ada@example.org"}, {"password", kPassword}};
  ASSERT_EQ(api->request_raw("POST", "auth/register", ada.dump(), "application/json", "", from_ada).status, 201);

  int accepted = 0, limited = 0;
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 40; ++i) {
      const json body = {{"email", "user" + std::to_string(i) + "@example.org"}};
      const auto reply =
          api->request_raw("POST", "auth/password-reset", body.dump(), "application/json", "", from_attacker);
      if (reply.status == 429) {
        ++limited;
        EXPECT_EQ(reply.error_code(), "rate_limited");
        EXPECT_GT(std::stoi(reply.headers.at("retry-after")), 0);
      } else {
        ASSERT_EQ(reply.status, 202) << reply.raw;
        ++accepted;
      }
    }
  }
  EXPECT_EQ(accepted, 10) << "ten requests an hour from one client address";
  EXPECT_EQ(limited, 230);

  const auto mine = api->request_raw("POST", "auth/password-reset", json{{"email", "ada@example.org"}}.dump(),
                                     "application/json", "", from_ada);
  ASSERT_EQ(mine.status, 202) << mine.raw;
  ASSERT_TRUE(eventually([&] { return maildev.emails().size() >= 11; }));
  ASSERT_TRUE(drained());
  int to_ada = 0;
  for (const auto& email : maildev.emails()) to_ada += email["to"][0]["address"] == "ada@example.org" ? 1 : 0;
  EXPECT_EQ(to_ada, 1);
  EXPECT_EQ(maildev.emails().size(), 11u);
}

TEST_F(PasswordResetTest, ChangingThePasswordSendsANotice) {
  const std::string token = sign_up("ada@example.org", "Europe/Paris");
  const auto changed =
      api->post("me/password", {{"current_password", kPassword}, {"new_password", kNewPassword}}, token);
  ASSERT_EQ(changed.status, 204) << changed.raw;
  const auto notices = wait_for_emails_about("Your qself password was changed", 1);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0]["to"][0]["address"], "ada@example.org");
  const std::string text = notices[0]["text"];
  EXPECT_NE(text.find("changed from the account settings"), std::string::npos) << text;
  EXPECT_NE(text.find("(Europe/Paris)"), std::string::npos) << "in the user's time zone, plain text unescaped";
  EXPECT_NE(text.find("http://qself.test/reset-password"), std::string::npos);
  EXPECT_EQ(text.find(kNewPassword), std::string::npos);

  // A refused change sends nothing.
  ASSERT_EQ(
      api->post("me/password", {{"current_password", "wrong password"}, {"new_password", "another secret"}}, token)
          .status,
      422);
  ASSERT_TRUE(drained());
  EXPECT_EQ(maildev.emails().size(), 1u);
}
