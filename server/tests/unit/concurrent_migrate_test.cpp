// Several openers of one new SQLite file at the same moment (serve, worker and
// scheduler started together) all open and migrate it: none gets "database is
// locked" from switching the file to WAL or from a migration another applies.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"

namespace {

struct ScratchFolder {
  std::string path;
  ScratchFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "qself-migrate-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

TEST(ConcurrentMigrate, OpenersOfANewDatabaseAtOnceAllOpenAndMigrateIt) {
  const ScratchFolder folder;
  constexpr int kRounds = 40;
  constexpr int kOpeners = 3;
  int failed = 0;
  std::string first_failure;
  for (int round = 0; round < kRounds; ++round) {
    const std::string url = "sqlite:" + folder.path + "/round" + std::to_string(round) + ".db";
    std::vector<std::string> failures(kOpeners);
    std::vector<std::string> versions(kOpeners);
    std::vector<std::thread> openers;
    for (int i = 0; i < kOpeners; ++i) {
      openers.emplace_back([&, i] {
        try {
          versions[i] = qself::store::open_database(url, 2)->migrate();
        } catch (const std::exception& error) {
          failures[i] = error.what();
        }
      });
    }
    for (auto& opener : openers) opener.join();
    for (int i = 0; i < kOpeners; ++i) {
      if (!failures[i].empty()) {
        ++failed;
        if (first_failure.empty()) first_failure = failures[i];
      } else {
        EXPECT_EQ(versions[i], versions[0]) << "every opener sees the same, newest schema";
      }
    }
  }
  EXPECT_EQ(failed, 0) << "of " << kRounds * kOpeners << " openers; the first said: " << first_failure;
}
