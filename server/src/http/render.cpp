#include "http/render.hpp"

#include "core/tracker_rules.hpp"
#include "core/values.hpp"

namespace qself::http {

using nlohmann::json;
using util::format_rfc3339;

json render(const core::User& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"timezone", user.timezone},
          {"created_at", format_rfc3339(user.created_at)}};
}

json render(const core::Tracker& tracker) {
  json out;
  out["id"] = tracker.id;
  out["name"] = tracker.name;
  out["description"] = tracker.description;
  out["unit"] = tracker.unit;
  out["type"] = core::to_string(tracker.type);
  out["frequency"] = core::to_string(tracker.frequency);
  out["options"] = core::write_options(tracker.type, tracker.options);
  if (tracker.target) {
    out["target"] = {{"op", core::to_string(tracker.target->op)}, {"value", tracker.target->value}};
  } else {
    out["target"] = nullptr;
  }
  out["color"] = tracker.color;
  out["icon"] = tracker.icon;
  out["position"] = tracker.position;
  out["archived"] = tracker.archived;
  out["reminders"] = tracker.reminders;
  out["created_at"] = format_rfc3339(tracker.created_at);
  out["updated_at"] = format_rfc3339(tracker.updated_at);
  return out;
}

json render(const core::Tracker& tracker, const core::Log& log) {
  json out;
  out["id"] = log.id;
  out["tracker_id"] = log.tracker_id;
  out["value"] = core::write_value(tracker, log.value);
  out["logged_at"] = format_rfc3339(log.logged_at.utc, log.logged_at.offset_minutes);
  out["note"] = log.note;
  out["created_at"] = format_rfc3339(log.created_at);
  out["updated_at"] = format_rfc3339(log.updated_at);
  return out;
}

}  // namespace qself::http
