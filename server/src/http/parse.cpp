#include "http/parse.hpp"

#include "core/json_forms.hpp"
#include "http/time_of_day.hpp"

namespace qself::http {
namespace {

using core::read_sent;
using core::Sent;
using nlohmann::json;

std::optional<util::ZonedInstant> as_instant(const json& value) {
  if (!value.is_string()) return std::nullopt;
  return util::parse_rfc3339(value.get_ref<const std::string&>());
}

std::optional<int> as_time_of_day(const json& value) {
  if (!value.is_string()) return std::nullopt;
  return parse_time_of_day(value.get_ref<const std::string&>());
}

std::optional<services::ReminderChanges> as_reminder_changes(const json& value) {
  if (!value.is_object()) return std::nullopt;
  services::ReminderChanges changes;
  changes.enabled = read_sent<bool>(value, "enabled", core::as_flag);
  changes.minutes = read_sent<int>(value, "time", as_time_of_day);
  changes.monthly_report = read_sent<bool>(value, "monthly_report", core::as_flag);
  return changes;
}

std::optional<std::vector<std::optional<std::int64_t>>> as_ids(const json& value) {
  if (!value.is_array()) return std::nullopt;
  std::vector<std::optional<std::int64_t>> ids;
  for (const auto& id : value) ids.push_back(core::as_integer(id));
  return ids;
}

}  // namespace

std::string text_field(const json& body, const char* key, ValidationError::Fields& errors, Presence presence) {
  const auto found = body.find(key);
  if (found == body.end() || found->is_null()) {
    if (presence == Presence::required) errors[key] = "is required";
    return {};
  }
  if (!found->is_string()) {
    errors[key] = "must be text";
    return {};
  }
  return found->get<std::string>();
}

namespace {

std::optional<std::string> push_text(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

// A label: left out or null is none; anything but a text is nullopt with `sent`.
std::optional<std::string> push_label(const json& body, bool& sent) {
  const auto label = body.find("label");
  sent = label != body.end() && !label->is_null();
  return sent ? push_text(body, "label") : std::nullopt;
}

}  // namespace

services::PushSubscriptionFields parse_push_subscription(const json& body) {
  services::PushSubscriptionFields fields;
  fields.endpoint = push_text(body, "endpoint");
  if (const auto keys = body.find("keys"); keys != body.end() && keys->is_object()) {
    fields.p256dh = push_text(*keys, "p256dh");
    fields.auth = push_text(*keys, "auth");
  }
  fields.label = push_label(body, fields.label_sent);
  return fields;
}

services::PushWebhookFields parse_push_webhook(const json& body) {
  services::PushWebhookFields fields;
  fields.url = push_text(body, "url");
  fields.label = push_label(body, fields.label_sent);
  return fields;
}

core::TrackerFields parse_tracker_fields(const json& body) { return core::read_tracker_fields(body); }

TrackerChange parse_tracker_change(const json& body) {
  TrackerChange change{core::read_tracker_fields(body), services::LossyChange::refuse, {}};
  if (const auto force = body.find("force"); force != body.end()) {
    if (!force->is_boolean()) throw ValidationError("force", "must be true or false");
    change.lossy = force->get<bool>() ? services::LossyChange::allow : services::LossyChange::refuse;
  }
  if (const auto mapping = body.find("mapping"); mapping != body.end() && !mapping->is_null()) {
    constexpr const char* kShape = "must be a list of {from, to}, to null to delete";
    if (!mapping->is_array() || mapping->size() > 1000) throw ValidationError("mapping", kShape);
    for (const auto& item : *mapping) {
      const auto from = item.is_object() ? item.find("from") : item.end();
      const auto to = item.is_object() ? item.find("to") : item.end();
      if (!item.is_object() || from == item.end() || to == item.end()) throw ValidationError("mapping", kShape);
      change.mapping.push_back({core::read_natural_value(*from),
                                to->is_null() ? std::nullopt : std::optional(core::read_natural_value(*to))});
    }
  }
  return change;
}

services::LogFields parse_log_fields(const json& body) {
  if (!body.is_object()) throw BadRequest("The body must be a JSON object.");
  services::LogFields fields;
  fields.uid = read_sent<std::string>(body, "uid", core::as_text);
  if (const auto value = body.find("value"); value != body.end()) fields.value = core::read_natural_value(*value);
  fields.logged_at = read_sent<util::ZonedInstant>(body, "logged_at", as_instant);
  fields.note = read_sent<std::string>(body, "note", core::as_text);
  return fields;
}

services::ProfileChanges parse_profile_changes(const json& body) {
  if (!body.is_object()) throw BadRequest("The body must be a JSON object.");
  services::ProfileChanges changes;
  changes.name = read_sent<std::string>(body, "name", core::as_text);
  changes.timezone = read_sent<std::string>(body, "timezone", core::as_text);
  changes.reminders = read_sent<services::ReminderChanges>(body, "reminders", as_reminder_changes);
  return changes;
}

services::ReportRequest parse_report_request(const json& body) {
  if (!body.is_object()) throw BadRequest("The body must be a JSON object.");
  services::ReportRequest request;
  request.from = read_sent<util::ZonedInstant>(body, "from", as_instant);
  request.to = read_sent<util::ZonedInstant>(body, "to", as_instant);
  request.tracker_ids = read_sent<std::vector<std::optional<std::int64_t>>>(body, "tracker_ids", as_ids);
  return request;
}

}  // namespace qself::http
