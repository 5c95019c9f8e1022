#pragma once
// `qself copy-database`: every row of one qself database into another, on
// either backend (SQLite to PostgreSQL to move up, PostgreSQL to SQLite to
// leave), then a check that the target holds the same values.

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace qself::store {

// What a table holds, in a form two backends agree on: the number of rows and
// a checksum of their values (lower-case hex). Each value is written in one
// canonical text per kind (integer, real as the shortest text that reads back
// as the same double, text with its length, NULL), columns in name order; the
// checksum adds up SHA-256 of every row, so the order rows come in does not
// matter (text keys sort differently on the two backends).
struct TableSummary {
  std::string name;
  std::int64_t rows = 0;
  std::string checksum;

  bool operator==(const TableSummary&) const = default;
};

struct CopyOptions {
  // Empty a target that already holds data instead of refusing.
  bool replace = false;
  // Rows read from the source at a time (and so held in memory).
  int batch_rows = 2000;
  // Called after each batch with rows copied so far and the rows to copy.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct CopySummary {
  std::string schema_version;
  std::vector<TableSummary> tables;  // in the order copied: parents before children
  std::int64_t rows = 0;
};

// Why nothing was copied: the target holds data, the schemas differ, a value
// in the source is not of its column's type. The target is unchanged.
class CopyRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Migrates `to` to this version's schema, then copies every table of `from`
// (which must be at the same version) into it. The source is read in one read
// transaction, so the copy is the source as it was at one instant even while
// it is written to; the target is written in one write transaction, which is
// committed only once every table's row count and checksum in the target
// equal the source's: a copy that fails or does not match leaves the target as
// it was. Rows keep their ids; on PostgreSQL the id sequences then continue
// after the largest copied id. Every account's data version jumps ahead as in
// a backup (util::copied_data_version_jump), so that answers cached in Redis
// for the source are never served for the copy.
//
// A target holding any row (other than those the migrations write) is refused
// unless `options.replace`, which deletes everything in it first.
// Throws CopyRefused, or std::runtime_error when a database fails or the
// check finds a difference.
CopySummary copy_database(Database& from, Database& to, const CopyOptions& options = {});

// Every table's summary, as copy_database checks them, in the same order.
std::vector<TableSummary> summarize_database(Database& db);

}  // namespace qself::store
