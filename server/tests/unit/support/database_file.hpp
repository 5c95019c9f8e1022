#pragma once
// A fresh, migrated SQLite file in its own temporary folder, for the unit tests
// of what sits right on the store: removed with its folder when destroyed.

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

#include "store/database.hpp"

namespace qself::testing {

class DatabaseFile {
 public:
  // Writers of db() give up after `busy_timeout` (a short one keeps tests of
  // the wait short).
  explicit DatabaseFile(std::chrono::milliseconds busy_timeout = store::kBusyTimeout) {
    std::string pattern = (std::filesystem::temp_directory_path() / "qself-unit-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    m_folder = pattern;
    m_db = store::open_database(url(), 8, busy_timeout);
    m_db->migrate();
  }
  ~DatabaseFile() {
    m_db.reset();
    std::error_code ignored;
    std::filesystem::remove_all(m_folder, ignored);
  }
  DatabaseFile(const DatabaseFile&) = delete;
  DatabaseFile& operator=(const DatabaseFile&) = delete;

  // The URL of the file, to open it again (as another process would).
  std::string url() const { return "sqlite:" + (m_folder / "qself.db").string(); }
  store::Database& db() { return *m_db; }

 private:
  std::filesystem::path m_folder;
  std::unique_ptr<store::Database> m_db;
};

}  // namespace qself::testing
