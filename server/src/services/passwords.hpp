#pragma once
// Credentials as services use them: password hashing, where a full hashing
// queue is Busy (503), not a crash; and the bearer tokens of sessions and
// personal API tokens alike.

#include <string>
#include <string_view>

namespace qself::services {

// Throw Busy when no hashing slot frees up in time.
std::string hash_or_busy(std::string_view password);
bool verify_or_busy(std::string_view password, const std::string& hash);

// Every bearer token starts with this, so that authenticate can refuse other
// text before any lookup and a leaked token is easy to recognise.
inline constexpr std::string_view kTokenPrefix = "qs_";

// A new bearer token: kTokenPrefix and 256 random bits. Only its SHA-256 is stored.
std::string new_bearer_token();

}  // namespace qself::services
