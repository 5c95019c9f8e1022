// SQLite backend: a pool of connections to one file in WAL mode, a cache of
// prepared statements per connection, and one writer at a time inside this
// process (SQLite allows one anyway; queueing on a mutex beats busy-polling).
// Every wait is bounded — for the write mutex and for the file lock another
// process may hold by the busy timeout, for a pooled connection by ten
// seconds — and ends in DatabaseBusy, never in a hang.

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/backends.hpp"
#include "store/migrations.hpp"
#include "util/metrics.hpp"

namespace qself::store {
namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

struct StatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

struct HandleDeleter {
  void operator()(sqlite3* handle) const { sqlite3_close_v2(handle); }
};
using HandlePtr = std::unique_ptr<sqlite3, HandleDeleter>;

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* statement) : m_statement(statement) {}
  bool is_null(int column) const override { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
  std::int64_t integer(int column) const override { return sqlite3_column_int64(m_statement, column); }
  double real(int column) const override { return sqlite3_column_double(m_statement, column); }
  std::string text(int column) const override {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)))
                : std::string();
  }

 private:
  sqlite3_stmt* m_statement;
};

// SQLite's own "someone else holds the lock" answers (extended codes included).
bool is_busy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

// How long opening a connection and migrating keep trying while the file is
// locked: serve, worker and scheduler started together on a new database all
// set it up at once, and each must wait for the others rather than exit.
constexpr std::chrono::seconds kSetupPatience{60};

// Runs `attempt` again, after a short pause, while it throws DatabaseBusy and
// `patience` has not run out; then lets DatabaseBusy through.
template <typename Attempt>
void retry_while_busy(std::chrono::milliseconds patience, Attempt&& attempt) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  for (auto pause = std::chrono::milliseconds{10};; pause = std::min(pause * 2, std::chrono::milliseconds{500})) {
    try {
      attempt();
      return;
    } catch (const DatabaseBusy&) {
      if (std::chrono::steady_clock::now() + pause >= deadline) throw;
    }
    std::this_thread::sleep_for(pause);
  }
}

// Takes the in-process write mutex, or throws DatabaseBusy after `timeout`.
std::unique_lock<std::timed_mutex> lock_for_writing(std::timed_mutex& mutex, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex, timeout);
  if (!lock.owns_lock()) throw DatabaseBusy("SQLite: another write in this process did not finish in time");
  return lock;
}

// Resets a cached statement when a call is done with it, however it ends.
class StatementUse {
 public:
  explicit StatementUse(sqlite3_stmt* statement) : m_statement(statement) {}
  ~StatementUse() {
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
  }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

 private:
  sqlite3_stmt* m_statement;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::timed_mutex& write_mutex, std::chrono::milliseconds busy_timeout)
      : m_write_mutex(write_mutex), m_busy_timeout(busy_timeout) {
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    m_handle.reset(raw);
    if (rc != SQLITE_OK) fail("cannot open the database");
    sqlite3_busy_timeout(m_handle.get(), static_cast<int>(m_busy_timeout.count()));
    // Switching a new file to WAL can answer "database is locked" at once, not
    // after the busy timeout, while another process switches it too.
    retry_while_busy(kSetupPatience, [&] {
      execute_script(
          "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
          "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-2000;");
    });
  }

  std::int64_t execute(std::string_view sql, std::span<const Param> params) override {
    sqlite3_stmt* statement = prepare(sql, params);
    StatementUse use(statement);
    std::unique_lock<std::timed_mutex> writer;
    if (!m_in_transaction && !sqlite3_stmt_readonly(statement))
      writer = lock_for_writing(m_write_mutex, m_busy_timeout);
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail_step(rc);
    return sqlite3_changes64(m_handle.get());
  }

  void query(std::string_view sql, std::span<const Param> params, const RowHandler& on_row) override {
    sqlite3_stmt* statement = prepare(sql, params);
    StatementUse use(statement);
    std::unique_lock<std::timed_mutex> writer;
    if (!m_in_transaction && !sqlite3_stmt_readonly(statement))
      writer = lock_for_writing(m_write_mutex, m_busy_timeout);
    const SqliteRow row(statement);
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) on_row(row);
    if (rc != SQLITE_DONE) fail_step(rc);
  }

  void execute_script(std::string_view sql) override {
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(m_handle.get(), text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string error = message ? message : "unknown error";
      sqlite3_free(message);
      if (is_busy(rc)) throw DatabaseBusy("SQLite: " + error);
      throw std::runtime_error("SQLite: " + error);
    }
  }

  void begin(bool for_writing) override {
    if (for_writing) m_writer = lock_for_writing(m_write_mutex, m_busy_timeout);
    try {
      execute_script(for_writing ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
      if (m_writer.owns_lock()) m_writer.unlock();
      throw;
    }
    m_in_transaction = true;
  }

  void commit() override {
    execute_script("COMMIT");
    end_transaction();
  }

  void rollback() noexcept override {
    sqlite3_exec(m_handle.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    end_transaction();
  }

  Dialect dialect() const override { return Dialect::sqlite; }

 private:
  void end_transaction() {
    m_in_transaction = false;
    if (m_writer.owns_lock()) m_writer.unlock();
  }

  sqlite3_stmt* prepare(std::string_view sql, std::span<const Param> params) {
    auto found = m_statements.find(sql);
    if (found == m_statements.end()) {
      sqlite3_stmt* raw = nullptr;
      if (sqlite3_prepare_v3(m_handle.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                             nullptr) != SQLITE_OK) {
        fail("cannot prepare a statement");
      }
      found = m_statements.emplace(std::string(sql), StatementPtr(raw)).first;
    }
    sqlite3_stmt* statement = found->second.get();
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(statement)) {
      throw std::logic_error("wrong number of SQL parameters");
    }
    int index = 1;
    for (const Param& value : params) {
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(value)) {
        rc = sqlite3_bind_null(statement, index);
      } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(statement, index, *number);
      } else if (const auto* real = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(statement, index, *real);
      } else {
        const auto& text = std::get<std::string_view>(value);
        rc = sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) fail("cannot bind a parameter");
      ++index;
    }
    return statement;
  }

  [[noreturn]] void fail_step(int rc) {
    if (sqlite3_extended_errcode(m_handle.get()) == SQLITE_CONSTRAINT_UNIQUE ||
        sqlite3_extended_errcode(m_handle.get()) == SQLITE_CONSTRAINT_PRIMARYKEY) {
      throw UniqueViolation(sqlite3_errmsg(m_handle.get()));
    }
    fail("statement failed", rc);
  }

  [[noreturn]] void fail(const char* what) { fail(what, m_handle ? sqlite3_errcode(m_handle.get()) : SQLITE_NOMEM); }

  [[noreturn]] void fail(const char* what, int rc) {
    const std::string message =
        std::string("SQLite: ") + what + ": " + (m_handle ? sqlite3_errmsg(m_handle.get()) : "out of memory");
    if (is_busy(rc)) throw DatabaseBusy(message);
    throw std::runtime_error(message);
  }

  HandlePtr m_handle;
  std::unordered_map<std::string, StatementPtr, StringHash, std::equal_to<>> m_statements;
  std::timed_mutex& m_write_mutex;
  std::chrono::milliseconds m_busy_timeout;
  std::unique_lock<std::timed_mutex> m_writer;
  bool m_in_transaction = false;
};

std::string version_on(Connection& connection) {
  std::string version;
  connection.query("SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1", {},
                   [&](const Row& row) { version = row.text(0); });
  return version;
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, int max_connections, std::chrono::milliseconds busy_timeout)
      : m_path(std::move(path)), m_max_connections(std::max(1, max_connections)), m_busy_timeout(busy_timeout) {
    connect();  // fail early on a path that cannot be opened
    util::metrics().db_pool_size.add(m_max_connections);
  }
  ~SqliteDatabase() override { util::metrics().db_pool_size.add(-m_max_connections); }

  Lease connect() override {
    std::unique_lock lock(m_pool_mutex);
    // A bounded pool: more connections than cores only add memory and lock waits.
    if (m_idle.empty() && static_cast<int>(m_all.size()) >= m_max_connections) {
      const auto waited_from = std::chrono::steady_clock::now();
      const bool came_free = m_returned.wait_for(lock, std::chrono::seconds{10}, [&] { return !m_idle.empty(); });
      util::metrics().db_pool_waits.add();
      util::metrics().db_pool_wait_micros.add(static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - waited_from)
              .count()));
      if (!came_free) throw DatabaseBusy("SQLite: no connection came free within 10 s");
    }
    Connection* connection = nullptr;
    if (!m_idle.empty()) {
      connection = m_idle.back();
      m_idle.pop_back();
    } else {
      lock.unlock();
      auto created = std::make_unique<SqliteConnection>(m_path, m_write_mutex, m_busy_timeout);
      lock.lock();
      connection = created.get();
      m_all.push_back(std::move(created));
    }
    util::metrics().db_pool_in_use.add(1);
    return Lease(connection, [this](Connection* done) {
      util::metrics().db_pool_in_use.add(-1);
      {
        std::lock_guard guard(m_pool_mutex);
        m_idle.push_back(done);
      }
      m_returned.notify_one();
    });
  }

  std::string migrate() override {
    auto connection = connect();
    // Other processes may migrate the same file at the same time. Each
    // migration is one write transaction that checks again, holding the lock,
    // whether it is still to be applied; a starter that finds the file locked
    // waits and tries again (up to kSetupPatience), so they take turns.
    retry_while_busy(kSetupPatience, [&] {
      Transaction transaction(*connection, Transaction::Mode::write);
      connection->execute(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
      transaction.commit();
    });
    for (const Migration& migration : sqlite_migrations()) {
      retry_while_busy(kSetupPatience, [&] {
        Transaction transaction(*connection, Transaction::Mode::write);
        const auto applied =
            connection->query_integer("SELECT 1 FROM schema_migrations WHERE version = ?", {migration.version});
        if (applied) return;
        connection->execute_script(migration.sql);
        connection->execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, strftime('%s','now'))",
                            {migration.version});
        transaction.commit();
      });
    }
    // On the connection in hand: a pool of one has no second to lend.
    return version_on(*connection);
  }

  std::string schema_version() override { return version_on(*connect()); }

 private:
  std::string m_path;
  int m_max_connections;
  std::chrono::milliseconds m_busy_timeout;
  std::mutex m_pool_mutex;
  std::condition_variable m_returned;
  std::timed_mutex m_write_mutex;
  std::vector<std::unique_ptr<Connection>> m_all;
  std::vector<Connection*> m_idle;
};

}  // namespace

std::unique_ptr<Database> open_sqlite_database(const std::string& path, int max_connections,
                                               std::chrono::milliseconds busy_timeout) {
  return std::make_unique<SqliteDatabase>(path, max_connections, busy_timeout);
}

}  // namespace qself::store
