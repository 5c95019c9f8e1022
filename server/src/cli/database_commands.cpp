#include "cli/database_commands.hpp"

#include <iostream>

#include "cli/progress.hpp"
#include "store/sqlite_backup.hpp"

namespace qself::cli {

int backup_command(const util::Config& config, const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0].empty() || args[0].starts_with("-")) {
    std::cerr << "usage: qself backup FILE\n";
    return 2;
  }
  constexpr std::string_view kSqlite = "sqlite:";
  if (!config.database.starts_with(kSqlite)) {
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
  const std::string source = config.database.substr(kSqlite.size());
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

}  // namespace qself::cli
