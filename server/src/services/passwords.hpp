#pragma once
// Password hashing as services use it: a full hashing queue is Busy (503), not a crash.

#include <string>
#include <string_view>

namespace qself::services {

// Throw Busy when no hashing slot frees up in time.
std::string hash_or_busy(std::string_view password);
bool verify_or_busy(std::string_view password, const std::string& hash);

}  // namespace qself::services
