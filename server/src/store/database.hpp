#pragma once
// The storage seam: repositories speak this interface with portable SQL
// ("?" placeholders, RETURNING, ON CONFLICT), so the same repositories run on
// SQLite and on PostgreSQL. Where one statement cannot serve both, a
// repository picks its dialect's constant by Connection::dialect().

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace qself::store {

// A bound parameter. Text is borrowed: it must outlive the call.
using Param = std::variant<std::nullptr_t, std::int64_t, double, std::string_view>;

inline Param param(const std::optional<double>& value) { return value ? Param{*value} : Param{nullptr}; }
inline Param param(const std::optional<std::string>& value) {
  return value ? Param{std::string_view(*value)} : Param{nullptr};
}

// One result row, valid only inside the row callback.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool is_null(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual double real(int column) const = 0;
  virtual std::string text(int column) const = 0;

  std::optional<double> optional_real(int column) const {
    return is_null(column) ? std::nullopt : std::optional<double>(real(column));
  }
  std::optional<std::string> optional_text(int column) const {
    return is_null(column) ? std::nullopt : std::optional<std::string>(text(column));
  }
};

using Params = std::initializer_list<Param>;
using RowHandler = std::function<void(const Row&)>;

// Thrown when a UNIQUE constraint rejects a write.
class UniqueViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown when the database could not be had in time: another writer held the
// write lock (this process's or another's) longer than the busy timeout, or no
// pooled connection came free. Transient: the same call may succeed later. The
// statement that threw changed nothing; a Transaction around it rolls back.
class DatabaseBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How long a writer waits for the write lock before DatabaseBusy, unless the
// database was opened with another bound.
inline constexpr std::chrono::milliseconds kBusyTimeout{5000};

// Which SQL a backend speaks, for the few statements that cannot be portable.
enum class Dialect { sqlite, postgresql };

// Every call may throw DatabaseBusy (see above) or std::runtime_error for any
// other failure of the database.
class Connection {
 public:
  virtual ~Connection() = default;
  // Runs a statement that returns no rows; answers the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, std::span<const Param> params) = 0;
  // Runs a query and calls `on_row` for each row, in order.
  virtual void query(std::string_view sql, std::span<const Param> params, const RowHandler& on_row) = 0;
  // Runs several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  virtual void begin(bool for_writing) = 0;
  // A write transaction that reads and writes only rows of `account` (its
  // trackers, logs, rollups, its users row): it may run beside another
  // account's, never beside another of the same account or a plain write.
  // SQLite has one writer at a time: there it is begin(true).
  virtual void begin_account_write(std::int64_t account) {
    (void)account;
    begin(true);
  }
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual Dialect dialect() const = 0;

  std::int64_t execute(std::string_view sql, Params params = {}) {
    return execute(sql, std::span<const Param>(params.begin(), params.size()));
  }
  void query(std::string_view sql, Params params, const RowHandler& on_row) {
    query(sql, std::span<const Param>(params.begin(), params.size()), on_row);
  }
  // The first column of the first row as an integer, if there is a row.
  std::optional<std::int64_t> query_integer(std::string_view sql, Params params = {});
};

// Commits on commit(), rolls back if destroyed before that (an exception).
class Transaction {
 public:
  enum class Mode { read, write };
  Transaction(Connection& connection, Mode mode);
  // A write of one account's rows only (Connection::begin_account_write).
  Transaction(Connection& connection, std::int64_t account);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& m_connection;
  bool m_done = false;
};

// A connection borrowed from the pool, returned when the lease ends.
class Lease {
 public:
  Lease(Connection* connection, std::function<void(Connection*)> give_back)
      : m_connection(connection), m_give_back(std::move(give_back)) {}
  ~Lease() {
    if (m_connection) m_give_back(m_connection);
  }
  Lease(Lease&& other) noexcept
      : m_connection(std::exchange(other.m_connection, nullptr)), m_give_back(std::move(other.m_give_back)) {}
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease& operator=(Lease&&) = delete;
  Connection& operator*() const { return *m_connection; }
  Connection* operator->() const { return m_connection; }

 private:
  Connection* m_connection;
  std::function<void(Connection*)> m_give_back;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Lease connect() = 0;
  // Applies pending migrations; answers the schema version afterwards.
  virtual std::string migrate() = 0;
  virtual std::string schema_version() = 0;
};

// Opens the database named by a URL: "sqlite:path/to/file.db", or a libpq
// URI, "postgresql://user:password@host:5432/name" or
// "postgresql:///name?host=/socket/folder" ("postgres://" too), with at most
// `max_connections` open at once (callers beyond that wait for one, up to ten
// seconds, then get DatabaseBusy). A writer waits up to `busy_timeout` for the
// write lock (and, on PostgreSQL, any statement for a row lock), then gets
// DatabaseBusy.
// Throws std::invalid_argument for an unknown scheme, std::runtime_error when
// the database cannot be reached.
std::unique_ptr<Database> open_database(const std::string& url, int max_connections = 8,
                                        std::chrono::milliseconds busy_timeout = kBusyTimeout);

}  // namespace qself::store
