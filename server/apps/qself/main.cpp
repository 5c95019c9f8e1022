// qself: one executable, several commands. main() only wires.

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "http/server.hpp"
#include "services/services.hpp"
#include "store/database.hpp"
#include "util/config.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"
#include "util/time.hpp"

namespace {

constexpr const char* kUsage =
    "qself — self-hosted self-tracking\n"
    "\n"
    "Usage: qself <command>\n"
    "\n"
    "Commands:\n"
    "  serve     migrate the database, then serve the API and the web app\n"
    "  migrate   apply pending database migrations and print the schema version\n"
    "  help      show this help\n"
    "\n"
    "Configuration comes from QSELF_* environment variables; see README.md.\n";

void ensure_data_dir(const qself::util::Config& config) {
  if (config.database.starts_with("sqlite:")) {
    const auto parent = std::filesystem::path(config.database.substr(7)).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
}

int migrate(const qself::util::Config& config) {
  ensure_data_dir(config);
  auto db = qself::store::open_database(config.database);
  std::cout << "schema version " << db->migrate() << std::endl;
  return 0;
}

// Blocks until SIGINT or SIGTERM. The signals are blocked in every thread
// (set before any thread starts) so that this thread alone receives them.
int wait_for_termination(sigset_t& signals) {
  int received = 0;
  sigwait(&signals, &received);
  return received;
}

int serve(const qself::util::Config& config, sigset_t& signals) {
  ensure_data_dir(config);
  qself::util::load_or_create_secret(config.secret_file);
  auto db = qself::store::open_database(config.database);
  const std::string version = db->migrate();

  qself::services::AuthService auth(*db, qself::services::AuthPolicy{});
  qself::services::TrackerService trackers(*db);
  qself::services::LogService logs(*db);
  qself::services::StatsService stats(*db);
  qself::http::Services services{*db, auth, trackers, logs, stats};
  qself::http::Server server(config, services);
  server.start();
  qself::util::log(qself::util::Level::info, "schema version " + version);
  std::cout << "qself listening on http://" << config.bind << ":" << server.port() << std::endl;

  const int signal_number = wait_for_termination(signals);
  qself::util::log(qself::util::Level::info, "stopping on signal " + std::to_string(signal_number));
  server.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "help";
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    qself::util::init_crypto();
    const auto config = qself::util::load_config();
    qself::util::set_clock_skew(std::chrono::seconds{config.clock_skew_seconds});
    if (command == "serve") return serve(config, signals);
    if (command == "migrate") return migrate(config);
    std::cerr << "qself: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "qself: " << error.what() << '\n';
    return 1;
  }
}
