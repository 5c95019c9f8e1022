// /push: the VAPID key browsers subscribe with, the devices an account turned
// notifications on in (browsers and webhooks), a test notification, and the buttons of a reminder,
// which log without a session (docs/api.md, "Notifications").

#include "core/errors.hpp"
#include "http/api.hpp"
#include "http/parse.hpp"
#include "http/render.hpp"

namespace qself::http {

void add_push_routes(Router& router, Services& services) {
  router.add("GET", "/push/key", Access::user, [&](Request&) {
    return Response::json(200, {{"public_key", services.push.public_key()}});
  });

  router.add("GET", "/push/subscriptions", Access::user, [&](Request& request) {
    nlohmann::json devices = nlohmann::json::array();
    for (const auto& device : services.push.devices(request.user())) devices.push_back(render_device(device));
    return Response::json(200, {{"subscriptions", std::move(devices)}});
  });

  router.add("POST", "/push/subscriptions", Access::user, [&](Request& request) {
    const auto subscribed = services.push.subscribe(request.user(), parse_push_subscription(request.json()));
    return Response::json(subscribed.created ? 201 : 200, render_device(subscribed.device));
  });

  router.add("POST", "/push/webhooks", Access::user, [&](Request& request) {
    const auto added = services.push.add_webhook(request.user(), parse_push_webhook(request.json()));
    return Response::json(added.created ? 201 : 200, render_device(added.device));
  });

  router.add("DELETE", "/push/subscriptions/{id}", Access::user, [&](Request& request) {
    services.push.unsubscribe(request.user(), request.id("id"));
    return Response::no_content();
  });

  router.add("POST", "/push/test", Access::user, [&](Request& request) {
    std::optional<core::TrackerId> tracker;
    const auto& body = request.body.empty() ? nlohmann::json::object() : request.json();
    if (const auto found = body.find("tracker_id"); found != body.end() && !found->is_null()) {
      if (!found->is_number_integer()) throw ValidationError("tracker_id", "must be a tracker's id");
      tracker = core::TrackerId{found->get<std::int64_t>()};
    }
    return Response::json(202, {{"devices", services.push.send_test(request.user(), tracker)}});
  });

  // The service worker has no session: the notification's token says which
  // account and which trackers, for 24 hours. The rest is POST /trackers/{id}/logs.
  router.add("POST", "/push/actions", Access::anyone, [&](Request& request) {
    auto body = request.json();
    const auto token = body.find("token");
    if (token == body.end() || !token->is_string() || token->get_ref<const std::string&>().empty()) {
      throw Unauthorized("This notification's buttons have expired. Open qself to log.");
    }
    const auto tracker = body.find("tracker_id");
    if (tracker == body.end() || !tracker->is_number_integer()) {
      throw ValidationError("tracker_id", "must be a tracker's id");
    }
    const core::TrackerId tracker_id{tracker->get<std::int64_t>()};
    const auto user = services.push.action_user(token->get<std::string>(), tracker_id);
    body.erase("token");
    body.erase("tracker_id");
    const auto added = services.logs.add(user, tracker_id, parse_log_fields(body));
    return Response::json(added.outcome == services::LogAdded::created ? 201 : 200, render(added.tracker, added.log));
  });
}

}  // namespace qself::http
