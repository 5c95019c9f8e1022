// Import speed and memory: a qself CSV of N rows (default 1,000,000) over 10
// trackers of mixed types, previewed, then imported into a fresh SQLite file
// (in batches of services::kImportBatch logs), as an import job does. Memory
// is the process's peak resident size above what it held before the file was
// read, as a multiple of the file (the worker holds the file too).
//
//   qself_import_bench [rows=1000000]

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "services/data_service.hpp"
#include "store/repositories.hpp"
#include "support/server_process.hpp"
#include "util/crypto.hpp"

using namespace qself;
using Clock = std::chrono::steady_clock;

namespace {

// A field of /proc/self/status in bytes ("VmRSS", "VmHWM").
double status_bytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) * 1024;
  }
  return 0;
}

// Starts counting the peak resident size afresh (Linux: "5" resets VmHWM).
void reset_peak() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace

int main(int argc, char** argv) {
  util::init_crypto();
  const long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
  const double before_file = status_bytes("VmRSS");
  std::string csv = "tracker,type,unit,logged_at,value,note\r\n";
  csv.reserve(static_cast<std::size_t>(rows) * 64);
  const char* values[] = {"7.5", "yes", "good", "4", "1:30", "A line"};
  const char* types[] = {"numeric", "boolean", "choice", "rating", "duration", "text"};
  const auto start_time = util::parse_rfc3339("2020-01-01T00:00:00+01:00")->utc;
  for (long i = 0; i < rows; ++i) {
    const int kind = static_cast<int>(i % 6);
    const auto when = util::format_rfc3339(start_time + std::chrono::minutes{i}, 60);
    csv += "Tracker ";
    csv += std::to_string(i % 10);
    csv += ' ';
    csv += types[kind];
    csv += ',';
    csv += types[kind];
    csv += ",,";
    csv += when;
    csv += ',';
    csv += values[kind];
    csv += ",\r\n";
  }
  testing::TempDir dir;
  auto db = store::open_database("sqlite:" + dir.path() + "/import.db");
  db->migrate();
  core::User user;
  user.email = "bench@example.org";
  user.timezone = "Europe/Paris";
  {
    auto connection = db->connect();
    user = store::UserRepository(*connection).insert(user, "x", util::now());
  }
  auto started = Clock::now();
  const auto plan = core::parse_import(csv, user.timezone);
  const double parse_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("file: %.1f MB, %zu rows, %zu trackers\n", csv.size() / 1e6, plan.logs.size(), plan.trackers.size());
  std::printf("parse only:          %6.2f s  %9.0f rows/s\n", parse_seconds, rows / parse_seconds);
  services::ImportService imports(*db);
  csv.shrink_to_fit();  // as the worker holds it: read from the upload, no spare capacity
  const double file = static_cast<double>(csv.size());
  const auto peak = [&](const char* what) {
    const double above = status_bytes("VmHWM") - before_file;
    std::printf("peak memory, %-12s %6.0f MB  %4.1f x the file (the file included)\n", what, above / 1e6, above / file);
  };
  reset_peak();
  started = Clock::now();
  const auto preview = imports.run(user, csv, services::ImportMode::preview);
  const double preview_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("preview (reads only): %5.2f s  %9.0f rows/s  (%zu would be imported)\n", preview_seconds,
              rows / preview_seconds, preview.imported);
  peak("preview:");
  reset_peak();
  started = Clock::now();
  const auto result = imports.run(user, csv, services::ImportMode::commit);
  const double import_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("parse + import:      %6.2f s  %9.0f rows/s  (%zu imported, %zu problems)\n", import_seconds,
              rows / import_seconds, result.imported, result.problems.size());
  peak("import:");
  started = Clock::now();
  const auto again = imports.run(user, csv, services::ImportMode::commit);
  const double again_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("same file again:     %6.2f s  %9.0f rows/s  (%zu imported, %zu duplicates)\n", again_seconds,
              rows / again_seconds, again.imported, again.duplicates);
  return 0;
}
