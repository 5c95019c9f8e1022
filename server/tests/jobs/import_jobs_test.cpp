// Imports run as background jobs: the upload is kept on disk (privately), a
// job previews or commits it, one import per user at a time, a preview reads
// only (another user's write goes through while it runs), a commit writes in
// batches and, stopped midway, is finished by running it again without losing
// or doubling a log; nobody else sees or commits someone's upload.

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

#include "jobs/jobs_fixture.hpp"
#include "services/data_service.hpp"

using nlohmann::json;
using qself::testing::JobsTest;

namespace {

struct ImportJobsTest : JobsTest {
  std::unique_ptr<qself::testing::ServerProcess> worker;
  std::string token;

  void SetUp() override {
    start_server();
    token = sign_up("ada@example.org");
  }

  qself::testing::Reply send_file(const std::string& path, const std::string& file, const std::string& as = "") {
    return api->request_raw("POST", "/api/v1/" + path, file, "text/csv", as.empty() ? token : as);
  }

  json job(std::int64_t id, const std::string& as = "") {
    return api->get("jobs/" + std::to_string(id), as.empty() ? token : as).body["job"];
  }

  json finished(std::int64_t id) {
    json found;
    EXPECT_TRUE(eventually(
        [&] {
          found = job(id);
          return found["status"] == "done" || found["status"] == "failed";
        },
        std::chrono::seconds(180)))
        << found;
    return found;
  }

  // A qself CSV of `rows` logs of one numeric tracker, a minute apart; every
  // other row carries a uid (as exports do), the rest none (as older files).
  static std::string csv(int rows, const std::string& tracker = "Steps") {
    std::string out = "tracker,type,unit,logged_at,value,note,uid\r\n";
    const auto first = *qself::util::parse_rfc3339("2026-01-01T00:00:00Z");
    for (int i = 0; i < rows; ++i) {
      char uid[40] = "";
      if (i % 2 == 0) std::snprintf(uid, sizeof uid, "00000000-0000-4000-8000-%012d", i);
      out += tracker + ",numeric,," + qself::util::format_rfc3339(first.utc + std::chrono::minutes{i}) + "," +
             std::to_string(i) + ",," + uid + "\r\n";
    }
    return out;
  }

  long long logs_of(const std::string& email) const {
    return count(
        "SELECT COUNT(*) FROM logs WHERE tracker_id IN"
        " (SELECT t.id FROM trackers t JOIN users u ON u.id = t.user_id WHERE u.email = ?)",
        {email});
  }

  std::vector<std::filesystem::path> uploads() const {
    std::vector<std::filesystem::path> files;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() + "/imports", ignored)) {
      files.push_back(entry.path());
    }
    return files;
  }
};

mode_t mode_of(const std::filesystem::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 0777;
}

}  // namespace

TEST_F(ImportJobsTest, AnImportIsAJobWhoseLogsAppearWhenItIsDone) {
  worker = start("worker");
  const auto queued = send_file("imports", csv(3));
  ASSERT_EQ(queued.status, 202) << queued.raw;
  EXPECT_EQ(queued.body["job"]["kind"], "import");
  EXPECT_EQ(queued.body["job"]["mode"], "commit");
  const auto done = finished(queued.body["job"]["id"].get<std::int64_t>());
  ASSERT_EQ(done["status"], "done") << done;
  EXPECT_EQ(done["result"]["committed"], true);
  EXPECT_EQ(done["result"]["format"], "qself-csv");
  EXPECT_EQ(done["result"]["logs"], 3);
  EXPECT_EQ(done["result"]["trackers"][0]["action"], "create");
  const auto trackers = api->get("trackers", token).body["items"];
  ASSERT_EQ(trackers.size(), 1u);
  EXPECT_EQ(api->get("trackers/" + std::to_string(trackers[0]["id"].get<int>()) + "/logs", token).body["items"].size(),
            3u);
  EXPECT_TRUE(uploads().empty()) << "a committed upload is not kept";
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE payload LIKE '%Steps%'"), 0) << "the job holds ids only";
}

TEST_F(ImportJobsTest, OneImportPerUserAtATimeTheSecondIsRefusedUntilTheFirstIsDone) {
  // No worker yet: the preview waits.
  const auto preview = send_file("imports/preview", csv(4));
  ASSERT_EQ(preview.status, 202) << preview.raw;
  EXPECT_EQ(preview.body["job"]["status"], "queued");
  EXPECT_EQ(preview.body["job"]["mode"], "preview");
  const auto id = preview.body["job"]["id"].get<std::int64_t>();
  // Kept privately until committed.
  ASSERT_EQ(uploads().size(), 1u);
  EXPECT_EQ(mode_of(uploads()[0]), 0600);
  EXPECT_EQ(mode_of(dir.path() + "/imports"), 0700);

  for (const char* path : {"imports", "imports/preview"}) {
    const auto second = send_file(path, csv(2));
    EXPECT_EQ(second.status, 409) << second.raw;
    EXPECT_EQ(second.error_code(), "import_running");
  }
  EXPECT_EQ(uploads().size(), 1u) << "a refused upload is not stored";
  EXPECT_EQ(api->post("imports/" + std::to_string(id) + "/commit", json::object(), token).status, 404)
      << "a preview not done yet cannot be committed";
  // Another user is not held up by Ada's import.
  const std::string bea = sign_up("bea@example.org");
  EXPECT_EQ(send_file("imports/preview", csv(1), bea).status, 202);

  worker = start("worker");
  const auto checked = finished(id);
  ASSERT_EQ(checked["status"], "done") << checked;
  EXPECT_EQ(checked["result"]["committed"], false);
  EXPECT_EQ(checked["result"]["logs"], 4);
  EXPECT_FALSE(checked["expires_at"].get<std::string>().empty());
  EXPECT_EQ(logs_of("ada@example.org"), 0) << "a preview changes nothing";

  // Confirmed: committed from the upload kept, without sending it again.
  const auto commit = api->post("imports/" + std::to_string(id) + "/commit", json::object(), token);
  ASSERT_EQ(commit.status, 202) << commit.raw;
  EXPECT_EQ(commit.body["job"]["mode"], "commit");
  const auto committed = finished(commit.body["job"]["id"].get<std::int64_t>());
  ASSERT_EQ(committed["status"], "done") << committed;
  EXPECT_EQ(committed["result"]["logs"], 4);
  EXPECT_EQ(committed["result"]["trackers"], checked["result"]["trackers"]) << "the preview told what it does";
  EXPECT_EQ(logs_of("ada@example.org"), 4);
  EXPECT_EQ(api->post("imports/" + std::to_string(id) + "/commit", json::object(), token).status, 404)
      << "an upload is committed once";
}

TEST_F(ImportJobsTest, APreviewOnlyReadsAnotherUsersWriteGoesThroughWhileItRuns) {
  const std::string bea = sign_up("bea@example.org");
  const std::string water = api->create_tracker({{"name", "Water"}, {"type", "numeric"}}, bea);
  worker = start("worker");
  const auto preview = send_file("imports/preview", csv(150000));
  ASSERT_EQ(preview.status, 202) << preview.raw;
  const auto id = preview.body["job"]["id"].get<std::int64_t>();
  ASSERT_TRUE(eventually([&] { return job(id)["status"] == "running"; }, std::chrono::seconds(60)));

  // While Ada's preview runs, Bea's write is answered, and the preview is still running after it.
  const auto written = api->post(water + "/logs", {{"value", 1}}, bea);
  EXPECT_EQ(written.status, 201) << written.raw;
  EXPECT_EQ(job(id)["status"], "running") << "the write did not wait for the preview";

  const auto checked = finished(id);
  ASSERT_EQ(checked["status"], "done") << checked;
  EXPECT_EQ(checked["result"]["logs"], 150000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM trackers WHERE name = 'Steps'"), 0) << "a preview changes nothing";
  EXPECT_EQ(logs_of("ada@example.org"), 0);
}

TEST_F(ImportJobsTest, ACommitStoppedMidwayIsFinishedByRunningItAgainWithNothingLostOrDoubled) {
  constexpr int kRows = 5 * static_cast<int>(qself::services::kImportBatch);
  const std::string file = csv(kRows);
  worker = start("worker");
  const auto queued = send_file("imports", file);
  ASSERT_EQ(queued.status, 202) << queued.raw;
  const auto id = queued.body["job"]["id"].get<std::int64_t>();
  // Batches are committed as it goes: stop the worker dead after the first.
  ASSERT_TRUE(eventually([&] { return logs_of("ada@example.org") > 0; }, std::chrono::seconds(120)));
  worker->kill_hard();
  const auto committed_before = logs_of("ada@example.org");
  ASSERT_LT(committed_before, kRows) << "stopped midway";
  EXPECT_EQ(committed_before % static_cast<long long>(qself::services::kImportBatch), 0) << "whole batches only";
  EXPECT_NE(job(id)["status"], "done");

  // Another worker takes the job over after its lease and runs it again (the
  // scheduler's sweep re-sends a running job whose lease ran out).
  worker = start("worker");
  const auto scheduler = start("scheduler");
  const auto done = finished(id);
  ASSERT_EQ(done["status"], "done") << done;
  EXPECT_EQ(logs_of("ada@example.org"), kRows) << "nothing lost, nothing doubled";
  EXPECT_EQ(done["result"]["duplicates"], committed_before) << "the rerun skipped what the first run committed";
  EXPECT_EQ(done["result"]["logs"], kRows - committed_before);

  // The same file again adds nothing: rows with a uid and rows without.
  const auto again = send_file("imports", file);
  ASSERT_EQ(again.status, 202) << again.raw;
  const auto repeated = finished(again.body["job"]["id"].get<std::int64_t>());
  ASSERT_EQ(repeated["status"], "done") << repeated;
  EXPECT_EQ(repeated["result"]["logs"], 0);
  EXPECT_EQ(repeated["result"]["duplicates"], kRows);
  EXPECT_EQ(logs_of("ada@example.org"), kRows);
}

TEST_F(ImportJobsTest, AnImportReportsEachRowThatBreaksTheRulesAndStoresTheRest) {
  // The API's rules, row by row: a note over 10,000 characters, the years 1
  // and 9999, an hour ahead of now, NaN and a number too large to store.
  const std::string ahead = qself::util::format_rfc3339(qself::testing::test_now() + std::chrono::minutes{60});
  const std::string file =
      "tracker,type,unit,logged_at,value,note\r\n"
      "Water,numeric,,2026-05-01T08:00:00+02:00,1,first\r\n"
      "Water,numeric,,2026-05-01T09:00:00+02:00,2," +
      std::string(100000, 'x') +
      "\r\n"
      "Water,numeric,,0001-01-01T00:00:00Z,3,\r\n"
      "Water,numeric,,9999-12-31T23:59:59Z,4,\r\n"
      "Water,numeric,," +
      ahead +
      ",4,\r\n"
      "Water,numeric,,2026-05-01T10:00:00+02:00,NaN,\r\n"
      "Water,numeric,,2026-05-01T11:00:00+02:00,1e308,\r\n"
      "Water,numeric,,2026-05-01T12:00:00+02:00,5,last\r\n";
  const std::vector<std::pair<int, std::string>> expected = {
      {3, "Water: note must be at most 10000 characters"},
      {4, "Water: logged_at must not be before 1970"},
      {5, "Water: logged_at must not be in the future (at most 5 minutes ahead of now, for clocks that differ)"},
      {6, "Water: logged_at must not be in the future (at most 5 minutes ahead of now, for clocks that differ)"},
      {7, "value \"NaN\" is not a number"},
      {8, "Water: must have at most 15 digits before the decimal point"}};
  const auto problems_in = [](const json& result) {
    std::vector<std::pair<int, std::string>> problems;
    for (const auto& problem : result["problems"]) {
      problems.emplace_back(problem["line"].get<int>(), problem["reason"].get<std::string>());
    }
    return problems;
  };
  worker = start("worker");
  const auto preview = send_file("imports/preview", file);
  ASSERT_EQ(preview.status, 202) << preview.raw;
  const auto checked = finished(preview.body["job"]["id"].get<std::int64_t>());
  ASSERT_EQ(checked["status"], "done") << checked;
  EXPECT_EQ(problems_in(checked["result"]), expected);
  EXPECT_EQ(checked["result"]["logs"], 2);

  const auto commit =
      api->post("imports/" + std::to_string(checked["id"].get<int>()) + "/commit", json::object(), token);
  ASSERT_EQ(commit.status, 202) << commit.raw;
  const auto imported = finished(commit.body["job"]["id"].get<std::int64_t>());
  ASSERT_EQ(imported["status"], "done") << imported;
  EXPECT_EQ(problems_in(imported["result"]), expected) << "the preview told what the import does";
  const auto trackers = api->get("trackers", token).body["items"];
  ASSERT_EQ(trackers.size(), 1u);
  const auto logs = api->get("trackers/" + std::to_string(trackers[0]["id"].get<int>()) + "/logs", token).body["items"];
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0]["note"], "last");
  EXPECT_EQ(logs[1]["note"], "first");
}

TEST_F(ImportJobsTest, NobodyElseSeesOrCommitsSomeonesImport) {
  worker = start("worker");
  const auto preview = send_file("imports/preview", csv(2));
  ASSERT_EQ(preview.status, 202) << preview.raw;
  const auto id = preview.body["job"]["id"].get<std::int64_t>();
  ASSERT_EQ(finished(id)["status"], "done");

  const std::string eve = sign_up("eve@example.org");
  EXPECT_EQ(api->get("jobs/" + std::to_string(id), eve).status, 404);
  EXPECT_EQ(api->post("imports/" + std::to_string(id) + "/commit", json::object(), eve).status, 404);
  EXPECT_EQ(api->post("imports/" + std::to_string(id) + "/commit", json::object(), "").status, 401);
  EXPECT_EQ(api->post("imports/999999/commit", json::object(), token).status, 404);
  EXPECT_EQ(logs_of("eve@example.org"), 0);
  EXPECT_EQ(logs_of("ada@example.org"), 0);

  const auto commit = api->post("imports/" + std::to_string(id) + "/commit", json::object(), token);
  ASSERT_EQ(commit.status, 202) << commit.raw;
  EXPECT_EQ(finished(commit.body["job"]["id"].get<std::int64_t>())["status"], "done");
  EXPECT_EQ(logs_of("ada@example.org"), 2);
}
