#pragma once
// How the repositories read a users row, for the queries of several
// repositories that return one: its columns in read_user's order (each name
// after `prefix`, e.g. "u." in a join), and the reader.

#include "store/database.hpp"
#include "store/repositories.hpp"

#define QSELF_USER_COLUMNS(prefix)                                                                                   \
  prefix "id, " prefix "email, " prefix "name, " prefix "timezone, " prefix "created_at, " prefix                    \
         "password_hash, " prefix "reminders_enabled, " prefix "reminder_minutes, " prefix "monthly_report, " prefix \
         "verified_at, " prefix "data_version"

namespace qself::store {

// The columns of QSELF_USER_COLUMNS, from column `first` of `row` on.
inline constexpr int kUserColumnCount = 11;
UserRecord read_user(const Row& row, int first = 0);

}  // namespace qself::store
