#pragma once
// Request bodies read into the typed requests services take: the mirror of
// render.hpp. Each reader checks the kinds of the JSON it is given (a string
// where a number belongs is malformed) and leaves the rules to the service,
// which names every wrong field in one ValidationError. The JSON form of a
// tracker's definition and of a log value is shared with export files, so it
// lives in core/json_forms.hpp and is used from here.

#include <nlohmann/json.hpp>

#include "services/job_service.hpp"
#include "services/log_service.hpp"
#include "services/profile_service.hpp"
#include "services/push_service.hpp"
#include "services/tracker_service.hpp"

namespace qself::http {

enum class Presence { required, optional };

// A text field of `body` (credentials, names, tokens): "" when left out or
// null, with "is required" added to `errors` under `key` if it is required;
// "must be text" when it is not a string.
std::string text_field(const nlohmann::json& body, const char* key, ValidationError::Fields& errors, Presence presence);

// POST /trackers.
core::TrackerFields parse_tracker_fields(const nlohmann::json& body);

// PATCH /trackers/{id}: the fields, whether a change that loses logged data
// goes ahead ("force"), and the decisions for values it re-reads ("mapping").
// Throws ValidationError on a malformed "force" or "mapping".
// "mapping": [{from, to}] says what each logged value becomes when the change
// re-reads them (core/value_mapping.hpp); `to` null deletes those logs.
struct TrackerChange {
  core::TrackerFields fields;
  services::LossyChange lossy = services::LossyChange::refuse;
  std::vector<core::ValueDecision> mapping;
};
TrackerChange parse_tracker_change(const nlohmann::json& body);

// POST and PATCH /trackers/{id}/logs.
services::LogFields parse_log_fields(const nlohmann::json& body);

// PATCH /me.
services::ProfileChanges parse_profile_changes(const nlohmann::json& body);

// POST /push/subscriptions: a browser's PushSubscription as its toJSON() gives it, and a label.
services::PushSubscriptionFields parse_push_subscription(const nlohmann::json& body);
// POST /push/webhooks.
services::PushWebhookFields parse_push_webhook(const nlohmann::json& body);

// POST /reports.
services::ReportRequest parse_report_request(const nlohmann::json& body);

}  // namespace qself::http
