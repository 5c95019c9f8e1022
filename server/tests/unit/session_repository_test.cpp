// SessionRepository on a real SQLite file: how many login sessions a user keeps.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "store/repositories.hpp"
#include "support/database_file.hpp"

using namespace std::chrono_literals;
using qself::core::TokenKind;
using qself::store::SessionRepository;
using qself::testing::DatabaseFile;

namespace {

const qself::util::Timestamp kAt{std::chrono::seconds{1'771'322'400}};  // 2026-02-17T10:00:00Z

std::int64_t add_user(qself::store::Connection& connection, const std::string& email) {
  qself::core::User user;
  user.email = email;
  user.verified_at = kAt;
  return qself::store::UserRepository(connection).insert(user, "x", kAt).id;
}

}  // namespace

TEST(SessionRepository, KeepsTheMostRecentlyUsedSessionsAndEveryPersonalToken) {
  DatabaseFile file;
  auto connection = file.db().connect();
  const auto ada = add_user(*connection, "ada@example.org");
  const auto bob = add_user(*connection, "bob@example.org");
  SessionRepository sessions(*connection);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(sessions.insert(ada, "ada-" + std::to_string(i), kAt + i * 1s, kAt + 24h * 30));
  }
  sessions.touch(ids[0], kAt + 100s);  // the oldest one, used most recently
  sessions.insert(ada, "ada-token", kAt, kAt + 24h * 365, TokenKind::personal, "script");
  sessions.insert(bob, "bob-0", kAt, kAt + 24h * 30);
  sessions.insert(bob, "bob-1", kAt, kAt + 24h * 30);

  sessions.keep_recent_sessions(ada, 3);

  for (const char* kept : {"ada-0", "ada-3", "ada-4", "ada-token", "bob-0", "bob-1"}) {
    EXPECT_TRUE(sessions.find_by_token_hash(kept)) << kept;
  }
  for (const char* gone : {"ada-1", "ada-2"}) EXPECT_FALSE(sessions.find_by_token_hash(gone)) << gone;
  sessions.keep_recent_sessions(ada, 3);  // already within: nothing more goes
  EXPECT_TRUE(sessions.find_by_token_hash("ada-3"));
}
