#include "store/repositories.hpp"
#include "store/sql_time.hpp"

namespace qself::store {
namespace {

constexpr std::string_view kInsertReset =
    "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?) RETURNING id";
constexpr std::string_view kCountUserResets =
    "SELECT COUNT(*) FROM password_resets WHERE user_id = ? AND created_at >= ?";
constexpr std::string_view kCountAllResets = "SELECT COUNT(*) FROM password_resets WHERE created_at >= ?";
constexpr std::string_view kSelectUsableReset =
    "SELECT id, user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?";
constexpr std::string_view kUseReset =
    "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?"
    " RETURNING id, user_id";
constexpr std::string_view kUseAllResets =
    "UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL";
constexpr std::string_view kDeleteExpiredResets = "DELETE FROM password_resets WHERE expires_at < ?";

}  // namespace

std::int64_t PasswordResetRepository::insert(std::int64_t user_id, const std::string& token_hash, Timestamp now,
                                             Timestamp expires_at) {
  return *m_db.query_integer(kInsertReset, {user_id, token_hash, seconds(now), seconds(expires_at)});
}

std::int64_t PasswordResetRepository::count_since(std::int64_t user_id, Timestamp since) {
  return m_db.query_integer(kCountUserResets, {user_id, seconds(since)}).value_or(0);
}

std::int64_t PasswordResetRepository::count_all_since(Timestamp since) {
  return m_db.query_integer(kCountAllResets, {seconds(since)}).value_or(0);
}

std::optional<PasswordReset> PasswordResetRepository::find_usable(const std::string& token_hash, Timestamp now) {
  std::optional<PasswordReset> found;
  m_db.query(kSelectUsableReset, {token_hash, seconds(now)}, [&](const Row& row) {
    found = PasswordReset{row.integer(0), row.integer(1)};
  });
  return found;
}

std::optional<PasswordReset> PasswordResetRepository::use(const std::string& token_hash, Timestamp now) {
  std::optional<PasswordReset> used;
  m_db.query(kUseReset, {seconds(now), token_hash, seconds(now)}, [&](const Row& row) {
    used = PasswordReset{row.integer(0), row.integer(1)};
  });
  return used;
}

void PasswordResetRepository::use_all(std::int64_t user_id, Timestamp now) {
  m_db.execute(kUseAllResets, {seconds(now), user_id});
}

void PasswordResetRepository::remove_expired(Timestamp before) {
  m_db.execute(kDeleteExpiredResets, {seconds(before)});
}

}  // namespace qself::store
