#pragma once
// A user's profile and settings (name, time zone, reminders), and deleting the account.

#include <string>

#include "core/model.hpp"
#include "core/sent.hpp"
#include "services/auth_policy.hpp"
#include "services/user_cache.hpp"
#include "store/database.hpp"

namespace qself::services {

// PATCH /me's reminders: {enabled?, time?, monthly_report?}.
struct ReminderChanges {
  core::Sent<bool> enabled;
  core::Sent<int> minutes;  // the time of day, in minutes since midnight; malformed: not a time of day
  core::Sent<bool> monthly_report;
};

// PATCH /me: what a user changes of their profile and settings.
struct ProfileChanges {
  core::Sent<std::string> name;
  core::Sent<std::string> timezone;
  core::Sent<ReminderChanges> reminders;
};

class ProfileService {
 public:
  explicit ProfileService(store::Database& db, UserCache& cache = no_cache()) : m_db(db), m_cache(cache) {}

  // Applies the changes sent; throws ValidationError naming every wrong field.
  core::User update_profile(const Caller& caller, const ProfileChanges& changes);
  // Everything the user owns goes with the account.
  void delete_account(const Caller& caller);

 private:
  store::Database& m_db;
  UserCache& m_cache;
};

}  // namespace qself::services
