// Web Push from the worker (issue 14): each notification goes to every device
// of the account, encrypted for that browser and signed with the server's
// VAPID key, to a push-service stand-in on loopback that checks both as a real
// one does; devices the service says are gone are forgotten, a busy service is
// asked again, and a tracker's reminder goes to the devices with buttons that log.

#include "jobs/jobs_fixture.hpp"
#include "support/push_service.hpp"

using nlohmann::json;
using qself::testing::clock_at;
using qself::testing::JobsTest;
using qself::testing::PushServiceStandIn;

namespace {

struct PushJobsTest : JobsTest {
  PushServiceStandIn push{[] { return std::chrono::floor<std::chrono::seconds>(qself::testing::test_now()); }};
  std::string ada;

  void SetUp() override {
    env["QSELF_PUSH_ALLOW_PRIVATE"] = "1";  // the stand-in is on loopback
    env["QSELF_PUSH_TIMEOUT_MS"] = "2000";
    start_server();
    ada = sign_up("ada@example.org", "Europe/Paris");
  }

  void subscribe(const PushServiceStandIn::Browser& browser, const std::string& token) {
    const auto reply = api->post("push/subscriptions",
                                 {{"endpoint", browser.endpoint},
                                  {"keys", {{"p256dh", browser.p256dh}, {"auth", browser.auth}}},
                                  {"label", browser.name}},
                                 token);
    ASSERT_EQ(reply.status, 201) << reply.raw;
  }
  std::string server_key() { return api->get("push/key", ada).body["public_key"]; }
  // The send_push jobs' states and last errors, for a failing assertion's message.
  std::string push_jobs() const {
    auto db = qself::store::open_database(qself::testing::test_database_url(dir.path()), 1);
    auto connection = db->connect();
    std::string out;
    connection->query("SELECT id, status, last_error FROM jobs WHERE kind = 'send_push' ORDER BY id", {},
                      [&](const qself::store::Row& row) {
                        out += "\n  job " + row.text(0) + ": " + row.text(1) + " " + row.text(2);
                      });
    return out;
  }
};

}  // namespace

TEST_F(PushJobsTest, ATestNotificationReachesTheBrowserEncryptedForItAndSignedByTheServer) {
  const auto laptop = push.subscribe("laptop");
  subscribe(laptop, ada);
  const auto worker = start("worker");
  const auto sent = api->post("push/test", json::object(), ada);
  ASSERT_EQ(sent.status, 202) << sent.raw;
  ASSERT_TRUE(eventually([&] { return push.received_by("laptop").size() == 1; }));
  ASSERT_TRUE(drained());

  const auto received = push.received_by("laptop").front();
  EXPECT_EQ(received.answered, 201);
  EXPECT_EQ(received.vapid_key, server_key()) << "signed by the key browsers subscribe with";
  ASSERT_TRUE(received.plaintext) << "not decryptable with the browser's keys";
  const auto payload = json::parse(*received.plaintext);
  EXPECT_EQ(payload["kind"], "test");
  EXPECT_EQ(payload["title"], "Notifications are on");
  EXPECT_EQ(payload["trackers"], json::array());
  EXPECT_FALSE(payload.contains("token")) << "nothing to log: no token";
  EXPECT_EQ(received.headers.at("content-encoding"), "aes128gcm");
  EXPECT_EQ(received.headers.at("urgency"), "normal");
  const auto ttl = std::stoi(received.headers.at("ttl"));
  EXPECT_GT(ttl, 23 * 3600);
  EXPECT_LE(ttl, 24 * 3600);
  // Nothing personal in the job's payload: ids only.
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'send_push' AND payload NOT LIKE '{\"push_message_id\":%'"),
            0);
  const auto devices = api->get("push/subscriptions", ada).body["subscriptions"];
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_FALSE(devices[0]["last_sent_at"].is_null());
}

TEST_F(PushJobsTest, DevicesThePushServiceSaysAreGoneAreForgottenAndABusyOneIsAskedAgain) {
  const auto phone = push.subscribe("phone");
  const auto old_laptop = push.subscribe("old-laptop");
  const auto tablet = push.subscribe("tablet");
  for (const auto& browser : {phone, old_laptop, tablet}) subscribe(browser, ada);
  push.answer("phone", {503});       // busy: try again
  push.answer("old-laptop", {410});  // unsubscribed
  push.answer("tablet", {404});      // expired
  const auto worker = start("worker");
  const auto scheduler = start("scheduler");  // hands the retry back to the queue when it is due
  ASSERT_EQ(api->post("push/test", json::object(), ada).status, 202);
  ASSERT_TRUE(eventually([&] { return push.received_by("phone").size() == 2; }));
  ASSERT_TRUE(drained());

  EXPECT_EQ(push.received_by("phone")[0].answered, 503);
  EXPECT_EQ(push.received_by("phone")[1].answered, 201);
  EXPECT_EQ(push.received_by("old-laptop").size(), 1u);
  EXPECT_EQ(push.received_by("tablet").size(), 1u);
  const auto devices = api->get("push/subscriptions", ada).body["subscriptions"];
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0]["label"], "phone");
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE status = 'dead'"), 0);
}

TEST_F(PushJobsTest, AWorkerWithoutTheOperatorsConsentSendsNothingIntoThePrivateNetwork) {
  const auto laptop = push.subscribe("laptop");
  subscribe(laptop, ada);  // taken while the server allowed it
  const auto worker = start("worker", {{"QSELF_PUSH_ALLOW_PRIVATE", "0"}});
  ASSERT_EQ(api->post("push/test", json::object(), ada).status, 202);
  ASSERT_TRUE(eventually([&] { return count("SELECT COUNT(*) FROM jobs WHERE status = 'dead'") == 1; }));
  EXPECT_TRUE(push.received().empty());
}

TEST_F(PushJobsTest, ATrackersReminderGoesToTheDevicesWithAButtonThatLogs) {
  start_server({{"QSELF_TEST_NOW", clock_at("2026-11-30T06:59:58Z")}});  // Monday, 07:59:58 in Paris
  const auto gym =
      api->create_tracker({{"name", "Gym"}, {"type", "boolean"}, {"reminder_schedule", {{"times", {"08:00"}}}}}, ada);
  const auto phone = push.subscribe("phone");
  subscribe(phone, ada);
  const std::map<std::string, std::string> clock = {{"QSELF_TEST_NOW", clock_at("2026-11-30T06:59:58Z")}};
  const auto worker = start("worker", clock);
  const auto scheduler = start("scheduler", clock);
  ASSERT_TRUE(eventually([&] { return push.received_by("phone").size() == 1; }));
  ASSERT_TRUE(drained(3));
  EXPECT_EQ(push.received_by("phone").size(), 1u) << "once per moment";
  EXPECT_TRUE(maildev.emails_to("ada@example.org").empty()) << "a notification instead of the email";

  const auto received = push.received_by("phone").front();
  ASSERT_TRUE(received.plaintext);
  const auto payload = json::parse(*received.plaintext);
  EXPECT_EQ(payload["kind"], "reminder");
  EXPECT_EQ(payload["title"], "Gym");
  EXPECT_EQ(payload["tag"], "qself-reminder-2026-11-30T08:00");
  EXPECT_EQ(payload["url"], "/" + gym);
  ASSERT_EQ(payload["trackers"].size(), 1u);
  EXPECT_EQ(payload["trackers"][0]["actions"], json::parse(R"([{"title": "Yes", "value": true}])"));

  // "Yes" on the notification, from the service worker: no session, the token.
  const auto tracker_id = std::stoll(gym.substr(gym.rfind('/') + 1));
  const auto logged = api->post("push/actions", {{"token", payload["token"]},
                                                 {"tracker_id", tracker_id},
                                                 {"value", true},
                                                 {"logged_at", "2026-11-30T07:00:30Z"}});
  ASSERT_EQ(logged.status, 201) << logged.raw;
  const auto logs = api->get(gym + "/logs", ada).body["items"];
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0]["value"], true);
}

TEST_F(PushJobsTest, AWebhookGetsEachNotificationAsJsonWithoutItsButtons) {
  const auto phone = push.subscribe("phone");
  subscribe(phone, ada);
  const auto added = api->post("push/webhooks", {{"url", push.webhook("ntfy")}, {"label", "ntfy"}}, ada);
  ASSERT_EQ(added.status, 201) << added.raw;
  EXPECT_EQ(added.body["kind"], "webhook");
  const auto gym = api->create_tracker({{"name", "Gym"}, {"type", "boolean"}}, ada);
  const auto worker = start("worker");
  const auto tracker_id = std::stoll(gym.substr(gym.rfind('/') + 1));
  ASSERT_EQ(api->post("push/test", {{"tracker_id", tracker_id}}, ada).status, 202);
  ASSERT_TRUE(eventually([&] { return push.received_by("ntfy").size() == 1 && push.received_by("phone").size() == 1; }))
      << push_jobs();
  ASSERT_TRUE(drained());

  const auto hook = push.received_by("ntfy").front();
  EXPECT_EQ(hook.headers.at("content-type"), "application/json");
  EXPECT_FALSE(hook.headers.contains("authorization"));
  const auto body = json::parse(*hook.plaintext);
  EXPECT_EQ(body["source"], "qself");
  EXPECT_EQ(body["title"], "Gym");
  EXPECT_EQ(body["url"], "http://qself.test/" + gym);
  EXPECT_EQ(body["trackers"], json::parse(R"([{"id": )" + std::to_string(tracker_id) + R"(, "name": "Gym"}])"));
  EXPECT_FALSE(body.contains("token")) << "a webhook is someone else's server: no token that logs";
  EXPECT_EQ(hook.plaintext->find(json::parse(*push.received_by("phone").front().plaintext)["token"].get<std::string>()),
            std::string::npos);

  // A webhook whose server says it is gone (410) is removed; the browser stays.
  push.answer("ntfy", {410});
  ASSERT_EQ(api->post("push/test", json::object(), ada).status, 202);
  ASSERT_TRUE(eventually([&] { return push.received_by("ntfy").size() == 2; }));
  ASSERT_TRUE(drained());
  const auto devices = api->get("push/subscriptions", ada).body["subscriptions"];
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0]["kind"], "webpush");
}
