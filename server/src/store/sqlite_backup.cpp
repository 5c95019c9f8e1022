#include "store/sqlite_backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "util/crypto.hpp"

namespace qself::store {
// Named, so that the helpers meet no namesake of the SQLite backend in a unity build.
namespace backup_helpers {

// Pages copied per step: a progress report every 4 MiB or so at SQLite's
// default page size, each step short enough to be seen moving.
constexpr int kPagesPerStep = 1024;
// The tables whose rows the summary counts.
constexpr const char* kCountedTables[] = {"users", "trackers", "logs", "jobs", "emails"};

struct Closer {
  void operator()(sqlite3* handle) const { sqlite3_close_v2(handle); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Handle open_file(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Handle handle(raw);
  if (rc != SQLITE_OK) {
    throw std::runtime_error("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(raw, 5000);
  return handle;
}

void run(sqlite3* handle, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(handle, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : sqlite3_errmsg(handle);
    sqlite3_free(message);
    throw std::runtime_error(std::string("SQLite: ") + sql + ": " + text);
  }
}

// The first column of the first row as text ("" without a row).
std::string first_text(sqlite3* handle, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    throw std::runtime_error("SQLite: " + sql + ": " + sqlite3_errmsg(handle));
  }
  std::string out;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    if (text) out = text;
  }
  sqlite3_finalize(statement);
  return out;
}

bool has_column(sqlite3* handle, const std::string& table, const std::string& column) {
  return first_text(handle, "SELECT count(*) FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'") !=
         "0";
}

bool has_table(sqlite3* handle, const std::string& table) {
  return first_text(handle, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'") !=
         "0";
}

// Makes sure a file's (or a folder's) bytes are on the disk: the copy before
// it takes the target's name, the folder after.
void sync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot reopen " + path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot sync " + path);
}

}  // namespace backup_helpers

BackupSummary backup_sqlite(const std::string& source, const std::string& target,
                            const std::function<void(std::int64_t done, std::int64_t total)>& progress) {
  namespace fs = std::filesystem;
  using namespace backup_helpers;
  if (fs::exists(target)) throw std::runtime_error(target + " exists already; give a new file name");
  if (!fs::exists(source)) throw std::runtime_error("no database at " + source);
  const std::string partial = target + ".partial";
  std::error_code ignored;
  fs::remove(partial, ignored);  // left by a backup that was stopped
  BackupSummary summary;
  try {
    {
      // The copy holds personal data: private from its first byte.
      const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0) throw std::runtime_error("cannot create " + partial);
      ::close(fd);
    }
    Handle from = open_file(source, SQLITE_OPEN_READONLY);
    Handle to = open_file(partial, SQLITE_OPEN_READWRITE);
    // One read transaction over every step: the copy is one snapshot, and the
    // backup never restarts because another process wrote meanwhile.
    run(from.get(), "BEGIN");
    first_text(from.get(), "SELECT count(*) FROM sqlite_schema");  // the snapshot starts here
    sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
    if (!backup) throw std::runtime_error(std::string("SQLite backup: ") + sqlite3_errmsg(to.get()));
    int rc = SQLITE_OK;
    int busy_waits = 0;  // the target is ours alone, so a lock on it passes; a minute of them is a failure
    while (rc == SQLITE_OK || ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy_waits < 3000)) {
      rc = sqlite3_backup_step(backup, kPagesPerStep);
      const std::int64_t total = sqlite3_backup_pagecount(backup);
      if (progress) progress(total - sqlite3_backup_remaining(backup), total);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    }
    summary.pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("SQLite backup: ") + sqlite3_errstr(rc));
    run(from.get(), "COMMIT");
    from.reset();

    const std::string check = first_text(to.get(), "PRAGMA quick_check");
    if (check != "ok") throw std::runtime_error("the copy fails SQLite's check: " + check);
    if (has_column(to.get(), "users", "data_version")) {
      const std::int64_t jump = util::copied_data_version_jump();
      run(to.get(), ("UPDATE users SET data_version = data_version + " + std::to_string(jump)).c_str());
    }
    for (const char* table : kCountedTables) {
      if (has_table(to.get(), table)) {
        summary.rows[table] = std::stoll(first_text(to.get(), std::string("SELECT count(*) FROM ") + table));
      }
    }
    run(to.get(), "PRAGMA wal_checkpoint(TRUNCATE)");  // one file, nothing left in a -wal beside it
    to.reset();
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(partial + suffix, ignored);
    sync_path(partial);
    summary.bytes = static_cast<std::int64_t>(fs::file_size(partial));
    fs::rename(partial, target);
    const auto folder = fs::absolute(target).parent_path();
    sync_path(folder.string());
  } catch (...) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(partial + suffix, ignored);
    throw;
  }
  return summary;
}

}  // namespace qself::store
