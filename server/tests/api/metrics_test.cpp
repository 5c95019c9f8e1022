// GET /metrics (docs/metrics.md): off unless a token is configured, then only
// for that token; the Prometheus text format, line by line; requests counted by
// route template, never by raw path. And QSELF_LOG_FORMAT=json: one object per
// line, with no token and no email address in it.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/redis_process.hpp"
#include "support/server_process.hpp"

using nlohmann::json;

namespace {

constexpr const char* kToken = "metrics-token-for-the-test-0123456789";

// One scrape, parsed: every sample by its full series text (name and labels
// as served), and the families' declared types.
struct Scrape {
  struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
  };
  std::vector<Sample> samples;
  std::map<std::string, std::string> types;  // family → counter, gauge, histogram
  std::vector<std::string> errors;           // lines that are not valid exposition format

  // The value of the one sample with `name` and exactly `labels`; 0 when absent
  // (a counter that never counted is not shown).
  double value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const {
    for (const auto& sample : samples) {
      if (sample.name == name && sample.labels == labels) return sample.value;
    }
    return 0;
  }
  bool has(const std::string& name) const {
    for (const auto& sample : samples) {
      if (sample.name == name) return true;
    }
    return false;
  }
};

// The family a sample belongs to: histograms' _bucket, _sum and _count are theirs.
std::string family_of(const std::string& name, const std::map<std::string, std::string>& types) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string tail = suffix;
    if (name.size() > tail.size() && name.ends_with(tail)) {
      const auto base = name.substr(0, name.size() - tail.size());
      if (types.count(base) && types.at(base) == "histogram") return base;
    }
  }
  return name;
}

// A small reader of the text format, version 0.0.4: "# HELP name text",
// "# TYPE name type", and "name{label="value",...} number". It is strict:
// anything else is an error, a sample must follow its family's TYPE, and a
// family's lines must come as one group.
Scrape parse_exposition(const std::string& text) {
  static const std::regex kHelp(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+)");
  static const std::regex kType(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");
  static const std::regex kSample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (\S+))");
  static const std::regex kLabel(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)")re");
  Scrape scrape;
  std::istringstream lines(text);
  std::string line;
  std::string current;  // the family being written
  std::set<std::string> finished;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (std::regex_match(line, match, kHelp)) continue;
    if (std::regex_match(line, match, kType)) {
      if (scrape.types.count(match[1])) scrape.errors.push_back("TYPE given twice: " + line);
      scrape.types[match[1]] = match[2];
      if (!current.empty()) finished.insert(current);
      current = match[1];
      continue;
    }
    if (!std::regex_match(line, match, kSample)) {
      scrape.errors.push_back("not a valid line: " + line);
      continue;
    }
    Scrape::Sample sample;
    sample.name = match[1];
    const std::string labels = match[3];
    for (auto it = std::sregex_iterator(labels.begin(), labels.end(), kLabel); it != std::sregex_iterator(); ++it) {
      sample.labels[(*it)[1]] = (*it)[2];
    }
    const std::string number = match[4];
    try {
      std::size_t used = 0;
      sample.value = number == "+Inf" ? HUGE_VAL : std::stod(number, &used);
      if (number != "+Inf" && used != number.size()) scrape.errors.push_back("not a number: " + line);
    } catch (const std::exception&) {
      scrape.errors.push_back("not a number: " + line);
    }
    const auto family = family_of(sample.name, scrape.types);
    if (!scrape.types.count(family)) scrape.errors.push_back("no TYPE before: " + line);
    if (family != current || finished.count(family)) scrape.errors.push_back("outside its family's group: " + line);
    if (scrape.types[family] == "counter" && !family.ends_with("_total")) {
      scrape.errors.push_back("a counter not ending in _total: " + line);
    }
    scrape.samples.push_back(std::move(sample));
  }
  return scrape;
}

struct MetricsTest : ::testing::Test {
  qself::testing::TempDir dir;
  std::unique_ptr<qself::testing::RedisProcess> redis = std::make_unique<qself::testing::RedisProcess>();
  qself::testing::ServerProcess server{dir.path(),
                                       {{"QSELF_REDIS_URL", redis->url()}, {"QSELF_METRICS_TOKEN", kToken}}};
  qself::testing::Client api{server.port()};

  Scrape scrape() {
    auto reply = api.request_raw("GET", "/metrics", "", "", kToken);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    EXPECT_EQ(reply.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_EQ(reply.headers["cache-control"], "no-store");
    auto parsed = parse_exposition(reply.raw);
    for (const auto& error : parsed.errors) ADD_FAILURE() << error;
    return parsed;
  }
};

double requests_of(const Scrape& scrape, const std::string& route, const std::string& method,
                   const std::string& status) {
  return scrape.value("qself_http_requests_total", {{"route", route}, {"method", method}, {"status", status}});
}

}  // namespace

TEST(MetricsOffTest, WithoutATokenThereIsNoSuchRoute) {
  qself::testing::TestServer test;
  for (const std::string token : {"", kToken}) {
    const auto reply = test.client.request_raw("GET", "/metrics", "", "", token);
    EXPECT_EQ(reply.status, 404) << "not the web app's index.html either";
    EXPECT_EQ(reply.error_code(), "not_found");
    EXPECT_TRUE(reply.body.contains("request_id"));
  }
}

TEST_F(MetricsTest, OnlyTheTokenReadsThem) {
  const auto missing = api.request_raw("GET", "/metrics", "", "");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.error_code(), "unauthorized");
  const auto wrong = api.request_raw("GET", "/metrics", "", "", std::string(kToken) + "x");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.error_code(), "unauthorized");
  EXPECT_EQ(wrong.raw.find("qself_"), std::string::npos);
  const auto user_token = api.sign_up("ada@example.org");
  EXPECT_EQ(api.request_raw("GET", "/metrics", "", "", user_token).status, 401) << "a user's token is not the one";
  EXPECT_EQ(api.request_raw("POST", "/metrics", "", "", kToken).status, 405);
  EXPECT_EQ(scrape().errors.size(), 0u);
}

TEST_F(MetricsTest, RequestsAreCountedByRouteTemplate) {
  const std::string token = api.sign_up("ada@example.org");
  const std::string water = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
  const std::string water_id = water.substr(water.find('/') + 1);
  const Scrape before = scrape();

  for (int i = 0; i < 3; ++i) EXPECT_EQ(api.get(water + "/logs", token).status, 200);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(api.get("trackers/987654321", token).status, 404);
  EXPECT_EQ(api.get("no-such-route/42", token).status, 404);
  const int page_status = api.get("/some/page/7").status;  // the web app's, or 404 without one
  EXPECT_EQ(api.get("trackers", token).status, 200);
  EXPECT_EQ(api.get("trackers", token).status, 200);
  const Scrape after = scrape();

  const std::string logs_route = "/api/v1/trackers/{id}/logs";
  EXPECT_EQ(requests_of(after, logs_route, "GET", "200") - requests_of(before, logs_route, "GET", "200"), 3);
  EXPECT_EQ(requests_of(after, "/api/v1/trackers/{id}", "GET", "404") -
                requests_of(before, "/api/v1/trackers/{id}", "GET", "404"),
            2)
      << "a 404 of a known route counts under its template";
  EXPECT_EQ(requests_of(after, "unmatched", "GET", "404") - requests_of(before, "unmatched", "GET", "404"), 1);
  const auto page = std::to_string(page_status);
  EXPECT_EQ(requests_of(after, "static", "GET", page) - requests_of(before, "static", "GET", page), 1);
  EXPECT_EQ(requests_of(after, "/metrics", "GET", "200") - requests_of(before, "/metrics", "GET", "200"), 1)
      << "the scrape before this one; a scrape is counted after it is rendered";
  EXPECT_EQ(
      requests_of(after, "/api/v1/trackers", "GET", "200") - requests_of(before, "/api/v1/trackers", "GET", "200"), 2);

  // The cache: the first dashboard was computed, the second came from this process.
  EXPECT_GE(after.value("qself_cache_lookups_total", {{"result", "miss"}}) -
                before.value("qself_cache_lookups_total", {{"result", "miss"}}),
            1);
  EXPECT_GE(after.value("qself_cache_lookups_total", {{"result", "local_hit"}}) -
                before.value("qself_cache_lookups_total", {{"result", "local_hit"}}),
            1);

  // No label value is a raw path: ids are never labels, whatever was asked.
  const std::regex kTemplate(R"((/api/v1(/([a-z0-9_-]*[a-z_-][a-z0-9_-]*|\{[a-z_]+\}))*)|/metrics|static|unmatched)");
  std::map<std::string, double> request_sums;
  for (const auto& sample : after.samples) {
    for (const auto& [name, value] : sample.labels) {
      EXPECT_EQ(value.find("/" + water_id + "/"), std::string::npos) << sample.name << " " << name << "=" << value;
      EXPECT_EQ(value.find("987654321"), std::string::npos) << sample.name << " " << name << "=" << value;
      EXPECT_EQ(value.find("/42"), std::string::npos) << sample.name << " " << name << "=" << value;
      if (name == "route") {
        EXPECT_TRUE(std::regex_match(value, kTemplate)) << value;
      }
    }
    if (sample.name == "qself_http_requests_total") request_sums[sample.labels.at("route")] += sample.value;
  }

  // Each histogram: buckets in rising order with cumulative counts, +Inf equal
  // to _count, and one observation per counted request of its route.
  std::map<std::string, std::vector<std::pair<double, double>>> buckets;
  for (const auto& sample : after.samples) {
    if (sample.name != "qself_http_request_duration_seconds_bucket") continue;
    const auto& le = sample.labels.at("le");
    buckets[sample.labels.at("route")].emplace_back(le == "+Inf" ? HUGE_VAL : std::stod(le), sample.value);
  }
  EXPECT_TRUE(buckets.count(logs_route));
  for (const auto& [route, series] : buckets) {
    ASSERT_FALSE(series.empty());
    for (std::size_t i = 1; i < series.size(); ++i) {
      EXPECT_LT(series[i - 1].first, series[i].first) << route;
      EXPECT_LE(series[i - 1].second, series[i].second) << route << ": buckets are cumulative";
    }
    EXPECT_EQ(series.back().first, HUGE_VAL) << route << ": the last bucket is +Inf";
    const double count = after.value("qself_http_request_duration_seconds_count", {{"route", route}});
    EXPECT_EQ(series.back().second, count) << route;
    EXPECT_EQ(count, request_sums[route]) << route;
    EXPECT_GE(after.value("qself_http_request_duration_seconds_sum", {{"route", route}}), 0) << route;
  }
}

TEST_F(MetricsTest, ShowsThePoolTheQueueAndTheWorkersOutcomes) {
  api.sign_up("ada@example.org");
  // A reset link is an email job; no worker runs here, so it waits in the queue.
  EXPECT_EQ(api.post("auth/password-reset", {{"email", "ada@example.org"}}).status, 202);
  // What workers count (jobs/queue.hpp JobQueue::kOutcomes), as one of them would.
  redis->cli("HINCRBY qself:metrics:outcomes jobs_done 5");
  redis->cli("HINCRBY qself:metrics:outcomes emails_failed 2");
  const Scrape metrics = scrape();

  EXPECT_EQ(metrics.value("qself_metrics_source_up", {{"source", "database"}}), 1);
  EXPECT_EQ(metrics.value("qself_metrics_source_up", {{"source", "redis"}}), 1);
  EXPECT_EQ(metrics.value("qself_job_queue_length"), 1);
  EXPECT_GE(metrics.value("qself_job_queue_oldest_seconds"), 0);
  EXPECT_EQ(metrics.value("qself_jobs_running"), 0);
  EXPECT_EQ(metrics.value("qself_jobs_total", {{"outcome", "done"}}), 5);
  EXPECT_EQ(metrics.value("qself_jobs_total", {{"outcome", "dead"}}), 0);
  EXPECT_TRUE(metrics.has("qself_jobs_total"));
  EXPECT_EQ(metrics.value("qself_emails_total", {{"outcome", "failed"}}), 2);
  EXPECT_EQ(metrics.value("qself_db_pool_size"), 8);
  EXPECT_EQ(metrics.value("qself_db_pool_in_use"), 0) << "every connection is back between requests";
  EXPECT_TRUE(metrics.has("qself_db_pool_waits_total"));
  EXPECT_TRUE(metrics.has("qself_db_busy_answers_total"));
  EXPECT_GT(metrics.value("qself_process_resident_memory_bytes"), 1 << 20);
  EXPECT_GE(metrics.value("qself_http_connections_open"), 1) << "the scrape's own";
  EXPECT_GT(metrics.value("qself_process_start_time_seconds"), 0);
}

TEST_F(MetricsTest, RedisAwayIsSaidNotHidden) {
  redis->kill_hard();
  const Scrape metrics = scrape();
  EXPECT_EQ(metrics.value("qself_metrics_source_up", {{"source", "redis"}}), 0);
  EXPECT_FALSE(metrics.has("qself_jobs_total")) << "unknown, not zero";
  EXPECT_EQ(metrics.value("qself_metrics_source_up", {{"source", "database"}}), 1);
}

namespace {

// The server's standard error goes to a file while it starts: it inherits the
// descriptor, and the test's own stderr comes back at once.
class StderrToFile {
 public:
  explicit StderrToFile(const std::string& path) : m_saved(dup(STDERR_FILENO)) {
    const int file = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(file, STDERR_FILENO);
    close(file);
  }
  ~StderrToFile() {
    dup2(m_saved, STDERR_FILENO);
    close(m_saved);
  }
  StderrToFile(const StderrToFile&) = delete;
  StderrToFile& operator=(const StderrToFile&) = delete;

 private:
  int m_saved;
};

}  // namespace

TEST(JsonLogTest, EveryLineIsAnObjectWithoutSecrets) {
  qself::testing::TempDir dir;
  const std::string log_path = dir.path() + "/server.log";
  std::unique_ptr<qself::testing::ServerProcess> server;
  {
    StderrToFile capture(log_path);
    server = std::make_unique<qself::testing::ServerProcess>(
        dir.path(), std::map<std::string, std::string>{{"QSELF_LOG_FORMAT", "json"}, {"QSELF_ACCESS_LOG", "1"}});
  }
  const qself::testing::Client api(server->port());
  const std::string email = "grace.hopper@example.org";
  const std::string token = api.sign_up(email);
  EXPECT_EQ(api.post("auth/login", {{"email", email}, {"password", "not her password"}}).status, 401);
  EXPECT_EQ(api.post("auth/login", {{"email", "nobody@example.org"}, {"password", "guess"}}).status, 401);
  const std::string water = api.create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
  EXPECT_EQ(api.get(water + "/logs?from=2026-01-01T00:00:00Z&q=" + "grace.hopper", token).status, 200);
  EXPECT_EQ(api.get("trackers", "forged-token-value-123").status, 401);
  EXPECT_EQ(server->stop(), 0);

  std::ifstream file(log_path);
  std::string line;
  int lines = 0;
  int access_lines = 0;
  std::set<std::string> routes;
  while (std::getline(file, line)) {
    if (line.empty()) continue;
    ++lines;
    EXPECT_EQ(line.find(token), std::string::npos) << line;
    EXPECT_EQ(line.find("forged-token-value"), std::string::npos) << line;
    EXPECT_EQ(line.find("grace.hopper"), std::string::npos) << line;
    EXPECT_EQ(line.find("nobody@"), std::string::npos) << line;
    EXPECT_EQ(line.find("not her password"), std::string::npos) << line;
    const json entry = json::parse(line, nullptr, false);
    ASSERT_TRUE(entry.is_object()) << "not one JSON object: " << line;
    EXPECT_TRUE(entry["time"].is_string()) << line;
    EXPECT_TRUE(entry["level"].is_string()) << line;
    EXPECT_TRUE(entry["msg"].is_string()) << line;
    if (entry["msg"] == "request") {
      ++access_lines;
      EXPECT_TRUE(entry["method"].is_string()) << line;
      EXPECT_TRUE(entry["status"].is_number_integer()) << line;
      EXPECT_TRUE(entry["ms"].is_number()) << line;
      EXPECT_TRUE(entry["request_id"].is_string()) << line;
      routes.insert(entry["route"].get<std::string>());
    }
  }
  EXPECT_GE(lines, 8);
  EXPECT_EQ(access_lines, 7) << "register, three logins, a tracker, its logs, the forged token";
  EXPECT_TRUE(routes.count("/api/v1/trackers/{id}/logs")) << "the template, not the path with its id";
  EXPECT_TRUE(routes.count("/api/v1/auth/login"));
}
