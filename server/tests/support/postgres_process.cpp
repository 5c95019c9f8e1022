#include "support/postgres_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace qself::testing {
namespace {

constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";

// PostgreSQL refuses to run as root; as root the cluster belongs to `postgres`.
struct RunAs {
  uid_t uid = 0;
  gid_t gid = 0;
  bool drop = false;
};

RunAs server_user() {
  RunAs user;
  if (geteuid() != 0) return user;
  const passwd* entry = getpwnam("postgres");
  if (!entry) throw std::runtime_error("running as root, and there is no postgres user to run PostgreSQL as");
  user.uid = entry->pw_uid;
  user.gid = entry->pw_gid;
  user.drop = true;
  return user;
}

// Forks and runs `argv` as `user`, its output appended to `log`. With
// `die_with_parent`, the child gets SIGQUIT (PostgreSQL's immediate shutdown)
// when this process ends, even by SIGKILL.
pid_t spawn(const RunAs& user, const std::vector<std::string>& argv, const std::string& log, bool die_with_parent) {
  std::vector<char*> args;
  std::vector<std::string> copies = argv;
  for (auto& arg : copies) args.push_back(arg.data());
  args.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid > 0) return pid;
  // The child: only async-signal-safe calls until exec.
  const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (out >= 0) {
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    close(out);
  }
  if (user.drop && (setgroups(0, nullptr) != 0 || setgid(user.gid) != 0 || setuid(user.uid) != 0)) _exit(126);
  // After setuid: a change of credentials clears the death signal.
  if (die_with_parent) {
    prctl(PR_SET_PDEATHSIG, SIGQUIT);
    if (getppid() != parent) _exit(125);
  }
  execv(args[0], args.data());
  _exit(127);
}

// PR_SET_PDEATHSIG fires when the *thread* that forked ends, not the process:
// the server is forked from a thread that lives as long as the process does,
// so that a test starting it from a short-lived thread does not stop it.
pid_t spawn_for_life(const RunAs& user, const std::vector<std::string>& argv, const std::string& log) {
  std::promise<pid_t> forked;
  auto pid = forked.get_future();
  std::thread([&forked, user, argv, log] {
    try {
      forked.set_value(spawn(user, argv, log, true));
    } catch (...) {
      forked.set_exception(std::current_exception());
    }
    for (;;) pause();
  }).detach();
  return pid.get();
}

std::string read_log_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct PgConnDeleter {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};

}  // namespace

Backend test_backend() {
  const char* name = std::getenv("QSELF_TEST_BACKEND");
  if (!name || std::string_view(name).empty() || std::string_view(name) == "sqlite") return Backend::sqlite;
  if (std::string_view(name) == "postgresql") return Backend::postgresql;
  throw std::invalid_argument(std::string("QSELF_TEST_BACKEND must be sqlite or postgresql, not ") + name);
}

std::string test_database_url(const std::string& data_dir) {
  if (test_backend() == Backend::sqlite) return "sqlite:" + data_dir + "/qself.db";
  static std::mutex mutex;
  static std::map<std::string, std::string> urls;
  std::lock_guard lock(mutex);
  auto found = urls.find(data_dir);
  if (found == urls.end()) found = urls.emplace(data_dir, shared_postgres().create_database()).first;
  return found->second;
}

PostgresProcess& shared_postgres() {
  static PostgresProcess server;
  return server;
}

PostgresProcess::PostgresProcess() {
  std::string pattern = (std::filesystem::temp_directory_path() / "qself-pg-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  m_dir = pattern;
  const RunAs user = server_user();
  if (user.drop && chown(m_dir.c_str(), user.uid, user.gid) != 0) throw std::runtime_error("cannot chown " + m_dir);
  const std::string log = m_dir + "/postgres.log";
  const std::string data = m_dir + "/data";

  const pid_t initdb = spawn(user,
                             {std::string(kBinDir) + "/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E",
                              "UTF8", "--locale=C", "--no-sync"},
                             log, true);
  int status = 0;
  waitpid(initdb, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("initdb failed: " + read_log_file(log));
  }
  // Only the socket in the folder: nothing listens on TCP, so parallel test
  // processes never meet on a port.
  m_pid = spawn_for_life(user,
                         {std::string(kBinDir) + "/postgres", "-D", data, "-k", m_dir, "-c", "listen_addresses=", "-c",
                          "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c",
                          "shared_buffers=32MB", "-c", "max_connections=200", "-c", "dynamic_shared_memory_type=mmap"},
                         log);

  const std::string ping = "host=" + m_dir + " dbname=postgres user=postgres";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (PQping(ping.c_str()) != PQPING_OK) {
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      throw std::runtime_error("PostgreSQL exited at start: " + read_log_file(log));
    }
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("PostgreSQL did not start in 60 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

PostgresProcess::~PostgresProcess() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGQUIT);  // immediate shutdown: nothing in it is kept
    waitpid(m_pid, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(m_dir, ignored);
}

std::string PostgresProcess::url(const std::string& name) const {
  return "postgresql:///" + name + "?host=" + m_dir + "&user=postgres";
}

std::string PostgresProcess::create_database() {
  std::lock_guard lock(m_mutex);
  const std::string name = "test_" + std::to_string(++m_databases);
  const std::unique_ptr<PGconn, PgConnDeleter> admin(PQconnectdb(url("postgres").c_str()));
  if (PQstatus(admin.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("cannot reach the test PostgreSQL: ") + PQerrorMessage(admin.get()));
  }
  PGresult* result = PQexec(admin.get(), ("CREATE DATABASE " + name).c_str());
  const bool created = PQresultStatus(result) == PGRES_COMMAND_OK;
  const std::string error = PQresultErrorMessage(result);
  PQclear(result);
  if (!created) throw std::runtime_error("CREATE DATABASE " + name + " failed: " + error);
  return url(name);
}

}  // namespace qself::testing
