#include "store/repositories.hpp"
#include "store/sql_time.hpp"
#include "store/user_row.hpp"

namespace qself::store {
namespace {

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (user_id, token_hash, kind, name, created_at, last_used_at, expires_at, scope)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
#define QSELF_SESSION_COLUMNS "id, user_id, kind, name, created_at, last_used_at, expires_at, scope"
// The session and its account in one query: every authenticated request makes it.
constexpr std::string_view kSelectSessionByHash =
    "SELECT s.id, s.user_id, s.kind, s.name, s.created_at, s.last_used_at, s.expires_at, s.scope, " QSELF_USER_COLUMNS(
        "u.") " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?";
constexpr int kSessionColumnCount = 8;
constexpr std::string_view kSelectUserSessions =
    "SELECT " QSELF_SESSION_COLUMNS
    " FROM sessions"
    " WHERE user_id = ? AND kind = ? AND expires_at > ? AND (kind = 'personal' OR last_used_at >= ?)"
    " ORDER BY created_at DESC, id DESC";
#undef QSELF_SESSION_COLUMNS
constexpr std::string_view kCountUserSessions =
    "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND kind = ? AND expires_at > ?";
constexpr std::string_view kTouchSession = "UPDATE sessions SET last_used_at = ? WHERE id = ?";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE id = ?";
constexpr std::string_view kDeleteUserSession = "DELETE FROM sessions WHERE user_id = ? AND kind = ? AND id = ?";
constexpr std::string_view kDeleteUserTokensBut = "DELETE FROM sessions WHERE user_id = ? AND id <> ?";
constexpr std::string_view kDeleteUserSessionsBut =
    "DELETE FROM sessions WHERE user_id = ? AND kind = 'session' AND id <> ?";
constexpr std::string_view kDeleteLeastRecentSessions =
    "DELETE FROM sessions WHERE user_id = ? AND kind = 'session' AND id NOT IN"
    " (SELECT id FROM sessions WHERE user_id = ? AND kind = 'session' ORDER BY last_used_at DESC, id DESC LIMIT ?)";
// Personal tokens have no idle expiry: only their absolute one removes them.
constexpr std::string_view kDeleteExpiredSessions =
    "DELETE FROM sessions WHERE (kind = 'session' AND last_used_at < ?) OR expires_at <= ?";
// The tokens revoke_all_but is about to delete that still worked, each kept
// until it would have expired anyway.
constexpr std::string_view kRememberRevokedTokens =
    "INSERT INTO revoked_tokens (token_hash, user_id, reason, expires_at)"
    " SELECT token_hash, user_id, ?, expires_at FROM sessions"
    " WHERE user_id = ? AND id <> ? AND expires_at > ? AND (kind = 'personal' OR last_used_at >= ?)"
    " ON CONFLICT DO NOTHING";
constexpr std::string_view kSelectRevokedReason =
    "SELECT reason FROM revoked_tokens WHERE token_hash = ? AND expires_at > ?";
constexpr std::string_view kDeleteExpiredRevokedTokens = "DELETE FROM revoked_tokens WHERE expires_at <= ?";

std::string_view kind_text(core::TokenKind kind) { return kind == core::TokenKind::personal ? "personal" : "session"; }

core::Session read_session(const Row& row) {
  core::Session session;
  session.id = row.integer(0);
  session.user_id = row.integer(1);
  session.kind = row.text(2) == "personal" ? core::TokenKind::personal : core::TokenKind::session;
  session.name = row.text(3);
  session.created_at = at(row.integer(4));
  session.last_used_at = at(row.integer(5));
  session.expires_at = at(row.integer(6));
  session.scope = core::parse_token_scope(row.text(7)).value_or(core::TokenScope::read);
  return session;
}

}  // namespace

std::int64_t SessionRepository::insert(std::int64_t user_id, const std::string& token_hash, Timestamp now,
                                       Timestamp expires_at, core::TokenKind kind, const std::string& name,
                                       core::TokenScope scope) {
  return *m_db.query_integer(kInsertSession, {user_id, token_hash, kind_text(kind), name, seconds(now), seconds(now),
                                              seconds(expires_at), core::to_string(scope)});
}

std::optional<SessionOfUser> SessionRepository::find_by_token_hash(const std::string& token_hash) {
  std::optional<SessionOfUser> found;
  m_db.query(kSelectSessionByHash, {token_hash}, [&](const Row& row) {
    found = SessionOfUser{read_session(row), read_user(row, kSessionColumnCount).user};
  });
  return found;
}

std::vector<core::Session> SessionRepository::list(std::int64_t user_id, core::TokenKind kind, Timestamp idle_before,
                                                   Timestamp now) {
  std::vector<core::Session> records;
  m_db.query(kSelectUserSessions, {user_id, kind_text(kind), seconds(now), seconds(idle_before)},
             [&](const Row& row) { records.push_back(read_session(row)); });
  return records;
}

std::int64_t SessionRepository::count(std::int64_t user_id, core::TokenKind kind, Timestamp now) {
  return m_db.query_integer(kCountUserSessions, {user_id, kind_text(kind), seconds(now)}).value_or(0);
}

void SessionRepository::touch(std::int64_t id, Timestamp now) { m_db.execute(kTouchSession, {seconds(now), id}); }

void SessionRepository::remove(std::int64_t id) { m_db.execute(kDeleteSession, {id}); }

bool SessionRepository::remove(std::int64_t user_id, core::TokenKind kind, std::int64_t id) {
  return m_db.execute(kDeleteUserSession, {user_id, kind_text(kind), id}) > 0;
}

void SessionRepository::remove_all_but(std::int64_t user_id, std::int64_t keep_id) {
  m_db.execute(kDeleteUserTokensBut, {user_id, keep_id});
}

void SessionRepository::revoke_all_but(std::int64_t user_id, std::int64_t keep_id, std::string_view reason,
                                       Timestamp idle_before, Timestamp now) {
  m_db.execute(kRememberRevokedTokens, {reason, user_id, keep_id, seconds(now), seconds(idle_before)});
  remove_all_but(user_id, keep_id);
}

std::optional<std::string> SessionRepository::revoked_reason(const std::string& token_hash, Timestamp now) {
  std::optional<std::string> reason;
  m_db.query(kSelectRevokedReason, {token_hash, seconds(now)}, [&](const Row& row) { reason = row.text(0); });
  return reason;
}

void SessionRepository::keep_recent_sessions(std::int64_t user_id, int keep) {
  m_db.execute(kDeleteLeastRecentSessions, {user_id, user_id, std::int64_t{keep}});
}

void SessionRepository::remove_sessions_but(std::int64_t user_id, std::int64_t keep_id) {
  m_db.execute(kDeleteUserSessionsBut, {user_id, keep_id});
}

void SessionRepository::remove_expired(Timestamp idle_before, Timestamp now) {
  m_db.execute(kDeleteExpiredSessions, {seconds(idle_before), seconds(now)});
  m_db.execute(kDeleteExpiredRevokedTokens, {seconds(now)});
}

}  // namespace qself::store
