// One set of rules for what a person writes, on every path: the API, an
// import from the web app and `qself import` (core/validation.hpp). Numbers
// are finite and of a sane size, names are one line, emails are ones the
// mailer can deliver to, and a value of the wrong JSON type is a 4xx with the
// error shape — never a 500.

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <functional>

#include "support/openapi_schema.hpp"
#include "support/postgres_process.hpp"
#include "support/server_process.hpp"
#include "support/test_clock.hpp"

using nlohmann::json;
using qself::testing::TestServer;

namespace {

struct InputRulesTest : ::testing::Test {
  TestServer server;
  std::string token = server.client.sign_up("ada@example.org", "Europe/Paris");

  std::string logs_of(const json& fields) { return server.client.create_tracker(fields, token) + "/logs"; }
  json items(const std::string& path) { return server.client.get(path, token).body["items"]; }
};

// A qself CSV with one row of each kind the rules refuse, between rows they
// accept: a note over 10,000 characters, the years 1 and 9999, NaN and a
// number too large to store.
std::string rule_breaking_csv() {
  return "tracker,type,unit,logged_at,value,note\r\n"
         "Water,numeric,,2026-05-01T08:00:00+02:00,1,first\r\n"
         "Water,numeric,,2026-05-01T09:00:00+02:00,2," +
         std::string(100000, 'x') +
         "\r\n"
         "Water,numeric,,0001-01-01T00:00:00Z,3,\r\n"
         "Water,numeric,,9999-12-31T23:59:59Z,4,\r\n"
         "Water,numeric,,2026-05-01T10:00:00+02:00,NaN,\r\n"
         "Water,numeric,,2026-05-01T11:00:00+02:00,1e308,\r\n"
         "Water,numeric,,2026-05-01T12:00:00+02:00,5,last\r\n";
}

const std::vector<std::pair<int, std::string>> kRuleBreakingProblems = {
    {3, "Water: note must be at most 10000 characters"},
    {4, "Water: logged_at must not be before 1970"},
    {5, "Water: logged_at must not be in the future (at most 5 minutes ahead of now, for clocks that differ)"},
    {6, "value \"NaN\" is not a number"},
    {7, "Water: must have at most 15 digits before the decimal point"}};

}  // namespace

TEST_F(InputRulesTest, ANumberTooLargeToStoreIsRefusedAndNothingIsStored) {
  // 1e308 rounded to two decimals was infinite: stored, and answered as null.
  const auto logs = logs_of({{"name", "Weight"}, {"type", "numeric"}});
  for (const double value : {1e308, -1e308, 1e15}) {
    const auto reply = server.client.post(logs, {{"value", value}}, token);
    EXPECT_EQ(reply.status, 422) << value << " " << reply.raw;
    EXPECT_EQ(reply.field_error("value"), "must have at most 15 digits before the decimal point") << reply.raw;
  }
  // Beyond what a double holds, as the JSON text says it.
  const auto overflow =
      server.client.request_raw("POST", "/api/v1/" + logs, R"({"value": 1e309})", "application/json", token);
  EXPECT_EQ(overflow.status / 100, 4) << overflow.raw;
  EXPECT_FALSE(overflow.error_code().empty()) << overflow.raw;
  EXPECT_TRUE(items(logs).empty()) << "nothing stored";

  const auto kept = server.client.post(logs, {{"value", 72.5}}, token);
  ASSERT_EQ(kept.status, 201) << kept.raw;
  const std::string log = logs + "/" + std::to_string(kept.body["id"].get<int>());
  EXPECT_EQ(server.client.patch(log, {{"value", 1e308}}, token).status, 422);
  EXPECT_EQ(server.client.get(log, token).body["value"], 72.5);

  const auto bound = server.client.post(
      "trackers", {{"name", "Steps"}, {"type", "numeric"}, {"target", {{"op", "at_least"}, {"value", 1e308}}}}, token);
  EXPECT_EQ(bound.status, 422);
  EXPECT_FALSE(bound.field_error("target.value").empty()) << bound.raw;
}

TEST_F(InputRulesTest, AnExportAskedWithAWrongTypeIsA422) {
  for (const json& format : {json(1), json(true), json::array(), json::object(), json("xml")}) {
    const auto reply = server.client.post("exports", {{"format", format}}, token);
    EXPECT_EQ(reply.status, 422) << format.dump() << " " << reply.raw;
    EXPECT_EQ(reply.field_error("format"), "must be json or csv") << reply.raw;
  }
}

TEST_F(InputRulesTest, NoFieldOfAnyRouteAnswers500ForAValueOfTheWrongType) {
  // Every JSON field openapi.yaml documents, one level of nesting deep, sent
  // with a value of each JSON type in turn, over the spec's example body.
  const qself::testing::OpenApiDocument spec(std::string(QSELF_SOURCE_DIR) + "/openapi.yaml");
  const json& root = spec.root();
  const auto resolve = [&](const json& node) -> const json& {
    if (!node.contains("$ref")) return node;
    const std::string ref = node["$ref"];
    return root["components"]["schemas"][ref.substr(ref.rfind('/') + 1)];
  };
  // The properties of a schema, with those of its allOf/anyOf/oneOf parts.
  std::function<json(const json&)> properties_of = [&](const json& node) {
    const json& schema = resolve(node);
    json properties = schema.value("properties", json::object());
    for (const char* part : {"allOf", "anyOf", "oneOf"}) {
      for (const auto& each : schema.value(part, json::array())) properties.update(properties_of(each));
    }
    return properties;
  };

  const std::string tracker = server.client.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
  const auto log = server.client.post(tracker + "/logs", {{"value", 1}}, token);
  ASSERT_EQ(log.status, 201);
  const auto concrete = [&](std::string path) {
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"{id}", tracker.substr(9)},
                                      {"{log_id}", std::to_string(log.body["id"].get<int>())}}) {
      for (auto at = path.find(name); at != std::string::npos; at = path.find(name))
        path.replace(at, name.size(), value);
    }
    return path.substr(1);
  };
  const std::array<json, 8> wrong = {json(1),    json(-1.5),    json(1e300),           json("x"),
                                     json(true), json(nullptr), json::array({1, "x"}), json{{"x", 1}}};

  int requests = 0;
  for (const auto& [route, methods] : root["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      const auto content = operation.contains("requestBody") ? operation["requestBody"].value("content", json::object())
                                                             : json::object();
      if (!content.contains("application/json")) continue;
      const json& media = content["application/json"];
      const json example = media.value("example", json::object());
      std::vector<std::pair<std::vector<std::string>, json>> bodies;  // field path, body
      const json properties = properties_of(media["schema"]);
      for (const auto& [name, property] : properties.items()) {
        for (const auto& value : wrong) {
          json body = example;
          body[name] = value;
          bodies.push_back({{name}, body});
        }
        const json inner_properties = properties_of(property);
        for (const auto& [inner, ignored] : inner_properties.items()) {
          for (const auto& value : wrong) {
            json body = example;
            if (!body[name].is_object()) body[name] = json::object();
            body[name][inner] = value;
            bodies.push_back({{name, inner}, body});
          }
        }
      }
      for (const json& whole : {json::array(), json("x"), json(1)}) bodies.push_back({{"(body)"}, whole});
      std::string verb = method;
      for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      for (const auto& [field, body] : bodies) {
        const auto reply = server.client.request(verb, concrete(route), body, token);
        ++requests;
        EXPECT_LT(reply.status, 500) << verb << " " << route << " " << body.dump() << ": " << reply.raw;
        if (reply.status >= 400) {
          EXPECT_FALSE(reply.error_code().empty()) << verb << " " << route << " " << body.dump() << ": " << reply.raw;
        }
      }
    }
  }
  EXPECT_GT(requests, 300) << "the spec's request bodies were found";
}

TEST_F(InputRulesTest, ATrackerNameIsOneLine) {
  // A line break in a name ended the subject header of every reminder email.
  const auto created =
      server.client.post("trackers", {{"name", "Water\nBcc: eve@example.org"}, {"type", "numeric"}}, token);
  EXPECT_EQ(created.status, 422) << created.raw;
  EXPECT_EQ(created.field_error("name"), "must be one line, without tabs or control characters");

  const std::string water = server.client.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
  for (const json& change :
       {json{{"name", "Wa\rter"}}, json{{"unit", "l\x07"}},
        json{{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"good", "b\tad"}}}}}}) {
    const auto changed = server.client.patch(water, change, token);
    EXPECT_EQ(changed.status, 422) << change.dump() << " " << changed.raw;
  }
  EXPECT_EQ(server.client.get(water, token).body["name"], "Water");
  EXPECT_EQ(server.client.patch("me", {{"name", "Ada\nLovelace"}}, token).status, 422);
}

TEST_F(InputRulesTest, AnEmailMustBeOneTheMailerCanDeliverTo) {
  // Non-ASCII addresses need SMTPUTF8, which qself's mailer does not speak:
  // such an account registered, and could never receive an email.
  for (const char* email : {"josé@example.org", "ada@exämple.org"}) {
    const auto reply = server.client.post("auth/register", {{"email", email}, {"password", "correct horse battery"}});
    EXPECT_EQ(reply.status, 422) << reply.raw;
    EXPECT_NE(reply.field_error("email").find("ASCII"), std::string::npos) << reply.raw;
  }
  EXPECT_EQ(
      server.client.post("auth/login", {{"email", "josé@example.org"}, {"password", "correct horse battery"}}).status,
      401)
      << "no account was made";
}

// An import through the API runs as a job: jobs/import_jobs_test holds it to
// the same rules (ImportJobsTest.AnImportReportsEachRowThatBreaksTheRulesAndStoresTheRest).

TEST_F(InputRulesTest, TheCommandLineImportHoldsRowsToTheSameRules) {
  const std::string file = server.dir.path() + "/rules.csv";
  std::ofstream(file, std::ios::binary) << rule_breaking_csv();
  const std::string command = "QSELF_DATABASE='" + qself::testing::test_database_url(server.dir.path()) +
                              "' QSELF_DATA_DIR='" + server.dir.path() + "' QSELF_TEST_NOW='" +
                              qself::testing::clock_env() + "' '" + QSELF_BINARY + "' import --user ada@example.org '" +
                              file + "' 2>/dev/null";
  const auto [status, output] = qself::testing::run_command(command);
  EXPECT_EQ(status, 0) << output;

  EXPECT_NE(output.find("imported: qself-csv, 2 logs, 0 already there, 5 rows skipped"), std::string::npos) << output;
  for (const auto& [line, reason] : kRuleBreakingProblems) {
    EXPECT_NE(output.find("line " + std::to_string(line) + ": " + reason), std::string::npos) << output;
  }
  const auto trackers = items("trackers");
  ASSERT_EQ(trackers.size(), 1u);
  EXPECT_EQ(items("trackers/" + std::to_string(trackers[0]["id"].get<int>()) + "/logs").size(), 2u);
}
