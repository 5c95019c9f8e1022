#include "cli/data_commands.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/progress.hpp"
#include "core/account_rules.hpp"
#include "services/data_service.hpp"
#include "store/repositories.hpp"

namespace qself::cli {
namespace {

struct Arguments {
  std::string email;
  std::string format = "json";
  std::string file;
  bool preview = false;
};

// Throws std::invalid_argument with the usage when the words are off.
Arguments parse(const std::vector<std::string>& args, const char* usage) {
  Arguments parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--user" && i + 1 < args.size()) {
      parsed.email = args[++i];
    } else if (args[i] == "--format" && i + 1 < args.size()) {
      parsed.format = args[++i];
    } else if (args[i] == "--preview") {
      parsed.preview = true;
    } else if (parsed.file.empty() && (args[i] == "-" || !args[i].starts_with("--"))) {
      parsed.file = args[i];
    } else {
      throw std::invalid_argument(usage);
    }
  }
  if (parsed.email.empty() || parsed.file.empty()) throw std::invalid_argument(usage);
  return parsed;
}

core::User find_user(store::Database& db, const std::string& email) {
  ValidationError::Fields ignored;
  auto connection = db.connect();
  const auto record = store::UserRepository(*connection).find_by_email(core::normalize_email(email, ignored));
  if (!record) throw std::invalid_argument("no account with that email");
  return record->user;
}

}  // namespace

int import_command(const util::Config& config, const std::vector<std::string>& args) {
  const auto parsed = parse(args, "usage: qself import --user EMAIL [--preview] FILE");
  auto db = store::open_database(config.database, config.db_connections);
  db->migrate();
  const auto user = find_user(*db, parsed.email);
  std::ifstream in(parsed.file, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read " + parsed.file);
  std::ostringstream content;
  content << in.rdbuf();
  services::ImportService imports(*db);
  try {
    const auto result =
        imports.run(user, content.str(), parsed.preview ? services::ImportMode::preview : services::ImportMode::commit,
                    [](std::size_t done, std::size_t total) {
                      draw_progress(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
                    });
    std::cerr << '\n';
    std::cout << (parsed.preview ? "preview (nothing changed): " : "imported: ") << result.format << ", "
              << result.imported << " logs, " << result.duplicates << " already there, " << result.problems.size()
              << " rows skipped\n";
    for (const auto& tracker : result.trackers) {
      std::cout << "  " << (tracker.reused ? "reuse  " : "create ") << tracker.name << " (" << tracker.type
                << "): " << tracker.logs << " logs\n";
    }
    for (const auto& problem : result.problems)
      std::cout << "  line " << problem.line << ": " << problem.reason << '\n';
  } catch (const ValidationError& error) {
    std::cerr << "qself: " << parsed.file << ": " << error.fields().begin()->second << '\n';
    return 1;
  }
  return 0;
}

int export_command(const util::Config& config, const std::vector<std::string>& args) {
  const auto parsed = parse(args, "usage: qself export --user EMAIL [--format json|csv] FILE");
  if (parsed.format != "json" && parsed.format != "csv") throw std::invalid_argument("--format is json or csv");
  auto db = store::open_database(config.database, config.db_connections);
  db->migrate();
  const auto user = find_user(*db, parsed.email);
  const auto format = parsed.format == "csv" ? services::ExportFormat::csv : services::ExportFormat::json;
  if (parsed.file == "-") {
    services::export_user_data(*db, user, format, std::cout);
    return 0;
  }
  std::ofstream out(parsed.file, std::ios::binary);
  if (!out) throw std::invalid_argument("cannot write " + parsed.file);
  services::export_user_data(*db, user, format, out);
  return out.flush() ? 0 : 1;
}

}  // namespace qself::cli
