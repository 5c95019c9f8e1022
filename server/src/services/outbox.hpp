#pragma once
// Queuing an email in the outbox: the rendered message and the job that sends
// it, written in the caller's transaction (ARCHITECTURE.md, "How a job flows").

#include <cstdint>
#include <optional>
#include <string>

#include "core/model.hpp"
#include "services/emails.hpp"
#include "store/database.hpp"

namespace qself::services {

// Queues `content` for `user` under the idempotency `key`; answers the job to
// publish once the transaction commits, or nothing when an email with that key
// was queued already. The job's payload holds the email's id only.
std::optional<std::int64_t> queue_email(store::Connection& connection, const core::User& user, const std::string& key,
                                        const std::string& kind, const EmailContent& content, core::Timestamp now);

}  // namespace qself::services
