#include "store/database_copy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <variant>

#include "util/crypto.hpp"

namespace qself::store {
namespace {

// Parents before children, so that every foreign key finds its row (and, in
// reverse, children deleted before parents). A table the databases have and
// this list has not stops the copy: a migration that adds a table adds it here.
constexpr std::array<std::string_view, 14> kTables = {"users",          "sessions",
                                                      "trackers",       "logs",
                                                      "log_slots",      "jobs",
                                                      "emails",         "email_links",
                                                      "revoked_tokens", "scheduler_fence",
                                                      "throttles",      "push_subscriptions",
                                                      "push_messages",  "push_keys"};
// Its row is written by the migrations, not by anyone using qself: a target
// holding only that is empty, and the source's row replaces it.
constexpr std::string_view kMigrationsTable = "scheduler_fence";
// Bound parameters in one INSERT: below SQLite's smallest limit (999).
constexpr std::size_t kMaxParameters = 990;

enum class Kind { integer, real, text };

struct Column {
  std::string name;
  Kind kind = Kind::text;

  bool operator==(const Column&) const = default;
};

struct Table {
  std::string name;
  std::vector<Column> columns;   // in name order: the order values are read, written and summed in
  std::vector<std::size_t> key;  // the primary key: indexes into columns, in key order
  bool has_id = false;
};

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// A batch of rows, row after row, columns.size() values each.
using Batch = std::vector<Value>;

Kind kind_of(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::toupper(c); });
  if (type.find("INT") != std::string::npos) return Kind::integer;
  for (const char* real : {"REAL", "FLOA", "DOUB"}) {
    if (type.find(real) != std::string::npos) return Kind::real;
  }
  return Kind::text;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator = ", ") {
  std::string joined;
  for (const auto& part : parts) {
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

std::vector<std::string> table_names(Connection& connection) {
  const std::string_view sql =
      connection.dialect() == Dialect::sqlite
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            " AND name <> 'schema_migrations'"
          : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'";
  std::vector<std::string> names;
  connection.query(sql, {}, [&](const Row& row) { names.push_back(row.text(0)); });
  std::sort(names.begin(), names.end());
  return names;
}

// Each column's name, declared type and place in the primary key (0: none).
constexpr std::string_view kSqliteColumns = "SELECT name, type, pk FROM pragma_table_info(?)";
constexpr std::string_view kPostgresColumns =
    "SELECT c.column_name, c.data_type, COALESCE(("
    "  SELECT k.ordinal_position FROM information_schema.key_column_usage k"
    "  JOIN information_schema.table_constraints t"
    "    ON t.constraint_name = k.constraint_name AND t.table_schema = k.table_schema"
    "  WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema"
    "    AND k.table_name = c.table_name AND k.column_name = c.column_name), 0)"
    " FROM information_schema.columns c WHERE c.table_schema = current_schema() AND c.table_name = ?";

Table describe(Connection& connection, std::string_view name) {
  Table table;
  table.name = std::string(name);
  std::vector<std::pair<std::int64_t, std::string>> key;
  connection.query(connection.dialect() == Dialect::sqlite ? kSqliteColumns : kPostgresColumns, {name},
                   [&](const Row& row) {
                     table.columns.push_back({row.text(0), kind_of(row.text(1))});
                     if (const auto position = row.integer(2); position > 0) key.emplace_back(position, row.text(0));
                   });
  std::sort(table.columns.begin(), table.columns.end(),
            [](const Column& a, const Column& b) { return a.name < b.name; });
  std::sort(key.begin(), key.end());
  if (key.empty()) throw CopyRefused("table " + table.name + " has no primary key");
  for (const auto& [position, column] : key) {
    const auto at =
        std::find_if(table.columns.begin(), table.columns.end(), [&](const Column& c) { return c.name == column; });
    table.key.push_back(static_cast<std::size_t>(at - table.columns.begin()));
  }
  table.has_id = std::any_of(table.columns.begin(), table.columns.end(),
                             [](const Column& c) { return c.name == "id" && c.kind == Kind::integer; });
  return table;
}

// The tables of `connection` in copy order; refused if it has one this
// version does not know.
std::vector<Table> describe_all(Connection& connection, std::string_view which) {
  const auto names = table_names(connection);
  for (const auto& name : names) {
    if (std::find(kTables.begin(), kTables.end(), name) == kTables.end()) {
      throw CopyRefused("the " + std::string(which) + " has a table this version of qself does not know: " + name);
    }
  }
  std::vector<Table> tables;
  for (const auto name : kTables) {
    if (std::binary_search(names.begin(), names.end(), std::string(name))) tables.push_back(describe(connection, name));
  }
  return tables;
}

Param to_param(const Value& value) {
  return std::visit(
      [](const auto& v) -> Param {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
          return std::string_view(v);
        } else {
          return v;
        }
      },
      value);
}

// Calls `on_batch` with the rows of `table`, at most `batch_rows` at a time,
// in primary key order (each batch starts after the last key of the one before).
void read_batches(Connection& connection, const Table& table, std::size_t batch_rows,
                  const std::function<void(const Batch&, std::size_t rows)>& on_batch) {
  std::vector<std::string> names;
  for (const auto& column : table.columns) names.push_back(column.name);
  std::vector<std::string> key_names;
  std::vector<std::string> placeholders;
  for (const auto index : table.key) {
    key_names.push_back(table.columns[index].name);
    placeholders.push_back("?");
  }
  const std::string start = "SELECT " + join(names) + " FROM " + table.name;
  const std::string order = " ORDER BY " + join(key_names) + " LIMIT " + std::to_string(batch_rows);
  const std::string first_sql = start + order;
  const std::string next_sql = start + " WHERE (" + join(key_names) + ") > (" + join(placeholders) + ")" + order;
  const std::size_t width = table.columns.size();
  Batch batch;
  std::vector<Value> last_key;
  for (bool first = true;; first = false) {
    batch.clear();
    std::vector<Param> after;
    for (const auto& value : last_key) after.push_back(to_param(value));
    connection.query(first ? first_sql : next_sql, after, [&](const Row& row) {
      for (std::size_t i = 0; i < width; ++i) {
        const int column = static_cast<int>(i);
        if (row.is_null(column)) {
          batch.emplace_back(nullptr);
        } else if (table.columns[i].kind == Kind::integer) {
          batch.emplace_back(row.integer(column));
        } else if (table.columns[i].kind == Kind::real) {
          batch.emplace_back(row.real(column));
        } else {
          batch.emplace_back(row.text(column));
        }
      }
    });
    const std::size_t rows = batch.size() / width;
    if (rows == 0) return;
    on_batch(batch, rows);
    if (rows < batch_rows) return;
    last_key.clear();
    for (const auto index : table.key) last_key.push_back(batch[(rows - 1) * width + index]);
  }
}

// The order-free sum of SHA-256 of each row's canonical text (TableSummary).
class RowSum {
 public:
  void add(const Value* values, std::size_t width) {
    m_text.clear();
    for (std::size_t i = 0; i < width; ++i) {
      std::visit([this](const auto& v) { append(v); }, values[i]);
    }
    const auto digest = util::sha256(m_text);
    for (std::size_t lane = 0; lane < m_lanes.size(); ++lane) {
      std::uint64_t part = 0;
      std::memcpy(&part, digest.data() + lane * sizeof part, sizeof part);
      m_lanes[lane] += part;  // modulo 2^64
    }
  }
  std::string hex() const {
    std::string out;
    char digits[17];
    for (const auto lane : m_lanes) {
      std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(lane));
      out += digits;
    }
    return out;
  }

 private:
  void append(std::nullptr_t) { m_text += 'n'; }
  void append(std::int64_t v) {
    m_text += 'i';
    m_text += std::to_string(v);
    m_text += ';';
  }
  void append(double v) {
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, v);  // shortest exact text
    m_text += 'r';
    m_text.append(buffer, written.ptr);
    m_text += ';';
  }
  void append(const std::string& v) {
    m_text += 't';
    m_text += std::to_string(v.size());
    m_text += ':';
    m_text += v;
  }

  std::string m_text;
  std::array<std::uint64_t, 4> m_lanes{};
};

TableSummary summarize(Connection& connection, const Table& table, std::size_t batch_rows) {
  RowSum sum;
  TableSummary summary{table.name, 0, {}};
  const std::size_t width = table.columns.size();
  read_batches(connection, table, batch_rows, [&](const Batch& batch, std::size_t rows) {
    for (std::size_t r = 0; r < rows; ++r) sum.add(&batch[r * width], width);
    summary.rows += static_cast<std::int64_t>(rows);
  });
  summary.checksum = sum.hex();
  return summary;
}

void insert_rows(Connection& connection, const Table& table, const Batch& batch, std::size_t rows) {
  const std::size_t width = table.columns.size();
  const std::size_t per_statement = std::max<std::size_t>(1, kMaxParameters / width);
  std::vector<std::string> names;
  std::vector<std::string> marks;
  for (const auto& column : table.columns) {
    names.push_back(column.name);
    marks.push_back("?");
  }
  const std::string tuple = "(" + join(marks) + ")";
  const std::string start = "INSERT INTO " + table.name + " (" + join(names) + ") VALUES ";
  std::vector<Param> params;
  for (std::size_t first = 0; first < rows; first += per_statement) {
    const std::size_t count = std::min(per_statement, rows - first);
    std::string sql = start;
    for (std::size_t r = 0; r < count; ++r) {
      if (r > 0) sql += ", ";
      sql += tuple;
    }
    params.clear();
    for (std::size_t i = first * width; i < (first + count) * width; ++i) params.push_back(to_param(batch[i]));
    connection.execute(sql, params);
  }
}

// SQLite lets any column hold any type; a value that is not of its column's
// declared kind could not be copied as it is. Refused before anything is written.
void check_sqlite_types(Connection& connection, const Table& table) {
  std::vector<std::string> counts;
  for (const auto& column : table.columns) {
    const char* allowed = column.kind == Kind::integer ? "'integer'"
                          : column.kind == Kind::real  ? "'real', 'integer'"
                                                       : "'text'";
    counts.push_back("COALESCE(SUM(typeof(" + column.name + ") NOT IN ('null', " + allowed + ")), 0)");
  }
  std::vector<std::int64_t> wrong;
  connection.query("SELECT " + join(counts) + " FROM " + table.name, {}, [&](const Row& row) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) wrong.push_back(row.integer(static_cast<int>(i)));
  });
  for (std::size_t i = 0; i < wrong.size(); ++i) {
    if (wrong[i] > 0) {
      throw CopyRefused(table.name + "." + table.columns[i].name + " holds " + std::to_string(wrong[i]) +
                        " value(s) of another type than the column's: nothing was copied");
    }
  }
}

std::int64_t count_rows(Connection& connection, const Table& table) {
  return connection.query_integer("SELECT COUNT(*) FROM " + table.name).value_or(0);
}

}  // namespace

CopySummary copy_database(Database& from, Database& to, const CopyOptions& options) {
  const auto batch_rows = static_cast<std::size_t>(std::max(1, options.batch_rows));
  CopySummary summary;
  summary.schema_version = from.schema_version();
  const auto target_version = to.migrate();
  if (summary.schema_version != target_version) {
    throw CopyRefused("the source is at schema version " + summary.schema_version + " and this qself's is " +
                      target_version +
                      ": both must be at the same one (an older source: run this qself's `qself migrate` on it first)");
  }
  auto source = from.connect();
  auto target = to.connect();
  // One snapshot of the source for the whole copy.
  Transaction reading(*source, Transaction::Mode::read);
  const auto tables = describe_all(*source, "source");
  {
    const auto target_tables = describe_all(*target, "target");
    const auto same = [](const Table& a, const Table& b) { return a.name == b.name && a.columns == b.columns; };
    if (!std::equal(tables.begin(), tables.end(), target_tables.begin(), target_tables.end(), same)) {
      throw CopyRefused("the source and the target have different tables or columns at the same schema version");
    }
  }
  std::int64_t total = 0;
  for (const auto& table : tables) {
    if (source->dialect() == Dialect::sqlite) check_sqlite_types(*source, table);
    total += count_rows(*source, table);
  }

  Transaction writing(*target, Transaction::Mode::write);
  std::string held;
  for (const auto& table : tables) {
    if (table.name == kMigrationsTable) continue;
    if (const auto rows = count_rows(*target, table); rows > 0) {
      held += (held.empty() ? "" : ", ") + table.name + " " + std::to_string(rows);
    }
  }
  if (!held.empty() && !options.replace) {
    throw CopyRefused("the target already holds data (" + held +
                      "): nothing was copied. Give --replace to delete it and copy over it.");
  }
  for (auto table = tables.rbegin(); table != tables.rend(); ++table) target->execute("DELETE FROM " + table->name);

  std::int64_t done = 0;
  if (options.progress) options.progress(done, total);
  for (const auto& table : tables) {
    RowSum sum;
    TableSummary copied{table.name, 0, {}};
    const std::size_t width = table.columns.size();
    try {
      read_batches(*source, table, batch_rows, [&](const Batch& batch, std::size_t rows) {
        insert_rows(*target, table, batch, rows);
        for (std::size_t r = 0; r < rows; ++r) sum.add(&batch[r * width], width);
        copied.rows += static_cast<std::int64_t>(rows);
        done += static_cast<std::int64_t>(rows);
        if (options.progress) options.progress(done, total);
      });
    } catch (const CopyRefused&) {
      throw;
    } catch (const std::exception& error) {
      throw std::runtime_error("copying " + table.name + ": " + error.what());
    }
    copied.checksum = sum.hex();
    summary.tables.push_back(std::move(copied));
    summary.rows += summary.tables.back().rows;
  }

  // Read back from the target, in the transaction that wrote it.
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const auto found = summarize(*target, tables[i], batch_rows);
    const auto& expected = summary.tables[i];
    if (found.rows != expected.rows) {
      throw std::runtime_error("check failed: " + expected.name + " has " + std::to_string(found.rows) +
                               " rows in the target, " + std::to_string(expected.rows) + " in the source");
    }
    if (found.checksum != expected.checksum) {
      throw std::runtime_error("check failed: the values of " + expected.name + " differ in the target");
    }
  }
  if (target->dialect() == Dialect::postgresql) {
    for (const auto& table : tables) {
      if (!table.has_id) continue;
      // The next id after the largest copied one (no-op for a table without a sequence).
      target->query("SELECT setval(pg_get_serial_sequence('" + table.name + "', 'id'), COALESCE((SELECT MAX(id) FROM " +
                        table.name + "), 0) + 1, false)",
                    {}, [](const Row&) {});
    }
  }
  // Both are at this version's schema (checked above), which has data versions.
  target->execute("UPDATE users SET data_version = data_version + ?", {util::copied_data_version_jump()});
  writing.commit();
  reading.commit();
  return summary;
}

std::vector<TableSummary> summarize_database(Database& db) {
  auto connection = db.connect();
  Transaction reading(*connection, Transaction::Mode::read);
  std::vector<TableSummary> summaries;
  for (const auto& table : describe_all(*connection, "database")) {
    summaries.push_back(summarize(*connection, table, 2000));
  }
  reading.commit();
  return summaries;
}

}  // namespace qself::store
