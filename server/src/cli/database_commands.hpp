#pragma once
// Commands for operators that act on the database as a whole.

#include <string>
#include <vector>

#include "util/config.hpp"

namespace qself::cli {

// qself backup FILE — a consistent copy of the SQLite database named by
// QSELF_DATABASE, taken while qself runs (store/sqlite_backup.hpp), with a
// progress bar on stderr and a summary on stdout. For PostgreSQL it says which
// pg_dump command to use instead. Answers the process exit code.
int backup_command(const util::Config& config, const std::vector<std::string>& args);

// qself copy-database --from URL --to URL [--replace] [--batch ROWS] — every
// row of one database into another, SQLite or PostgreSQL either way
// (store/database_copy.hpp), with a progress bar on stderr and each table's
// rows on stdout. No URL is ever printed: they may hold passwords. Answers
// the process exit code (2 for a usage error, 1 when nothing was copied).
int copy_database_command(const std::vector<std::string>& args);

}  // namespace qself::cli
