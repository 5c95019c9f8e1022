#include "http/render.hpp"

#include "core/json_forms.hpp"
#include "core/periods.hpp"
#include "http/time_of_day.hpp"

namespace qself::http {

using util::format_rfc3339;

nlohmann::json render(const core::User& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"timezone", user.timezone},
          {"reminders",
           {{"enabled", user.reminders_enabled},
            {"time", format_time_of_day(user.reminder_minutes)},
            {"monthly_report", user.monthly_report}}},
          {"created_at", format_rfc3339(user.created_at)}};
}

nlohmann::json render(const core::Tracker& tracker) {
  nlohmann::json out;
  out["id"] = tracker.id;
  out["name"] = tracker.name;
  out["description"] = tracker.description;
  out["unit"] = tracker.unit;
  out["type"] = core::to_string(tracker.type);
  out["frequency"] = core::to_string(tracker.frequency);
  out["options"] = core::write_options(tracker.type, tracker.options);
  out["target"] = core::write_target(tracker);
  out["color"] = tracker.color;
  out["icon"] = tracker.icon;
  out["position"] = tracker.position;
  out["archived"] = tracker.archived;
  out["reminders"] = tracker.reminders;
  out["reminder_schedule"] = core::write_reminder_schedule(tracker);
  out["created_at"] = format_rfc3339(tracker.created_at);
  out["updated_at"] = format_rfc3339(tracker.updated_at);
  return out;
}

nlohmann::json render(const core::Tracker& tracker, const core::Log& log) {
  nlohmann::json out;
  out["id"] = log.id;
  out["uid"] = log.uid;
  out["tracker_id"] = log.tracker_id;
  out["value"] = core::write_value(tracker, log.value);
  out["logged_at"] = format_rfc3339(log.logged_at);
  out["note"] = log.note;
  out["created_at"] = format_rfc3339(log.created_at);
  out["updated_at"] = format_rfc3339(log.updated_at);
  return out;
}

namespace {

nlohmann::json number_or_null(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// "hour", "day", "week", "month": a bucket or a period as the API names it.
std::string_view period_name(core::Frequency unit) {
  constexpr const char* kPeriodNames[] = {"hour", "day", "week", "month"};
  return kPeriodNames[static_cast<int>(unit)];
}

std::string local_time(const core::Calendar& calendar, core::Timestamp t) {
  return format_rfc3339(t, calendar.offset_minutes(t));
}

std::string_view period_status_name(core::PeriodStatus status) {
  switch (status) {
    case core::PeriodStatus::met:
      return "met";
    case core::PeriodStatus::not_yet:
      return "not_yet";
    case core::PeriodStatus::missed:
      return "missed";
    case core::PeriodStatus::no_data:
      return "no_data";
  }
  return "not_yet";
}

}  // namespace

nlohmann::json render(const services::TrackerSummary& summary, const core::Tracker& tracker,
                      const core::Calendar& calendar) {
  nlohmann::json out;
  if (summary.last) {
    out["last"] = {{"id", summary.last->id},
                   {"uid", summary.last->uid},
                   {"value", core::write_value(tracker, summary.last->value)},
                   {"logged_at", format_rfc3339(summary.last->logged_at)}};
  } else {
    out["last"] = nullptr;
  }
  out["period"] = {{"start", local_time(calendar, summary.period.period.start)},
                   {"end", local_time(calendar, summary.period.period.end)},
                   {"count", summary.period.count},
                   {"value", number_or_null(summary.period_value)},
                   {"status", period_status_name(summary.status)},
                   {"done", summary.status == core::PeriodStatus::met}};
  out["current_streak"] = summary.streaks.current;
  out["best_streak"] = summary.streaks.best;
  nlohmann::json trend = nlohmann::json::array();
  for (const auto& [start, value] : summary.trend) {
    trend.push_back({{"start", local_time(calendar, start)}, {"value", number_or_null(value)}});
  }
  out["trend"] = std::move(trend);
  return out;
}

nlohmann::json render(const services::TrackerStats& stats, const core::Calendar& calendar) {
  const auto& tracker = stats.tracker;
  const bool counted = tracker.type == core::TrackerType::choice || tracker.type == core::TrackerType::boolean;
  nlohmann::json series = nlohmann::json::array();
  for (const auto& period : stats.series) {
    nlohmann::json bucket = {{"start", local_time(calendar, period.period.start)},
                             {"count", period.count},
                             {"sum", number_or_null(period.sum)},
                             {"mean", number_or_null(period.mean())},
                             {"min", number_or_null(period.min)},
                             {"max", number_or_null(period.max)},
                             {"value", number_or_null(core::period_value(tracker, period))}};
    if (counted) {
      nlohmann::json counts = nlohmann::json::object();
      if (tracker.type == core::TrackerType::boolean) {
        counts["yes"] = 0;
        counts["no"] = 0;
      } else {
        for (const auto& choice : tracker.options.choices) counts[choice.label] = 0;
      }
      for (const auto& [key, count] : period.counts) {
        const auto label = core::write_value(tracker, core::StoredValue{key, {}});
        const std::string name = label.is_boolean()  ? (label.get<bool>() ? "yes" : "no")
                                 : label.is_string() ? label.get<std::string>()
                                                     : std::to_string(static_cast<long long>(key));
        counts[name] = count;
      }
      bucket["counts"] = std::move(counts);
    }
    series.push_back(std::move(bucket));
  }
  return {{"bucket", period_name(stats.bucket)},
          {"from", local_time(calendar, stats.from)},
          {"to", local_time(calendar, stats.to)},
          {"series", std::move(series)},
          {"summary",
           {{"count", stats.summary.count},
            {"mean", number_or_null(stats.summary.mean)},
            {"min", number_or_null(stats.summary.min)},
            {"max", number_or_null(stats.summary.max)},
            {"total", number_or_null(stats.summary.sum)},
            {"per_period",
             {{"aggregate", core::to_string(core::goal_aggregate(tracker))},
              {"periods", stats.per_period.periods},
              {"mean", number_or_null(stats.per_period.mean)},
              {"min", number_or_null(stats.per_period.min)},
              {"max", number_or_null(stats.per_period.max)}}},
            {"current_streak", stats.streaks.current},
            {"best_streak", stats.streaks.best},
            {"target_hit_rate", number_or_null(stats.target_hit_rate)}}}};
}

nlohmann::json render_token(const core::Session& token) {
  return {{"id", token.id},
          {"name", token.name},
          {"scope", core::to_string(token.scope)},
          {"created_at", util::format_rfc3339(token.created_at)},
          {"last_used_at", util::format_rfc3339(token.last_used_at)},
          {"expires_at", util::format_rfc3339(token.expires_at)}};
}

nlohmann::json render_session(const core::Session& session, const services::Caller& caller) {
  return {{"id", session.id},
          {"created_at", util::format_rfc3339(session.created_at)},
          {"last_used_at", util::format_rfc3339(session.last_used_at)},
          {"current", session.id == caller.session_id}};
}

nlohmann::json render_job(const core::Job& job) {
  // A job waiting for its first try or for a retry reads as queued.
  const std::string_view status = job.status == core::JobStatus::pending ? "queued"
                                  : job.status == core::JobStatus::dead  ? "failed"
                                                                         : core::to_string(job.status);
  nlohmann::json out = {{"id", job.id},
                        {"kind", job.kind == core::JobKind::build_report ? "report" : core::to_string(job.kind)},
                        {"status", status},
                        {"progress", job.progress},
                        {"attempts", job.attempts},
                        {"created_at", format_rfc3339(job.created_at)},
                        {"updated_at", format_rfc3339(job.updated_at)}};
  out["error"] = job.status == core::JobStatus::dead ? nlohmann::json(job.last_error) : nlohmann::json(nullptr);
  const auto result = nlohmann::json::parse(job.result, nullptr, false);
  if (job.kind == core::JobKind::export_data) {
    // The format this job makes: an export asked for while another waits is answered with that one.
    const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    out["format"] = payload.is_object() ? payload.value("format", "json") : "json";
  }
  if (job.kind == core::JobKind::export_data && job.status == core::JobStatus::done && result.is_object() &&
      result.contains("file")) {
    out["download_url"] = "/api/v1/exports/" + std::to_string(job.id) + "/download";
    out["expires_at"] = result.value("expires_at", "");
  }
  if (job.kind == core::JobKind::import_data) {
    // Whether it previews or commits and, once done, what it found or did; a
    // preview also says until when its upload is kept for the commit.
    const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    out["mode"] = payload.is_object() ? payload.value("mode", "commit") : "commit";
    if (job.status == core::JobStatus::done && result.is_object() && result.contains("import")) {
      out["result"] = result["import"];
      if (result.contains("expires_at")) out["expires_at"] = result["expires_at"];
    }
  }
  return out;
}

nlohmann::json render_device(const services::PushDevice& device) {
  return {{"id", device.id},
          {"kind", device.kind},
          {"endpoint", device.endpoint},
          {"origin", device.origin},
          {"label", device.label},
          {"created_at", format_rfc3339(device.created_at)},
          {"last_sent_at", device.last_sent_at ? nlohmann::json(format_rfc3339(*device.last_sent_at)) : nullptr}};
}

namespace {

nlohmann::json render_group(const core::InsightGroup& group) {
  return {
      {"label", group.label}, {"n", group.n}, {"mean", number_or_null(group.mean)}, {"sd", number_or_null(group.sd)}};
}

nlohmann::json render_finding(const core::InsightFinding& finding) {
  nlohmann::json out = {{"key", finding.key},
                        {"kind", core::to_string(finding.kind)},
                        {"reliable", finding.reliable},
                        {"sentence", finding.sentence},
                        {"tracker_ids", finding.tracker_ids},
                        {"period", period_name(finding.period)},
                        {"test", core::to_string(finding.test)},
                        {"n", finding.n},
                        {"effect", finding.effect},
                        {"ci_low", number_or_null(finding.ci_low)},
                        {"ci_high", number_or_null(finding.ci_high)},
                        {"p_value", finding.p_value},
                        {"q_value", std::min(1.0, finding.q_value)},
                        {"strength", core::to_string(finding.strength)},
                        {"groups", nlohmann::json::array()}};
  for (const auto& group : finding.groups) out["groups"].push_back(render_group(group));
  if (finding.lag) out["lag"] = *finding.lag;
  if (!finding.choice_ids.empty()) {
    out["choice_ids"] = nlohmann::json::array();
    for (const auto& choice : finding.choice_ids)
      out["choice_ids"].push_back(choice ? nlohmann::json(*choice) : nullptr);
  }
  if (finding.window_days) out["window_days"] = *finding.window_days;
  if (finding.change) out["change"] = *finding.change;
  return out;
}

nlohmann::json render_rhythm(const core::TrackerRhythm& rhythm, const core::Calendar& calendar) {
  nlohmann::json out = {{"tracker_id", rhythm.tracker_id},
                        {"weekday", nlohmann::json::array()},
                        {"hour", nlohmann::json::array()},
                        {"last_at", nullptr},
                        {"typical_gap_days", number_or_null(rhythm.typical_gap_days)}};
  for (const auto& day : rhythm.weekday) {
    nlohmann::json entry = {
        {"weekday", day.weekday}, {"n", day.n}, {"mean", number_or_null(day.mean)}, {"sd", number_or_null(day.sd)}};
    if (!day.choices.empty()) {
      entry["choices"] = nlohmann::json::object();
      for (const auto& [choice, count] : day.choices) entry["choices"][std::to_string(choice)] = count;
    }
    out["weekday"].push_back(std::move(entry));
  }
  for (const auto& hour : rhythm.hour) {
    out["hour"].push_back({{"hour", hour.hour}, {"logs", hour.logs}, {"mean", number_or_null(hour.mean)}});
  }
  if (rhythm.last_at) {
    out["last_at"] = local_time(calendar, core::Timestamp{std::chrono::seconds{*rhythm.last_at / 1000}});
  }
  return out;
}

}  // namespace

nlohmann::json render(const core::Insights& insights, const core::Calendar& calendar) {
  nlohmann::json out = {
      {"from", local_time(calendar, insights.from)}, {"to", local_time(calendar, insights.to)},
      {"comparisons", insights.comparisons},         {"false_discovery_rate", core::kInsightFalseDiscoveryRate},
      {"findings", nlohmann::json::array()},         {"not_reliable", nlohmann::json::array()},
      {"rhythms", nlohmann::json::array()}};
  for (const auto& finding : insights.findings) out["findings"].push_back(render_finding(finding));
  for (const auto& finding : insights.not_reliable) out["not_reliable"].push_back(render_finding(finding));
  for (const auto& rhythm : insights.rhythms) out["rhythms"].push_back(render_rhythm(rhythm, calendar));
  return out;
}

}  // namespace qself::http
