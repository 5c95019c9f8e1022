#pragma once
// Numbered schema files from db/migrations/<dialect>/, embedded at build time.

#include <span>
#include <string_view>

namespace qself::store {

struct Migration {
  std::string_view version;  // the file's stem, e.g. "0001_init"
  std::string_view sql;
};

// Both lists hold the same versions, in order: one history, two dialects.
std::span<const Migration> sqlite_migrations();
std::span<const Migration> postgres_migrations();

}  // namespace qself::store
