// /trackers/{id}/logs: the values a user logged; /days/{date}: one day of them.

#include <charconv>
#include <map>
#include <vector>

#include "core/errors.hpp"
#include "http/api.hpp"
#include "http/cached.hpp"
#include "http/parse.hpp"
#include "http/render.hpp"

namespace qself::http {
namespace {

std::int64_t parse_integer(std::string_view text, bool& ok) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  ok = error == std::errc() && end == text.data() + text.size();
  return value;
}

// A cursor is "<seconds>.<milliseconds>.<id>" of the last log on the
// previous page. "<seconds>.<id>", as cursors were before logs kept
// milliseconds, is still read (with 0 milliseconds, as every log had then).
std::string encode_cursor(const core::LogCursor& cursor) {
  return std::to_string(cursor.logged_at.time_since_epoch().count()) + "." + std::to_string(cursor.millis) + "." +
         std::to_string(cursor.id);
}

std::optional<core::LogCursor> decode_cursor(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::vector<std::int64_t> parts;
  bool ok = true;
  for (std::string_view rest = *text; ok && parts.size() < 4;) {
    const auto dot = rest.find('.');
    parts.push_back(parse_integer(rest.substr(0, dot), ok));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (ok && parts.size() == 2) return core::LogCursor{util::Timestamp{std::chrono::seconds{parts[0]}}, 0, parts[1]};
  if (ok && parts.size() == 3 && parts[1] >= 0 && parts[1] <= 999) {
    return core::LogCursor{util::Timestamp{std::chrono::seconds{parts[0]}}, static_cast<int>(parts[1]), parts[2]};
  }
  throw BadRequest("before must be the next cursor of a previous page.");
}

core::LogQuery log_query(const Request& request) {
  core::LogQuery query;
  query.from = request.time_param("from");
  query.to = request.time_param("to");
  query.before = decode_cursor(request.param("before"));
  if (const auto limit = request.param("limit")) {
    bool ok = false;
    const auto value = parse_integer(*limit, ok);
    if (!ok || value < 1 || value > 500) throw BadRequest("limit must be a whole number from 1 to 500.");
    query.limit = static_cast<int>(value);
  }
  return query;
}

}  // namespace

void add_log_routes(Router& router, Services& services) {
  router.add("GET", "/trackers/{id}/logs", Access::user, [&](Request& request) {
    const auto query = log_query(request);  // bad parameters fail before the cache is asked
    // Keyed by the parsed query, not its text: "limit=050", "limit=50" and no
    // limit, or one instant written in two offsets, are one entry.
    const std::string key = "logs:" + std::to_string(request.id("id")) + ":" + cache_key_part(query.from) + ":" +
                            cache_key_part(query.to) + ":" + (query.before ? encode_cursor(*query.before) : "") + ":" +
                            std::to_string(query.limit);
    return cached_json(services.responses, request.user(), key, [&] {
      const auto page = services.logs.list(request.user(), core::TrackerId{request.id("id")}, query);
      nlohmann::json items = nlohmann::json::array();
      for (const auto& log : page.items) items.push_back(render(page.tracker, log));
      return nlohmann::json{{"items", std::move(items)},
                            {"next", page.next ? nlohmann::json(encode_cursor(*page.next)) : nullptr}}
          .dump();
    });
  });

  router.add("GET", "/days/{date}", Access::user, [&](Request& request) {
    const std::string text = request.path_params.at("date");
    const auto day = core::parse_date(text);
    if (!day) throw BadRequest("The date must be a day written YYYY-MM-DD.");
    return cached_json(services.responses, request.user(), "day:" + text, [&] {
      const auto found = services.logs.day(request.user(), *day);
      std::map<std::int64_t, const core::Tracker*> trackers;
      for (const auto& tracker : found.trackers) trackers.emplace(tracker.id, &tracker);
      nlohmann::json logs = nlohmann::json::array();
      for (const auto& log : found.logs) logs.push_back(render(*trackers.at(log.tracker_id), log));
      const auto previous = date::sys_days{*day} - date::days{1};
      const auto next = date::sys_days{*day} + date::days{1};
      return nlohmann::json{{"date", text},
                            {"start", util::format_rfc3339(found.start)},
                            {"end", util::format_rfc3339(found.end)},
                            {"previous", core::format_date(date::year_month_day{previous})},
                            {"next", core::format_date(date::year_month_day{next})},
                            {"logs", std::move(logs)},
                            {"truncated", found.truncated}}
          .dump();
    });
  });

  router.add("POST", "/trackers/{id}/logs", Access::user, [&](Request& request) {
    const auto added =
        services.logs.add(request.user(), core::TrackerId{request.id("id")}, parse_log_fields(request.json()));
    // A retry with the uid of a log already made answers it as it is, with 200.
    return Response::json(added.outcome == services::LogAdded::created ? 201 : 200, render(added.tracker, added.log));
  });

  router.add("GET", "/trackers/{id}/logs/{log_id}", Access::user, [&](Request& request) {
    const auto found =
        services.logs.get(request.user(), core::TrackerId{request.id("id")}, core::LogId{request.id("log_id")});
    return Response::json(200, render(found.tracker, found.log));
  });

  router.add("PATCH", "/trackers/{id}/logs/{log_id}", Access::user, [&](Request& request) {
    const auto updated = services.logs.update(request.user(), core::TrackerId{request.id("id")},
                                              core::LogId{request.id("log_id")}, parse_log_fields(request.json()));
    return Response::json(200, render(updated.tracker, updated.log));
  });

  router.add("DELETE", "/trackers/{id}/logs/{log_id}", Access::user, [&](Request& request) {
    services.logs.remove(request.user(), core::TrackerId{request.id("id")}, core::LogId{request.id("log_id")});
    return Response::no_content();
  });
}

}  // namespace qself::http
