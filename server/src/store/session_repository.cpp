#include "store/repositories.hpp"
#include "store/sql_time.hpp"

namespace qself::store {
namespace {

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (user_id, token_hash, created_at, last_used_at, expires_at)"
    " VALUES (?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSelectSessionByHash =
    "SELECT id, user_id, last_used_at, expires_at FROM sessions WHERE token_hash = ?";
constexpr std::string_view kTouchSession = "UPDATE sessions SET last_used_at = ? WHERE id = ?";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE id = ?";
constexpr std::string_view kDeleteExpiredSessions =
    "DELETE FROM sessions WHERE last_used_at < ? OR expires_at <= ?";


}  // namespace

std::int64_t SessionRepository::insert(std::int64_t user_id, const std::string& token_hash, Timestamp now,
                                       Timestamp expires_at) {
  return *m_db.query_integer(kInsertSession,
                             {user_id, token_hash, seconds(now), seconds(now), seconds(expires_at)});
}

std::optional<SessionRecord> SessionRepository::find_by_token_hash(const std::string& token_hash) {
  std::optional<SessionRecord> found;
  m_db.query(kSelectSessionByHash, {token_hash}, [&](const Row& row) {
    found = SessionRecord{row.integer(0), row.integer(1), at(row.integer(2)), at(row.integer(3))};
  });
  return found;
}

void SessionRepository::touch(std::int64_t id, Timestamp now) { m_db.execute(kTouchSession, {seconds(now), id}); }

void SessionRepository::remove(std::int64_t id) { m_db.execute(kDeleteSession, {id}); }

void SessionRepository::remove_expired(Timestamp idle_before, Timestamp now) {
  m_db.execute(kDeleteExpiredSessions, {seconds(idle_before), seconds(now)});
}

}  // namespace qself::store
