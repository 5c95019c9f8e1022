// PostgreSQL backend (libpq): a bounded pool of connections, each with its
// statements prepared once by SQL text, parameters and rows in text form.
//
// Write transactions keep the guarantee SQLite's single writer gave the
// services: a write transaction runs alone among write transactions, so a
// service may count, check or read and then write on what it read (the
// scheduler's fence, registration, an import). Each takes one
// transaction-scoped advisory lock first. A write confined to one account's
// rows (logs, trackers: Transaction's account form) takes that lock shared
// and a lock of the account's own: writes of different accounts run side by
// side, writes of one account one at a time (its 200-tracker limit, a log's
// uid, a type change converting the values it counted), and a write of the
// first kind still runs alone. Read transactions are snapshots (REPEATABLE
// READ) and never wait for either. SERIALIZABLE would need no locks, but every
// conflict it detects fails one of the writers, and the services do not
// retry: a user would see 503 where SQLite made them wait their turn. Single
// statements outside a transaction (a job's claim, a session's touch) take row
// locks only, so workers claiming different jobs never wait on each other.
//
// Every wait is bounded like SQLite's: the writer lock and any row lock by the
// busy timeout (lock_timeout), a pooled connection by ten seconds; each ends in
// DatabaseBusy. A connection that broke is closed, never lent again.

#include <libpq-fe.h>

#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "store/backends.hpp"
#include "store/migrations.hpp"
#include "util/metrics.hpp"

namespace qself::store {
namespace {

// The one advisory lock every write transaction holds (any number would do;
// advisory locks are per database, so databases on one server do not share it).
constexpr std::int64_t kWriterLock = 0x71736c66;  // "qslf"

// Parameter types, from pg_type.h (which libpq-dev does not install for clients).
constexpr Oid kUnknownType = 0;  // a NULL: the server infers its type from where it stands
constexpr Oid kInt8Type = 20;
constexpr Oid kFloat8Type = 701;
constexpr Oid kTextType = 25;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnectionDeleter {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using ConnectionPtr = std::unique_ptr<PGconn, ConnectionDeleter>;

struct StatementKeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Rewrites the portable "?" placeholders as PostgreSQL's $1, $2, … — but not a
// "?" inside a string literal, a quoted name or a comment. Answers how many.
std::string number_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // A doubled quote inside is the quote itself: the loop reopens on it.
      const std::size_t close = sql.find(c, i + 1);
      const std::size_t end = close == std::string_view::npos ? sql.size() : close + 1;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const std::size_t newline = sql.find('\n', i);
      const std::size_t end = newline == std::string_view::npos ? sql.size() : newline;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const std::size_t close = sql.find("*/", i + 2);
      const std::size_t end = close == std::string_view::npos ? sql.size() : close + 2;
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++count);
    } else {
      out += c;
    }
  }
  return out;
}

class PostgresRow final : public Row {
 public:
  PostgresRow(PGresult* result, int row) : m_result(result), m_row(row) {}
  bool is_null(int column) const override { return PQgetisnull(m_result, m_row, column) != 0; }

  std::int64_t integer(int column) const override {
    const std::string_view text = value(column);
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size()) return number;
    // What SQLite would answer for the same expression: a boolean is 0 or 1,
    // a numeric (SUM of integers) or a real is cut to its whole part.
    if (text == "t") return 1;
    if (text == "f") return 0;
    return static_cast<std::int64_t>(real(column));
  }

  double real(int column) const override {
    const std::string_view text = value(column);
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc()) {
      if (text == "t") return 1;
      if (text == "f" || text.empty()) return 0;  // as SQLite reads NULL or a non-number
      throw std::runtime_error("PostgreSQL: not a number in column " + std::to_string(column));
    }
    return number;
  }

  std::string text(int column) const override { return std::string(value(column)); }

 private:
  std::string_view value(int column) const {
    return {PQgetvalue(m_result, m_row, column), static_cast<std::size_t>(PQgetlength(m_result, m_row, column))};
  }

  PGresult* m_result;
  int m_row;
};

// SQLSTATEs that mean "not now": a lock not had within lock_timeout (55P03), a
// statement cancelled (57014), a serialization failure or deadlock (40001,
// 40P01) — each leaves the data as it was, and the same call may succeed later.
bool is_busy(std::string_view state) {
  return state == "55P03" || state == "57014" || state == "40001" || state == "40P01";
}

void ignore_notice(void*, const char*) {}

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(const std::string& url, std::chrono::milliseconds busy_timeout)
      : m_handle(PQconnectdb(url.c_str())) {
    if (!m_handle) throw std::runtime_error("PostgreSQL: out of memory");
    if (PQstatus(m_handle.get()) != CONNECTION_OK) {
      // libpq's message names the host and the reason, never the password.
      throw std::runtime_error(std::string("PostgreSQL: cannot connect: ") + PQerrorMessage(m_handle.get()));
    }
    // Migrations' "IF NOT EXISTS … skipping" notices would go to stderr.
    PQsetNoticeProcessor(m_handle.get(), ignore_notice, nullptr);
    execute_script("SET lock_timeout = " + std::to_string(busy_timeout.count()) + "; SET TIME ZONE 'UTC'");
  }

  std::int64_t execute(std::string_view sql, std::span<const Param> params) override {
    const ResultPtr result = run(sql, params);
    const char* changed = PQcmdTuples(result.get());
    std::int64_t count = 0;
    std::from_chars(changed, changed + std::strlen(changed), count);
    return count;
  }

  void query(std::string_view sql, std::span<const Param> params, const RowHandler& on_row) override {
    const ResultPtr result = run(sql, params);
    const int rows = PQntuples(result.get());
    for (int row = 0; row < rows; ++row) on_row(PostgresRow(result.get(), row));
  }

  void execute_script(std::string_view sql) override {
    const std::string text(sql);
    // PQexec runs every statement of the text; its result is the last one's,
    // or the first error's (the rest do not run).
    check(ResultPtr(PQexec(m_handle.get(), text.c_str())));
  }

  void begin(bool for_writing) override {
    if (!for_writing) {
      // One snapshot for the whole read, as SQLite's read transactions are.
      execute_script("BEGIN ISOLATION LEVEL REPEATABLE READ");
      return;
    }
    begin_writing("SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLock) + ")");
  }

  void begin_account_write(std::int64_t account) override {
    // The writer lock shared with other accounts' writers, and the account's
    // own (the two-key form: a key space apart from kWriterLock's). Accounts
    // whose ids fold to the same key only wait for each other.
    const auto key = static_cast<std::int32_t>(account % 2147483647);
    // Shared first, then the account's, as two statements so that the order is
    // certain: every writer takes the writer lock before any account's, and
    // no two writers can each hold what the other waits for.
    begin_writing("SELECT pg_advisory_xact_lock_shared(" + std::to_string(kWriterLock) +
                  "); SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLock) + ", " + std::to_string(key) + ")");
  }

  // BEGIN and the locks in one round trip; the locks wait up to lock_timeout.
  void begin_writing(const std::string& take_locks) {
    try {
      execute_script("BEGIN ISOLATION LEVEL READ COMMITTED; " + take_locks);
    } catch (...) {
      rollback();
      throw;
    }
  }

  void commit() override {
    // COMMIT of a transaction a failed statement aborted only rolls back; a
    // caller that went on after catching that failure must not think it saved.
    if (PQtransactionStatus(m_handle.get()) == PQTRANS_INERROR) {
      rollback();
      throw std::runtime_error("PostgreSQL: the transaction failed earlier and was rolled back");
    }
    execute_script("COMMIT");
  }

  void rollback() noexcept override { PQclear(PQexec(m_handle.get(), "ROLLBACK")); }

  Dialect dialect() const override { return Dialect::postgresql; }

  // Whether the pool may lend this connection again: it still talks to the
  // server and no transaction is left open on it.
  bool reusable() {
    if (PQstatus(m_handle.get()) != CONNECTION_OK) return false;
    if (PQtransactionStatus(m_handle.get()) != PQTRANS_IDLE) rollback();
    return PQstatus(m_handle.get()) == CONNECTION_OK && PQtransactionStatus(m_handle.get()) == PQTRANS_IDLE;
  }

 private:
  ResultPtr run(std::string_view sql, std::span<const Param> params) {
    // The parameters' types are part of the statement: a statement prepared
    // with a NULL where a number goes later would have the server guess.
    std::vector<Oid> types;
    types.reserve(params.size());
    std::string key(sql);
    key += '\0';
    for (const Param& value : params) {
      Oid type = kTextType;
      if (std::holds_alternative<std::nullptr_t>(value)) type = kUnknownType;
      if (std::holds_alternative<std::int64_t>(value)) type = kInt8Type;
      if (std::holds_alternative<double>(value)) type = kFloat8Type;
      types.push_back(type);
      key += static_cast<char>('0' + (type == kUnknownType ? 0 : type == kInt8Type ? 1 : type == kFloat8Type ? 2 : 3));
    }
    const std::string& name = prepare(key, sql, types);

    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Param& value = params[i];
      if (const auto* number = std::get_if<std::int64_t>(&value)) {
        texts[i] = std::to_string(*number);
      } else if (const auto* real = std::get_if<double>(&value)) {
        char buffer[32];
        // The shortest text that reads back as the same double.
        const auto written = std::to_chars(buffer, buffer + sizeof buffer, *real);
        texts[i].assign(buffer, written.ptr);
      } else if (const auto* text = std::get_if<std::string_view>(&value)) {
        texts[i] = *text;
      } else {
        continue;  // NULL
      }
      values[i] = texts[i].c_str();
    }
    ResultPtr result(PQexecPrepared(m_handle.get(), name.c_str(), static_cast<int>(values.size()), values.data(),
                                    nullptr, nullptr, 0));
    check(result);
    return result;
  }

  const std::string& prepare(const std::string& key, std::string_view sql, const std::vector<Oid>& types) {
    const auto found = m_statements.find(key);
    if (found != m_statements.end()) return found->second;
    int count = 0;
    const std::string numbered = number_placeholders(sql, count);
    if (count != static_cast<int>(types.size())) throw std::logic_error("wrong number of SQL parameters");
    std::string name = "q" + std::to_string(m_statements.size() + 1);
    check(ResultPtr(PQprepare(m_handle.get(), name.c_str(), numbered.c_str(), count, types.data())));
    return m_statements.emplace(key, std::move(name)).first->second;
  }

  void check(const ResultPtr& result) {
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return;
    const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    const std::string message =
        std::string("PostgreSQL: ") + (result ? PQresultErrorMessage(result.get()) : PQerrorMessage(m_handle.get()));
    if (state && std::string_view(state) == "23505") throw UniqueViolation(message);
    if (state && is_busy(state)) throw DatabaseBusy(message);
    throw std::runtime_error(message);
  }

  ConnectionPtr m_handle;
  std::unordered_map<std::string, std::string, StatementKeyHash, std::equal_to<>> m_statements;
};

std::string latest_version_on(Connection& connection) {
  std::string version;
  connection.query("SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1", {},
                   [&](const Row& row) { version = row.text(0); });
  return version;
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, int max_connections, std::chrono::milliseconds busy_timeout)
      : m_url(std::move(url)), m_max_connections(std::max(1, max_connections)), m_busy_timeout(busy_timeout) {
    connect();  // fail early on a server that cannot be reached
    util::metrics().db_pool_size.add(m_max_connections);
  }
  ~PostgresDatabase() override { util::metrics().db_pool_size.add(-m_max_connections); }

  Lease connect() override {
    std::unique_lock lock(m_pool_mutex);
    const auto free = [&] { return !m_idle.empty() || m_open < m_max_connections; };
    if (!free()) {  // counted for /metrics (docs/metrics.md), as SQLite's pool does
      const auto waited_from = std::chrono::steady_clock::now();
      const bool came_free = m_returned.wait_for(lock, std::chrono::seconds{10}, free);
      util::metrics().db_pool_waits.add();
      util::metrics().db_pool_wait_micros.add(static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - waited_from)
              .count()));
      if (!came_free) throw DatabaseBusy("PostgreSQL: no connection came free within 10 s");
    }
    std::unique_ptr<PostgresConnection> connection;
    if (!m_idle.empty()) {
      connection = std::move(m_idle.back());
      m_idle.pop_back();
    } else {
      ++m_open;  // counted while it opens, so that the pool never exceeds its bound
      lock.unlock();
      try {
        connection = std::make_unique<PostgresConnection>(m_url, m_busy_timeout);
      } catch (...) {
        lock.lock();
        --m_open;
        lock.unlock();
        m_returned.notify_one();
        throw;
      }
    }
    util::metrics().db_pool_in_use.add(1);
    return Lease(connection.release(), [this](Connection* done) { give_back(static_cast<PostgresConnection*>(done)); });
  }

  std::string migrate() override {
    auto connection = connect();
    // serve, worker and scheduler may migrate one new database at once: each
    // migration is a write transaction, so they take turns on the writer lock,
    // and each checks again, holding it, whether its migration is still due.
    {
      Transaction transaction(*connection, Transaction::Mode::write);
      connection->execute(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)");
      transaction.commit();
    }
    for (const Migration& migration : postgres_migrations()) {
      Transaction transaction(*connection, Transaction::Mode::write);
      if (connection->query_integer("SELECT 1 FROM schema_migrations WHERE version = ?", {migration.version})) continue;
      connection->execute_script(migration.sql);
      connection->execute(
          "INSERT INTO schema_migrations (version, applied_at) VALUES (?, CAST(extract(epoch FROM now()) AS BIGINT))",
          {migration.version});
      transaction.commit();
    }
    return latest_version_on(*connection);
  }

  std::string schema_version() override { return latest_version_on(*connect()); }

 private:
  void give_back(PostgresConnection* done) {
    util::metrics().db_pool_in_use.add(-1);
    std::unique_ptr<PostgresConnection> connection(done);
    const bool reusable = connection->reusable();
    {
      std::lock_guard guard(m_pool_mutex);
      if (reusable) {
        m_idle.push_back(std::move(connection));
      } else {
        --m_open;  // the broken one closes as `connection` goes; a new one may open
      }
    }
    m_returned.notify_one();
  }

  std::string m_url;
  int m_max_connections;
  std::chrono::milliseconds m_busy_timeout;
  std::mutex m_pool_mutex;
  std::condition_variable m_returned;
  int m_open = 0;  // lent out, idle, or opening
  std::vector<std::unique_ptr<PostgresConnection>> m_idle;
};

}  // namespace

std::unique_ptr<Database> open_postgres_database(const std::string& url, int max_connections,
                                                 std::chrono::milliseconds busy_timeout) {
  return std::make_unique<PostgresDatabase>(url, max_connections, busy_timeout);
}

}  // namespace qself::store
