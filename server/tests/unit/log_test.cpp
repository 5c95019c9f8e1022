// Log lines (util/log.hpp): with QSELF_LOG_FORMAT=json each is one JSON
// object, whatever its message holds.

#include "util/log.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

// Runs `body` with standard error going to a file, and answers what it wrote.
template <typename Body>
std::string stderr_of(Body body) {
  char path[] = "/tmp/qself-log-test-XXXXXX";
  const int file = mkstemp(path);
  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  dup2(file, STDERR_FILENO);
  body();
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  close(file);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  unlink(path);
  return text.str();
}

// The format is process-wide: each test puts back the default.
struct JsonFormat {
  JsonFormat() { qself::util::set_log_format(qself::util::LogFormat::json); }
  ~JsonFormat() { qself::util::set_log_format(qself::util::LogFormat::text); }
};

}  // namespace

TEST(Log, AJsonLineIsOneObjectWhateverTheMessageHolds) {
  const JsonFormat json_format;
  const std::string written = stderr_of([] {
    qself::util::log(
        qself::util::Level::warning, "a \"quoted\"\nsecond line\\ and \x01 control",
        {{"route", std::string_view("/api/v1/trackers/{id}")}, {"status", std::int64_t{404}}, {"ms", 1.25}});
  });
  ASSERT_FALSE(written.empty());
  EXPECT_EQ(written.find('\n'), written.size() - 1) << "one line: " << written;
  const auto line = nlohmann::json::parse(written);
  EXPECT_EQ(line["level"], "warn");
  EXPECT_EQ(line["msg"], "a \"quoted\"\nsecond line\\ and \x01 control");
  EXPECT_EQ(line["route"], "/api/v1/trackers/{id}");
  EXPECT_EQ(line["status"], 404);
  EXPECT_DOUBLE_EQ(line["ms"].get<double>(), 1.25);
  EXPECT_TRUE(line["time"].is_string());
}

TEST(Log, TheTextFormatIsOneLineWithoutFields) {
  const std::string written = stderr_of([] {
    qself::util::log(qself::util::Level::info, "GET /api/v1/health 200", {{"status", std::int64_t{200}}});
  });
  EXPECT_TRUE(written.ends_with(" info GET /api/v1/health 200\n")) << written;
}
