// The account lifecycle over real HTTP against a real `qself serve`: changing
// the password, personal API tokens, the list of sessions, password resets.
// (The emails themselves are specified in tests/jobs/password_reset_test.cpp.)

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "support/server_process.hpp"
#include "support/test_clock.hpp"

using nlohmann::json;
using qself::testing::Client;
using qself::testing::ServerProcess;
using qself::testing::TempDir;
using qself::testing::TestServer;

namespace {

constexpr const char* kPassword = "correct horse battery";  // Client::sign_up's

std::string log_in(const Client& client, const std::string& email, const std::string& password = kPassword) {
  const auto reply = client.post("auth/login", {{"email", email}, {"password", password}});
  EXPECT_EQ(reply.status, 200) << reply.raw;
  return reply.body.value("token", "");
}

int login_status(const Client& client, const std::string& email, const std::string& password) {
  return client.post("auth/login", {{"email", email}, {"password", password}}).status;
}

json create_token(const Client& client, const std::string& session, const std::string& name) {
  const auto reply = client.post("me/tokens", {{"name", name}}, session);
  EXPECT_EQ(reply.status, 201) << reply.raw;
  return reply.body;
}

}  // namespace

TEST(AccountPassword, RefusesAWrongCurrentPasswordAndChangesNothing) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  const std::string other = log_in(server.client, "ada@example.org");
  const auto reply = server.client.post(
      "me/password", {{"current_password", "not my password"}, {"new_password", "a brand new secret"}}, token);
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_code(), "validation_failed");
  EXPECT_EQ(reply.field_error("current_password"), "is not your current password");
  EXPECT_EQ(server.client.get("me", other).status, 200) << "no session was signed out";
  EXPECT_EQ(login_status(server.client, "ada@example.org", kPassword), 200);
  EXPECT_EQ(login_status(server.client, "ada@example.org", "a brand new secret"), 401);
}

TEST(AccountPassword, ChecksTheNewPassword) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  const auto missing = server.client.post("me/password", json::object(), token);
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.field_error("current_password"), "is required");
  EXPECT_EQ(missing.field_error("new_password"), "is required");
  const auto short_one =
      server.client.post("me/password", {{"current_password", kPassword}, {"new_password", "short"}}, token);
  EXPECT_EQ(short_one.status, 422);
  EXPECT_EQ(short_one.field_error("new_password"), "must be at least 8 characters");
  const auto long_one = server.client.post(
      "me/password", {{"current_password", kPassword}, {"new_password", std::string(129, 'x')}}, token);
  EXPECT_EQ(long_one.field_error("new_password"), "must be at most 128 characters");
  const auto same =
      server.client.post("me/password", {{"current_password", kPassword}, {"new_password", kPassword}}, token);
  EXPECT_EQ(same.status, 422);
  EXPECT_EQ(same.field_error("new_password"), "must differ from the current password");
  const auto not_text =
      server.client.post("me/password", {{"current_password", kPassword}, {"new_password", 12345678}}, token);
  EXPECT_EQ(not_text.field_error("new_password"), "must be text");
  EXPECT_EQ(
      server.client.post("me/password", {{"current_password", kPassword}, {"new_password", "new secret!"}}).status, 401)
      << "only for a signed-in user";
  EXPECT_EQ(login_status(server.client, "ada@example.org", kPassword), 200) << "nothing changed";
}

TEST(AccountPassword, SignsOutEveryOtherSessionAndTokenAtOnceButNotTheCaller) {
  TestServer server;
  const std::string caller = server.client.sign_up("ada@example.org");
  const std::string laptop = log_in(server.client, "ada@example.org");
  const std::string script = create_token(server.client, caller, "backup script")["token"];
  const std::string bob = server.client.sign_up("bob@example.org");
  ASSERT_EQ(server.client.get("me", laptop).status, 200);
  ASSERT_EQ(server.client.get("me", script).status, 200);

  const auto reply = server.client.post(
      "me/password", {{"current_password", kPassword}, {"new_password", "a brand new secret"}}, caller);
  ASSERT_EQ(reply.status, 204) << reply.raw;

  EXPECT_EQ(server.client.get("me", caller).status, 200) << "the caller stays signed in";
  EXPECT_EQ(server.client.get("me", laptop).status, 401);
  EXPECT_EQ(server.client.get("me", script).status, 401);
  EXPECT_EQ(server.client.get("me", bob).status, 200) << "other users are not affected";
  EXPECT_EQ(login_status(server.client, "ada@example.org", "a brand new secret"), 200);
  EXPECT_EQ(login_status(server.client, "ada@example.org", kPassword), 401);
}

TEST(AccountPassword, TellsTheHolderOfEachTokenItSignedOutWhy) {
  TestServer server;
  const std::string caller = server.client.sign_up("ada@example.org");
  const std::string laptop = log_in(server.client, "ada@example.org");
  const std::string script = create_token(server.client, caller, "backup script")["token"];
  const std::string left = log_in(server.client, "ada@example.org");
  ASSERT_EQ(server.client.post("auth/logout", json::object(), left).status, 204);

  ASSERT_EQ(server.client
                .post("me/password", {{"current_password", kPassword}, {"new_password", "a brand new secret"}}, caller)
                .status,
            204);

  for (const auto& token : {laptop, script}) {
    const auto reply = server.client.get("me", token);
    EXPECT_EQ(reply.status, 401);
    EXPECT_EQ(reply.error_code(), "unauthorized");
    EXPECT_EQ(reply.body["error"].value("reason", ""), "password_changed") << reply.raw;
    EXPECT_EQ(server.client.get("trackers", token).body["error"].value("reason", ""), "password_changed")
        << "on every request, not only the first";
  }
  // Nothing to tell about a token signed out otherwise, or never issued.
  for (const std::string& token : {left, std::string("qs_") + std::string(43, 'x')}) {
    const auto reply = server.client.get("me", token);
    EXPECT_EQ(reply.status, 401);
    EXPECT_FALSE(reply.body["error"].contains("reason")) << reply.raw;
  }
  EXPECT_FALSE(server.client.get("me").body["error"].contains("reason")) << "nor to a request without a token";
  EXPECT_EQ(server.client.get("me", caller).status, 200);
}

TEST(AccountPassword, RepeatedWrongCurrentPasswordsAreSlowedDown) {
  TestServer server;
  const std::string token = server.client.sign_up("ada@example.org");
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(
        server.client
            .post("me/password",
                  {{"current_password", "guess " + std::to_string(i)}, {"new_password", "a brand new secret"}}, token)
            .status,
        422);
  }
  const auto limited = server.client.post(
      "me/password", {{"current_password", kPassword}, {"new_password", "a brand new secret"}}, token);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.error_code(), "rate_limited");
  EXPECT_GT(std::stoi(limited.headers.at("retry-after")), 0);
  EXPECT_EQ(login_status(server.client, "ada@example.org", kPassword), 200) << "nothing changed";
}

TEST(AccountTokens, AreShownOnceAndListedWithoutTheToken) {
  TestServer server;
  const std::string session = server.client.sign_up("ada@example.org");
  const auto created = server.client.post("me/tokens", {{"name", "  Phone shortcut "}}, session);
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string token = created.body["token"];
  EXPECT_EQ(token.rfind("qs_", 0), 0u);
  EXPECT_GE(token.size(), 40u);
  const auto& item = created.body["item"];
  EXPECT_EQ(item["name"], "Phone shortcut");
  EXPECT_GT(item["id"].get<int>(), 0);
  for (const auto* key : {"created_at", "last_used_at", "expires_at"}) EXPECT_TRUE(item[key].is_string()) << key;
  EXPECT_FALSE(item.contains("token"));

  const auto list = server.client.get("me/tokens", session);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["id"], item["id"]);
  EXPECT_EQ(list.body["items"][0]["name"], "Phone shortcut");
  EXPECT_EQ(list.body["items"][0]["expires_at"], item["expires_at"]);
  EXPECT_EQ(list.raw.find(token), std::string::npos) << "the token is never shown again";
  EXPECT_EQ(list.raw.find(token.substr(3)), std::string::npos);
}

TEST(AccountTokens, OpenTheApiLikeASessionAndStopAtOnceWhenRevoked) {
  TestServer server;
  const std::string session = server.client.sign_up("ada@example.org");
  const auto created = create_token(server.client, session, "cron");
  const std::string token = created["token"];
  const std::string path = "me/tokens/" + std::to_string(created["item"]["id"].get<int>());

  EXPECT_EQ(server.client.get("me", token).body["user"]["email"], "ada@example.org");
  ASSERT_EQ(server.client.post("trackers", {{"name", "Water"}, {"type", "numeric"}}, token).status, 201);
  EXPECT_EQ(server.client.get("trackers", session).body["items"].size(), 1u) << "the same account";
  EXPECT_TRUE(server.client.get("me/sessions", session).body["items"].size() == 1u) << "tokens are not sessions";

  ASSERT_EQ(server.client.del(path, session).status, 204);
  const auto after = server.client.get("trackers", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.error_code(), "unauthorized");
  EXPECT_TRUE(server.client.get("me/tokens", session).body["items"].empty());
  EXPECT_EQ(server.client.del(path, session).status, 404);
  EXPECT_EQ(server.client.get("me", session).status, 200);
}

TEST(AccountTokens, CannotManageTheAccountAndChangeNothingTrying) {
  // A leaked token must not mint a token that outlives its revocation, sign the
  // owner out, change the password or delete the account.
  TestServer server;
  const std::string session = server.client.sign_up("ada@example.org");
  const std::string laptop = log_in(server.client, "ada@example.org");
  const auto created = create_token(server.client, session, "cron");
  const std::string token = created["token"];
  const std::string own = "me/tokens/" + std::to_string(created["item"]["id"].get<int>());
  const auto laptop_id = server.client.get("me/sessions", session).body["items"][0]["id"].get<int>();

  const std::vector<qself::testing::Reply> refused = {
      server.client.post("me/tokens", {{"name", "outlives cron"}}, token),
      server.client.get("me/tokens", token),
      server.client.del(own, token),
      server.client.get("me/sessions", token),
      server.client.del("me/sessions/" + std::to_string(laptop_id), token),
      server.client.request("POST", "me/sessions/sign-out-others", std::nullopt, token),
      server.client.post("me/password", {{"current_password", kPassword}, {"new_password", "taken over!"}}, token),
      server.client.del("me", token),
  };
  for (const auto& reply : refused) {
    EXPECT_EQ(reply.status, 403) << reply.raw;
    EXPECT_EQ(reply.error_code(), "forbidden");
  }
  EXPECT_EQ(server.client.get("me/tokens", session).body["items"].size(), 1u) << "no new token";
  EXPECT_EQ(server.client.get("me", laptop).status, 200) << "no session signed out";
  EXPECT_EQ(login_status(server.client, "ada@example.org", kPassword), 200) << "the password unchanged";
  EXPECT_EQ(server.client.get("me", session).status, 200) << "the account still there";
  // What a token is for still works, and it may sign itself out.
  EXPECT_EQ(server.client.post("trackers", {{"name", "Water"}, {"type", "numeric"}}, token).status, 201);
  EXPECT_EQ(server.client.request("POST", "auth/logout", std::nullopt, token).status, 204);
  EXPECT_EQ(server.client.get("trackers", token).status, 401);
}

TEST(AccountTokens, AReadOnlyTokenReadsAndChangesNothing) {
  TestServer server;
  const std::string session = server.client.sign_up("ada@example.org");
  const std::string water = server.client.create_tracker({{"name", "Water"}, {"type", "numeric"}}, session);
  const auto created = server.client.post("me/tokens", {{"name", "dashboard widget"}, {"scope", "read"}}, session);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["item"]["scope"], "read");
  const std::string token = created.body["token"];

  EXPECT_EQ(server.client.get("trackers", token).status, 200);
  EXPECT_EQ(server.client.get(water + "/stats", token).status, 200);
  const std::vector<qself::testing::Reply> refused = {
      server.client.post("trackers", {{"name", "Coffee"}, {"type", "numeric"}}, token),
      server.client.post(water + "/logs", {{"value", 3}}, token),
      server.client.patch(water, {{"name", "Tea"}}, token),
      server.client.patch("me", {{"name", "Eve"}}, token),
      server.client.del(water, token),
  };
  for (const auto& reply : refused) {
    EXPECT_EQ(reply.status, 403) << reply.raw;
    EXPECT_EQ(reply.error_code(), "forbidden");
  }
  const auto trackers = server.client.get("trackers", session).body["items"];
  ASSERT_EQ(trackers.size(), 1u);
  EXPECT_EQ(trackers[0]["name"], "Water");
  EXPECT_TRUE(server.client.get(water + "/logs", session).body["items"].empty());

  // Made before scopes, or without one: a token writes. Anything else is refused.
  EXPECT_EQ(create_token(server.client, session, "cron")["item"]["scope"], "write");
  const auto wrong = server.client.post("me/tokens", {{"name", "x"}, {"scope", "admin"}}, session);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.field_error("scope"), "must be read or write");
  EXPECT_EQ(server.client.request("POST", "auth/logout", std::nullopt, token).status, 204) << "it may sign itself out";
}

TEST(AccountTokens, AnotherUsersTokenIsNotFound) {
  TestServer server;
  const std::string ada = server.client.sign_up("ada@example.org");
  const std::string eve = server.client.sign_up("eve@example.org");
  const auto adas = create_token(server.client, ada, "mine");
  const std::string path = "me/tokens/" + std::to_string(adas["item"]["id"].get<int>());
  const auto stolen = server.client.del(path, eve);
  EXPECT_EQ(stolen.status, 404);
  EXPECT_EQ(stolen.error_code(), "not_found");
  EXPECT_TRUE(server.client.get("me/tokens", eve).body["items"].empty());
  EXPECT_EQ(server.client.get("me", adas["token"].get<std::string>()).status, 200);
  EXPECT_EQ(server.client.del("me/tokens/999999", ada).status, 404);
}

TEST(AccountTokens, NeedAName) {
  TestServer server;
  const std::string session = server.client.sign_up("ada@example.org");
  EXPECT_EQ(server.client.post("me/tokens", json::object(), session).field_error("name"), "is required");
  EXPECT_EQ(server.client.post("me/tokens", {{"name", "   "}}, session).field_error("name"), "must not be empty");
  EXPECT_EQ(server.client.post("me/tokens", {{"name", std::string(101, 'n')}}, session).field_error("name"),
            "must be at most 100 characters");
  EXPECT_EQ(server.client.post("me/tokens", {{"name", 7}}, session).field_error("name"), "must be text");
  EXPECT_TRUE(server.client.get("me/tokens", session).body["items"].empty()) << "nothing was created";
}

TEST(AccountTokens, AreAtMostFiftyPerAccount) {
  TestServer server;
  const std::string session = server.client.sign_up("ada@example.org");
  for (int i = 0; i < 50; ++i) create_token(server.client, session, "token " + std::to_string(i));
  const auto refused = server.client.post("me/tokens", {{"name", "one too many"}}, session);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_code(), "conflict");
  EXPECT_EQ(server.client.get("me/tokens", session).body["items"].size(), 50u);
}

TEST(AccountTokens, DoNotExpireWhenIdleButAfterAYear) {
  TempDir dir;
  std::string session, token;
  {
    ServerProcess server(dir.path());
    const Client client(server.port());
    session = client.sign_up("ada@example.org");
    token = create_token(client, session, "yearly export")["token"];
  }
  {
    // Sixty idle days later the session is gone, the token is not, even after
    // a login has cleared out the expired sessions.
    ServerProcess later(dir.path(), {{"QSELF_TEST_NOW", qself::testing::clock_env(std::chrono::days{60})}});
    const Client client(later.port());
    EXPECT_EQ(client.get("me", session).status, 401);
    client.sign_up("bob@example.org");
    EXPECT_EQ(client.get("me", token).status, 200);
  }
  {
    ServerProcess later(dir.path(), {{"QSELF_TEST_NOW", qself::testing::clock_env(std::chrono::days{366})}});
    const auto reply = Client(later.port()).get("me", token);
    EXPECT_EQ(reply.status, 401);
  }
}

TEST(AccountSessions, ListTheSignedInSessionsAndMarkTheCurrentOne) {
  TestServer server;
  const std::string first = server.client.sign_up("ada@example.org");
  const std::string second = log_in(server.client, "ada@example.org");
  create_token(server.client, first, "not a session");
  server.client.sign_up("bob@example.org");

  const auto list = server.client.get("me/sessions", first);
  ASSERT_EQ(list.status, 200) << list.raw;
  const auto& items = list.body["items"];
  ASSERT_EQ(items.size(), 2u) << "Ada's two sessions, neither her token nor Bob's session";
  int current = 0;
  for (const auto& item : items) {
    EXPECT_GT(item["id"].get<int>(), 0);
    EXPECT_TRUE(item["created_at"].is_string());
    EXPECT_TRUE(item["last_used_at"].is_string());
    current += item["current"].get<bool>() ? 1 : 0;
  }
  EXPECT_EQ(current, 1);
  // Seen from the other session, the other one is current.
  const auto seen_from_second = server.client.get("me/sessions", second).body["items"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& same = *std::find_if(seen_from_second.begin(), seen_from_second.end(),
                                     [&](const json& item) { return item["id"] == items[i]["id"]; });
    EXPECT_NE(same["current"], items[i]["current"]);
  }
}

TEST(AccountSessions, EndingOneSignsItOutAtOnce) {
  TestServer server;
  const std::string phone = server.client.sign_up("ada@example.org");
  const std::string laptop = log_in(server.client, "ada@example.org");
  int laptop_id = 0;
  const auto sessions = server.client.get("me/sessions", phone);
  for (const auto& item : sessions.body["items"]) {
    if (!item["current"].get<bool>()) laptop_id = item["id"];
  }
  ASSERT_GT(laptop_id, 0);
  const std::string eve = server.client.sign_up("eve@example.org");
  EXPECT_EQ(server.client.del("me/sessions/" + std::to_string(laptop_id), eve).status, 404) << "not Eve's";
  EXPECT_EQ(server.client.get("me", laptop).status, 200);

  ASSERT_EQ(server.client.del("me/sessions/" + std::to_string(laptop_id), phone).status, 204);
  EXPECT_EQ(server.client.get("me", laptop).status, 401);
  EXPECT_EQ(server.client.get("me", phone).status, 200);
  EXPECT_EQ(server.client.get("me/sessions", phone).body["items"].size(), 1u);
  EXPECT_EQ(server.client.del("me/sessions/" + std::to_string(laptop_id), phone).status, 404);
}

TEST(AccountSessions, APersonalTokenIsNotASessionToEnd) {
  TestServer server;
  const std::string session = server.client.sign_up("ada@example.org");
  const auto token = create_token(server.client, session, "script");
  EXPECT_EQ(server.client.del("me/sessions/" + std::to_string(token["item"]["id"].get<int>()), session).status, 404);
  EXPECT_EQ(server.client.get("me", token["token"].get<std::string>()).status, 200);
}

TEST(AccountSessions, SigningOutTheOthersKeepsTheCallerAndPersonalTokens) {
  TestServer server;
  const std::string caller = server.client.sign_up("ada@example.org");
  const std::string laptop = log_in(server.client, "ada@example.org");
  const std::string tablet = log_in(server.client, "ada@example.org");
  const std::string script = create_token(server.client, caller, "script")["token"];
  const std::string bob = server.client.sign_up("bob@example.org");

  const auto reply = server.client.request("POST", "me/sessions/sign-out-others", std::nullopt, caller);
  ASSERT_EQ(reply.status, 204) << reply.raw;
  EXPECT_EQ(server.client.get("me", laptop).status, 401);
  EXPECT_EQ(server.client.get("me", tablet).status, 401);
  EXPECT_EQ(server.client.get("me", caller).status, 200);
  EXPECT_EQ(server.client.get("me", script).status, 200) << "personal tokens are revoked one by one";
  EXPECT_EQ(server.client.get("me", bob).status, 200);
  const auto items = server.client.get("me/sessions", caller).body["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0]["current"].get<bool>());
}

TEST(AccountPasswordReset, AnswersTheSameWhetherTheEmailIsKnownOrNot) {
  TestServer server;
  server.client.sign_up("ada@example.org");
  const auto timed = [&](const std::string& email) {
    const auto start = std::chrono::steady_clock::now();
    const auto reply = server.client.post("auth/password-reset", {{"email", email}});
    return std::pair{reply, std::chrono::steady_clock::now() - start};
  };
  const auto [known, known_time] = timed("Ada@Example.org");
  const auto [unknown, unknown_time] = timed("nobody@example.org");
  EXPECT_EQ(known.status, 202) << known.raw;
  EXPECT_EQ(unknown.status, 202) << unknown.raw;
  EXPECT_EQ(known.body, unknown.body);
  EXPECT_FALSE(known.body.value("message", "").empty());
  // Both wait for the same floor, so the time does not tell either.
  EXPECT_GE(known_time, std::chrono::milliseconds(290));
  EXPECT_GE(unknown_time, std::chrono::milliseconds(290));
  EXPECT_EQ(login_status(server.client, "ada@example.org", kPassword), 200) << "asking changes nothing";
}

TEST(AccountPasswordReset, ChecksTheEmailIsAnAddress) {
  TestServer server;
  EXPECT_EQ(server.client.post("auth/password-reset", json::object()).field_error("email"), "is required");
  const auto reply = server.client.post("auth/password-reset", {{"email", "not an address"}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_FALSE(reply.field_error("email").empty());
}

TEST(AccountPasswordReset, RefusesAnUnknownTokenAndChangesNothing) {
  TestServer server;
  const std::string session = server.client.sign_up("ada@example.org");
  const auto unknown = server.client.post("auth/password-reset/confirm",
                                          {{"token", "not-a-real-token"}, {"new_password", "a brand new secret"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.field_error("token"), "has expired, was already used or is not a reset link; ask for a new one");
  const auto both = server.client.post("auth/password-reset/confirm", {{"token", ""}, {"new_password", "short"}});
  EXPECT_FALSE(both.field_error("token").empty());
  EXPECT_EQ(both.field_error("new_password"), "must be at least 8 characters");
  const auto missing = server.client.post("auth/password-reset/confirm", json::object());
  EXPECT_EQ(missing.field_error("token"), "is required");
  EXPECT_EQ(missing.field_error("new_password"), "is required");
  EXPECT_EQ(server.client.get("me", session).status, 200);
}
