// qself's own JSON export: {"format": "qself", "version": 1, "trackers": [...]},
// each tracker with its definition as the API takes it and its logs.
//
// An export can hold millions of logs. A whole document tree would take ten
// times the file's size, so each log is read into the plan and dropped from
// the tree as soon as its object closes, and each tracker likewise.

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/importers/common.hpp"
#include "core/json_forms.hpp"
#include "core/log_uid.hpp"

namespace qself::core::importers {
namespace {

using nlohmann::json;
using Event = json::parse_event_t;

constexpr int kVersion = 1;

// Depths as the parser counts them: the document is 0, its values 1 ("trackers"),
// a tracker 2, a tracker's values 3 ("logs"), a log 4.
constexpr int kTrackersDepth = 1;
constexpr int kTrackerDepth = 2;
constexpr int kLogsDepth = 3;
constexpr int kLogDepth = 4;

std::string describe_fields(const ValidationError::Fields& fields) {
  std::string out;
  for (const auto& [field, problem] : fields) {
    if (!out.empty()) out += "; ";
    out += field + " " + problem;
  }
  return out;
}

class Reader {
 public:
  Reader(LocalZone& zone, ImportPlan& plan) : m_zone(zone), m_plan(plan) {}

  void read(std::string_view content) {
    json document;
    try {
      document = json::parse(content.begin(), content.end(),
                             [this](int depth, Event event, json& parsed) { return on_event(depth, event, parsed); });
    } catch (const json::parse_error& error) {
      throw ValidationError("file", "is not valid JSON (it breaks at byte " + std::to_string(error.byte) + ")");
    } catch (const json::out_of_range&) {
      // 1e309: the parser stops at a number no double holds.
      throw ValidationError("file", "holds a number too large to read (more than about 1.8e308)");
    }
    const auto format = document.is_object() ? document.find("format") : document.end();
    if (!document.is_object() || format == document.end() || *format != "qself") {
      throw ValidationError("file", "is JSON but not a qself export (it has no \"format\": \"qself\")");
    }
    const auto version = document.find("version");
    if (version == document.end() || !version->is_number_integer() || *version != kVersion) {
      throw ValidationError("file", "is a qself export of a version this server cannot read (it reads version 1)");
    }
    const auto trackers = document.find("trackers");
    if (trackers == document.end() || !trackers->is_array()) {
      throw ValidationError("file", "is a qself export without a list of trackers");
    }
    // Found while reading, told only now that the file is known to be a qself export.
    if (m_error) throw ValidationError("file", *m_error);
  }

 private:
  // Answers whether the parser keeps `parsed` in the document.
  bool on_event(int depth, Event event, json& parsed) {
    switch (event) {
      case Event::key:
        if (depth == kTrackersDepth) m_document_key = parsed.get<std::string>();
        if (depth == kLogsDepth) m_tracker_key = parsed.get<std::string>();
        return true;
      case Event::array_start:
        if (depth == kTrackersDepth) m_in_trackers = m_document_key == "trackers";
        if (depth == kLogsDepth && m_in_trackers) m_in_logs = m_tracker_key == "logs";
        return true;
      case Event::array_end:
        if (depth == kTrackersDepth) m_in_trackers = false;
        if (depth == kTrackerDepth && m_in_trackers) return read_tracker(parsed);
        if (depth == kLogsDepth) m_in_logs = false;
        if (depth == kLogDepth && m_in_logs) return read_log(parsed);
        return true;
      case Event::object_start:
        if (depth == kTrackerDepth && m_in_trackers) m_tracker_key.clear();
        return true;
      case Event::object_end:
        if (depth == kTrackerDepth && m_in_trackers) return read_tracker(parsed);
        if (depth == kLogDepth && m_in_logs) return read_log(parsed);
        return true;
      case Event::value:
        if (depth == kTrackerDepth && m_in_trackers) return read_tracker(parsed);
        if (depth == kLogDepth && m_in_logs) return read_log(parsed);
        return true;
    }
    return true;
  }

  // The definition is read by the same rules as the API's, so an export edited
  // by hand cannot create a tracker the API would refuse.
  bool read_tracker(json& body) {
    const std::size_t number = m_plan.trackers.size() + 1;
    Tracker tracker;
    if (!body.is_object()) {
      fail("tracker " + std::to_string(number) + " is not an object");
    } else {
      try {
        apply_tracker_fields(tracker, read_tracker_fields(body), FieldsMode::create);
      } catch (const ValidationError& error) {
        const auto name = body.find("name");
        const std::string which = name != body.end() && name->is_string()
                                      ? in_quotes(name->get_ref<const std::string&>())
                                      : std::to_string(number);
        fail("tracker " + which + " is not valid: " + describe_fields(error.fields()));
      }
      if (const auto logs = body.find("logs"); logs != body.end() && !logs->is_null() && !logs->is_array()) {
        fail("the logs of tracker " + in_quotes(tracker.name) + " are not a list");
      }
    }
    for (auto& [log, reason] : m_pending) {
      m_plan.problems.push_back({0, tracker.name + ", log " + std::to_string(log) + ": " + reason});
    }
    m_pending.clear();
    m_logs_read = 0;
    m_plan.trackers.push_back({std::move(tracker)});
    return false;
  }

  bool read_log(json& log) {
    const std::size_t number = ++m_logs_read;
    const auto problem = [&](std::string reason) {
      m_pending.emplace_back(number, std::move(reason));
      return false;
    };
    if (!log.is_object()) return problem("is not an object");
    const auto logged_at = log.find("logged_at");
    std::optional<util::ZonedInstant> when;
    if (logged_at != log.end() && logged_at->is_string()) {
      when = parse_timestamp(logged_at->get_ref<const std::string&>(), m_zone);
    }
    if (!when) return problem("logged_at is not a date and time such as 2026-03-29T08:15:00+02:00");
    const auto value = log.find("value");
    if (value == log.end() || value->is_null()) return problem("has no value");
    std::string note;
    if (const auto found = log.find("note"); found != log.end() && !found->is_null()) {
      if (!found->is_string()) return problem("note is not text");
      note = std::move(found->get_ref<std::string&>());
    }
    // Exports before logs had ids have none: such a log is matched by its content.
    std::string uid;
    if (const auto found = log.find("uid"); found != log.end() && !found->is_null()) {
      const auto parsed = found->is_string() ? parse_log_uid(found->get_ref<const std::string&>()) : std::nullopt;
      if (!parsed) return problem("uid is not a UUID such as 4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43");
      uid = *parsed;
    }
    // The tracker is the one whose object is still open: it joins the plan when it closes.
    m_plan.logs.push_back(
        {m_plan.trackers.size(), *when, read_natural_value(*value), std::move(note), 0, std::move(uid)});
    return false;
  }

  void fail(std::string reason) {
    if (!m_error) m_error = std::move(reason);
  }

  LocalZone& m_zone;
  ImportPlan& m_plan;
  std::string m_document_key;  // the key of the document's value being read
  std::string m_tracker_key;   // the key of the current tracker's value being read
  bool m_in_trackers = false;
  bool m_in_logs = false;
  std::size_t m_logs_read = 0;                                 // in the current tracker
  std::vector<std::pair<std::size_t, std::string>> m_pending;  // its problems, told once its name is known
  std::optional<std::string> m_error;                          // the first reason the file cannot be read
};

}  // namespace

void parse_qself_json(std::string_view content, LocalZone& zone, ImportPlan& plan) { Reader(zone, plan).read(content); }

}  // namespace qself::core::importers
