#include "store/throttle_repository.hpp"

#include "store/sql_time.hpp"

namespace qself::store {
namespace {

constexpr std::string_view kSelectThrottle = "SELECT count, started_at, last_at FROM throttles WHERE key = ?";
constexpr std::string_view kPutThrottle =
    "INSERT INTO throttles (key, count, started_at, last_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (key) DO UPDATE SET count = excluded.count, started_at = excluded.started_at,"
    " last_at = excluded.last_at";
constexpr std::string_view kDeleteThrottle = "DELETE FROM throttles WHERE key = ?";
constexpr std::string_view kDeleteQuietThrottles = "DELETE FROM throttles WHERE last_at < ?";
// Ties on last_at go by key, so that the same rows go whichever process
// sweeps. (SQLite takes an OFFSET only after a LIMIT; both take this form.)
constexpr std::string_view kDeleteThrottlesBeyond =
    "DELETE FROM throttles WHERE key IN"
    " (SELECT key FROM throttles ORDER BY last_at DESC, key LIMIT 9223372036854775807 OFFSET ?)";

}  // namespace

std::optional<ThrottleCount> ThrottleRepository::find(const std::string& key) {
  std::optional<ThrottleCount> found;
  m_db.query(kSelectThrottle, {key}, [&](const Row& row) {
    found = ThrottleCount{row.integer(0), at(row.integer(1)), at(row.integer(2))};
  });
  return found;
}

void ThrottleRepository::put(const std::string& key, const ThrottleCount& count) {
  m_db.execute(kPutThrottle, {key, count.count, seconds(count.started_at), seconds(count.last_at)});
}

void ThrottleRepository::remove(const std::string& key) { m_db.execute(kDeleteThrottle, {key}); }

std::int64_t ThrottleRepository::sweep(util::Timestamp quiet_since, std::int64_t max_keys) {
  std::int64_t removed = m_db.execute(kDeleteQuietThrottles, {seconds(quiet_since)});
  removed += m_db.execute(kDeleteThrottlesBeyond, {max_keys});
  return removed;
}

}  // namespace qself::store
