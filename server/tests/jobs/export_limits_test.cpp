// Exports cannot fill the disk: one at a time per user, only the newest file
// kept, and nobody but qself's own user can read them (nor the database).

#include <sys/stat.h>

#include <filesystem>
#include <vector>

#include "jobs/jobs_fixture.hpp"

using nlohmann::json;
using qself::testing::JobsTest;

namespace {

// The permission bits of `path` (e.g. 0600).
unsigned mode_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return static_cast<unsigned>(info.st_mode & 07777);
}

std::vector<std::string> files_in(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

struct ExportLimitsTest : JobsTest {
  std::string token;

  void SetUp() override {
    start_server();
    token = sign_up("ada@example.org");
    const std::string tracker = api->create_tracker({{"name", "Water"}, {"type", "numeric"}}, token);
    api->add_logs(tracker, {{1, "2026-05-01T08:00:00Z"}, {2, "2026-05-02T08:00:00Z"}}, token);
  }

  json finished(const json& job) {
    json seen;
    EXPECT_TRUE(eventually([&] {
      seen = api->get("jobs/" + std::to_string(job["id"].get<int>()), token).body["job"];
      return seen["status"] == "done";
    }));
    return seen;
  }
};

}  // namespace

TEST_F(ExportLimitsTest, ASecondRequestWhileOneWaitsAnswersTheSameJob) {
  // No worker yet: the first export waits.
  const auto first = api->post("exports", {{"format", "json"}}, token);
  ASSERT_EQ(first.status, 202) << first.raw;
  for (const char* format : {"json", "csv"}) {
    const auto again = api->post("exports", {{"format", format}}, token);
    EXPECT_EQ(again.status, 200) << again.raw;
    EXPECT_EQ(again.body["job"]["id"], first.body["job"]["id"]) << again.raw;
  }
  // Another user is not held back by Ada's export.
  const std::string grace = sign_up("grace@example.org");
  EXPECT_EQ(api->post("exports", json::object(), grace).status, 202);
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'export'"), 2);

  const auto worker = start("worker");
  finished(first.body["job"]);
  // Once it is done, a new request makes a new export.
  const auto next = api->post("exports", {{"format", "csv"}}, token);
  EXPECT_EQ(next.status, 202) << next.raw;
  EXPECT_NE(next.body["job"]["id"], first.body["job"]["id"]);
}

TEST_F(ExportLimitsTest, OnlyTheNewestExportStaysOnDiskAndOnlyQselfCanReadIt) {
  const auto worker = start("worker");
  const auto first = finished(api->post("exports", {{"format", "json"}}, token).body["job"]);
  const std::string exports = dir.path() + "/exports";
  const auto after_first = files_in(exports);
  ASSERT_EQ(after_first.size(), 1u);
  EXPECT_EQ(mode_of(exports), 0700u);
  EXPECT_EQ(mode_of(exports + "/" + after_first[0]), 0600u);
  if (qself::testing::test_backend() == qself::testing::Backend::sqlite) {
    EXPECT_EQ(mode_of(dir.path() + "/qself.db"), 0600u);  // PostgreSQL keeps its files itself
  }
  EXPECT_EQ(api->request_raw("GET", first["download_url"], "", "", token).status, 200);

  const auto second = finished(api->post("exports", {{"format", "csv"}}, token).body["job"]);
  const auto after_second = files_in(exports);
  ASSERT_EQ(after_second.size(), 1u) << "the older export was removed when the newer one finished";
  EXPECT_NE(after_second[0], after_first[0]);
  EXPECT_TRUE(after_second[0].starts_with(std::to_string(second["id"].get<int>()) + "-"));
  EXPECT_EQ(mode_of(exports + "/" + after_second[0]), 0600u);
  EXPECT_EQ(api->request_raw("GET", first["download_url"], "", "", token).status, 404);
  EXPECT_EQ(api->request_raw("GET", second["download_url"], "", "", token).status, 200);
}

TEST_F(ExportLimitsTest, ANewDataFolderIsPrivate) {
  // A folder qself creates itself, with the database in it.
  const std::string data = dir.path() + "/fresh";
  const auto worker = start("worker", {{"QSELF_DATA_DIR", data}});
  EXPECT_EQ(mode_of(data), 0700u);
  if (qself::testing::test_backend() != qself::testing::Backend::sqlite) return;  // no database file in it
  EXPECT_EQ(mode_of(data + "/qself.db"), 0600u);
  for (const char* suffix : {"-wal", "-shm"}) {
    if (std::filesystem::exists(data + "/qself.db" + suffix)) {
      EXPECT_EQ(mode_of(data + "/qself.db" + suffix), 0600u);
    }
  }
}
