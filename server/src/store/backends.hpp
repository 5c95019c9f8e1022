#pragma once
// The backends behind open_database, for database.cpp only.

#include <chrono>
#include <memory>
#include <string>

#include "store/database.hpp"

namespace qself::store {

std::unique_ptr<Database> open_sqlite_database(const std::string& path, int max_connections,
                                               std::chrono::milliseconds busy_timeout);
// `url` goes to libpq as it is (PQconnectdb), which takes both URI forms.
std::unique_ptr<Database> open_postgres_database(const std::string& url, int max_connections,
                                                 std::chrono::milliseconds busy_timeout);

}  // namespace qself::store
