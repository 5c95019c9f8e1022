#include "services/data_service.hpp"

#include <nlohmann/json.hpp>
#include <unordered_set>

#include "core/import_match.hpp"
#include "core/importers/csv.hpp"
#include "core/json_forms.hpp"
#include "core/limits.hpp"
#include "core/palette.hpp"
#include "core/text.hpp"
#include "core/tracker_rules.hpp"
#include "core/validation.hpp"
#include "core/values.hpp"
#include "services/user_cache.hpp"
#include "store/repositories.hpp"
#include "util/crypto.hpp"

namespace qself::services {
namespace {

using core::importers::guard_text_cell;
using nlohmann::json;

constexpr std::string_view kCsvHeader = "tracker,type,unit,logged_at,value,note,uid\r\n";

// RFC 4180: quoted when it holds a comma, a quote, a line break or edge spaces.
void write_csv_field(std::ostream& out, std::string_view field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out << field;
    return;
  }
  out << '"';
  for (const char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

json definition_of(const core::Tracker& tracker) {
  json out = {{"name", tracker.name},
              {"description", tracker.description},
              {"unit", tracker.unit},
              {"type", core::to_string(tracker.type)},
              {"frequency", core::to_string(tracker.frequency)},
              {"options", core::write_options(tracker.type, tracker.options)},
              {"target", core::write_target(tracker)},
              {"color", tracker.color},
              {"icon", tracker.icon},
              {"position", tracker.position},
              {"archived", tracker.archived},
              {"reminders", tracker.reminders},
              {"reminder_schedule", core::write_reminder_schedule(tracker)},
              {"created_at", util::format_rfc3339(tracker.created_at)}};
  return out;
}

// Whether the account had `log` before the import: the log with its uid, or,
// for a row without one, a log of the same content not matched yet. Sets
// log.uid for a log to add; a uid the import makes is time-ordered, as the
// API's are, so that a commit's batches add to the end of the uid index rather
// than rewriting pages all over it (random uids made batched commits 20 times
// slower than one transaction).
bool already_there(const core::ImportedLog& imported, core::Log& log, core::ExistingLogs& existing,
                   std::unordered_set<std::string>& uids_given, store::LogRepository& logs, const core::User& user) {
  if (imported.uid.empty()) {
    if (existing.match(log)) return true;
    log.uid = util::time_ordered_uuid(log.created_at);
    return false;
  }
  if (uids_given.count(imported.uid)) {  // not the account's before: this import gave it
    log.uid = util::time_ordered_uuid(log.created_at);
    return false;
  }
  const auto owner = logs.find_uid(imported.uid);
  if (owner && owner->user_id == user.id) return true;
  log.uid = owner ? util::time_ordered_uuid(log.created_at) : imported.uid;
  if (!owner) uids_given.insert(imported.uid);
  return false;
}

// A row's problems in words: "must be at least 0; note must be at most 10000 characters".
std::string describe_problems(const ValidationError::Fields& fields) {
  std::string words;
  for (const auto& [field, problem] : fields) {
    if (!words.empty()) words += "; ";
    words += field == "value" ? problem : field + " " + problem;
  }
  return words;
}

std::string free_name(const std::string& wanted, const std::unordered_set<std::string>& taken) {
  for (int n = 1;; ++n) {
    std::string name = wanted + (n == 1 ? " (imported)" : " (imported " + std::to_string(n) + ")");
    if (!taken.count(core::to_lower(name))) return name;
  }
}

}  // namespace

void export_user_data(store::Database& db, const core::User& user, ExportFormat format, std::ostream& out,
                      const std::function<void(double)>& progress) {
  auto connection = db.connect();
  store::Transaction snapshot(*connection, store::Transaction::Mode::read);  // one consistent view
  const auto trackers = store::TrackerRepository(*connection).list(user.id, core::ArchivedFilter::all);
  store::LogRepository logs(*connection);
  if (format == ExportFormat::csv) {
    out << kCsvHeader;
  } else {
    out << "{\"format\":\"qself\",\"version\":1,\"exported_at\":\"" << util::format_rfc3339(util::now())
        << "\",\"user\":" << json{{"name", user.name}, {"timezone", user.timezone}}.dump() << ",\"trackers\":[";
  }
  for (std::size_t i = 0; i < trackers.size(); ++i) {
    const auto& tracker = trackers[i];
    const bool text_values = tracker.type == core::TrackerType::text || tracker.type == core::TrackerType::choice;
    bool first_log = true;
    if (format == ExportFormat::json) {
      std::string definition = definition_of(tracker).dump();
      definition.pop_back();  // reopen the object to append its logs
      out << (i ? "," : "") << definition << ",\"logs\":[";
    }
    logs.for_each(tracker.id, [&](const core::Log& log) {
      const std::string logged_at = util::format_rfc3339(log.logged_at);
      if (format == ExportFormat::csv) {
        // Text cells are guarded against spreadsheets' formulas; numbers, times and the rest are not text.
        write_csv_field(out, guard_text_cell(tracker.name));
        out << ',' << core::to_string(tracker.type) << ',';
        write_csv_field(out, guard_text_cell(tracker.unit));
        out << ',' << logged_at << ',';
        const std::string value = core::describe_value(tracker, log.value);
        write_csv_field(out, text_values ? guard_text_cell(value) : value);
        out << ',';
        write_csv_field(out, guard_text_cell(log.note));
        out << ',' << log.uid << "\r\n";
      } else {
        out << (first_log ? "" : ",")
            << json{{"uid", log.uid},
                    {"logged_at", logged_at},
                    {"value", core::write_value(tracker, log.value)},
                    {"note", log.note}}
                   .dump(-1, ' ', false, json::error_handler_t::replace);
        first_log = false;
      }
    });
    if (format == ExportFormat::json) out << "]}";
    if (progress) progress(static_cast<double>(i + 1) / static_cast<double>(trackers.size()));
  }
  if (format == ExportFormat::json) out << "]}\n";
}

ImportResult ImportService::run(const core::User& user, std::string_view content, ImportMode mode,
                                const std::function<void(std::size_t, std::size_t)>& progress) {
  const core::ImportPlan plan = core::parse_import(content, user.timezone);
  ImportResult result;
  result.format = plan.format;
  result.problems = plan.problems;

  // A preview only reads, in one consistent snapshot: a large file must not
  // hold the write lock (and so every other writer) while it is checked. It
  // takes the very same steps as a commit but the inserts, so it answers
  // exactly what the commit would do. A commit reads the same way, then writes
  // in short transactions (the new trackers, then a batch of logs each), so
  // that other users' writes take the lock between them.
  const bool commit = mode == ImportMode::commit;
  auto connection = m_db.connect();
  std::optional<store::Transaction> transaction;
  transaction.emplace(*connection, store::Transaction::Mode::read);
  store::TrackerRepository trackers(*connection);
  store::LogRepository logs(*connection);
  const auto now = util::now();

  std::unordered_map<std::string, core::Tracker> existing;
  std::unordered_set<std::string> taken;
  for (auto& tracker : trackers.list(user.id, core::ArchivedFilter::all)) {
    taken.insert(core::to_lower(tracker.name));
    existing.emplace(core::to_lower(tracker.name), std::move(tracker));
  }
  std::int64_t position = trackers.next_position(user.id);
  // An import makes trackers too: it is held to the same limit as POST /trackers.
  auto tracker_count = static_cast<std::int64_t>(existing.size());

  // Each imported tracker goes to an existing one of the same name and type, or a new one.
  std::vector<core::Tracker> targets;
  std::vector<std::size_t> to_create;  // indexes into targets
  std::vector<core::ExistingLogs> existing_logs(plan.trackers.size());
  for (std::size_t i = 0; i < plan.trackers.size(); ++i) {
    core::Tracker definition = plan.trackers[i].definition;
    ImportTrackerSummary summary;
    const auto found = existing.find(core::to_lower(definition.name));
    if (found != existing.end() && found->second.type == definition.type) {
      summary.reused = true;
      targets.push_back(found->second);
      logs.for_each(found->second.id, [&](const core::Log& log) { existing_logs[i].add(log); });
    } else {
      // Taken by an existing tracker of another type, or by a name this import
      // already gave another tracker ("Mood (imported)"): the unique index on
      // names would refuse it.
      core::check_room_for_trackers(tracker_count++, 1);
      if (taken.count(core::to_lower(definition.name))) definition.name = free_name(definition.name, taken);
      definition.user_id = user.id;
      definition.position = position++;
      definition.created_at = definition.updated_at = now;
      if (definition.color.empty()) definition.color = core::palette_color(definition.position);
      taken.insert(core::to_lower(definition.name));
      to_create.push_back(targets.size());
      targets.push_back(definition);  // a preview's new trackers have no id
    }
    summary.name = targets.back().name;
    summary.type = std::string(core::to_string(targets.back().type));
    result.trackers.push_back(std::move(summary));
  }
  if (commit) {
    // A tracker the user made meanwhile under one of these names makes the
    // unique index refuse the insert: the import stops before any log, and
    // running it again decides afresh.
    transaction->commit();
    transaction.emplace(*connection, store::Transaction::Mode::write);
    for (const auto i : to_create) targets[i] = trackers.insert(targets[i]);
    // Each transaction of a commit counts as a change of the account's data:
    // what a batch committed is seen even if a later one fails.
  }

  // A log the file gives an id keeps it, unless another user's log has it or
  // a row before it in the file did: then it gets a new one.
  std::unordered_set<std::string> uids_given;
  std::size_t in_batch = 0;
  core::Log log;
  log.created_at = log.updated_at = now;
  for (std::size_t i = 0; i < plan.logs.size(); ++i) {
    const auto& imported = plan.logs[i];
    const core::Tracker& tracker = targets.at(imported.tracker);
    // A row is held to the API's rules (core/validation.hpp): one that breaks
    // them is a problem of the import, never stored.
    try {
      auto checked = core::check_log(tracker, imported.value, imported.logged_at.utc, imported.note, now);
      log.value = std::move(checked.value);
      log.note = std::move(checked.note);
    } catch (const ValidationError& error) {
      result.problems.push_back({imported.line, tracker.name + ": " + describe_problems(error.fields())});
      continue;
    }
    log.tracker_id = tracker.id;
    log.logged_at = imported.logged_at;
    auto& summary = result.trackers[imported.tracker];
    // What the account had before the import decides, so that a preview,
    // which inserts nothing, answers what the commit does. A log committed
    // by an earlier batch of an import that stopped is the account's now: a
    // rerun skips it (by uid, or by content for a row without one).
    if (already_there(imported, log, existing_logs[imported.tracker], uids_given, logs, user)) {
      ++summary.duplicates;
      ++result.duplicates;
      continue;
    }
    if (commit) logs.insert(log);
    ++summary.logs;
    ++result.imported;
    if (commit && ++in_batch == kImportBatch) {
      commit_change(*connection, *transaction, user.id);  // the lock is free for others until the next batch begins
      in_batch = 0;
      if (progress) progress(i + 1, plan.logs.size());
      transaction.emplace(*connection, store::Transaction::Mode::write);
    } else if (!commit && progress && (i + 1) % kImportBatch == 0) {
      progress(i + 1, plan.logs.size());
    }
  }
  std::stable_sort(result.problems.begin(), result.problems.end(),  // those of one line (0 in JSON) in the order found
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  if (commit) {
    commit_change(*connection, *transaction, user.id);
  } else {
    transaction->commit();  // a preview's read transaction ends the same way
  }
  if (progress) progress(plan.logs.size(), plan.logs.size());
  return result;
}

nlohmann::json import_result_json(const ImportResult& result, ImportMode mode) {
  json trackers = json::array();
  for (const auto& t : result.trackers) {
    trackers.push_back({{"name", t.name},
                        {"type", t.type},
                        {"action", t.reused ? "reuse" : "create"},
                        {"logs", t.logs},
                        {"duplicates", t.duplicates}});
  }
  json problems = json::array();
  for (const auto& p : result.problems) problems.push_back({{"line", p.line}, {"reason", p.reason}});
  return {{"format", result.format}, {"committed", mode == ImportMode::commit}, {"trackers", std::move(trackers)},
          {"logs", result.imported}, {"duplicates", result.duplicates},         {"problems", std::move(problems)}};
}

}  // namespace qself::services
