#pragma once
// Numbered schema files from db/migrations/<dialect>/, embedded at build time.

#include <span>
#include <string_view>

namespace qself::store {

struct Migration {
  std::string_view version;  // the file's stem, e.g. "0001_init"
  std::string_view sql;
};

std::span<const Migration> sqlite_migrations();

}  // namespace qself::store
