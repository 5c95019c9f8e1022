#pragma once
// Serves the built web app: hashed assets cached for a year, everything else
// revalidated, and index.html for any path that is not a file (deep links).

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "http/request.hpp"

namespace qself::http {

class StaticFiles {
 public:
  // Reads every file under `root` once; a missing root serves a short notice.
  explicit StaticFiles(const std::string& root);
  Response serve(const std::string& path) const;

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::shared_ptr<const std::string> gzipped;  // compressed once, at start
    std::string etag;
  };
  std::map<std::string, File> m_files;
};

}  // namespace qself::http
