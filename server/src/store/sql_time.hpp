#pragma once
// Times are stored as whole UTC seconds since the epoch.

#include "util/time.hpp"

namespace qself::store {

inline std::int64_t seconds(util::Timestamp t) { return t.time_since_epoch().count(); }
inline util::Timestamp at(std::int64_t s) { return util::Timestamp{std::chrono::seconds{s}}; }

}  // namespace qself::store
