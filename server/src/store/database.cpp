// What every backend shares: transactions over Connection, and the choice of
// backend by the URL's scheme.

#include <stdexcept>

#include "store/backends.hpp"

namespace qself::store {

std::optional<std::int64_t> Connection::query_integer(std::string_view sql, Params params) {
  std::optional<std::int64_t> result;
  query(sql, params, [&](const Row& row) {
    if (!result) result = row.integer(0);
  });
  return result;
}

Transaction::Transaction(Connection& connection, Mode mode) : m_connection(connection) {
  m_connection.begin(mode == Mode::write);
}

Transaction::Transaction(Connection& connection, std::int64_t account) : m_connection(connection) {
  m_connection.begin_account_write(account);
}

Transaction::~Transaction() {
  if (!m_done) m_connection.rollback();
}

void Transaction::commit() {
  m_connection.commit();
  m_done = true;
}

std::unique_ptr<Database> open_database(const std::string& url, int max_connections,
                                        std::chrono::milliseconds busy_timeout) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) return open_sqlite_database(url.substr(kSqlite.size()), max_connections, busy_timeout);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres_database(url, max_connections, busy_timeout);
  }
  throw std::invalid_argument("QSELF_DATABASE must start with sqlite:, postgresql:// or postgres://");
}

}  // namespace qself::store
