// The route table (http/router.hpp): patterns, `{name}` segments that match
// positive integers only, and telling "no such path" from "not this method".

#include "http/router.hpp"

#include <gtest/gtest.h>

#include <string>

using qself::http::Access;
using qself::http::Request;
using qself::http::Response;
using qself::http::Router;

namespace {

Response nothing(Request&) { return Response::no_content(); }

Router api_routes() {
  Router router;
  router.add("GET", "/trackers", Access::user, nothing);
  router.add("POST", "/trackers", Access::user, nothing);
  router.add("POST", "/trackers/reorder", Access::user, nothing);
  router.add("GET", "/trackers/{id}", Access::user, nothing);
  router.add("PATCH", "/trackers/{id}", Access::user, nothing);
  router.add("GET", "/trackers/{id}/logs/{log_id}", Access::user, nothing);
  router.add("GET", "/health", Access::anyone, nothing);
  return router;
}

// The pattern of the route `method path` reaches, or "" when none does.
std::string pattern_for(const std::string& method, const std::string& path) {
  const Router router = api_routes();
  Request request;
  const auto match = router.match(method, path, request);
  return match.route ? match.route->pattern : "";
}

}  // namespace

TEST(Router, MatchesALiteralPath) {
  EXPECT_EQ(pattern_for("GET", "/trackers"), "/trackers");
  EXPECT_EQ(pattern_for("GET", "/health"), "/health");
}

TEST(Router, ChoosesTheRouteOfTheMethod) {
  const Router router = api_routes();
  Request request;
  const auto match = router.match("POST", "/trackers", request);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->method, "POST");
  EXPECT_EQ(match.route->access, Access::user);
}

TEST(Router, PrefersALiteralSegmentToAParameter) {
  EXPECT_EQ(pattern_for("POST", "/trackers/reorder"), "/trackers/reorder");
}

TEST(Router, FillsPathParameters) {
  const Router router = api_routes();
  Request request;
  const auto match = router.match("GET", "/trackers/12/logs/345", request);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/trackers/{id}/logs/{log_id}");
  EXPECT_EQ(request.path_params, (std::map<std::string, std::string>{{"id", "12"}, {"log_id", "345"}}));
  EXPECT_EQ(request.id("log_id"), 345);
}

TEST(Router, IdSegmentsMatchPositiveIntegers) {
  for (const char* id : {"1", "9", "10", "123456789", "999999999999999999"}) {
    EXPECT_EQ(pattern_for("GET", std::string("/trackers/") + id), "/trackers/{id}") << id;
  }
}

TEST(Router, IdSegmentsRefuseZeroLeadingZerosSignsAndWords) {
  for (const char* id : {"0", "00", "01", "-1", "+1", "1.5", "1e3", "abc", "12abc", " 1", "0x1A"}) {
    EXPECT_EQ(pattern_for("GET", std::string("/trackers/") + id), "") << id;
  }
}

TEST(Router, IdSegmentsRefuseNumbersTooLongForAnId) {
  // 19 digits may not fit a signed 64-bit id.
  EXPECT_EQ(pattern_for("GET", "/trackers/1000000000000000000"), "");
}

TEST(Router, NeedsEverySegmentToMatch) {
  EXPECT_EQ(pattern_for("GET", "/trackers/12/logs"), "");
  EXPECT_EQ(pattern_for("GET", "/trackers/12/logs/3/extra"), "");
  EXPECT_EQ(pattern_for("GET", "/Trackers"), "");
  EXPECT_EQ(pattern_for("GET", "/trackers/12/notes/3"), "");
}

TEST(Router, KnowsAPathThatExistsWithAnotherMethod) {
  const Router router = api_routes();
  Request request;
  const auto match = router.match("DELETE", "/trackers/12", request);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
  EXPECT_TRUE(request.path_params.empty());
}

TEST(Router, KnowsALiteralPathThatExistsWithAnotherMethod) {
  Request request;
  const auto match = api_routes().match("GET", "/trackers/reorder", request);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
}

TEST(Router, DoesNotKnowAPathNoRouteHas) {
  const Router router = api_routes();
  Request request;
  for (const char* path : {"/nope", "/trackers/0", "/trackers/abc", "/trackers/1/logs"}) {
    const auto match = router.match("GET", path, request);
    EXPECT_EQ(match.route, nullptr) << path;
    EXPECT_FALSE(match.path_known) << path;
  }
}

TEST(Router, ListsItsRoutesInTheOrderAdded) {
  const Router router = api_routes();
  ASSERT_EQ(router.routes().size(), 7u);
  EXPECT_EQ(router.routes().front().pattern, "/trackers");
  EXPECT_EQ(router.routes().back().pattern, "/health");
}
