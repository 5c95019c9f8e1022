// The SQLite backend (store/sqlite_database.cpp): a writer never waits for the
// write lock longer than the busy timeout — neither for another writer of this
// process nor for another process — and then gets store::DatabaseBusy, while
// reads go on.

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "support/database_file.hpp"

using qself::store::DatabaseBusy;
using qself::store::Transaction;
using qself::testing::DatabaseFile;

namespace {

// Short, so that the waits these tests provoke are short.
constexpr std::chrono::milliseconds kShortBusyTimeout{200};
constexpr std::string_view kAnyWrite = "UPDATE scheduler_fence SET token = token";
constexpr std::string_view kAnyRead = "SELECT COUNT(*) FROM scheduler_fence";

void write_in_a_transaction(qself::store::Connection& connection) {
  Transaction transaction(connection, Transaction::Mode::write);
  connection.execute(kAnyWrite);
  transaction.commit();
}

}  // namespace

TEST(SqliteDatabase, AWriterGivesUpOnAnotherWriterOfThisProcessWithDatabaseBusy) {
  DatabaseFile file(kShortBusyTimeout);
  auto holder = file.db().connect();
  auto waiting = file.db().connect();
  {
    Transaction held(*holder, Transaction::Mode::write);
    EXPECT_THROW(write_in_a_transaction(*waiting), DatabaseBusy);
    EXPECT_EQ(waiting->query_integer(kAnyRead), 1) << "reads do not wait for writers";
    held.commit();
  }
  EXPECT_NO_THROW(write_in_a_transaction(*waiting)) << "the lock is free again";
}

TEST(SqliteDatabase, AWriteLockHeldByAnotherProcessIsDatabaseBusyForATransaction) {
  DatabaseFile file(kShortBusyTimeout);
  auto elsewhere = qself::store::open_database(file.url());  // its own write mutex, as another process has
  auto holder = elsewhere->connect();
  Transaction held(*holder, Transaction::Mode::write);
  auto waiting = file.db().connect();
  EXPECT_THROW(write_in_a_transaction(*waiting), DatabaseBusy);
  EXPECT_EQ(waiting->query_integer(kAnyRead), 1) << "reads do not wait for writers";
}

TEST(SqliteDatabase, AWriteLockHeldByAnotherProcessIsDatabaseBusyForASingleStatement) {
  DatabaseFile file(kShortBusyTimeout);
  auto elsewhere = qself::store::open_database(file.url());
  auto holder = elsewhere->connect();
  Transaction held(*holder, Transaction::Mode::write);
  auto waiting = file.db().connect();
  EXPECT_THROW(waiting->execute(kAnyWrite), DatabaseBusy);
}

TEST(SqliteDatabase, APoolOfOneConnectionMigratesAndLendsItOutAgain) {
  DatabaseFile file;
  auto one = qself::store::open_database(file.url(), 1);
  EXPECT_EQ(one->migrate(), file.db().schema_version()) << "migrating must not ask the pool for a second connection";
  EXPECT_EQ(one->schema_version(), file.db().schema_version());
  auto lent = one->connect();
  EXPECT_EQ(lent->query_integer(kAnyRead), 1);
}
