// /trackers/{id}/stats: values per period, summary, streaks; /insights and
// /trackers/{id}/insights: what the data says.

#include "core/stats.hpp"

#include "core/errors.hpp"
#include "core/periods.hpp"
#include "http/api.hpp"
#include "http/cached.hpp"
#include "http/render.hpp"

namespace qself::http {
namespace {

std::optional<core::Frequency> bucket_param(const Request& request) {
  const auto value = request.param("bucket");
  if (!value) return std::nullopt;
  if (*value == "hour") return core::Frequency::hourly;
  if (*value == "day") return core::Frequency::daily;
  if (*value == "week") return core::Frequency::weekly;
  if (*value == "month") return core::Frequency::monthly;
  throw BadRequest("bucket must be hour, day, week or month.");
}

}  // namespace

void add_stats_routes(Router& router, Services& services) {
  router.add("GET", "/trackers/{id}/stats", Access::user, [&](Request& request) {
    services::StatsQuery query;
    query.from = request.time_param("from");
    query.to = request.time_param("to");
    query.bucket = bucket_param(request);
    // Streaks move with the clock, so entries last one 15-minute slot.
    // Keyed by the parsed query, not its text (one instant written in two offsets is one entry).
    const std::string key = "stats:" + std::to_string(request.id("id")) + ":" + cache_key_part(query.from) + ":" +
                            cache_key_part(query.to) + ":" +
                            (query.bucket ? std::to_string(static_cast<int>(*query.bucket)) : "") + ":" +
                            std::to_string(util::now().time_since_epoch().count() / core::kSlotSeconds);
    return cached_json(services.responses, request.user(), key, [&] {
      const auto stats = services.stats.stats(request.user(), core::TrackerId{request.id("id")}, query);
      return render(stats, core::Calendar(request.user().timezone)).dump();
    });
  });

  // Insights change with the user's data (the cache's version) and with the
  // local day: entries are kept per day.
  const auto insights_day = [](const Request& request) {
    const core::Calendar calendar(request.user().timezone);
    const auto day = calendar.period_of(util::now(), core::Frequency::daily).start;
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count());
  };
  router.add("GET", "/insights", Access::user, [&, insights_day](Request& request) {
    return cached_json(services.responses, request.user(), "insights::" + insights_day(request), [&] {
      return render(services.stats.insights(request.user()), core::Calendar(request.user().timezone)).dump();
    });
  });
  router.add("GET", "/trackers/{id}/insights", Access::user, [&, insights_day](Request& request) {
    const core::TrackerId tracker{request.id("id")};
    const std::string key = "insights:" + std::to_string(tracker.value) + ":" + insights_day(request);
    return cached_json(services.responses, request.user(), key, [&] {
      return render(services.stats.insights(request.user(), tracker), core::Calendar(request.user().timezone)).dump();
    });
  });
}

}  // namespace qself::http
