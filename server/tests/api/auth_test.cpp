// Accounts and sessions over real HTTP against a real `qself serve`.

#include <gtest/gtest.h>

#include "support/server_process.hpp"
#include "support/test_clock.hpp"

using nlohmann::json;
using qself::testing::TestServer;

namespace {

const json kAda = {{"email", "Ada@Example.org "},
                   {"password", "correct horse battery"},
                   {"name", "Ada"},
                   {"timezone", "Europe/Paris"}};

}  // namespace

TEST(Register, CreatesAUserWithANormalisedEmail) {
  TestServer server;
  const auto reply = server.client.post("auth/register", kAda);
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.body["user"]["email"], "ada@example.org");
  EXPECT_EQ(reply.body["user"]["name"], "Ada");
  EXPECT_EQ(reply.body["user"]["timezone"], "Europe/Paris");
  EXPECT_FALSE(reply.body["user"].contains("password_hash"));
  EXPECT_FALSE(reply.headers.at("x-request-id").empty());
}

TEST(Register, DefaultsTheTimeZoneToUtc) {
  TestServer server;
  const auto reply = server.client.post("auth/register", {{"email", "b@example.org"}, {"password", "12345678"}});
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.body["user"]["timezone"], "UTC");
}

TEST(Register, RefusesAnEmailAlreadyRegisteredWhateverItsCase) {
  TestServer server;
  ASSERT_EQ(server.client.post("auth/register", kAda).status, 201);
  json again = kAda;
  again["email"] = "ADA@example.ORG";
  const auto reply = server.client.post("auth/register", again);
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_code(), "conflict");
  EXPECT_EQ(reply.field_error("email"), "is already registered");
}

TEST(Register, NamesEveryInvalidField) {
  TestServer server;
  const auto reply = server.client.post(
      "auth/register", {{"email", "not-an-email"}, {"password", "short"}, {"timezone", "Mars/Olympus"}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_code(), "validation_failed");
  EXPECT_FALSE(reply.field_error("email").empty());
  EXPECT_EQ(reply.field_error("password"), "must be at least 8 characters");
  EXPECT_FALSE(reply.field_error("timezone").empty());
  EXPECT_FALSE(reply.body["request_id"].get<std::string>().empty());
}

TEST(Register, RequiresEmailAndPasswordAsText) {
  TestServer server;
  const auto missing = server.client.post("auth/register", json::object());
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.field_error("email"), "is required");
  EXPECT_EQ(missing.field_error("password"), "is required");
  const auto wrong_type = server.client.post("auth/register", {{"email", 5}, {"password", true}});
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(wrong_type.field_error("email"), "must be text");
  const auto too_long =
      server.client.post("auth/register", {{"email", "c@example.org"}, {"password", std::string(129, 'x')}});
  EXPECT_EQ(too_long.field_error("password"), "must be at most 128 characters");
}

TEST(Register, ABadRequestCreatesNothing) {
  TestServer server;
  json bad = kAda;
  bad["timezone"] = "Nowhere/Land";
  ASSERT_EQ(server.client.post("auth/register", bad).status, 422);
  EXPECT_EQ(server.client.post("auth/register", kAda).status, 201);
}

TEST(Login, AnswersATokenThatOpensTheApi) {
  TestServer server;
  ASSERT_EQ(server.client.post("auth/register", kAda).status, 201);
  const auto login =
      server.client.post("auth/login", {{"email", "ada@example.org"}, {"password", "correct horse battery"}});
  ASSERT_EQ(login.status, 200) << login.raw;
  const std::string token = login.body["token"];
  EXPECT_GE(token.size(), 40u);
  EXPECT_TRUE(login.body["expires_at"].is_string());
  EXPECT_EQ(login.body["user"]["email"], "ada@example.org");
  const auto me = server.client.get("me", token);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.body["user"]["name"], "Ada");
}

TEST(Login, AWrongEmailAndAWrongPasswordLookTheSame) {
  TestServer server;
  ASSERT_EQ(server.client.post("auth/register", kAda).status, 201);
  const auto wrong_password =
      server.client.post("auth/login", {{"email", "ada@example.org"}, {"password", "wrong password"}});
  const auto wrong_email =
      server.client.post("auth/login", {{"email", "bob@example.org"}, {"password", "correct horse battery"}});
  EXPECT_EQ(wrong_password.status, 401);
  EXPECT_EQ(wrong_email.status, 401);
  EXPECT_EQ(wrong_password.body["error"], wrong_email.body["error"]);
}

TEST(Login, EachLoginIsItsOwnSession) {
  TestServer server;
  ASSERT_EQ(server.client.post("auth/register", kAda).status, 201);
  const json credentials = {{"email", "ada@example.org"}, {"password", "correct horse battery"}};
  const std::string first = server.client.post("auth/login", credentials).body["token"];
  const std::string second = server.client.post("auth/login", credentials).body["token"];
  EXPECT_NE(first, second);
  EXPECT_EQ(server.client.post("auth/logout", json::object(), first).status, 204);
  EXPECT_EQ(server.client.get("me", first).status, 401);
  EXPECT_EQ(server.client.get("me", second).status, 200);
}

TEST(Logout, TheTokenStopsWorkingAtOnce) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  ASSERT_EQ(server.client.get("trackers", token).status, 200);
  EXPECT_EQ(server.client.request("POST", "auth/logout", std::nullopt, token).status, 204);
  const auto after = server.client.get("trackers", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.error_code(), "unauthorized");
  EXPECT_EQ(server.client.request("POST", "auth/logout", std::nullopt, token).status, 401);
}

TEST(Authentication, RefusesMissingMalformedAndUnknownTokens) {
  TestServer server;
  EXPECT_EQ(server.client.get("me").status, 401);
  EXPECT_EQ(server.client.get("me", "qs_thisisnotarealtoken").status, 401);
  EXPECT_EQ(server.client.get("me", "garbage").status, 401);
  EXPECT_EQ(server.client.get("trackers").error_code(), "unauthorized");
}

TEST(Me, UpdatesNameAndTimeZone) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  const auto reply = server.client.patch("me", {{"name", "  Ada L. "}, {"timezone", "America/New_York"}}, token);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body["user"]["name"], "Ada L.");
  EXPECT_EQ(server.client.get("me", token).body["user"]["timezone"], "America/New_York");
}

TEST(Me, RefusesAnUnknownTimeZoneAndChangesNothing) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org", "Europe/Paris");
  const auto reply = server.client.patch("me", {{"name", "New"}, {"timezone", "Europe/Atlantis"}}, token);
  EXPECT_EQ(reply.status, 422);
  EXPECT_FALSE(reply.field_error("timezone").empty());
  const auto me = server.client.get("me", token).body["user"];
  EXPECT_EQ(me["timezone"], "Europe/Paris");
  EXPECT_EQ(me["name"], "");
}

TEST(Me, DeletingTheAccountRemovesItAndItsData) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  const auto tracker = server.client.post("trackers", {{"name", "Water"}, {"type", "numeric"}}, token);
  ASSERT_EQ(tracker.status, 201);
  // Asked for the password again: none, or a wrong one, deletes nothing.
  EXPECT_EQ(server.client.del("me", token).status, 400);
  const auto wrong = server.client.request("DELETE", "me", json{{"password", "not my password"}}, token);
  EXPECT_EQ(wrong.status, 422) << wrong.raw;
  EXPECT_EQ(wrong.field_error("password"), "is not your password");
  EXPECT_EQ(server.client.get("trackers", token).body["items"].size(), 1u);
  ASSERT_EQ(server.client.delete_account(token).status, 204);
  EXPECT_EQ(server.client.get("me", token).status, 401);
  EXPECT_EQ(
      server.client.post("auth/login", {{"email", "ada@example.org"}, {"password", "correct horse battery"}}).status,
      401);
  // The email is free again, and the new account starts empty.
  const std::string again = server.client.sign_up("ada@example.org");
  EXPECT_TRUE(server.client.get("trackers", again).body["items"].empty());
}

namespace {

// A server that takes X-Forwarded-For from the test (as from a proxy on
// 127.0.0.1), so that one test can speak as several client addresses.
struct ProxiedServer {
  qself::testing::TempDir dir;
  qself::testing::ServerProcess process{dir.path(), {{"QSELF_TRUSTED_PROXIES", "127.0.0.1"}}};
  qself::testing::Client client{process.port()};

  qself::testing::Reply post_from(const std::string& address, const std::string& path, const json& body) const {
    return client.request_raw("POST", path, body.dump(), "application/json", "", {{"X-Forwarded-For", address}});
  }
};

constexpr const char* kAttacker = "203.0.113.7";
constexpr const char* kAdasNetwork = "198.51.100.20";

}  // namespace

// Finding M3: failures for one account once locked the account itself, so
// anyone could keep its owner out. Now they slow down the client making them.
TEST(Login, FailuresFromOneClientForOneAccountSlowThatClientNotTheOwner) {
  ProxiedServer server;
  ASSERT_EQ(server.post_from(kAdasNetwork, "auth/register", kAda).status, 201);
  int first_refused = -1;
  for (int i = 0; i < 12 && first_refused < 0; ++i) {
    const auto reply = server.post_from(kAttacker, "auth/login",
                                        {{"email", "ada@example.org"}, {"password", "guess " + std::to_string(i)}});
    if (reply.status == 429) {
      first_refused = i;
      EXPECT_EQ(reply.error_code(), "rate_limited");
      EXPECT_GT(std::stoi(reply.headers.at("retry-after")), 0);
    } else {
      ASSERT_EQ(reply.status, 401) << i;
    }
  }
  // Five failures are free; the waits then double from one second, so the
  // attacker is refused within a few more attempts.
  EXPECT_GE(first_refused, 5);
  EXPECT_LT(first_refused, 12);
  // Ada, who has not been failing, logs in at once.
  const auto ada = server.post_from(kAdasNetwork, "auth/login",
                                    {{"email", "ada@example.org"}, {"password", "correct horse battery"}});
  EXPECT_EQ(ada.status, 200) << ada.raw;
}

// Behind a balancer, the same client's failures reach several servers: the
// limit is one, counted in the database, not one per server.
TEST(Login, FailuresSpreadOverTwoServersCountAgainstOneLimit) {
  ProxiedServer server;
  const qself::testing::ServerProcess second{server.dir.path(), {{"QSELF_TRUSTED_PROXIES", "127.0.0.1"}}};
  const qself::testing::Client other{second.port()};
  ASSERT_EQ(server.post_from(kAdasNetwork, "auth/register", kAda).status, 201);
  const auto guess = [&](const qself::testing::Client& through, int i) {
    return through.request_raw("POST", "auth/login",
                               json{{"email", "ada@example.org"}, {"password", "guess " + std::to_string(i)}}.dump(),
                               "application/json", "", {{"X-Forwarded-For", kAttacker}});
  };
  // Alternating servers. Counted per server, neither could refuse before it
  // had seen five failures itself; counted together, one refuses while each
  // has seen fewer. (The test's clock runs on from its pinned instant, so a
  // slow run may pass the first short delays: a few more tries are allowed.)
  int failures[2] = {0, 0};
  int refused_by = -1;
  for (int i = 0; i < 9 && refused_by < 0; ++i) {
    const int on = i % 2;
    const auto reply = guess(on ? other : server.client, i);
    if (reply.status == 429) {
      refused_by = on;
    } else {
      ASSERT_EQ(reply.status, 401) << i;
      ++failures[on];
    }
  }
  ASSERT_GE(refused_by, 0) << "never refused";
  EXPECT_LT(failures[refused_by], 5) << "refused on the failures the other server counted";
  EXPECT_GE(failures[0] + failures[1], 5) << "the five free failures were free";
  const auto ada = other.request_raw("POST", "auth/login",
                                     json{{"email", "ada@example.org"}, {"password", "correct horse battery"}}.dump(),
                                     "application/json", "", {{"X-Forwarded-For", kAdasNetwork}});
  EXPECT_EQ(ada.status, 200) << "the owner, who has not been failing, is not slowed";
}

// Finding M4: one client could try any number of accounts. Over all accounts
// it has 30 free failures, then waits that grow; other clients are not slowed.
TEST(Login, FailuresFromOneClientOverManyAccountsSlowThatClient) {
  ProxiedServer server;
  ASSERT_EQ(server.post_from(kAdasNetwork, "auth/register", kAda).status, 201);
  int first_refused = -1;
  for (int i = 0; i < 40 && first_refused < 0; ++i) {
    const auto reply = server.post_from(
        kAttacker, "auth/login", {{"email", "user" + std::to_string(i) + "@example.org"}, {"password", "guess"}});
    if (reply.status == 429) {
      first_refused = i;
      EXPECT_GT(std::stoi(reply.headers.at("retry-after")), 0);
    } else {
      ASSERT_EQ(reply.status, 401) << i;
    }
  }
  EXPECT_GE(first_refused, 30);
  EXPECT_LT(first_refused, 40);
  EXPECT_EQ(
      server
          .post_from(kAdasNetwork, "auth/login", {{"email", "ada@example.org"}, {"password", "correct horse battery"}})
          .status,
      200);
}

TEST(Register, TenAccountsAnHourPerClientAddressThen429) {
  ProxiedServer server;
  for (int i = 0; i < 10; ++i) {
    const auto reply = server.post_from(
        kAttacker, "auth/register", {{"email", "user" + std::to_string(i) + "@example.org"}, {"password", "12345678"}});
    ASSERT_EQ(reply.status, 201) << reply.raw;
  }
  const auto refused =
      server.post_from(kAttacker, "auth/register", {{"email", "user10@example.org"}, {"password", "12345678"}});
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.error_code(), "rate_limited");
  const int wait = std::stoi(refused.headers.at("retry-after"));
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 3600);
  EXPECT_EQ(
      server.post_from(kAttacker, "auth/login", {{"email", "user10@example.org"}, {"password", "12345678"}}).status,
      401)
      << "the refused registration created nothing";
  EXPECT_EQ(server.post_from(kAdasNetwork, "auth/register", kAda).status, 201) << "other addresses are not held back";
}

TEST(Sessions, ExpireAfterThirtyIdleDays) {
  qself::testing::TempDir dir;
  std::string token;
  {
    qself::testing::ServerProcess server(dir.path());
    token = qself::testing::Client(server.port()).sign_up("ada@example.org");
  }
  {
    // 29 days later the token still works, and using it keeps it alive...
    qself::testing::ServerProcess later(dir.path(),
                                        {{"QSELF_TEST_NOW", qself::testing::clock_env(std::chrono::days{29})}});
    EXPECT_EQ(qself::testing::Client(later.port()).get("me", token).status, 200);
  }
  {
    // ...so 29 + 29 days after login it is still valid (idle for only 29 days)...
    qself::testing::ServerProcess later(dir.path(),
                                        {{"QSELF_TEST_NOW", qself::testing::clock_env(std::chrono::days{58})}});
    EXPECT_EQ(qself::testing::Client(later.port()).get("me", token).status, 200);
  }
  {
    // ...but 31 idle days after that it has expired.
    qself::testing::ServerProcess later(dir.path(),
                                        {{"QSELF_TEST_NOW", qself::testing::clock_env(std::chrono::days{89})}});
    const auto reply = qself::testing::Client(later.port()).get("me", token);
    EXPECT_EQ(reply.status, 401);
  }
}

TEST(Sessions, ExpireNinetyDaysAfterLoginHoweverOftenUsed) {
  qself::testing::TempDir dir;
  std::string token;
  {
    qself::testing::ServerProcess server(dir.path());
    token = qself::testing::Client(server.port()).sign_up("ada@example.org");
  }
  for (const int day : {25, 50, 75}) {
    qself::testing::ServerProcess later(dir.path(),
                                        {{"QSELF_TEST_NOW", qself::testing::clock_env(std::chrono::days{day})}});
    EXPECT_EQ(qself::testing::Client(later.port()).get("me", token).status, 200) << day;
  }
  qself::testing::ServerProcess later(dir.path(),
                                      {{"QSELF_TEST_NOW", qself::testing::clock_env(std::chrono::days{91})}});
  EXPECT_EQ(qself::testing::Client(later.port()).get("me", token).status, 401);
}
