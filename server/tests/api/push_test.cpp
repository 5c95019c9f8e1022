// /push: the VAPID key, the devices an account turned notifications on in,
// and the buttons of a notification, which log without a session through the
// notification's own token (issue 14).

#include <gtest/gtest.h>

#include "support/openapi_schema.hpp"
#include "support/server_process.hpp"
#include "support/test_clock.hpp"
#include "util/web_push.hpp"

using nlohmann::json;
using qself::testing::ServerProcess;
using qself::testing::TestServer;
namespace web_push = qself::util::web_push;

namespace {

struct PushTest : ::testing::Test {
  TestServer server;
  qself::testing::Client& api = server.client;
  std::string ada = api.sign_up("ada@example.org");
  std::string bob = api.sign_up("bob@example.org");

  static const qself::testing::OpenApiDocument& spec() {
    static const qself::testing::OpenApiDocument document(std::string(QSELF_SOURCE_DIR) + "/openapi.yaml");
    return document;
  }
  static void conforms(const std::string& method, const std::string& route, const qself::testing::Reply& reply) {
    const auto problems = spec().check_response(method, route, reply.status, reply.body);
    EXPECT_TRUE(problems.empty()) << method << " " << route << ": " << qself::testing::join_problems(problems);
  }
  // A browser's subscription as PushSubscription.toJSON() gives it, with fresh keys.
  static json browser(const std::string& endpoint) {
    return {
        {"endpoint", endpoint},
        {"keys",
         {{"p256dh", web_push::generate_key_pair().public_key}, {"auth", web_push::base64url("0123456789abcdef")}}}};
  }
  json devices(const std::string& token) {
    const auto reply = api.get("push/subscriptions", token);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    conforms("GET", "/push/subscriptions", reply);
    return reply.body["subscriptions"];
  }
  // The newest notification queued for any account (what the worker would
  // send its browsers), read from the database.
  json newest_payload() {
    auto db = qself::store::open_database(qself::testing::test_database_url(server.dir.path()), 1);
    auto connection = db->connect();
    std::string payload = "null";
    connection->query("SELECT payload FROM push_messages ORDER BY id DESC LIMIT 1", {},
                      [&](const qself::store::Row& row) { payload = row.text(0); });
    return json::parse(payload);
  }
  static int id_of(const std::string& path) { return std::stoi(path.substr(path.rfind('/') + 1)); }
};

}  // namespace

TEST_F(PushTest, TheKeyIsOneP256PointThatEveryProcessOnTheDatabaseShares) {
  const auto reply = api.get("push/key", ada);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  conforms("GET", "/push/key", reply);
  const auto key = web_push::from_base64url(reply.body["public_key"].get<std::string>());
  ASSERT_TRUE(key);
  EXPECT_EQ(key->size(), 65u);
  EXPECT_EQ((*key)[0], '\x04');
  // A second server on the same database signs with the same key.
  ServerProcess second(server.dir.path());
  qself::testing::Client other(second.port());
  EXPECT_EQ(other.get("push/key", ada).body["public_key"], reply.body["public_key"]);
  EXPECT_EQ(api.get("push/key").status, 401);
}

TEST_F(PushTest, ADeviceIsKeptOnceAndShownToItsOwnerAlone) {
  auto subscription = browser("https://push.example.net/wpush/v2/abc?x=1");
  subscription["label"] = "Chromium on Linux";
  const auto created = api.post("push/subscriptions", subscription, ada);
  ASSERT_EQ(created.status, 201) << created.raw;
  conforms("POST", "/push/subscriptions", created);
  EXPECT_EQ(created.body["endpoint"], subscription["endpoint"]);
  EXPECT_EQ(created.body["origin"], "https://push.example.net");
  EXPECT_EQ(created.body["label"], "Chromium on Linux");
  EXPECT_TRUE(created.body["last_sent_at"].is_null());

  // The browser subscribes again (new keys, after a reinstall): the same device.
  auto again = browser("https://push.example.net/wpush/v2/abc?x=1");
  again["label"] = "Chromium on Linux (new)";
  const auto repeated = api.post("push/subscriptions", again, ada);
  ASSERT_EQ(repeated.status, 200) << repeated.raw;
  EXPECT_EQ(repeated.body["id"], created.body["id"]);
  ASSERT_EQ(devices(ada).size(), 1u);
  EXPECT_EQ(devices(ada)[0]["label"], "Chromium on Linux (new)");

  // Bob sees nothing of it and cannot remove it.
  EXPECT_TRUE(devices(bob).empty());
  const std::string path = "push/subscriptions/" + std::to_string(created.body["id"].get<long long>());
  EXPECT_EQ(api.del(path, bob).status, 404);
  EXPECT_EQ(devices(ada).size(), 1u);
  EXPECT_EQ(api.del(path, ada).status, 204);
  EXPECT_TRUE(devices(ada).empty());
  EXPECT_EQ(api.del(path, ada).status, 404);
}

TEST_F(PushTest, ABrowserThatChangesHandsNotifiesTheAccountThatSubscribedItLast) {
  const auto shared = browser("https://push.example.net/shared-laptop");
  ASSERT_EQ(api.post("push/subscriptions", shared, ada).status, 201);
  ASSERT_EQ(api.post("push/subscriptions", shared, bob).status, 201);
  EXPECT_TRUE(devices(ada).empty());
  EXPECT_EQ(devices(bob).size(), 1u);
}

TEST_F(PushTest, WhatIsNotASubscriptionQSelfMaySendToIsRefusedAndChangesNothing) {
  const auto refused = [&](json body, const std::string& field) {
    const auto reply = api.post("push/subscriptions", body, ada);
    EXPECT_EQ(reply.status, 422) << body.dump() << " → " << reply.raw;
    EXPECT_FALSE(reply.field_error(field).empty()) << body.dump() << " → " << reply.raw;
    conforms("POST", "/push/subscriptions", reply);
  };
  auto without_endpoint = browser("https://push.example.net/a");
  without_endpoint.erase("endpoint");
  refused(without_endpoint, "endpoint");
  refused(browser("http://push.example.net/a"), "endpoint");  // the message would travel in clear
  refused(browser("ftp://push.example.net/a"), "endpoint");
  refused(browser("https://user:pass@push.example.net/a"), "endpoint");
  refused(browser("https://push.example.net/a#fragment"), "endpoint");
  refused(browser("https://push.example.net/" + std::string(1100, 'a')), "endpoint");
  // Inside the operator's network: loopback, private, link-local (cloud metadata), IPv6 forms.
  for (const auto* target : {"https://127.0.0.1/a", "https://10.1.2.3/a", "https://192.168.1.1:8443/a",
                             "https://169.254.169.254/latest", "https://[::1]/a", "https://[fd00::1]/a",
                             "https://[::ffff:127.0.0.1]/a", "https://localhost/a", "https://0.0.0.0/a"}) {
    refused(browser(target), "endpoint");
  }
  auto off_curve = browser("https://push.example.net/a");
  off_curve["keys"]["p256dh"] = web_push::base64url("\x04" + std::string(64, '\x01'));
  refused(off_curve, "keys.p256dh");
  auto short_secret = browser("https://push.example.net/a");
  short_secret["keys"]["auth"] = web_push::base64url("fifteen bytes!!");
  refused(short_secret, "keys.auth");
  auto not_base64 = browser("https://push.example.net/a");
  not_base64["keys"]["p256dh"] = "not base64 at all!";
  refused(not_base64, "keys.p256dh");
  auto long_label = browser("https://push.example.net/a");
  long_label["label"] = std::string(101, 'x');
  refused(long_label, "label");
  auto two_lines = browser("https://push.example.net/a");
  two_lines["label"] = "Phone\nLaptop";
  refused(two_lines, "label");
  auto number_label = browser("https://push.example.net/a");
  number_label["label"] = 12;
  refused(number_label, "label");
  EXPECT_TRUE(devices(ada).empty());
}

TEST_F(PushTest, AnAccountHasNotificationsOnInTenBrowsersAtMost) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(api.post("push/subscriptions", browser("https://push.example.net/" + std::to_string(i)), ada).status,
              201);
  }
  const auto eleventh = api.post("push/subscriptions", browser("https://push.example.net/10"), ada);
  EXPECT_EQ(eleventh.status, 409) << eleventh.raw;
  EXPECT_EQ(eleventh.error_code(), "too_many_devices");
  conforms("POST", "/push/subscriptions", eleventh);
  // One of the ten subscribing again is no new device.
  EXPECT_EQ(api.post("push/subscriptions", browser("https://push.example.net/3"), ada).status, 200);
  EXPECT_EQ(devices(ada).size(), 10u);
}

TEST_F(PushTest, ATestNotificationNeedsADeviceAndIsLimited) {
  const auto none = api.post("push/test", json::object(), ada);
  EXPECT_EQ(none.status, 409) << none.raw;
  EXPECT_EQ(none.error_code(), "no_devices");
  ASSERT_EQ(api.post("push/subscriptions", browser("https://push.example.net/a"), ada).status, 201);
  const auto sent = api.post("push/test", json::object(), ada);
  ASSERT_EQ(sent.status, 202) << sent.raw;
  conforms("POST", "/push/test", sent);
  EXPECT_EQ(sent.body["devices"], 1);
  // Bob's tracker is not Ada's to test with.
  const auto bobs = api.create_tracker({{"name", "Gym"}, {"type", "boolean"}}, bob);
  EXPECT_EQ(api.post("push/test", {{"tracker_id", id_of(bobs)}}, ada).status, 404);
  EXPECT_EQ(api.post("push/test", {{"tracker_id", "1"}}, ada).status, 422);
  int accepted = 1;
  qself::testing::Reply last;
  for (int i = 0; i < 12; ++i) {
    last = api.post("push/test", json::object(), ada);
    if (last.status == 202) ++accepted;
  }
  EXPECT_EQ(accepted, 10) << "ten test notifications per ten minutes";
  EXPECT_EQ(last.status, 429);
}

TEST_F(PushTest, ANotificationsButtonsLogForItsTrackerOnlyOncePerUid) {
  const auto gym = api.create_tracker({{"name", "Gym"}, {"type", "boolean"}}, ada);
  const auto mood = api.create_tracker({{"name", "Mood"}, {"type", "rating"}}, ada);
  ASSERT_EQ(api.post("push/subscriptions", browser("https://push.example.net/a"), ada).status, 201);
  ASSERT_EQ(api.post("push/test", {{"tracker_id", id_of(gym)}}, ada).status, 202);
  const std::string token = newest_payload().value("token", "");
  ASSERT_FALSE(token.empty());

  const json yes = {
      {"token", token}, {"tracker_id", id_of(gym)}, {"value", true}, {"uid", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"}};
  const auto logged = api.post("push/actions", yes);
  ASSERT_EQ(logged.status, 201) << logged.raw;
  conforms("POST", "/push/actions", logged);
  EXPECT_EQ(logged.body["value"], true);
  // The service worker retries after a lost answer: the same log, once.
  const auto retried = api.post("push/actions", yes);
  EXPECT_EQ(retried.status, 200) << retried.raw;
  EXPECT_EQ(retried.body["id"], logged.body["id"]);
  EXPECT_EQ(api.get(gym + "/logs", ada).body["items"].size(), 1u);

  // The token is for Gym alone; nothing else takes it.
  auto other = yes;
  other["tracker_id"] = id_of(mood);
  other["value"] = 4;
  other.erase("uid");
  EXPECT_EQ(api.post("push/actions", other).status, 404);
  auto forged = yes;
  forged["token"] = token.substr(0, token.size() - 2) + (token.back() == 'A' ? "BB" : "AA");
  EXPECT_EQ(api.post("push/actions", forged).status, 401);
  auto bad_value = yes;
  bad_value["value"] = 7;
  bad_value.erase("uid");
  const auto refused = api.post("push/actions", bad_value);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(api.get(mood + "/logs", ada).body["items"].size(), 0u);
  EXPECT_EQ(api.get(gym + "/logs", ada).body["items"].size(), 1u);

  // A day later the buttons no longer log.
  ServerProcess later(server.dir.path(), {{"QSELF_TEST_NOW", qself::testing::clock_env(std::chrono::hours(25))}});
  qself::testing::Client tomorrow(later.port());
  auto late = yes;
  late["uid"] = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c";
  const auto expired = tomorrow.post("push/actions", late);
  EXPECT_EQ(expired.status, 401) << expired.raw;
  EXPECT_EQ(api.get(gym + "/logs", ada).body["items"].size(), 1u);
}

TEST_F(PushTest, AReminderHasAButtonForEachAnswerOneTapCanGive) {
  ASSERT_EQ(api.post("push/subscriptions", browser("https://push.example.net/a"), ada).status, 201);
  const auto payload_for = [&](const json& fields) {
    const auto tracker = api.create_tracker(fields, ada);
    EXPECT_EQ(api.post("push/test", {{"tracker_id", id_of(tracker)}}, ada).status, 202);
    return std::make_pair(tracker, newest_payload());
  };
  const auto titles = [](const json& payload) {
    std::vector<std::string> out;
    for (const auto& action : payload["trackers"][0]["actions"]) out.push_back(action["title"]);
    return out;
  };
  using Titles = std::vector<std::string>;
  EXPECT_EQ(titles(payload_for({{"name", "Gym"}, {"type", "boolean"}}).second), Titles{"Yes"});
  const auto [mood, mood_payload] = payload_for(
      {{"name", "Mood"}, {"type", "rating"}, {"options", {{"scale", 3}, {"labels", {"Low", "OK", "Great"}}}}});
  EXPECT_EQ(titles(mood_payload), (Titles{"Low", "OK", "Great"}));
  const auto [energy, energy_payload] = payload_for({{"name", "Energy"}, {"type", "rating"}});
  EXPECT_EQ(titles(energy_payload), (Titles{"1", "2", "3", "4", "5"}));
  const auto [weather, weather_payload] =
      payload_for({{"name", "Weather"}, {"type", "choice"}, {"options", {{"choices", {"sun", "rain", "snow"}}}}});
  EXPECT_EQ(titles(weather_payload), (Titles{"sun", "rain", "snow"}));
  EXPECT_TRUE(
      titles(
          payload_for({{"name", "Dinner"}, {"type", "choice"}, {"options", {{"choices", {"a", "b", "c", "d", "e"}}}}})
              .second)
          .empty())
      << "five choices do not fit on a notification";
  EXPECT_TRUE(titles(payload_for({{"name", "Water"}, {"type", "numeric"}}).second).empty());

  // Each button's value logs as it is, through the notification's own token.
  const auto press = [&](const std::string& tracker, const json& payload, std::size_t button) {
    return api.post("push/actions", {{"token", payload["token"]},
                                     {"tracker_id", id_of(tracker)},
                                     {"value", payload["trackers"][0]["actions"][button]["value"]}});
  };
  const auto great = press(mood, mood_payload, 2);
  ASSERT_EQ(great.status, 201) << great.raw;
  EXPECT_EQ(great.body["value"], 3);
  const auto rain = press(weather, weather_payload, 1);
  ASSERT_EQ(rain.status, 201) << rain.raw;
  EXPECT_EQ(rain.body["value"], "rain");
  // A token is its own notification's: Mood's does not log Weather.
  EXPECT_EQ(
      api.post("push/actions", {{"token", mood_payload["token"]}, {"tracker_id", id_of(weather)}, {"value", "sun"}})
          .status,
      404);
}

TEST_F(PushTest, DeletingTheAccountForgetsItsDevicesAndNotifications) {
  ASSERT_EQ(api.post("push/subscriptions", browser("https://push.example.net/a"), ada).status, 201);
  ASSERT_EQ(api.post("push/subscriptions", browser("https://push.example.net/b"), bob).status, 201);
  ASSERT_EQ(api.post("push/test", json::object(), ada).status, 202);
  ASSERT_EQ(api.delete_account(ada).status, 204);
  auto db = qself::store::open_database(qself::testing::test_database_url(server.dir.path()), 1);
  auto connection = db->connect();
  EXPECT_EQ(connection->query_integer("SELECT COUNT(*) FROM push_subscriptions"), 1) << "Bob's alone";
  EXPECT_EQ(connection->query_integer("SELECT COUNT(*) FROM push_messages"), 0);
  EXPECT_EQ(devices(bob).size(), 1u);
}

TEST_F(PushTest, AWebhookIsADeviceWithAUrlUnderTheSameRules) {
  const auto added = api.post("push/webhooks", {{"url", "https://ntfy.example.net/qself-ada"}, {"label", "ntfy"}}, ada);
  ASSERT_EQ(added.status, 201) << added.raw;
  conforms("POST", "/push/webhooks", added);
  EXPECT_EQ(added.body["kind"], "webhook");
  EXPECT_EQ(added.body["origin"], "https://ntfy.example.net");
  const auto again =
      api.post("push/webhooks", {{"url", "https://ntfy.example.net/qself-ada"}, {"label", "phone"}}, ada);
  EXPECT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["id"], added.body["id"]);
  for (const auto* url :
       {"http://ntfy.example.net/x", "https://192.168.1.20:8123/api/webhook/x", "https://localhost/x", "not a url"}) {
    const auto refused = api.post("push/webhooks", {{"url", url}}, ada);
    EXPECT_EQ(refused.status, 422) << url;
    EXPECT_FALSE(refused.field_error("url").empty()) << refused.raw;
  }
  EXPECT_EQ(api.post("push/webhooks", json::object(), ada).status, 422);
  const auto listed = devices(ada);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["label"], "phone");
  EXPECT_TRUE(devices(bob).empty());
}
