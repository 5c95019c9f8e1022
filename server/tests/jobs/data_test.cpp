// Your data is yours: export (as a job, downloaded by its owner only), import
// (as a job, one per user at a time) with a preview that changes nothing, and a
// round trip that loses nothing.

#include <map>
#include <set>
#include <tuple>

#include "jobs/jobs_fixture.hpp"
#include "store/database.hpp"

using nlohmann::json;
using qself::testing::JobsTest;

namespace {

struct DataTest : JobsTest {
  std::unique_ptr<qself::testing::ServerProcess> worker;
  std::string token;

  void SetUp() override {
    start_server();
    worker = start("worker");
    token = sign_up("ada@example.org", "Europe/Paris");
  }

  // One tracker of every type, with logs that exercise each value's edge.
  void seed() {
    const std::vector<std::pair<json, std::vector<json>>> trackers = {
        {{{"name", "Weight"},
          {"type", "numeric"},
          {"unit", "kg"},
          {"options", {{"min", 30}, {"decimals", 1}}},
          {"target", {{"op", "at_most"}, {"value", 70}}},
          {"icon", "⚖️"}},
         {72.5, 71.9}},
        {{{"name", "Meditated"},
          {"type", "boolean"},
          {"frequency", "daily"},
          {"reminder_schedule", {{"times", {"07:15", "21:00"}}, {"days", {"mon", "sat"}}}}},
         {true, false}},
        {{{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"low", "fine, really", "high \"!\""}}}}},
         {"fine, really", "high \"!\""}},
        {{{"name", "Focus"}, {"type", "rating"}, {"options", {{"scale", 10}}}, {"archived", true}}, {7}},
        {{{"name", "Reading"}, {"type", "duration"}, {"frequency", "weekly"}}, {5415}},
        {{{"name", "Journal"}, {"type", "text"}, {"reminders", false}}, {"Line one\nline two, with \"quotes\""}},
    };
    int minute = 10;
    for (const auto& [fields, values] : trackers) {
      const std::string path = api->create_tracker(fields, token);
      for (const auto& value : values) {
        const std::string when = "2026-05-01T08:" + std::to_string(minute++) + ":00+02:00";
        ASSERT_EQ(api->post(path + "/logs",
                            {{"value", value}, {"logged_at", when}, {"note", "note " + std::to_string(minute)}}, token)
                      .status,
                  201);
      }
    }
  }

  std::string export_file(const std::string& format) {
    const auto requested = api->post("exports", {{"format", format}}, token);
    EXPECT_EQ(requested.status, 202) << requested.raw;
    const std::string job = "jobs/" + std::to_string(requested.body["job"]["id"].get<int>());
    json finished;
    EXPECT_TRUE(eventually([&] {
      finished = api->get(job, token).body["job"];
      return finished["status"] == "done";
    }));
    const auto download = api->request_raw("GET", finished["download_url"], "", "", token);
    EXPECT_EQ(download.status, 200);
    EXPECT_NE(download.headers.at("content-disposition").find("attachment"), std::string::npos);
    return download.raw;
  }

  qself::testing::Reply send_file(const std::string& path, const std::string& file) {
    return api->request_raw("POST", "/api/v1/" + path, file, "application/octet-stream", token);
  }

  // The job `id` once it has finished (done or failed).
  json finished_job(std::int64_t id, const std::string& as = "") {
    json job;
    EXPECT_TRUE(eventually(
        [&] {
          job = api->get("jobs/" + std::to_string(id), as.empty() ? token : as).body["job"];
          return job["status"] == "done" || job["status"] == "failed";
        },
        std::chrono::seconds(120)))
        << job;
    return job;
  }

  // Sends the file to POST /imports or /imports/preview and follows the job:
  // answers its result as the body (200), the job's error as a 422 on "file"
  // when it failed, or the request's own answer when no job was queued.
  qself::testing::Reply upload(const std::string& path, const std::string& file) {
    auto reply = send_file(path, file);
    if (reply.status != 202) return reply;
    EXPECT_EQ(reply.body["job"]["kind"], "import");
    EXPECT_EQ(reply.body["job"]["mode"], path.ends_with("preview") ? "preview" : "commit");
    return outcome(finished_job(reply.body["job"]["id"].get<std::int64_t>()));
  }

  static qself::testing::Reply outcome(const json& job) {
    qself::testing::Reply done;
    if (job["status"] == "done") {
      done.status = 200;
      done.body = job["result"];
    } else {
      done.status = 422;
      done.body = {{"error", {{"code", "validation_failed"}, {"fields", {{"file", job["error"]}}}}}};
    }
    done.raw = done.body.dump();
    return done;
  }

  // The export without what differs between two accounts by nature.
  static json content(const std::string& exported) {
    auto document = json::parse(exported);
    document.erase("exported_at");
    for (auto& tracker : document["trackers"]) {
      tracker.erase("created_at");
      tracker.erase("position");
    }
    return document["trackers"];
  }
};

}  // namespace

TEST_F(DataTest, ExportDeleteRegisterImportExportGivesTheSameContent) {
  seed();
  const std::string first = export_file("json");
  const auto before = content(first);
  ASSERT_EQ(before.size(), 6u);

  ASSERT_EQ(api->delete_account(token).status, 204);
  token = sign_up("ada@example.org", "Europe/Paris");
  const auto imported = upload("imports", first);
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["logs"], 9);
  EXPECT_TRUE(imported.body["problems"].empty()) << imported.raw;

  EXPECT_EQ(content(export_file("json")), before);
}

TEST_F(DataTest, ARoundTripKeepsSameInstantLogsAndTheirUidsAndAddsNothingTheSecondTime) {
  // Two taps of "+1" in the same second, in two trackers, and one a moment later.
  const std::string water = api->create_tracker({{"name", "Water"}, {"type", "numeric"}, {"unit", "glasses"}}, token);
  const std::string coffee = api->create_tracker({{"name", "Coffee"}, {"type", "numeric"}}, token);
  for (const auto& [tracker, when] :
       std::vector<std::pair<std::string, std::string>>{{water, "2026-05-01T08:00:00+02:00"},
                                                        {water, "2026-05-01T08:00:00+02:00"},
                                                        {water, "2026-05-01T08:00:00.500+02:00"},
                                                        {coffee, "2026-05-01T08:00:00+02:00"},
                                                        {coffee, "2026-05-01T08:00:00+02:00"}}) {
    ASSERT_EQ(api->post(tracker + "/logs", {{"value", 1}, {"logged_at", when}}, token).status, 201);
  }
  const std::string exported = export_file("json");
  const std::string csv = export_file("csv");
  std::map<std::string, std::multiset<std::string>> uids_before;
  const json exported_document = json::parse(exported);
  for (const auto& tracker : exported_document["trackers"]) {
    for (const auto& log : tracker["logs"])
      uids_before[tracker["name"].get<std::string>()].insert(log["uid"].get<std::string>());
  }
  ASSERT_EQ(uids_before["Water"].size(), 3u);
  ASSERT_EQ(std::set<std::string>(uids_before["Water"].begin(), uids_before["Water"].end()).size(), 3u);

  // Into an empty account: every log, each with its uid, counted per tracker exactly.
  ASSERT_EQ(api->delete_account(token).status, 204);
  token = sign_up("ada@example.org", "Europe/Paris");
  const auto preview = upload("imports/preview", exported);
  const auto imported = upload("imports", exported);
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["logs"], 5);
  EXPECT_EQ(imported.body["duplicates"], 0);
  EXPECT_EQ(preview.body["logs"], imported.body["logs"]);
  EXPECT_EQ(preview.body["trackers"], imported.body["trackers"]) << "a preview tells what the import does";
  std::map<std::string, std::multiset<std::string>> uids_after;
  const auto trackers = api->get("trackers?archived=all", token);
  for (const auto& tracker : trackers.body["items"]) {
    const auto logs = api->get("trackers/" + std::to_string(tracker["id"].get<int>()) + "/logs", token);
    for (const auto& log : logs.body["items"])
      uids_after[tracker["name"].get<std::string>()].insert(log["uid"].get<std::string>());
  }
  EXPECT_EQ(uids_after, uids_before);

  // Again, as JSON or as CSV: nothing new.
  for (const std::string* file : {&exported, &csv}) {
    const auto again = upload("imports", *file);
    ASSERT_EQ(again.status, 200) << again.raw;
    EXPECT_EQ(again.body["logs"], 0) << again.raw;
    EXPECT_EQ(again.body["duplicates"], 5);
  }

  // An export made before logs had ids: matched by time, value and note, one log per row.
  json old_format = exported_document;
  for (auto& tracker : old_format["trackers"]) {
    for (auto& log : tracker["logs"]) log.erase("uid");
  }
  const auto without_uids = upload("imports/preview", old_format.dump());
  EXPECT_EQ(without_uids.body["logs"], 0) << without_uids.raw;
  EXPECT_EQ(without_uids.body["duplicates"], 5);
  ASSERT_EQ(api->delete_account(token).status, 204);
  token = sign_up("ada@example.org", "Europe/Paris");
  const auto into_empty = upload("imports", old_format.dump());
  EXPECT_EQ(into_empty.body["logs"], 5) << into_empty.raw;
  for (const auto& tracker : into_empty.body["trackers"]) {
    EXPECT_EQ(tracker["logs"], tracker["name"] == "Water" ? 3 : 2) << tracker;
  }
  EXPECT_EQ(upload("imports", old_format.dump()).body["logs"], 0);
}

TEST_F(DataTest, CsvExportIsOneQuotedRowPerLog) {
  seed();
  const std::string csv = export_file("csv");
  EXPECT_EQ(csv.rfind("tracker,type,unit,logged_at,value,note,uid\r\n", 0), 0u);
  EXPECT_NE(csv.find("Weight,numeric,kg,2026-05-01T08:10:00+02:00,72.5,note 11,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("Mood,choice,,2026-05-01T08:14:00+02:00,\"fine, really\",note 15,"), std::string::npos);
  EXPECT_NE(csv.find("\"high \"\"!\"\"\""), std::string::npos) << "quotes are doubled";
  EXPECT_NE(csv.find("\"Line one\nline two, with \"\"quotes\"\"\""), std::string::npos) << "line breaks stay quoted";
  EXPECT_NE(csv.find("Reading,duration,,2026-05-01T08:17:00+02:00,1:30:15,note 18"), std::string::npos);
  // Read back by the importer: the same logs, and nothing new the second time.
  const auto preview = upload("imports/preview", csv);
  ASSERT_EQ(preview.status, 200) << preview.raw;
  EXPECT_EQ(preview.body["format"], "qself-csv");
  EXPECT_EQ(preview.body["logs"], 0) << "every row is already there";
  EXPECT_EQ(preview.body["duplicates"], 9);
}

TEST_F(DataTest, CsvTextCellsASpreadsheetWouldRunAreGuardedAndReadBackExactly) {
  // A cell starting with = + - @ (or a tab or CR) runs as a formula in a
  // spreadsheet: each text cell that does gets an apostrophe, as does one that
  // starts with an apostrophe, so that the import takes exactly one off.
  const std::string journal = api->create_tracker({{"name", "=Journal"}, {"type", "text"}}, token);
  const std::string weight = api->create_tracker({{"name", "Weight"}, {"type", "numeric"}, {"unit", "-kg"}}, token);
  const std::string mood =
      api->create_tracker({{"name", "Mood"}, {"type", "choice"}, {"options", {{"choices", {"+1", "fine"}}}}}, token);
  const std::vector<std::tuple<std::string, json, std::string>> logs = {
      {journal, "+SUM(A1:A9)", "=1+1"}, {journal, "'tis", "@a"}, {weight, -5, "-x"},
      {weight, 70, "'quoted"},          {mood, "+1", "plain"},   {mood, "fine", "=HYPERLINK(\"x\")"}};
  int minute = 10;
  for (const auto& [tracker, value, note] : logs) {
    const std::string when = "2026-05-01T08:" + std::to_string(minute++) + ":00+02:00";
    ASSERT_EQ(api->post(tracker + "/logs", {{"value", value}, {"logged_at", when}, {"note", note}}, token).status, 201);
  }
  // What each log says, whatever the account: tracker, value and note.
  const auto said = [](const std::string& exported) {
    std::multiset<std::string> rows;
    const json document = json::parse(exported);
    for (const auto& tracker : document["trackers"]) {
      for (const auto& log : tracker["logs"]) {
        rows.insert(tracker["name"].get<std::string>() + " | " + log["value"].dump() + " | " +
                    log["note"].get<std::string>());
      }
    }
    return rows;
  };
  const auto before = said(export_file("json"));

  const std::string csv = export_file("csv");
  for (const char* row :
       {"'=Journal,text,,2026-05-01T08:10:00+02:00,'+SUM(A1:A9),'=1+1,",
        "'=Journal,text,,2026-05-01T08:11:00+02:00,''tis,'@a,", "Weight,numeric,'-kg,2026-05-01T08:12:00+02:00,-5,'-x,",
        "Weight,numeric,'-kg,2026-05-01T08:13:00+02:00,70,''quoted,",
        "Mood,choice,,2026-05-01T08:14:00+02:00,'+1,plain,",
        "Mood,choice,,2026-05-01T08:15:00+02:00,fine,\"'=HYPERLINK(\"\"x\"\")\","}) {
    EXPECT_NE(csv.find(row), std::string::npos) << row << "\n" << csv;
  }

  ASSERT_EQ(api->delete_account(token).status, 204);
  token = sign_up("ada@example.org", "Europe/Paris");
  const auto imported = upload("imports", csv);
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_TRUE(imported.body["problems"].empty()) << imported.raw;
  EXPECT_EQ(imported.body["logs"], 6);
  EXPECT_EQ(said(export_file("json")), before) << "the round trip through CSV is exact";
}

TEST_F(DataTest, OnlyTheOwnerDownloadsAnExport) {
  seed();
  const auto requested = api->post("exports", {{"format", "csv"}}, token);
  const std::string job = "jobs/" + std::to_string(requested.body["job"]["id"].get<int>());
  json finished;
  ASSERT_TRUE(eventually([&] {
    finished = api->get(job, token).body["job"];
    return finished["status"] == "done";
  }));
  const std::string eve = sign_up("eve@example.org");
  EXPECT_EQ(api->request_raw("GET", finished["download_url"], "", "", eve).status, 404);
  EXPECT_EQ(api->request_raw("GET", finished["download_url"], "", "", "").status, 401);
  EXPECT_EQ(api->post("exports", {{"format", "xml"}}, token).status, 422);
}

TEST_F(DataTest, APreviewChangesNothingAndAReimportAddsNothing) {
  const std::string daylio =
      "full_date,date,weekday,time,mood,activities,note_title,note\n"
      "2026-05-02,May 2,Saturday,20:35,good,reading | running,,Nice run\n"
      "2026-05-01,May 1,Friday,8:10,meh,reading,,\n";
  const auto preview = upload("imports/preview", daylio);
  ASSERT_EQ(preview.status, 200) << preview.raw;
  EXPECT_EQ(preview.body["format"], "daylio");
  EXPECT_EQ(preview.body["committed"], false);
  EXPECT_GE(preview.body["trackers"].size(), 3u);
  EXPECT_TRUE(api->get("trackers?archived=all", token).body["items"].empty()) << "a preview changes nothing";

  const auto imported = upload("imports", daylio);
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["logs"], preview.body["logs"]);
  EXPECT_EQ(api->get("trackers?archived=all", token).body["items"].size(), preview.body["trackers"].size());

  const auto again = upload("imports", daylio);
  EXPECT_EQ(again.body["logs"], 0);
  EXPECT_EQ(again.body["duplicates"], imported.body["logs"]);
  for (const auto& tracker : again.body["trackers"]) EXPECT_EQ(tracker["action"], "reuse");
}

TEST_F(DataTest, MalformedFilesAreRefusedClearlyAndChangeNothing) {
  for (const std::string& bad : {std::string("not,a,known,header\n1,2,3,4\n"), std::string("{\"format\": \"qself\""),
                                 std::string("PK\x03\x04garbage", 12), std::string("FeatureName,Timestamp\n")}) {
    const auto reply = upload("imports", bad);
    EXPECT_EQ(reply.status, 422) << bad;
    EXPECT_FALSE(reply.field_error("file").empty()) << reply.raw;
  }
  EXPECT_EQ(upload("imports", "").status, 422);
  EXPECT_TRUE(api->get("trackers?archived=all", token).body["items"].empty());
}

TEST_F(DataTest, DeletingAnAccountLeavesNothingBehind) {
  seed();
  export_file("json");
  ASSERT_EQ(api->post("reports", {{"from", "2026-05-01T00:00:00Z"}, {"to", "2026-05-08T00:00:00Z"}}, token).status,
            202);
  api->get("trackers", token);  // something cached
  const auto me = api->get("me", token).body["user"]["id"].get<int>();
  ASSERT_EQ(api->delete_account(token).status, 204);
  worker.reset();  // let nothing run after

  for (const char* table :
       {"users WHERE id = ?", "sessions WHERE user_id = ?", "trackers WHERE user_id = ?", "jobs WHERE user_id = ?",
        "emails WHERE user_id = ?", "logs WHERE tracker_id IN (SELECT id FROM trackers WHERE user_id = ?)",
        "log_slots WHERE tracker_id IN (SELECT id FROM trackers WHERE user_id = ?)"}) {
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM ") + table, {std::int64_t{me}}), 0) << table;
  }
  EXPECT_EQ(redis.cli("--scan --pattern qself:cache:" + std::to_string(me) + ":*"), "");
}
