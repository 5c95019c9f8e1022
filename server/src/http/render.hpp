#pragma once
// Domain values as the API shows them (docs/api.md).

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "services/auth_policy.hpp"
#include "services/push_service.hpp"
#include "services/stats_service.hpp"

namespace qself::http {

nlohmann::json render(const core::User& user);
nlohmann::json render(const core::Tracker& tracker);
nlohmann::json render(const core::Tracker& tracker, const core::Log& log);
nlohmann::json render(const services::TrackerSummary& summary, const core::Tracker& tracker,
                      const core::Calendar& calendar);
nlohmann::json render(const services::TrackerStats& stats, const core::Calendar& calendar);
nlohmann::json render(const core::Insights& insights, const core::Calendar& calendar);
// A personal token as its owner sees it (never the token itself).
nlohmann::json render_token(const core::Session& token);
// A login session; `current` marks the caller's own.
nlohmann::json render_session(const core::Session& session, const services::Caller& caller);
// A browser with notifications on, as its owner sees it.
nlohmann::json render_device(const services::PushDevice& device);
// A job as its owner sees it; a finished export carries its download_url.
nlohmann::json render_job(const core::Job& job);

}  // namespace qself::http
