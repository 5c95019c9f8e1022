// /trackers: create, list, edit, reorder and delete trackers.

#include "core/errors.hpp"
#include "core/periods.hpp"
#include "core/stats.hpp"
#include "http/api.hpp"
#include "http/cached.hpp"
#include "http/parse.hpp"
#include "http/render.hpp"

namespace qself::http {
namespace {

core::ArchivedFilter archived_filter(const Request& request) {
  const auto value = request.param("archived");
  if (!value || *value == "false") return core::ArchivedFilter::active;
  if (*value == "true") return core::ArchivedFilter::archived;
  if (*value == "all") return core::ArchivedFilter::all;
  throw BadRequest("archived must be false, true or all.");
}

std::string current_slot() { return std::to_string(util::now().time_since_epoch().count() / core::kSlotSeconds); }

nlohmann::json render_list(const std::vector<core::Tracker>& trackers) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& tracker : trackers) items.push_back(render(tracker));
  return {{"items", std::move(items)}};
}

}  // namespace

void add_tracker_routes(Router& router, Services& services) {
  router.add("GET", "/trackers", Access::user, [&](Request& request) {
    const auto filter = archived_filter(request);
    // Summaries move with the clock (periods, trends), so entries last one 15-minute slot.
    const std::string key = "dashboard:" + std::to_string(static_cast<int>(filter)) + ":" + current_slot();
    return cached_json(services.responses, request.user(), key, [&] {
      const core::Calendar calendar(request.user().timezone);
      nlohmann::json items = nlohmann::json::array();
      for (const auto& item : services.stats.dashboard(request.user(), filter)) {
        auto tracker = render(item.tracker);
        tracker["summary"] = render(item.summary, item.tracker, calendar);
        items.push_back(std::move(tracker));
      }
      return nlohmann::json{{"items", std::move(items)}}.dump();
    });
  });

  router.add("POST", "/trackers", Access::user, [&](Request& request) {
    return Response::json(201, render(services.trackers.create(request.user(), parse_tracker_fields(request.json()))));
  });

  router.add("POST", "/trackers/reorder", Access::user, [&](Request& request) {
    const auto& body = request.json();
    const auto ids = body.find("ids");
    if (ids == body.end() || !ids->is_array()) throw ValidationError("ids", "must be a list of tracker ids");
    std::vector<core::TrackerId> order;
    for (const auto& id : *ids) {
      if (!id.is_number_integer() || id.get<std::int64_t>() <= 0) {
        throw ValidationError("ids", "must be a list of tracker ids");
      }
      order.emplace_back(id.get<std::int64_t>());
    }
    return Response::json(200, render_list(services.trackers.reorder(request.user(), order)));
  });

  router.add("GET", "/trackers/{id}", Access::user, [&](Request& request) {
    return Response::json(200, render(services.trackers.get(request.user(), core::TrackerId{request.id("id")})));
  });

  router.add("PATCH", "/trackers/{id}", Access::user, [&](Request& request) {
    const auto change = parse_tracker_change(request.json());
    return Response::json(200, render(services.trackers.update(request.user(), core::TrackerId{request.id("id")},
                                                               change.fields, change.lossy, change.mapping)));
  });

  router.add("DELETE", "/trackers/{id}", Access::user, [&](Request& request) {
    services.trackers.remove(request.user(), core::TrackerId{request.id("id")});
    return Response::no_content();
  });
}

}  // namespace qself::http
