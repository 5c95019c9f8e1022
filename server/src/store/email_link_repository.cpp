#include "store/repositories.hpp"
#include "store/sql_time.hpp"

namespace qself::store {
namespace {

constexpr std::string_view kInsertLink =
    "INSERT INTO email_links (user_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"
    " RETURNING id";
constexpr std::string_view kCountUserLinks =
    "SELECT COUNT(*) FROM email_links WHERE user_id = ? AND purpose = ? AND created_at >= ?";
constexpr std::string_view kSelectUsableLink =
    "SELECT id, user_id FROM email_links WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?";
constexpr std::string_view kUseLink =
    "UPDATE email_links SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?"
    " RETURNING id, user_id";
constexpr std::string_view kUseAllLinks =
    "UPDATE email_links SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL";
constexpr std::string_view kDeleteExpiredLinks = "DELETE FROM email_links WHERE expires_at < ?";

std::string_view purpose_text(LinkPurpose purpose) {
  return purpose == LinkPurpose::password_reset ? "password_reset" : "email_verification";
}

}  // namespace

std::int64_t EmailLinkRepository::insert(std::int64_t user_id, const std::string& token_hash, Timestamp now,
                                         Timestamp expires_at) {
  return *m_db.query_integer(kInsertLink,
                             {user_id, purpose_text(m_purpose), token_hash, seconds(now), seconds(expires_at)});
}

std::int64_t EmailLinkRepository::count_since(std::int64_t user_id, Timestamp since) {
  return m_db.query_integer(kCountUserLinks, {user_id, purpose_text(m_purpose), seconds(since)}).value_or(0);
}

std::optional<EmailLink> EmailLinkRepository::find_usable(const std::string& token_hash, Timestamp now) {
  std::optional<EmailLink> found;
  m_db.query(kSelectUsableLink, {token_hash, purpose_text(m_purpose), seconds(now)}, [&](const Row& row) {
    found = EmailLink{row.integer(0), row.integer(1)};
  });
  return found;
}

std::optional<EmailLink> EmailLinkRepository::use(const std::string& token_hash, Timestamp now) {
  std::optional<EmailLink> used;
  m_db.query(kUseLink, {seconds(now), token_hash, purpose_text(m_purpose), seconds(now)}, [&](const Row& row) {
    used = EmailLink{row.integer(0), row.integer(1)};
  });
  return used;
}

void EmailLinkRepository::use_all(std::int64_t user_id, Timestamp now) {
  m_db.execute(kUseAllLinks, {seconds(now), user_id, purpose_text(m_purpose)});
}

void EmailLinkRepository::remove_expired(Timestamp before) { m_db.execute(kDeleteExpiredLinks, {seconds(before)}); }

}  // namespace qself::store
