#include "services/outbox.hpp"

#include <nlohmann/json.hpp>

#include "store/job_repositories.hpp"

namespace qself::services {

std::optional<std::int64_t> queue_email(store::Connection& connection, const core::User& user, const std::string& key,
                                        const std::string& kind, const EmailContent& content, core::Timestamp now) {
  store::Email email;
  email.user_id = user.id;
  email.idempotency_key = key;
  email.kind = kind;
  email.subject = content.subject;
  email.text_body = content.text;
  email.html_body = content.html;
  const auto email_id = store::EmailRepository(connection).create(email, now);
  if (!email_id) return std::nullopt;
  return store::JobRepository(connection)
      .create({core::JobKind::send_email, user.id, nlohmann::json{{"email_id", *email_id}}.dump(), "send:" + key, now},
              now);
}

}  // namespace qself::services
