#include "cli/database_commands.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/progress.hpp"
#include "store/database_copy.hpp"
#include "store/sqlite_backup.hpp"

namespace qself::cli {

namespace {

constexpr std::string_view kCopyUsage = "usage: qself copy-database --from URL --to URL [--replace] [--batch ROWS]";

// A SQLite URL's file, or "" for another kind of URL.
std::string sqlite_file(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  return url.starts_with(kSqlite) ? url.substr(kSqlite.size()) : std::string();
}

}  // namespace

int backup_command(const util::Config& config, const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0].empty() || args[0].starts_with("-")) {
    std::cerr << "usage: qself backup FILE\n";
    return 2;
  }
  const std::string source = sqlite_file(config.database);
  if (source.empty()) {
    // Nothing of the URL is printed: it may hold a password.
    std::cerr << "qself backup copies a SQLite database. For PostgreSQL use its own tools, with the database "
                 "of QSELF_DATABASE:\n"
                 "  pg_dump --format=custom --file="
              << args[0]
              << " DATABASE_URL\n"
                 "and to restore: pg_restore --clean --if-exists --dbname=DATABASE_URL "
              << args[0] << "\n(see docs/deploy.md)\n";
    return 2;
  }
  try {
    const auto summary = store::backup_sqlite(source, args[0], draw_progress);
    std::cerr << '\n';
    std::cout << "backup: " << args[0] << ", " << summary.bytes / (1024 * 1024) << " MiB (" << summary.pages
              << " pages), checked";
    for (const auto& [table, rows] : summary.rows) std::cout << ", " << table << " " << rows;
    std::cout << '\n';
  } catch (const std::exception& error) {
    std::cerr << "\nqself backup: " << error.what() << '\n';
    return 1;
  }
  return 0;
}

int copy_database_command(const std::vector<std::string>& args) {
  std::string from;
  std::string to;
  store::CopyOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--from" && has_value) {
      from = args[++i];
    } else if (args[i] == "--to" && has_value) {
      to = args[++i];
    } else if (args[i] == "--replace") {
      options.replace = true;
    } else if (args[i] == "--batch" && has_value) {
      options.batch_rows = std::atoi(args[++i].c_str());
      if (options.batch_rows < 1 || options.batch_rows > 100000) {
        std::cerr << "qself copy-database: --batch is a number of rows from 1 to 100000\n";
        return 2;
      }
    } else {
      std::cerr << kCopyUsage << '\n';
      return 2;
    }
  }
  if (from.empty() || to.empty()) {
    std::cerr << kCopyUsage << '\n';
    return 2;
  }
  namespace fs = std::filesystem;
  std::error_code ignored;
  const auto from_file = sqlite_file(from);
  if (!from_file.empty() && !fs::is_regular_file(from_file, ignored)) {
    // Opening it would make a new, empty database.
    std::cerr << "qself copy-database: the source SQLite file does not exist: " << from_file << '\n';
    return 1;
  }
  const auto to_file = sqlite_file(to);
  if (from == to || (!from_file.empty() && !to_file.empty() &&
                     fs::weakly_canonical(from_file, ignored) == fs::weakly_canonical(to_file, ignored))) {
    std::cerr << "qself copy-database: the source and the target are the same database\n";
    return 2;
  }
  try {
    auto source = store::open_database(from, 2);
    auto target = store::open_database(to, 2);
    const auto started = std::chrono::steady_clock::now();
    options.progress = draw_progress;
    const auto summary = store::copy_database(*source, *target, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << '\n';
    std::cout << "copied schema " << summary.schema_version << '\n';
    for (const auto& table : summary.tables) {
      std::printf("  %-16s %12lld rows  checksum %.16s\n", table.name.c_str(), static_cast<long long>(table.rows),
                  table.checksum.c_str());
    }
    std::printf("%lld rows in %.1f s (%.0f rows/s); the target's counts and checksums match the source's\n",
                static_cast<long long>(summary.rows), seconds, seconds > 0 ? summary.rows / seconds : 0.0);
    std::fflush(stdout);
  } catch (const store::CopyRefused& refused) {
    std::cerr << "\nqself copy-database: " << refused.what() << '\n';
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "\nqself copy-database: nothing was copied: " << error.what() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace qself::cli
