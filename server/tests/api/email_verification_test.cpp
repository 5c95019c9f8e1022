// Email verification of new accounts, with QSELF_EMAIL_VERIFICATION=required,
// over real HTTP against a real `qself serve`. Sign-up never tells whether an
// address has an account. These tests have no worker: they read the link from
// the outbox (the emails table) the worker would send; jobs/email_verification_test
// follows the same link through the real worker and maildev.

#include <gtest/gtest.h>

#include <regex>

#include "store/database.hpp"
#include "support/postgres_process.hpp"
#include "support/server_process.hpp"
#include "support/test_clock.hpp"

using nlohmann::json;
using qself::testing::Client;
using qself::testing::Reply;
using qself::testing::ServerProcess;
using qself::testing::TempDir;

namespace {

constexpr const char* kVerifyingPassword = "correct horse battery";

const std::map<std::string, std::string> kVerificationRequired = {{"QSELF_EMAIL_VERIFICATION", "required"}};

std::map<std::string, std::string> required_at(std::chrono::seconds later) {
  auto env = kVerificationRequired;
  env["QSELF_TEST_NOW"] = qself::testing::clock_env(later);
  return env;
}

json sign_up_form(const std::string& email, const std::string& password = kVerifyingPassword) {
  return {{"email", email}, {"password", password}, {"name", "Ada"}, {"timezone", "Europe/Paris"}};
}

// A body without its request id, which differs for every request.
json minus_request_id(json body) {
  if (body.is_object()) body.erase("request_id");
  return body;
}

struct VerifyingServer {
  TempDir dir;
  ServerProcess process{dir.path(), kVerificationRequired};
  Client client{process.port()};

  // The token of the newest verification link queued for `email`, read from
  // the outbox ("" when there is none).
  std::string newest_link_token(const std::string& email) const {
    auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
    auto connection = db->connect();
    std::string body;
    connection->query(
        "SELECT e.text_body FROM emails e JOIN users u ON u.id = e.user_id"
        " WHERE u.email = ? AND e.kind = 'email_verification' ORDER BY e.id DESC LIMIT 1",
        {email}, [&](const qself::store::Row& row) { body = row.text(0); });
    std::smatch match;
    static const std::regex link(R"(/verify\?token=([A-Za-z0-9_-]+))");
    return std::regex_search(body, match, link) ? match[1].str() : "";
  }
  long long count(const std::string& sql) const {
    auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
    return db->connect()->query_integer(sql).value_or(-1);
  }
  Reply login(const std::string& email, const std::string& password = kVerifyingPassword) const {
    return client.post("auth/login", {{"email", email}, {"password", password}});
  }
  Reply verify(const std::string& token) const { return client.post("auth/verify", {{"token", token}}); }
};

}  // namespace

TEST(EmailVerification, SignUpAnswersTheSameForANewAndATakenAddress) {
  VerifyingServer server;
  const auto fresh = server.client.post("auth/register", sign_up_form("ada@example.org"));
  ASSERT_EQ(fresh.status, 202) << fresh.raw;
  EXPECT_EQ(fresh.body["status"], "check_email");
  EXPECT_FALSE(fresh.body.contains("user")) << "nothing about the account";
  ASSERT_EQ(server.verify(server.newest_link_token("ada@example.org")).status, 200);

  // Taken and verified, in another case, with another password: the same answer...
  const auto taken = server.client.post("auth/register", sign_up_form("ADA@example.org", "another password"));
  EXPECT_EQ(taken.status, fresh.status);
  EXPECT_EQ(minus_request_id(taken.body), minus_request_id(fresh.body));
  // ...and nothing changed: the owner's password still works, the new one does not.
  EXPECT_EQ(server.login("ada@example.org").status, 200);
  EXPECT_EQ(server.login("ada@example.org", "another password").status, 401);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM users"), 1);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM emails WHERE kind = 'account_exists'"), 1) << "the owner is told";

  // Taken but not yet verified: the same answer again.
  ASSERT_EQ(server.client.post("auth/register", sign_up_form("bob@example.org")).status, 202);
  const auto unverified = server.client.post("auth/register", sign_up_form("bob@example.org"));
  EXPECT_EQ(unverified.status, fresh.status);
  EXPECT_EQ(minus_request_id(unverified.body), minus_request_id(fresh.body));
}

TEST(EmailVerification, TheOwnerOfATakenAddressIsToldAtMostOnceADay) {
  VerifyingServer server;
  ASSERT_EQ(server.client.post("auth/register", sign_up_form("ada@example.org")).status, 202);
  ASSERT_EQ(server.verify(server.newest_link_token("ada@example.org")).status, 200);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(server.client.post("auth/register", sign_up_form("ada@example.org")).status, 202);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM emails WHERE kind = 'account_exists'"), 1);
}

TEST(EmailVerification, AnUnverifiedAccountCannotSignInAndLooksLikeAWrongPassword) {
  VerifyingServer server;
  ASSERT_EQ(server.client.post("auth/register", sign_up_form("ada@example.org")).status, 202);
  const auto right_password = server.login("ada@example.org");
  const auto wrong_password = server.login("ada@example.org", "not the password");
  const auto unknown = server.login("nobody@example.org");
  EXPECT_EQ(right_password.status, 401);
  EXPECT_EQ(minus_request_id(right_password.body), minus_request_id(wrong_password.body));
  EXPECT_EQ(minus_request_id(right_password.body), minus_request_id(unknown.body));
}

TEST(EmailVerification, TheLinkSignsInOnceAndOnlyOnce) {
  VerifyingServer server;
  ASSERT_EQ(server.client.post("auth/register", sign_up_form("ada@example.org")).status, 202);
  const std::string token = server.newest_link_token("ada@example.org");
  ASSERT_FALSE(token.empty());

  const auto verified = server.verify(token);
  ASSERT_EQ(verified.status, 200) << verified.raw;
  EXPECT_EQ(verified.body["user"]["email"], "ada@example.org");
  EXPECT_EQ(server.client.get("me", verified.body["token"]).status, 200) << "a session, like a login's";
  EXPECT_EQ(server.login("ada@example.org").status, 200) << "the password works from now on";

  const auto again = server.verify(token);
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.field_error("token"),
            "has expired, was already used or is not a verification link; ask for a new one");
  EXPECT_EQ(server.verify("qs_not_a_link").status, 422);
  EXPECT_EQ(server.client.post("auth/verify", json::object()).field_error("token"), "is required");
}

TEST(EmailVerification, AnExpiredLinkIsRefusedAndANewOneWorks) {
  TempDir dir;
  // One data folder, two servers: the second one's clock is 25 hours later.
  ServerProcess first(dir.path(), kVerificationRequired);
  ASSERT_EQ(Client(first.port()).post("auth/register", sign_up_form("ada@example.org")).status, 202);
  first.stop();
  const auto read_token = [&] {
    auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
    std::string body;
    db->connect()->query("SELECT text_body FROM emails WHERE kind = 'email_verification' ORDER BY id DESC LIMIT 1", {},
                         [&](const qself::store::Row& row) { body = row.text(0); });
    std::smatch match;
    static const std::regex link(R"(/verify\?token=([A-Za-z0-9_-]+))");
    return std::regex_search(body, match, link) ? match[1].str() : std::string();
  };
  const std::string token = read_token();
  ASSERT_FALSE(token.empty());

  ServerProcess later(dir.path(), required_at(std::chrono::hours{25}));
  const Client client(later.port());
  const auto expired = client.post("auth/verify", {{"token", token}});
  EXPECT_EQ(expired.status, 422);
  EXPECT_FALSE(expired.field_error("token").empty());

  ASSERT_EQ(client.post("auth/verify/resend", {{"email", "ada@example.org"}}).status, 202);
  const std::string fresh = read_token();
  ASSERT_NE(fresh, token);
  EXPECT_EQ(client.post("auth/verify", {{"token", fresh}}).status, 200);
}

TEST(EmailVerification, SendingTheLinkAgainAnswersTheSameForAnyAddress) {
  VerifyingServer server;
  ASSERT_EQ(server.client.post("auth/register", sign_up_form("ada@example.org")).status, 202);
  ASSERT_EQ(server.client.post("auth/register", sign_up_form("bob@example.org")).status, 202);
  ASSERT_EQ(server.verify(server.newest_link_token("bob@example.org")).status, 200);

  const auto unverified = server.client.post("auth/verify/resend", {{"email", "ada@example.org"}});
  const auto verified = server.client.post("auth/verify/resend", {{"email", "bob@example.org"}});
  const auto unknown = server.client.post("auth/verify/resend", {{"email", "nobody@example.org"}});
  EXPECT_EQ(unverified.status, 202);
  EXPECT_EQ(verified.status, 202);
  EXPECT_EQ(unknown.status, 202);
  EXPECT_EQ(minus_request_id(verified.body), minus_request_id(unverified.body));
  EXPECT_EQ(minus_request_id(unknown.body), minus_request_id(unverified.body));
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM emails WHERE kind = 'email_verification'"), 3)
      << "two sign-ups and one link again: only the unverified account gets one";
  EXPECT_EQ(server.client.post("auth/verify/resend", {{"email", "not an address"}}).status, 422);
}

TEST(EmailVerification, LinksAreLimitedPerAccountAndRequestsPerClient) {
  VerifyingServer server;
  ASSERT_EQ(server.client.post("auth/register", sign_up_form("ada@example.org")).status, 202);
  int refused_at = -1;
  for (int i = 0; i < 12 && refused_at < 0; ++i) {
    const auto reply = server.client.post("auth/verify/resend", {{"email", "ada@example.org"}});
    if (reply.status == 429)
      refused_at = i;
    else
      EXPECT_EQ(reply.status, 202);
  }
  EXPECT_EQ(refused_at, 10) << "ten requests an hour from one client";
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM emails WHERE kind = 'email_verification'"), 3)
      << "three links an hour per account, however many are asked for";
}

TEST(EmailVerification, WhenOffSignUpIsImmediateAndATakenAddressIs409) {
  TempDir dir;
  ServerProcess process(dir.path(), {{"QSELF_EMAIL_VERIFICATION", "off"}});
  const Client client(process.port());
  ASSERT_EQ(client.post("auth/register", sign_up_form("ada@example.org")).status, 201);
  EXPECT_EQ(client.post("auth/login", {{"email", "ada@example.org"}, {"password", kVerifyingPassword}}).status, 200);
  EXPECT_EQ(client.post("auth/register", sign_up_form("ada@example.org")).status, 409);
}
