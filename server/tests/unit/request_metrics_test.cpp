// Requests by route template (http/request_metrics.hpp) and the text format's
// pieces it is written with (util/metrics.hpp): one label per template, fixed
// labels for everything else, cumulative buckets whose +Inf is the count.

#include "http/request_metrics.hpp"

#include <gtest/gtest.h>

#include <string>

using qself::http::Access;
using qself::http::RequestMetrics;
using qself::http::Router;
using std::chrono::microseconds;

namespace {

qself::http::Response no_answer(qself::http::Request&) { return qself::http::Response::no_content(); }

Router routes_for_metrics() {
  Router router;
  router.add("GET", "/trackers", Access::user, no_answer);
  router.add("POST", "/trackers", Access::user, no_answer);
  router.add("GET", "/trackers/{id}/logs", Access::user, no_answer);
  return router;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.starts_with(line + "\n");
}

}  // namespace

TEST(RequestMetrics, RoutesOfOneTemplateShareItsSeries) {
  const Router router = routes_for_metrics();
  const RequestMetrics metrics(router);
  const auto& routes = router.routes();
  EXPECT_EQ(metrics.route_label(routes[0]), metrics.route_label(routes[1]));
  EXPECT_NE(metrics.route_label(routes[0]), metrics.route_label(routes[2]));
  EXPECT_EQ(metrics.route_name(metrics.route_label(routes[2])), "/api/v1/trackers/{id}/logs");
  EXPECT_EQ(metrics.route_name(metrics.unmatched_label()), "unmatched");
  EXPECT_EQ(metrics.route_name(metrics.static_label()), "static");
  EXPECT_EQ(metrics.route_name(metrics.metrics_label()), "/metrics");

  metrics.record(metrics.route_label(routes[0]), "GET", 200, microseconds(300));
  metrics.record(metrics.route_label(routes[1]), "POST", 201, microseconds(2000));
  metrics.record(metrics.route_label(routes[1]), "POST", 201, microseconds(2000));
  std::string text;
  metrics.render(text);
  EXPECT_TRUE(has_line(text, R"(qself_http_requests_total{route="/api/v1/trackers",method="GET",status="200"} 1)"))
      << text;
  EXPECT_TRUE(has_line(text, R"(qself_http_requests_total{route="/api/v1/trackers",method="POST",status="201"} 2)"));
  EXPECT_TRUE(has_line(text, R"(qself_http_request_duration_seconds_count{route="/api/v1/trackers"} 3)"));
  EXPECT_EQ(text.find("/logs"), std::string::npos) << "a route that counted nothing shows no series";
}

TEST(RequestMetrics, UnusualMethodsAndStatusesStayInAFixedSet) {
  const Router router = routes_for_metrics();
  const RequestMetrics metrics(router);
  metrics.record(metrics.unmatched_label(), "BREW", 418, microseconds(1));
  metrics.record(metrics.unmatched_label(), "GET", 599, microseconds(1));
  std::string text;
  metrics.render(text);
  EXPECT_TRUE(has_line(text, R"(qself_http_requests_total{route="unmatched",method="other",status="4xx"} 1)")) << text;
  EXPECT_TRUE(has_line(text, R"(qself_http_requests_total{route="unmatched",method="GET",status="5xx"} 1)"));
  EXPECT_EQ(text.find("BREW"), std::string::npos);
}

TEST(Histogram, BucketsAreUpperBoundsInclusiveAndCumulative) {
  qself::util::Histogram histogram;
  histogram.observe(microseconds(500));         // exactly 0.5 ms: the first bucket
  histogram.observe(microseconds(501));         // just above: the second
  histogram.observe(microseconds(10'000'000));  // exactly 10 s: the last finite bucket
  histogram.observe(microseconds(60'000'000));  // only +Inf
  const auto counts = histogram.cumulative();
  EXPECT_EQ(counts[0], 1u);
  EXPECT_EQ(counts[1], 2u);
  EXPECT_EQ(counts[qself::util::kLatencyBuckets.size() - 1], 3u);
  EXPECT_EQ(counts.back(), 4u);
  EXPECT_EQ(histogram.sum_micros(), 70'001'001u);

  std::string text;
  qself::util::append_histogram(text, "x_seconds", "", histogram);
  EXPECT_TRUE(has_line(text, R"(x_seconds_bucket{le="0.0005"} 1)")) << text;
  EXPECT_TRUE(has_line(text, R"(x_seconds_bucket{le="+Inf"} 4)"));
  EXPECT_TRUE(has_line(text, "x_seconds_count 4"));
  EXPECT_TRUE(has_line(text, "x_seconds_sum 70.001001"));
}

TEST(LabelPair, EscapesWhatTheFormatAsks) {
  EXPECT_EQ(qself::util::label_pair("route", "a\"b\\c\nd"), R"(route="a\"b\\c\nd")");
}
