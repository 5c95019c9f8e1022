#pragma once
// `qself import` and `qself export`: the same import and export as the API,
// for operators, straight against the database.

#include <string>
#include <vector>

#include "util/config.hpp"

namespace qself::cli {

// qself import --user EMAIL [--preview] FILE — prints a progress bar on stderr
// and a summary on stdout. Answers the process exit code.
int import_command(const util::Config& config, const std::vector<std::string>& args);

// qself export --user EMAIL [--format json|csv] FILE ("-" for stdout).
int export_command(const util::Config& config, const std::vector<std::string>& args);

}  // namespace qself::cli
