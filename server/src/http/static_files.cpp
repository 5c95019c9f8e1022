#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/http_cache.hpp"

namespace qself::http {
namespace {

std::string content_type_of(const std::filesystem::path& path) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  const auto found = types.find(path.extension().string());
  return found == types.end() ? "application/octet-stream" : found->second;
}

const char* kNoAppPage =
    "<!doctype html><meta charset=utf-8><title>qself</title>"
    "<p>The qself API is running at <a href=\"/api/v1/health\">/api/v1</a>. "
    "The web app has not been built: run <code>make build</code>.</p>";

// A dotfile or anything in a dot folder (.env, .git/config): never served, even
// when a build or a careless copy leaves one in the web folder.
bool is_hidden(const std::filesystem::path& relative) {
  for (const auto& part : relative) {
    if (part.string().starts_with('.')) return true;
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code error;
  if (!std::filesystem::is_directory(root, error)) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, error)) {
    if (!entry.is_regular_file() || is_hidden(std::filesystem::relative(entry.path(), root))) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    std::string relative = "/";  // appended, not "/" + …: GCC 12 warns falsely (-Wrestrict) on that form
    relative += std::filesystem::relative(entry.path(), root).generic_string();
    File file{body.str(), content_type_of(entry.path()), nullptr, ""};
    file.etag = etag_of(file.body);
    if (is_compressible(file.content_type) && file.body.size() >= kGzipFrom) {
      file.gzipped = std::make_shared<const std::string>(gzip(file.body, 9));
    }
    m_files[relative] = std::move(file);
  }
}

Response StaticFiles::serve(const std::string& path) const {
  Response response;
  auto found = m_files.find(path == "/" ? "/index.html" : path);
  const bool is_asset = found != m_files.end() && path.starts_with("/assets/");
  if (found == m_files.end()) {
    const bool looks_like_file = path.rfind('.') != std::string::npos && path.rfind('.') > path.rfind('/');
    const bool hidden = path.find("/.") != std::string::npos;  // /.git/config: not the app's page either
    if (looks_like_file || hidden || path.starts_with("/assets/")) {
      response.status = 404;
      response.content_type = "text/plain; charset=utf-8";
      response.body = "Not found.\n";
      return response;
    }
    found = m_files.find("/index.html");  // a route of the single-page app
  }
  if (found == m_files.end()) {
    response.content_type = "text/html; charset=utf-8";
    response.body = kNoAppPage;
    return response;
  }
  response.body = found->second.body;
  response.content_type = found->second.content_type;
  response.gzipped = found->second.gzipped;
  response.etag = found->second.etag;
  response.headers.emplace_back("Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

}  // namespace qself::http
