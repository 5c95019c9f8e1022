#pragma once
// `qself backup`: a consistent copy of a live SQLite database, taken while the
// server, the worker and the scheduler go on writing.

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace qself::store {

struct BackupSummary {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
  std::map<std::string, std::int64_t> rows;  // users, trackers, logs, jobs, emails: read from the copy
};

// Copies the SQLite file at `source` to `target` with SQLite's online backup
// API, inside one read transaction on the source: the copy is the database as
// it was at one instant (every write committed before the call began is in it),
// and in WAL mode writers are never blocked while it runs. The copy is written
// to "<target>.partial" (0600), checked (PRAGMA quick_check), and only then
// renamed to `target`; a failure leaves no `target`.
//
// In the copy every account's data version jumps ahead by a random amount of
// at least 2^40, so that after a restore no cached answer computed since the
// backup (they live ten minutes in Redis) can be taken for one of the restored
// data. `progress(done, total)` is called with pages as they are copied.
// Throws std::runtime_error on any failure (the source cannot be read, the
// target exists, the check fails).
BackupSummary backup_sqlite(const std::string& source, const std::string& target,
                            const std::function<void(std::int64_t done, std::int64_t total)>& progress = {});

}  // namespace qself::store
