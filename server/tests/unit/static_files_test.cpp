// The web app's files (http/static_files.hpp): read once from the web folder;
// a path of the single-page app gets index.html, a missing file 404, and a
// dotfile is never served.

#include "http/static_files.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace {

class WebFolder {
 public:
  WebFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "qself-web-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    m_root = pattern;
  }
  ~WebFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(m_root, ignored);
  }
  WebFolder(const WebFolder&) = delete;
  WebFolder& operator=(const WebFolder&) = delete;

  void write(const std::string& relative, const std::string& text) const {
    const auto path = m_root / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
  std::string root() const { return m_root.string(); }

 private:
  std::filesystem::path m_root;
};

}  // namespace

TEST(StaticFiles, ServeTheAppAndItsAssetsButNeverADotfile) {
  WebFolder web;
  web.write("index.html", "<!doctype html><title>qself</title>");
  web.write("assets/app-1234.js", "console.log(1)");
  web.write(".env", "SECRET=1");
  web.write(".git/config", "[remote]");
  web.write("assets/.cache/x.js", "cached");
  const qself::http::StaticFiles files(web.root());

  EXPECT_EQ(files.serve("/").body, "<!doctype html><title>qself</title>");
  EXPECT_EQ(files.serve("/trackers/12").body, "<!doctype html><title>qself</title>") << "a route of the app";
  EXPECT_EQ(files.serve("/assets/app-1234.js").body, "console.log(1)");
  EXPECT_EQ(files.serve("/missing.js").status, 404);
  for (const char* hidden : {"/.env", "/.git/config", "/assets/.cache/x.js", "/.git/"}) {
    const auto response = files.serve(hidden);
    EXPECT_EQ(response.status, 404) << hidden;
    EXPECT_EQ(response.body.find("SECRET"), std::string::npos) << hidden;
    EXPECT_EQ(response.body.find("[remote]"), std::string::npos) << hidden;
  }
}
