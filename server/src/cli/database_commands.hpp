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

}  // namespace qself::cli
